"""Every common shape of a unit, as a small document each: headings, numbering, tables, furniture.

The documents are written here (truth by construction); each test reads one through the whole
pipeline and checks units, outcomes and criteria, and that nothing is lost silently.
"""

import pytest

from extract.normalise.identifiers import qualification_check_digit, unit_check_letter
from extract.layout.lines import to_lines
from extract.pipeline import extract_document
from extract.readers.source import read_source
from extract.repair.other_column import repair_other_column


def ref(digits: str) -> str:
    return f"{unit_check_letter(digits)}/{digits[:3]}/{digits[3:]}"


QN = "603/1234/" + qualification_check_digit("6031234")
R1, R2 = ref("6158201"), ref("6158202")
FRONT = f"Level 3 Certificate in Warehouse Operations\nQualification number: {QN}\n\n"
LOS = [("1", "Understand how goods are received", [("1.1", "Describe the checks made when goods arrive"),
                                                   ("1.2", "Explain why damaged goods are recorded")]),
       ("2", "Be able to store goods safely", [("2.1", "Carry out a stock rotation"),
                                              ("2.2", "Use handling equipment safely")])]


def read(tmp_path, text: str, name: str = "spec.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path)


def outline(unit) -> list:
    return [(lo.number, lo.text, [(ac.number, ac.text) for ac in lo.assessment_criteria])
            for lo in unit.learning_outcomes]


def codes(doc) -> set[str]:
    return {w.code for w in doc.warnings}


def rows(lo_fmt: str = "{n} {t}", ac_fmt: str = "{n} {t}") -> str:
    out = []
    for n, t, acs in LOS:
        out.append(lo_fmt.format(n=n, t=t))
        out += [ac_fmt.format(n=a, t=x) for a, x in acs]
    return "\n".join(out) + "\n"


def first_criteria(doc, reference=R1) -> list:
    """The criteria texts of the first outcome of the unit ``reference``."""
    unit = next(u for u in doc.units if u.reference == reference)
    return [a.text for a in unit.learning_outcomes[0].assessment_criteria]


def expect(doc, reference=R1, number=None, title="Receive goods into a warehouse"):
    unit = next(u for u in doc.units if u.reference == reference)
    assert (unit.number, unit.title) == (number, title)
    assert outline(unit) == [(n, t, list(acs)) for n, t, acs in LOS]
    assert not codes(doc) & {"criteria_not_extracted", "outcomes_not_found", "unit_header_unrecognised"}
    return unit


@pytest.mark.parametrize("heading", [
    "Unit 301: Receive goods into a warehouse",
    "### Unit 301: Receive goods into a warehouse",
    "Unit 301 \u2013 Receive goods into a warehouse",
    "Unit 301 - Receive goods into a warehouse",
    "Unit 301. Receive goods into a warehouse",
    "Unit 301 - Receive goods into a\nwarehouse",  # the title wrapped onto the next line
])
def test_numbered_headings_with_reference_in_facts(tmp_path, heading):
    text = FRONT + f"{heading}\nUnit reference: {R1}\nLevel: 3\nCredit value: 6\nGLH: 40\n\n" + rows()
    unit = expect(read(tmp_path, text), number="301")
    assert (unit.level, unit.credits, unit.glh) == (3, 6, 40)


def test_one_digit_unit_number_and_reference_in_parentheses(tmp_path):
    text = FRONT + f"Unit 1 Receive goods into a warehouse ({R1})\n\n" + rows()
    expect(read(tmp_path, text), number="1")


@pytest.mark.parametrize("wrapped", [
    f"Unit 301 Receive goods into a warehouse\n({R1})",
    f"Unit 301 Receive goods into a\nwarehouse ({R1})",
    f"Unit 301 Receive goods into a warehouse (\n{R1})",
])
def test_heading_whose_reference_wraps_onto_the_next_line(tmp_path, wrapped):
    text = FRONT + wrapped + "\n\n" + rows() + f"\nUnit 302 Despatch orders\n({R2})\n\n1 Understand picking\n1.1 Describe picking methods\n"
    doc = read(tmp_path, text)
    expect(doc, number="301")
    second = next(u for u in doc.units if u.reference == R2)
    assert outline(second) == [("1", "Understand picking", [("1.1", "Describe picking methods")])]


def test_unit_title_row_with_reference_in_the_facts_table(tmp_path):
    facts = f"| Unit title | Receive goods into a warehouse |\n| Unit reference | {R1} |\n| Level | 3 |\n| Credit value | 6 |\n| GLH | 40 |\n\n"
    unit = expect(read(tmp_path, FRONT + facts + rows()))
    assert (unit.level, unit.credits, unit.glh) == (3, 6, 40)


def test_unit_details_in_one_row_are_facts_not_an_outcome(tmp_path):
    text = FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\nUnit level 3 Credit value 6 GLH 40\n\n" + rows()
    unit = expect(read(tmp_path, text), number="301")
    assert (unit.level, unit.credits, unit.glh) == (3, 6, 40)


@pytest.mark.parametrize("lo_fmt,ac_fmt", [
    ("{n}. {t}", "{n}. {t}"),                      # 1. / 1.1.
    ("LO{n} {t}", "AC{n} {t}"),                    # LO1 / AC1.1
    ("LO {n}: {t}", "AC {n} {t}"),
    ("Learning outcome {n}: {t}", "{n} {t}"),
    ("Outcome {n} {t}", "{n} {t}"),                # no colon after the number
    ("Learning outcome {n} \u2013 {t}", "{n} {t}"),
])
def test_numbering_shapes(tmp_path, lo_fmt, ac_fmt):
    text = FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + rows(lo_fmt, ac_fmt)
    expect(read(tmp_path, text), number="301")


def test_outcome_headings_with_a_learner_can_marker(tmp_path):
    body = "".join(f"Outcome {n} {t}\nThe learner can:\n" + "".join(f"{a} {x}\n" for a, x in acs) + "\n"
                   for n, t, acs in LOS)
    text = FRONT + f"Unit 301 Receive goods into a warehouse\nUnit reference: {R1}\n\n" + body
    expect(read(tmp_path, text), number="301")


def test_markdown_pipe_table_with_a_third_column_that_is_not_criteria(tmp_path):
    table = ["| Learning outcomes | Assessment criteria | Indicative content |", "|---|---|---|"]
    for n, t, acs in LOS:
        for k, (a, x) in enumerate(acs):
            table.append(f"| {n + ' ' + t if k == 0 else ''} | {a} {x} | Delivery notes, forms, e.g. {a} |")
    text = FRONT + f"## Unit 301: Receive goods into a warehouse ({R1})\n\n" + "\n".join(table) + "\n"
    expect(read(tmp_path, text), number="301")


def test_grading_criteria_are_kept_apart_from_assessment_criteria(tmp_path):
    grid = "\nGrading criteria\nP1 describe the checks made on arrival\nM1 explain the checks\nD1 evaluate the checks\n"
    text = FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + rows() + grid
    expect(read(tmp_path, text), number="301")


def test_dated_footer_with_page_number_is_furniture(tmp_path):
    text = FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + rows() + "\nVersion 1.0 September 2025 Page 3\n"
    expect(read(tmp_path, text), number="301")


def test_a_sentence_s_wrapped_end_that_ends_several_pages_is_not_a_running_footer(tmp_path):
    """Form-feed pages each end with the footer and the page number; on two of four pages the
    last criterion wraps its last words ("the warehouse team") onto the page's last text line.
    The same text at the same edge of enough pages, but a lower-case line with no number or
    address is a sentence's end, not a title: it stays the criterion's."""
    footer = "Warehouse Operations \u2013 Issue 2 \u2013 \u00a9 Awarding Body 2025"
    pages = [FRONT + f"Unit {R1} Receive goods\nLevel: 2\n\n1 Understand how goods are received\n"
             "1.1 Describe the checks made when goods arrive\n",
             "1.2 Explain why damaged goods are reported to\nthe warehouse team\n",
             "2 Be able to store goods safely\n2.1 Carry out a stock rotation agreed with\nthe warehouse team\n",
             "2.2 Use handling equipment safely\n"]
    text = "\f".join(f"{body}\n{footer}\n{n}\n" for n, body in enumerate(pages, 1))
    doc = read(tmp_path, text)
    texts = [a.text for lo in doc.units[0].learning_outcomes for a in lo.assessment_criteria]
    assert texts == ["Describe the checks made when goods arrive", "Explain why damaged goods are reported to the warehouse team",
                     "Carry out a stock rotation agreed with the warehouse team", "Use handling equipment safely"]


def test_a_misnumbered_criterion_is_reported_not_silently_dropped(tmp_path):
    body = rows().replace("2.1 Carry out", "1.1 Carry out")
    doc = read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body)
    missed = [w for w in doc.warnings if w.code == "criteria_not_extracted"]
    assert [w.location.line for w in missed] == [body.splitlines().index("1.1 Carry out a stock rotation") + 6]  # 3 front lines, heading, blank
    assert doc.quality.criterion_coverage < 1


def test_an_unknown_heading_is_reported_and_its_unit_is_not_silent(tmp_path):
    text = FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + rows() + \
        "\nMODULE 7 DESPATCH ORDERS\n1 Understand picking\n1.1 Describe picking methods\n"
    doc = read(tmp_path, text)
    assert "unit_header_unrecognised" in codes(doc)


def test_a_unit_listed_without_outcomes_is_reported(tmp_path):
    text = FRONT + f"Mandatory units\n{R2} Despatch orders 3 4\n\n" + \
        f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + rows()
    doc = read(tmp_path, text)
    empty = [w for w in doc.warnings if w.code == "outcomes_not_found"]
    assert [w.unit for w in empty] == [R2] and doc.quality.units_without_outcomes == [R2]


def test_a_text_that_is_not_a_specification_is_an_error(tmp_path):
    from extract.readers.source import SourceError

    with pytest.raises(SourceError, match="not a qualification specification"):
        read(tmp_path, "# A project README\n\nOCR text files are read. See 500/8817/8 for an example.\n", "README.md")


@pytest.mark.parametrize("order", [("reference", "number", "title", "level", "credits", "glh"),
                                   ("number", "title", "reference", "glh", "credits", "level")])
def test_structure_table_columns_found_by_their_header_names(tmp_path, order):
    names = {"reference": "Unit reference", "number": "Unit no.", "title": "Unit title", "level": "Level",
             "credits": "Credit", "glh": "GLH"}
    values = {"reference": R2, "number": "302", "title": "Despatch orders", "level": "2", "credits": "4", "glh": "30"}
    table = "\n".join(["| " + " | ".join(names[k] for k in order) + " |", "|" + "---|" * 6,
                       "| " + " | ".join(values[k] for k in order) + " |"])
    text = FRONT + "A minimum of 4 credits from Group B and a total of 10 credits are required.\n\n" \
        f"Group B optional units\n{table}\n\nUnit 301: Receive goods into a warehouse ({R1})\n\n" + rows()
    doc = read(tmp_path, text)
    listed = next(u for u in doc.units if u.reference == R2)
    assert (listed.number, listed.title, listed.level, listed.credits, listed.glh) == ("302", "Despatch orders", 2, 4, 30)
    assert doc.qualification.min_credits is None  # "4 credits from Group B" is the group's share
    assert doc.qualification.groups[0].min_credits == 4


@pytest.mark.parametrize("rule, expected", [
    # the qualification's minimum wrapped before "credits", then each group's share
    ("To achieve the qualification, learners must achieve a minimum of 34\ncredits:\n"
     "\u2022 Learners must achieve all 17 credits from Group A\n"
     "\u2022 Learners must achieve a minimum of 17 credits and a maximum of 26 credits from Group B\n", 34),
    # the amount wrapped onto the next line with "credits"
    ("To achieve the qualification, learners must achieve a minimum\nof 27 credits.\n"
     "\u2022 Learners must achieve all 17 credits from Group A\n", 27),
    # only group shares, one with a maximum too: no qualification minimum
    ("Learners must achieve a minimum of 6 credits and a maximum of 9 credits from Group B.\n", None),
])
def test_the_qualification_minimum_is_never_a_group_share(tmp_path, rule, expected):
    text = FRONT + rule + f"\nUnit 301: Receive goods into a warehouse ({R1})\n\n" + rows()
    assert read(tmp_path, text).qualification.min_credits == expected


def test_a_wrapped_qualification_title_is_completed_from_the_running_header(tmp_path):
    """The cover wraps the title ("... in Supporting Individuals" / "with Learning
    Disabilities"); the running header prints it whole on every page: the whole form is the
    title. Printed whole only once, a longer form is not taken."""
    cover = "Level 3 Certificate in Supporting Individuals\nwith Learning Disabilities\nQualification specification\n\n"
    header = "Level 3 Certificate in Supporting Individuals with Learning Disabilities (RQF) - Issue 2\n"
    unit = f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + rows()
    doc = read(tmp_path, cover + f"Qualification number: {QN}\n\n" + header + unit + "\n" + header + "Notes\n")
    assert doc.qualification.title == "Level 3 Certificate in Supporting Individuals with Learning Disabilities (RQF)"
    once = read(tmp_path, cover + f"Qualification number: {QN}\n\n" + header + unit, name="once.txt")
    assert once.qualification.title == "Level 3 Certificate in Supporting Individuals"


def test_profile_printed_in_a_table(tmp_path):
    text = f"Level 3 Certificate in Warehouse Operations\n\n| Qualification number | {QN} |\n" \
        "| Total qualification time (TQT) | 120 |\n| Guided learning hours (GLH) | 80 |\n| Minimum credits | 10 |\n\n" \
        f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + rows()
    q = read(tmp_path, text).qualification
    assert (q.number, q.tqt, q.glh, q.min_credits) == (QN, 120, 80, 10)


LAYOUT = f"""Level 3 Certificate in Warehouse Operations
Qualification number: {QN}

Unit 301: Receive goods into a warehouse ({R1})

 Learning outcomes                   Assessment criteria                      Indicative content
 The learner will:                   The learner can:
 1 Understand how goods are          1.1 Describe the checks made when        Delivery notes,
 received                            goods arrive                             forms
                                  1.2 Explain why damaged goods are
                                     recorded
 2 Be able to store goods            2.1 Carry out a stock rotation           Stock records
 safely                              2.2 Use handling equipment safely
\f
Warehouse specification            Page 2
Unit 302: Despatch orders ({R2})
 Learning outcomes                   Assessment criteria
 1 Understand picking                1.1 Describe picking methods
"""


def test_pdftotext_layout_text_is_read_by_its_columns(tmp_path):
    """Columns side by side, a wrapped outcome interleaved with its criteria, a criterion that
    strays left of its column's heading, and a third column that is not criteria."""
    doc = read(tmp_path, LAYOUT)
    expect(doc, number="301")
    second = next(u for u in doc.units if u.reference == R2)
    assert outline(second) == [("1", "Understand picking", [("1.1", "Describe picking methods")])]
    first = next(u for u in doc.units if u.reference == R1)
    assert first.learning_outcomes[0].assessment_criteria[1].location.line == 10  # file line, as grep -n counts


def test_title_with_connectors_and_facts_row_led_by_the_reference(tmp_path):
    text = f"Highfield Level 1 Certificate in Supporting Individuals with Learning Disabilities (RQF)\n" \
        f"Qualification number: {QN}\n\nUnit 3 Receive goods into a warehouse\n" \
        f"Unit reference: {R1}    Level: 1    Credits: 9    Guided learning hours:\n54\n\n" + rows()
    doc = read(tmp_path, text)
    assert doc.qualification.title == "Highfield Level 1 Certificate in Supporting Individuals with Learning Disabilities (RQF)"
    unit = expect(doc, number="3")
    assert (unit.level, unit.credits, unit.glh) == (1, 9, 54)


def test_plain_pdftotext_three_columns_criteria_resume_after_the_content_column(tmp_path):
    """Plain pdftotext prints a table column by column: the indicative content heading and its
    bullets come between criteria; the criteria column goes on with the next number."""
    body = "1 Understand how goods are received\n1.1 Describe the checks made when goods arrive\n\n" \
        "Indicative content\n\n\u2022 Delivery notes: types\n1.2 Explain why damaged goods are recorded\n" \
        "2 Be able to store goods safely\n2.1 Carry out a stock rotation\n2.2 Use handling equipment safely\n"
    expect(read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body), number="301")


def test_plain_pdftotext_criteria_column_resumes_with_the_next_outcome_s_first_criterion(tmp_path):
    """The content heading falls between outcome 1's last criterion and outcome 2's first: the
    criteria column goes on at 2.1, and outcome 2's text printed after the column is its own."""
    body = "Learning outcomes\n1 Understand how goods are received\n\nAssessment criteria\n" \
        "1.1 Describe the checks made when goods arrive\n1.2 Explain why damaged goods are recorded\n\n" \
        "Indicative content\n\n2.1 Carry out a stock rotation\n2.2 Use handling equipment safely\n\n" \
        "\u2022 delivery notes\n\n2 Be able to store goods safely\n"
    expect(read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body), number="301")


def test_an_outcome_printed_after_the_third_column_s_heading_is_read(tmp_path):
    """Plain pdftotext prints the third column's heading between outcome 1's criteria and
    outcome 2's row: the heading stops the criteria, and outcome 2 (the outcome after the last
    one read, its first criterion 2.1 below it) resumes the table, its wrapped line with it."""
    body = ("Learning outcomes\n1 Understand how goods are received\n\nAssessment criteria\n"
            "1.1 Describe the checks made when goods arrive\n1.2 Explain why damaged goods are recorded\n\n"
            "Unit amplification\n\n2 Be able to store goods\nsafely\n\n2.1 Carry out a stock rotation\n"
            "2.2 Use handling equipment safely\n")
    expect(read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body), number="301")


def test_a_hyphen_plain_pdftotext_dropped_at_a_line_break_is_restored_from_the_document(tmp_path):
    """"cross-" / "contamination" comes out of plain pdftotext as "crosscontamination": the
    document prints "cross-contamination" elsewhere, so the joined word is written that way; a
    joined form that is a word of its own ("online" beside "on-line") and one the document never
    prints hyphenated ("stocktake") stay as they are."""
    body = ("1 Understand how goods are received\n1.1 Describe the checks made to prevent crosscontamination\n"
            "1.2 Explain how on-line records of a stocktake are kept online\n"
            "2 Be able to store goods safely\n2.1 Explain why cross-contamination matters\n")
    doc = read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body)
    texts = [a.text for lo in doc.units[0].learning_outcomes for a in lo.assessment_criteria]
    assert texts[:2] == ["Describe the checks made to prevent cross-contamination",
                         "Explain how on-line records of a stocktake are kept online"]
    assert any(w.code == "text_repaired" and "crosscontamination -> cross-contamination" in w.message for w in doc.warnings)


def test_a_joined_line_shows_where_a_lost_hyphen_was_even_in_a_real_word(tmp_path):
    """pdftotext moves the line after "e-" up onto it: "emails" is a word of its own, so it is
    written "e-mails" (as the document prints it elsewhere) only on a line longer than the lines
    around it, where the text up to the hyphen fits them; "up-todate" gets its lost second hyphen."""
    body = ("1 Understand how to keep records up-to-date\n1.1 Describe how e-mails are filed in the\n"
            "office and how they are kept\n1.2 Explain the benefits and limitations of emails and agendas\n"
            "1.3 Explain why records are kept up-todate\n1.4 Compare emails with letters\n")
    doc = read(tmp_path, FRONT + f"Unit 301: Keep office records ({R1})\n\n" + body)
    texts = [a.text for lo in doc.units[0].learning_outcomes for a in lo.assessment_criteria]
    assert texts[1:] == ["Explain the benefits and limitations of e-mails and agendas",
                         "Explain why records are kept up-to-date", "Compare emails with letters"]
    assert sum(w.code == "text_repaired" and "hyphen lost" in w.message for w in doc.warnings) == 2


@pytest.mark.parametrize("criterion, expected", [
    ("Explain the benefits and limitations of the emails", "Explain the benefits and limitations of the e-mails"),
    ("Compare emails with letters", "Compare emails with letters")])
def test_a_joined_form_printed_nowhere_else_needs_only_a_line_longer_than_its_neighbours(tmp_path, criterion, expected):
    """The document prints "e-mails" elsewhere and "emails" only once, at the end of a line two
    characters longer than any line around it (pdftotext moved "mails" up): restored. The same
    word on a line no longer than its neighbours (where nothing was joined) stays."""
    body = ("1 Understand how to keep records\n1.1 Describe how letters are filed in the office and\n"
            f"how they are kept\n1.2 {criterion}\n1.3 Explain why records are kept in the office and\n"
            "why e-mails are filed\n")
    doc = read(tmp_path, FRONT + f"Unit 301: Keep office records ({R1})\n\n" + body)
    texts = [a.text for lo in doc.units[0].learning_outcomes for a in lo.assessment_criteria]
    assert texts[1] == expected


@pytest.mark.parametrize("glyph", ["\u00a5", "$", "\u20ac"])
def test_a_reference_whose_letter_ocr_read_as_a_mark_is_the_unit_s_from_its_digits(tmp_path, glyph):
    """OCR reads a reference's check letter as a look-alike mark (``\u00a5/615/8201`` for Y, ``$``
    for S, ``\u20ac`` for E): the digits give the letter, so the unit keeps its reference (with a
    ``reference_repaired`` warning), not a unit of its own without one."""
    printed = glyph + R1[1:]
    doc = read(tmp_path, FRONT + f"Unit title: Receive goods into a warehouse\nUnit reference: {printed}\nLevel: 2\n\n" + rows())
    assert [u.reference for u in doc.units] == [R1]
    assert any(w.code == "reference_repaired" and printed in w.message for w in doc.warnings)


def test_guidance_keyed_by_criterion_numbers_is_not_read_as_criteria(tmp_path):
    guidance = "\nAssessment guidance\n1.1 Checks can include counting and inspecting.\n2.2 Equipment such as pallet trucks.\n"
    expect(read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + rows() + guidance), number="301")


def test_criteria_printed_as_bullets_are_numbered_in_order_with_a_warning(tmp_path):
    body = "".join(f"Outcome {n}: {t}\nThe learner can:\n" + "".join(f"\u2022 {x}\n" for _, x in acs) + "\n"
                   for n, t, acs in LOS)
    doc = read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body)
    expect(doc, number="301")
    assert sum(w.code == "number_inferred" for w in doc.warnings) == 2  # one per outcome


def test_all_criteria_of_an_outcome_in_one_cell_are_a_list_not_overlaid_text(tmp_path):
    """One ruled cell holding an outcome's criteria in order, their wording alike (rules only
    between outcome rows): read as the criteria, not skipped as an overlaid copy."""
    acs = ["Describe the importance of stock control in the warehouse, with reference to stock records",
           "Explain the importance of stock control in the warehouse",
           "List the types of stock records used in the warehouse and how they are kept",
           "State the importance of stock control in the warehouse for their own role"]
    cell = " ".join(f"1.{k} {t}" for k, t in enumerate(acs, start=1))
    text = FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n| Learning outcomes | Assessment criteria |\n" \
        f"|---|---|\n| 1 Understand stock control | {cell} |\n"
    unit = next(u for u in read(tmp_path, text).units if u.reference == R1)
    assert outline(unit) == [("1", "Understand stock control", [(f"1.{k}", t) for k, t in enumerate(acs, start=1)])]


def test_facts_table_read_column_by_column_is_paired_with_a_warning(tmp_path):
    """Plain pdftotext: the facts table's labels, the outcome column, then the values."""
    body = "Receive goods into a warehouse\nUnit title\nUnit reference\nLevel\nCredit value\nGLH\n" \
        "Learning outcomes\n\n" + rows() + f"\nReceive goods into a\nwarehouse\n{R1}\n3\n6\n40\n"
    doc = read(tmp_path, FRONT + body)
    unit = expect(doc)
    assert (unit.level, unit.credits, unit.glh) == (3, 6, 40)
    assert sum(w.code == "text_repaired" and "column by column" in w.message for w in doc.warnings) == 5


def test_number_labels_over_their_values_are_paired_in_order(tmp_path):
    """Plain pdftotext reads a facts row ``Level | Credits | GLH`` over ``2 | 6 | 40`` as the
    labels, then the values: each label takes the number in its place (not GLH the first)."""
    body = f"Unit {R1} Receive goods into a warehouse\nUnit level\nCredits\nGuided learning hours\n\n2\n6\n40\n\n" + rows()
    doc = read(tmp_path, FRONT + body)
    unit = expect(doc)
    assert (unit.level, unit.credits, unit.glh) == (2, 6, 40)
    assert sum(w.code == "text_repaired" and "column by column" in w.message for w in doc.warnings) == 3
    short = read(tmp_path, FRONT + body.replace("\n40\n", "\n"), name="short.txt")  # a value missing: not paired
    assert (short.units[0].level, short.units[0].credits, short.units[0].glh) == (None, None, None)
    assert sorted(w.message.split(":")[0] for w in short.warnings if w.code == "facts_unpaired") == ["credits", "glh", "level"]
    assert not any(w.code == "facts_unpaired" for w in doc.warnings)  # paired: nothing missing


def test_number_labels_whose_values_follow_the_other_column(tmp_path):
    """The reading order prints the facts labels, the outcome column beside them, then the
    values with the criteria running on after them (no blank line): the values are still paired,
    in order; a paragraph passed over that holds a reference (another table) stops the search."""
    outcomes = "\n\n".join(f"{n} {t}" for n, t, _ in LOS)
    criteria = "\n".join(f"{a} {x}" for _, _, acs in LOS for a, x in acs)
    body = f"Unit {R1} Receive goods into a warehouse\nUnit level\nCredits\nGLH\nLearning outcomes - the learner will:\n" \
        f"{outcomes}\n\n2\n6\n40\nAssessment criteria - the learner can:\n{criteria}\n"
    doc = read(tmp_path, FRONT + body)
    unit = expect(doc)
    assert (unit.level, unit.credits, unit.glh) == (2, 6, 40)
    other = read(tmp_path, FRONT + body.replace("\n\n2\n6\n40\n", f"\n\n{R1} 9\n\n2\n6\n40\n"), name="other.txt")
    assert (other.units[0].level, other.units[0].credits, other.units[0].glh) == (None, None, None)


def test_profile_labels_over_values_with_a_wrapped_title(tmp_path):
    """The qualification profile read column by column: six labels, then their values with
    the title wrapped over two lines (the extra line is the title's); a value of the wrong
    kind (text where a number belongs) pairs nothing."""
    labels = "Qualification title\nOfqual qualification number\nLevel\nTotal qualification time\nGuided learning hours\nCredit value\n"
    values = f"Level 3 Certificate in Warehouse\nOperations and Logistics\n{QN}\n3\n120\n80 hours\n12\n"
    body = f"\nUnit 301: Receive goods into a warehouse ({R1})\n\n" + rows()
    q = read(tmp_path, "Qualification profile\n" + labels + "\n" + values + body).qualification
    assert (q.title, q.number, q.tqt, q.glh) == ("Level 3 Certificate in Warehouse Operations and Logistics", QN, 120, 80)
    wrong = read(tmp_path, "Qualification profile\n" + labels + "\n" + values.replace("\n120\n", "\nsee below\n") + body,
                 name="wrong.txt").qualification
    assert (wrong.tqt, wrong.glh) == (None, None)


@pytest.mark.parametrize("lead", [True, False])
def test_profile_values_read_before_their_labels(tmp_path, lead):
    """The reading order printed the profile's value column before its labels, the first
    label (``Qualification title``) alone above the values or with the others below them: the
    labels below are paired with the paragraph above, in order, each value of its label's kind."""
    labels = "Ofqual qualification number\nLevel\nTotal qualification time (TQT)\nGuided learning hours (GLH)\nCredit value\n"
    values = f"Level 3 Certificate in Warehouse\nOperations and Logistics\n{QN}\n3\n120\n80\n12\n"
    top, below = ("Qualification title\n\n", labels) if lead else ("", "Qualification title\n" + labels)
    body = f"\nUnit 301: Receive goods into a warehouse ({R1})\n\n" + rows()
    doc = read(tmp_path, "Qualification profile\n" + top + values + "\n" + below + body)
    q = doc.qualification
    assert (q.title, q.number, q.level, q.tqt, q.glh) == (
        "Level 3 Certificate in Warehouse Operations and Logistics", QN, 3, 120, 80)
    assert sum(w.code == "text_repaired" and "column by column" in w.message for w in doc.warnings) == 6


@pytest.mark.parametrize("label", ["UAN", "Unit accreditation number (UAN)", "URN", "Unit reference number"])
def test_reference_label_alone_over_its_value(tmp_path, label):
    """Plain pdftotext prints a facts table's label and value on lines of their own: every
    reference label takes the reference below it (blank lines between)."""
    body = f"Unit 301: Receive goods into a warehouse\nLevel\n\n2\n\nCredit value\n\n6\n\n{label}\n\n{R1}\n\n" + rows()
    unit = expect(read(tmp_path, FRONT + body), number="301")
    assert (unit.level, unit.credits) == (2, 6)


def test_ocr_text_facts_without_colons_and_a_third_column_heading(tmp_path):
    """OCR text of a unit-details table (cell borders lost: no colons) and of a three-column
    LO|AC table whose third column's heading stands among the column markers."""
    text = FRONT + f"Unit title Receive goods into a warehouse\nUnit reference {R1}\n\nLevel 3\n\nCredit value 6\n\n" \
        "Learning outcomes\n(The learner will)\n\nAssessment criteria\n(The learner can)\n\nIndicative content\n\n" + rows()
    unit = expect(read(tmp_path, text))
    assert (unit.level, unit.credits) == (3, 6)


def test_facts_printed_as_label_then_value_lines(tmp_path):
    text = "TQUK Level 2 Diploma in Plastering (RQF)\n" + f"Qualification number: {QN}\n\n" \
        f"Unit 01 Receive goods into a warehouse\n\nUnit reference\n\n{R1}\n\nUnit level\n\n3\n\nCredit value\n\n6\n\nGLH\n\n40\n\n" + rows()
    doc = read(tmp_path, text)
    assert doc.qualification.title == "TQUK Level 2 Diploma in Plastering (RQF)" and doc.awarding_body == "TQUK"
    unit = expect(doc, number="01")
    assert (unit.level, unit.credits, unit.glh) == (3, 6, 40)


def test_outcome_repeated_in_each_criterion_row_of_plain_text_gets_its_second_line_back(tmp_path):
    """Plain pdftotext of a table that repeats the outcome in every row: outcome line 1 and
    criterion line 1 share a line, then the outcome's line 2, then the criterion's. The same
    second line after every repetition is the outcome's (LO/AC numbering: not in the specimens)."""
    rows = []
    for n, first, rest in [("1", "Describe the checks made when", "goods arrive at the bay"),
                           ("2", "Explain why damaged goods", "are recorded"), ("3", "State the rules", None)]:
        rows += [f"LO1 Understand how goods are received AC1.{n} {first}", "at the warehouse door"]
        rows += [rest] if rest else []
    doc = read(tmp_path, FRONT + f"Unit {R1} Receive goods\nLevel: 2\n\n" + "\n".join(rows) + "\n")
    assert outline(doc.units[0]) == [("1", "Understand how goods are received at the warehouse door", [
        ("1.1", "Describe the checks made when goods arrive at the bay"), ("1.2", "Explain why damaged goods are recorded"),
        ("1.3", "State the rules")])]
    assert sum(w.code == "text_repaired" for w in doc.warnings) == 3


def test_an_outcome_row_seen_once_is_not_repaired(tmp_path):
    doc = read(tmp_path, FRONT + f"Unit {R1} Receive goods\nLevel: 2\n\n"
               "1 Understand how goods are received 1.1 Describe the checks made when\ngoods arrive\n"
               "1.2 Explain why damaged goods are recorded\n")
    assert "text_repaired" not in codes(doc)
    assert outline(doc.units[0])[0][2][0] == ("1.1", "Describe the checks made when goods arrive")


def test_third_column_bullets_between_numbered_criteria_are_set_apart_in_text(tmp_path):
    """OCR text of an LO | AC | guidance table: the guidance column's bullets (read by OCR as
    "¢", "«") stand as paragraphs between the criteria; they are not criterion text."""
    body = ("Learning outcomes\n\nAssessment criteria\n\nDelivery guidance\n\n"
            "1 Understand how goods are received\n\n1.1 Describe the checks made when\ngoods arrive\n\n"
            "¢ delivery notes\n\n1.2 Explain why damaged goods are\nrecorded\n\n« damage reports and\nphotographs\n\n"
            "2 Be able to store goods safely\n\n2.1 Carry out a stock rotation « FIFO and\n\n2.2 Use handling equipment safely\n")
    doc = read(tmp_path, FRONT + f"Unit {R1} Receive goods\nLevel: 2\n\n" + body)
    assert outline(doc.units[0]) == [(n, t, list(acs)) for n, t, acs in LOS]
    assert any(w.code == "text_repaired" and "third-column" in w.message for w in doc.warnings)


def test_a_third_column_named_only_where_the_reading_order_reaches_it(tmp_path):
    """Plain pdftotext prints the third column's heading after the first criteria, far from the
    LO | AC headings: standing alone between blank lines it names the column all the same, and
    the bullet paragraphs after it are not criterion text."""
    body = ("Learning outcomes\n\nAssessment criteria\n\nThe learner will:\n\nThe learner can:\n\n"
            "1 Understand how goods are received\n\n1.1 Describe the checks made when\ngoods arrive\n"
            "1.2 Explain why damaged goods are\nrecorded\n\nAmplification\n\n\u2022 Delivery notes: types,\npurposes\n\n"
            "2 Be able to store goods safely\n\n2.1 Carry out a stock rotation\n\n\u2022 Stock rotation: FIFO\n\n"
            "2.2 Use handling equipment safely\n")
    doc = read(tmp_path, FRONT + f"Unit {R1} Receive goods\nLevel: 2\n\n" + body)
    assert outline(doc.units[0]) == [(n, t, list(acs)) for n, t, acs in LOS]
    assert any(w.code == "text_repaired" and "third-column" in w.message for w in doc.warnings)


def test_a_criterion_s_wrapped_word_that_the_third_column_also_prints_alone_stays_the_criterion_s(tmp_path):
    """Plain pdftotext: the amplification column's bullet paragraph wraps "store" onto a line of
    its own, and so does criterion 1.2. The column's line goes on from its bullet line; the
    criterion's goes on from "... in the cold", a pair ("cold store") the document prints
    outside the column twice: the criterion's wrap, not the column's."""
    body = ("Learning outcomes\n\nAssessment criteria\n\nAmplification\n\n1 Understand how goods are stored\n\n"
            "1.1 Describe the checks made when goods arrive\n\n\u2022 Storage areas: dry, chilled, cold\nstore\n\n"
            "1.2 Explain how chilled stock is kept in the cold\nstore\n\n2 Be able to store goods safely\n\n"
            "2.1 Check the cold store daily\n2.2 Keep the cold store door shut\n")
    doc = read(tmp_path, FRONT + f"Unit {R1} Receive goods\nLevel: 2\n\n" + body)
    assert outline(doc.units[0]) == [
        ("1", "Understand how goods are stored", [("1.1", "Describe the checks made when goods arrive"),
                                                  ("1.2", "Explain how chilled stock is kept in the cold store")]),
        ("2", "Be able to store goods safely", [("2.1", "Check the cold store daily"), ("2.2", "Keep the cold store door shut")])]


def test_an_outcome_left_open_goes_on_after_its_first_criterion_s_one_line(tmp_path):
    """Plain pdftotext prints an LO | AC row's cells block by block: the outcome's first line,
    its first criterion's only line, then the outcome's other lines. The outcome ends on "of"
    (it must go on) and "the" does not go on from "... arrive": the lines are the outcome's
    ("received note" the document prints again), with a warning, not the criterion's."""
    body = ("1 Understand the purpose of\n1.1 List the documents used when goods arrive\nthe goods received\nnote\n"
            "1.2 Describe the checks made on a goods received note\n2 Be able to store goods safely\n"
            "2.1 Carry out a stock rotation\n")
    doc = read(tmp_path, FRONT + f"Unit {R1} Receive goods\nLevel: 2\n\n" + body)
    assert outline(doc.units[0]) == [
        ("1", "Understand the purpose of the goods received note",
         [("1.1", "List the documents used when goods arrive"), ("1.2", "Describe the checks made on a goods received note")]),
        ("2", "Be able to store goods safely", [("2.1", "Carry out a stock rotation")])]
    assert sum(w.code == "text_repaired" and "outcome's continuation" in w.message for w in doc.warnings) == 2


def test_an_outcome_s_words_left_of_its_next_criterion_number_are_the_outcome_s(tmp_path):
    """OCR text prints an LO | AC row line by line: the outcome's second line, then on the same
    line criterion 1.2. Words left of a criterion number are the outcome column's, not the
    open criterion's (with a warning); a speck read as a digit there is nobody's word."""
    body = ("1 Understand how goods are 1.1 Describe the checks made when goods arrive\n\n"
            "received 1.2 Explain why damaged goods are recorded\n\n"
            "2 Be able to store goods safely 2.1 Carry out a stock rotation\n\n8 2.2 Use handling equipment safely\n")
    doc = read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body)
    expect(doc, number="301")
    assert any(w.code == "text_repaired" and "'received' printed left of criterion 1.2" in w.message for w in doc.warnings)


def test_bulleted_criteria_are_not_taken_for_a_third_column(tmp_path):
    body = ("Learning outcomes\n\nAssessment criteria\n\nGuidance\n\n1 Understand how goods are received\n\n"
            "• Describe the checks made when goods arrive\n\n• Explain why damaged goods are recorded\n")
    path = tmp_path / "spec.txt"
    path.write_text(FRONT + f"Unit {R1} Receive goods\nLevel: 2\n\n" + body, encoding="utf-8")
    lines = to_lines(read_source(path).lines)
    assert repair_other_column(lines) == [] and not any(l.noise for l in lines)


def test_the_outcome_marker_wrapped_over_two_lines_is_not_an_outcome(tmp_path):
    body = ("Learning outcomes\n\nAssessment criteria\n\nOn completion of this\nunit a learner should:\n\n"
            "The learner can:\n\n1 Understand how goods are\nreceived\n\n1.1 Describe the checks made when goods arrive\n"
            "1.2 Explain why damaged goods are recorded\n")
    doc = read(tmp_path, FRONT + f"Unit {R1} Receive goods\nLevel: 2\n\n" + body)
    assert outline(doc.units[0]) == [LOS[0][:2] + (list(LOS[0][2]),)]


@pytest.mark.parametrize("body, lo_text, ac_texts", [
    # plain pdftotext prints an LO | AC row's first line of both cells as one line, then each
    # cell's lines apart: a line no wider than the outcome column goes whole to the cell it
    # continues ("a stock" is a pair the document prints), not cut without evidence on both sides
    ("1 Understand how goods are received\n1.1 Describe the checks made when goods arrive\n"
     "1.2 Carry out a stock rotation\n\n"
     "2 Understand how to carry out a 2.1 Record information on racking systems\nstock count\n"
     "accurately and legibly\n2.2 Use handling equipment safely\n",
     "Understand how to carry out a stock count",
     ["Record information on racking systems accurately and legibly", "Use handling equipment safely"]),
    # text wraps only when the next word does not fit: the row's criterion line is far shorter
    # than the unit's widest criterion line that wraps (a full line), so "in" would have fitted
    # on it; the next line is the outcome's alone, not cut between the two
    ("1 Know the documents used when receiving goods 1.1 List the documents used when goods arrive\n"
     "1.2 Describe the checks made on goods received notes and on delivery notes before\nuse\n\n"
     "3 Understand the role of the warehouse 3.1 Compare scanners with labels\n"
     "in the supply chain in the warehouse\n3.2 Describe the principles of stock control\n",
     "Understand the role of the warehouse in the supply chain in the warehouse",
     ["Compare scanners with labels", "Describe the principles of stock control"]),
])
def test_a_flattened_row_s_later_lines_go_to_the_cell_they_continue(tmp_path, body, lo_text, ac_texts):
    unit = next(u for u in read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body).units)
    lo = unit.learning_outcomes[1]
    assert (lo.text, [a.text for a in lo.assessment_criteria]) == (lo_text, ac_texts)


def test_third_column_lines_woven_between_the_criteria_are_set_apart(tmp_path):
    """Plain pdftotext weaves a third column's lines between the criteria's: a line opening with
    a bullet, and a line the column prints word for word in a bullet paragraph elsewhere
    ("checks, records"), are the column's, and so are three or more of its words at the end of
    a criterion's line ("stock counts and checks"); after a criterion cut on "the" the same words
    ("warehouse") finish the criterion."""
    body = ("Learning outcomes\nAssessment criteria\nIndicative content\n\n"
            "1 Understand how goods are received\n1.1 Describe the checks made when goods\n"
            "\u2022 Goods in: types,\narrive at the warehouse\nchecks, records\nwarehouse\n"
            "1.2 Explain why damaged goods are recorded in the\nwarehouse stock counts and checks\n\n"
            "\u2022 Damage: types,\nchecks, records\nwarehouse\n\n\u2022 Storage: stock counts and checks\n\n"
            "2 Be able to store goods safely\n2.1 Carry out a stock rotation\n2.2 Use handling equipment safely\n")
    doc = read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body)
    assert first_criteria(doc) == [
        "Describe the checks made when goods arrive at the warehouse",
        "Explain why damaged goods are recorded in the warehouse"]
    assert any(w.code == "text_repaired" and "third-column" in w.message for w in doc.warnings)


def test_third_column_lines_woven_one_for_one_or_beside_a_criterion_go_on_from_the_column(tmp_path):
    """The column prints "+ Pallets: sizes, loads and" then "weights" in a bullet paragraph.
    Woven between the criteria, its next line "weights" is the column's, though the line before
    it is left open ("and", "of"):
    * after the column's line printed beside a criterion's;
    * one criterion line after the column's line (column, criterion, column, criterion).
    A line the criterion ends with, printed twice one criterion line after the column's
    ("racking" / "racking"), is the column's once and the criterion's once."""
    body = ("Learning outcomes\nAssessment criteria\nUnit amplification\n\n"
            "1 Be able to store goods safely\n\n"
            "+ Pallets: sizes, loads and\nweights\n\n+ Racking: types, checks,\nracking\n\n"
            "1.1 Stack pallets to the agreed height + Pallets: sizes, loads and\nweights\n"
            "1.2 Check that goods stacked on\n+ Pallets: sizes, loads and\nthe lower shelves of\nweights\n"
            "the racking are secure\n"
            "+ Racking: types, checks,\n1.3 Describe the checks made on\nracking\nracking\n"
            "1.4 Use handling equipment safely\n")
    assert first_criteria(read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body)) == [
        "Stack pallets to the agreed height", "Check that goods stacked on the lower shelves of the racking are secure",
        "Describe the checks made on racking", "Use handling equipment safely"]


def test_a_line_the_third_column_prints_is_the_outcome_s_when_its_line_beside_the_criterion_is_left_open(tmp_path):
    """Plain pdftotext prints an outcome's first line and its first criterion's as one line,
    the outcome left open ("in the"), then "depot": a line the column prints too. The criterion
    is finished, but the outcome beside it reads on ("the depot" is a pair the document
    prints), so the line is no column's: it finishes the outcome."""
    body = ("Learning outcomes\nAssessment criteria\nGuidance\n\n"
            "1 Understand how goods are stored in the 1.1 Describe the racking used\ndepot\n"
            "1.2 Explain how pallets are moved around the depot\n\n"
            "\u2022 Racking: types, checks,\ndepot\n\n"
            "2 Know how to dispatch goods from the depot\n2.1 List the documents checked at the depot\n")
    doc = read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body)
    unit = next(u for u in doc.units if u.reference == R1)
    assert unit.learning_outcomes[0].text == "Understand how goods are stored in the depot"
    assert [a.text for a in unit.learning_outcomes[0].assessment_criteria] == [
        "Describe the racking used", "Explain how pallets are moved around the depot"]


def test_criteria_column_resumes_after_the_content_column_when_printed_out_of_order(tmp_path):
    """Plain pdftotext printed 1.2 after 2.1, then the third column's heading and bullets,
    then 2.2: the criteria column goes on at the successor of outcome 2's last criterion."""
    body = ("1 Understand how goods are received\n\n1.1 Describe the checks made when goods arrive\n\n"
            "2 Be able to store goods safely\n\n2.1 Carry out a stock rotation\n\n"
            "1.2 Explain why damaged goods are recorded\n\nUnit amplification\n\n\u2022 Delivery notes: types\n\n"
            "2.2 Use handling equipment safely\n")
    expect(read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body), number="301")


def test_a_numbered_line_after_guidance_that_keys_no_criterion_is_reported(tmp_path):
    """Notes after a guidance heading key criteria printed before (not reported); a number
    printed there for the first time that the criteria do not take is a criterion not extracted."""
    guidance = "\nAssessment guidance\n1.1 Checks can include counting.\n2.4 Explain how stock is rotated\n"
    doc = read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + rows() + guidance)
    missed = [w.message for w in doc.warnings if w.code == "criteria_not_extracted"]
    assert len(missed) == 1 and "2.4" in missed[0]


def test_profile_labels_whose_values_were_not_read_are_reported(tmp_path):
    """The profile's TQT and GLH labels printed alone with no value found: both left empty,
    each with a facts_unpaired warning (not a silent gap); paired ones raise none."""
    body = f"\nUnit 301: Receive goods into a warehouse ({R1})\n\n" + rows()
    doc = read(tmp_path, "Qualification profile\nTotal qualification time (TQT)\nGuided learning hours\n\nsee the table\n" + FRONT + body)
    assert (doc.qualification.tqt, doc.qualification.glh) == (None, None)
    assert sorted(w.message.split(":")[0] for w in doc.warnings if w.code == "facts_unpaired") == ["qualification glh", "qualification tqt"]
    paired = read(tmp_path, "Total qualification time (TQT): 120\nGuided learning hours: 80\n" + FRONT + body, name="paired.txt")
    assert (paired.qualification.tqt, paired.qualification.glh) == (120, 80)
    assert not any(w.code == "facts_unpaired" for w in paired.warnings)


def test_criteria_column_starts_after_a_heading_the_reading_order_put_above_it(tmp_path):
    """The outcomes, then a grading heading (which ends criteria), then the criteria column from
    1.1: nothing was read yet, so 1.1 starts the column; notes after the criteria stay out."""
    outcomes = "\n\n".join(f"{n} {t}" for n, t, _ in LOS)
    criteria = "\n".join(f"{a} {x}" for _, _, acs in LOS for a, x in acs)
    body = f"Learning outcomes\n\n{outcomes}\n\nGrading grid\n\n{criteria}\n\nAssessment guidance\n1.1 Checks can include counting.\n"
    expect(read(tmp_path, FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body), number="301")


def _unit_page(title: str, reference: str = "") -> str:
    facts = f"Unit reference: {reference}\n" if reference else ""
    return f"Unit 2 - {title}\n{facts}Level: 2\nCredit value: 3\n\n" + rows()


def test_a_number_two_units_share_never_files_one_under_the_others_reference(tmp_path):
    doc = read(tmp_path, FRONT + _unit_page("Receive goods into a warehouse", R1) + "\n" + _unit_page("Store goods safely", R2))
    assert [(u.reference, u.number, u.title) for u in doc.units] == [
        (R1, "2", "Receive goods into a warehouse"), (R2, "2", "Store goods safely")]
    assert all(outline(u) == [(n, t, list(acs)) for n, t, acs in LOS] for u in doc.units)


@pytest.mark.parametrize("listed", [False, True])
def test_a_unit_whose_reference_is_unread_is_kept_apart_or_matched_by_title(tmp_path, listed):
    """The second unit prints no reference (OCR lost it) and the first unit's number: it is the
    structure's unit of its title when the structure lists one, else a unit of its own."""
    table = ("Mandatory units\n| Unit title | Unit reference | Level | Credit value |\n|---|---|---|---|\n"
             f"| Receive goods into a warehouse | {R1} | 2 | 3 |\n| Store goods safely | {R2} | 2 | 3 |\n\n")
    text = FRONT + (table if listed else "") + _unit_page("Receive goods into a warehouse", R1) + "\n" \
        + _unit_page("Store goods safely")
    doc = read(tmp_path, text)
    first = expect(doc, number="2")
    second = next(u for u in doc.units if u is not first)
    assert (second.reference, second.title) == (R2 if listed else None, "Store goods safely")
    assert outline(second) == outline(first)
    warned = [w for w in doc.warnings if w.code == "unit_reference_unread"]
    assert len(warned) == 1 and ("Store goods safely" in warned[0].message)


def test_plain_pdftotext_an_outcome_left_open_takes_its_last_line_printed_after_a_criterion(tmp_path):
    """Plain pdftotext prints the outcome's last line after a criterion's: the outcome's text
    so far ends on a word no text ends with ("into the"), the criterion's is whole, and the
    document prints the pair ("the warehouse") elsewhere: the line is the outcome's, with a
    warning. Where the criterion is left open too, the line stays the criterion's."""
    body = ("1 Understand how goods are received into the\n1.1 Describe the checks made when goods arrive\n"
            "1.2 Explain why damaged goods are recorded\nwarehouse\n"
            "2 Be able to store goods safely in the\n2.1 Carry out a stock rotation of the\nwarehouse\n")
    guidance = "\nAssessment guidance\nLearners show goods received into the warehouse and the warehouse kept safe.\n"
    doc = read(tmp_path, FRONT + f"Unit 301: Receive goods into the warehouse ({R1})\n\n" + body + guidance)
    assert outline(doc.units[0]) == [
        ("1", "Understand how goods are received into the warehouse",
         [("1.1", "Describe the checks made when goods arrive"), ("1.2", "Explain why damaged goods are recorded")]),
        ("2", "Be able to store goods safely in the", [("2.1", "Carry out a stock rotation of the warehouse")])]
    assert any(w.code == "text_repaired" and "outcome 1: 'warehouse'" in w.message for w in doc.warnings)
