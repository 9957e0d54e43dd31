"""Stage tests on small snippets, one per layout trap in the corpus."""

from extract.layout.lines import to_lines
from extract.parse.outcomes import parse_outcomes


def parse(text: str):
    lines = to_lines([(None, i, t) for i, t in enumerate(text.split("\n"), start=1)])
    los, warnings = parse_outcomes(lines, "X/000/0000")
    return {lo.number: (lo.text, [(a.number, a.text) for a in lo.assessment_criteria]) for lo in los}, warnings


def codes(warnings):
    return {w.code for w in warnings}


def test_column_split_numbers_then_texts_with_ocr_numbers():
    los, w = parse("""Learning Outcome - The learner will:

1 Understand the use of a service
partnership

2 Be able to deliver customer
service
 Assessment Criterion - The learner can:

11

1.2

2.1

Explain the roles of the
partners

Explain the advantages of using
a service partnership

Identify the levels of authority
""")
    assert los["1"] == ("Understand the use of a service partnership",
                        [("1.1", "Explain the roles of the partners"),
                         ("1.2", "Explain the advantages of using a service partnership")])
    assert los["2"] == ("Be able to deliver customer service", [("2.1", "Identify the levels of authority")])
    assert "numbering_repaired" in codes(w)


def test_missing_number_in_column_is_inferred_and_warned():
    los, w = parse("""Learning Outcome - The learner will:
1 Understand x
2 Be able to y
 Assessment Criterion - The learner can:
1.1
1.2
2.2
Explain one

Explain two

Identify three

Identify four
""")
    assert [a for a, _ in los["2"][1]] == ["2.1", "2.2"]
    assert "number_inferred" in codes(w)


def test_criteria_run_together_split_at_command_verbs():
    los, _ = parse("""Learning Outcome - The learner will:
1 Be able to measure
 Assessment Criterion - The learner can:
1.1
1.2
Benchmark performance against agreed measures
Identify anomalies and problems
""")
    assert [t for _, t in los["1"][1]] == ["Benchmark performance against agreed measures",
                                           "Identify anomalies and problems"]


def test_tab_rows_with_wrapped_outcome_and_missing_number():
    los, w = parse("Learning Outcome - The learner will:\tAssessment Criterion - The learner can:\n"
                   "1 Understand how knowledge resources are used\t1.1 Explain the structure\n"
                   "delivery\t1.2 Explain the uses\n"
                   "\t Explain the input routines\n"
                   "\t1.4 Explain the content\n")
    assert los["1"][0] == "Understand how knowledge resources are used delivery"
    assert [a for a, _ in los["1"][1]] == ["1.1", "1.2", "1.3", "1.4"]
    assert "number_inferred" in codes(w)


def test_outcome_column_lost_gives_null_texts_and_warning():
    los, w = parse("Assessment Criterion - The learner can:\n1.1 Describe a\n1.2 Explain b\n2.1 Identify c\n")
    assert los["1"][0] is None and los["2"][0] is None
    assert "outcome_text_missing" in codes(w)


def test_garbled_region_is_not_a_criterion():
    garbage = " ".join(["a Explain the importance of marketing 1.3 a Explain media tools 1.4"] * 6)
    los, w = parse("Learning Outcome - The learner will:\tAssessment Criterion - The learner can:\n"
                   f"{garbage}\t\t1.1 Explain the role of social media\n")
    assert los["1"][1] == [("1.1", "Explain the role of social media")]
    assert "garbled_text" in codes(w)


def test_assessment_guidance_and_evidence_are_not_criteria():
    los, _ = parse("""The learner will:
- 1 Understand customers
The learner can:
- 1.1 Explain the distinctions
- 1.2 Explain how **cultural factors** affect expectations
**Assessment guidance**
**Assessment criteria:**
1.2 **Cultural factors** can include:
- stories portrayed in the media
Evidence requirements
- 1 Your evidence should be collected when carrying out a real job
""")
    assert los == {"1": ("Understand customers", [("1.1", "Explain the distinctions"),
                                                  ("1.2", "Explain how cultural factors affect expectations")])}


def test_city_and_guilds_outcome_headings_and_two_digit_criteria():
    los, _ = parse("""Outcome 3: Understand the rules**Assessment Criteria**

The learner can:

- 3.9 explain the structure of legislation
- 3.10 explain the importance of the regulatory authority
""")
    assert los["3"] == ("Understand the rules", [("3.9", "Explain the structure of legislation"),
                                                 ("3.10", "Explain the importance of the regulatory authority")])


def test_page_number_after_texts_is_not_a_criterion():
    los, _ = parse("Learning Outcome - The learner will:\n1 Understand x\n"
                   " Assessment Criterion - The learner can:\n1.1\n\nExplain one\n\n42\n\n\n\n")
    assert los["1"][1] == [("1.1", "Explain one")]


def test_flattened_two_column_rows_are_split_back_into_columns():
    los, _ = parse("""Learning Outcome - The learner will: Assessment Criterion - The learner can:
1 understand the management 1.1 Justify the reasons for an award programme
of a customer service award
programme 1.2 Explain how to make use of a customer service
award programme as a promotional tool

2 Beableto plan a customer 2.1 Define specific, measurable, achievable, realistic
service award programme and time-bound (SMART) objectives for the award
programme
""")
    assert los["1"] == ("Understand the management of a customer service award programme",
                        [("1.1", "Justify the reasons for an award programme"),
                         ("1.2", "Explain how to make use of a customer service award programme as a promotional tool")])
    assert los["2"] == ("Be able to plan a customer service award programme",
                        [("2.1", "Define specific, measurable, achievable, realistic and time-bound (SMART) "
                                 "objectives for the award programme")])


def test_overlaid_copies_fill_what_the_clean_column_lost():
    from extract.repair.recover import complete_clipped, consensus, extend, fragments, splice

    cells = ["x 2.4 Formulate a vision 2.5 Develop a strategy that is consistent with the overall business "
             "strategy and obje and addresses identified risks 3.2 Analyse the consequences of social engagement "
             "with customers"] * 2
    copies, _ = fragments(cells)
    assert consensus(copies["3.2"]) == "Analyse the consequences of social engagement with customers"
    assert extend("Analyse the consequences of social media", consensus(copies["3.2"])) == \
        "Analyse the consequences of social media engagement with customers"
    assert splice("the overall business strategy and objectives", consensus(copies["2.5"])) == \
        "Develop a strategy that is consistent with the overall business strategy and objectives " \
        "and addresses identified risks"
    assert splice("nothing in common here", consensus(copies["2.5"])) is None
    assert complete_clipped("scope of a social m strategy and its links") == "scope of a social media strategy and its links"


def test_wrapped_criterion_line_starting_with_a_capital_continues_the_criterion():
    # "Customer Records" wraps 1.1 (1.2 follows directly: no number is missing); "Data
    # Protection" wraps the last criterion (no command verb, no number after it).
    los, w = parse("1 Understand customers\t1.1 Explain the purpose of\n"
                   "\tCustomer Records in the shop\n"
                   "\t1.2 Describe how\n"
                   "\tData Protection applies\n")
    assert los["1"][1] == [("1.1", "Explain the purpose of Customer Records in the shop"),
                           ("1.2", "Describe how Data Protection applies")]
    assert "number_inferred" not in codes(w)


def test_unnumbered_last_criterion_opening_with_a_command_verb_is_a_new_criterion():
    los, w = parse("1 Understand customers\t1.1 Explain the purpose of records\n"
                   "\t1.2 Describe how data is kept\n"
                   "\tIdentify the Data Protection Act\n")
    assert [n for n, _ in los["1"][1]] == ["1.1", "1.2", "1.3"]
    assert los["1"][1][2][1] == "Identify the Data Protection Act"
    assert "number_inferred" in codes(w)


def test_plain_pdftotext_prints_a_row_s_first_lines_apart_then_both_cells_next_lines_side_by_side():
    """The outcome's first line alone, the criterion's first line alone, then a line wider than
    any criterion line: it holds the outcome's next words and the criterion's. Split where usual
    word pairs join both parts on and none is cut, with a warning; with no such evidence the
    line stays the criterion's, with a warning that it holds the outcome's words too."""
    los, w = parse("""Learning outcomes
The learner will:
Assessment criteria
The learner can:
2 Understand how to support
2.1 record the care given in line
individuals to make choices with agreed ways of working
and the policies of the setting
2.2 state who is told about damaged
goods and short deliveries
3 Understand how goods are received
3.1 describe the checks made on the
into a warehouse and recorded on the goods when they arrive at the store
3.2 state who is told""")
    assert los["2"] == ("Understand how to support individuals to make choices",
                        [("2.1", "Record the care given in line with agreed ways of working and the policies of the setting"),
                         ("2.2", "State who is told about damaged goods and short deliveries")])
    assert los["3"][0] == "Understand how goods are received"  # nothing guessed onto the outcome
    messages = [x.message for x in w if x.code == "text_repaired"]
    assert any("outcome 2" in m and "'individuals to make choices' | 'with agreed ways of working'" in m for m in messages)
    assert any("outcome 3" in m and "no usual word pair" in m for m in messages)


def test_a_criterion_broken_by_the_table_s_header_repeated_on_the_next_page_goes_on_after_it():
    """Plain pdftotext: the page breaks inside a criterion; the next page repeats the table's
    header over two lines, then the criterion's last words (lower-case). They continue it, with
    a warning, and the criteria after it keep their printed numbers."""
    los, w = parse("""Learning outcomes
The learner will:
Assessment criteria
The learner can:
4 Know how to store chemicals
4.1 state where cleaning chemicals are
kept in the building
4.2 describe the labels used on the

Learning outcomes
The learner will:
Assessment criteria
The learner can:
containers of hazardous chemicals
4.3 explain why spills are reported""")
    assert los["4"][1] == [("4.1", "State where cleaning chemicals are kept in the building"),
                           ("4.2", "Describe the labels used on the containers of hazardous chemicals"),
                           ("4.3", "Explain why spills are reported")]
    assert any(x.code == "text_repaired" and "after a page break" in x.message for x in w)
    assert not any(x.code == "number_inferred" for x in w)


def test_column_markers_as_ocr_misreads_learner_still_mark_the_columns():
    """OCR reads "learner" as "tearner" or "leamer", "will" as "wiil": the header is still the
    table's header, never the first outcome's text."""
    for will, can in (("The tearner will:", "The leamer can:"), ("The Iearner wiil:", "The 1earner can:")):
        los, _ = parse(f"{will}\t{can}\n1 Know the safe use of ladders\t1.1 State the checks made on ladders\n"
                       "\t1.2 Describe how to store ladders")
        assert list(los) == ["1"] and los["1"][0] == "Know the safe use of ladders", will
        assert [n for n, _ in los["1"][1]] == ["1.1", "1.2"]


def test_a_criterion_broken_by_a_page_break_goes_on_after_the_third_column_and_the_furniture():
    """Plain pdftotext prints the page's criteria, then its outcomes and its third column; the
    next page repeats no header: its first line, lower-case, right before the criteria column
    resumes, ends the criterion the break cut. A lower-case line of the third column on a page
    whose criteria do not resume after it stays out."""
    los, w = parse("""Learning outcomes
The learner will:
Assessment criteria
The learner can:
1.1 state where cleaning chemicals are kept
1.2 describe the labels used on the

1 Know how to store chemicals

Indicative content
\u2022 labels
\u2022 storage
\fcontainers of hazardous chemicals
1.3 explain why spills are reported

Indicative content
\u2022 spills
\fand how they are cleaned""")
    assert los["1"] == ("Know how to store chemicals",
                        [("1.1", "State where cleaning chemicals are kept"),
                         ("1.2", "Describe the labels used on the containers of hazardous chemicals"),
                         ("1.3", "Explain why spills are reported")])
    assert sum(x.code == "text_repaired" and "after a page break" in x.message for x in w) == 1
