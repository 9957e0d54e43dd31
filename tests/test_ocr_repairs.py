"""OCR repairs of scanned pages: the marks around outcome and criterion numbers
(``repair.ocr_numbers``) and damaged words inside a sentence (``repair.confusions``)."""

import pytest

from extract.layout.lines import Line
from extract.normalise.text import clean_text
from extract.normalise.identifiers import unit_check_letter
from extract.repair.ocr_numbers import repair_numbers
from extract.repair.specks import repair_specks


def _line(*cells: str) -> Line:
    return Line(number=7, page=3, cells=list(cells), raw="\t".join(cells))


@pytest.mark.parametrize("cells, repaired", [
    (["\u2013 3.2 Record the readings"], ["3.2 Record the readings"]),  # a rule read as a dash before it
    (["~6.1.prepare the site"], ["6.1 prepare the site"]),  # a speck before, its dot glued on
    (["", ";: ?; 1.2 explain the rules"], ["", "1.2 explain the rules"]),  # specks with spaces between
    (["", "'3,4 Check the stock"], ["", "3.4 Check the stock"]),  # a quote before, a comma for its dot
    (["3 Know how", "3;2"], ["3 Know how", "3;2"]),  # no word after it: not an opening
    (["7,5:Agree the plan"], ["7.5 Agree the plan"]),
    (["LO3 Know", "AG3.2 Sort the files"], ["LO3 Know", "AC3.2 Sort the files"]),  # a damaged AC label
    (["LO6 Plan", "ACX6.4 Plan a route"], ["LO6 Plan", "AC6.4 Plan a route"]),
    (["LO2 Plan", "AC 2.4 Plan"], ["LO2 Plan", "AC 2.4 Plan"]),  # printed form: left alone
    (["B. Know the law", "8.1 State the law"], ["8. Know the law", "8.1 State the law"]),  # outcome 8 read as B
    (["LOZ Know the law", "AC2.1 State"], ["LO2 Know the law", "AC2.1 State"]),
    (["3, Be able to lift"], ["3. Be able to lift"]),
    (["4; Know the rules", "4.2 State"], ["4. Know the rules", "4.2 State"]),
    (["5.. Know the rules"], ["5. Know the rules"]),  # a speck after its full stop
    (["t.01 Know the law", "AC1.1 State"], ["LO1 Know the law", "AC1.1 State"]),  # a damaged LO label
    (["lOS3 Know the law", "AC3.1 State"], ["LO3 Know the law", "AC3.1 State"]),  # ... and its digit read twice
    (['"1 Understand the law', "1.1 State the law"], ["1 Understand the law", "1.1 State the law"]),  # a speck before it
])
def test_misread_number_marks_are_put_right(cells, repaired):
    line = _line(*cells)
    found = repair_numbers([line])
    assert line.cells == repaired
    assert bool(found) == (cells != repaired)
    assert line.text == " ".join(c for c in repaired if c)


@pytest.mark.parametrize("cells", [
    ["B. Know the law", "7.1 State the law"],  # the criterion beside it is outcome 7's, not 8's
    ['"2 Understand the law', "1.1 State the law"],  # a speck, but not beside outcome 2's first criterion
    ["A learner will", "4.1 Describe"],  # a capital opening prose, no mark after it
    ["S. Be able to"],  # no criterion beside it: no evidence
    ["t.01 Know the law", "AC2.1 State"],  # beside outcome 2's criterion
    ["LO1: Know the law", "AC1.1 State"],  # the label as printed
    ["2,500 learners took part"],  # a number with a thousands comma
    ["2... Know the rules"],  # an ellipsis
    ["1.3 Explain the rules"],
])
def test_number_openings_without_evidence_are_left_alone(cells):
    line = _line(*cells)
    assert repair_numbers([line]) == [] and line.cells == cells


@pytest.mark.parametrize("damaged, clean", [
    ("Compiete the form", "Complete the form"),  # i for l
    ("Store the fiies safely", "Store the fiies safely"),  # "files" or "flies": left as read
    ("Check the vaives", "Check the valves"),
    ("Explain the rofe of a supervisor", "Explain the role of a supervisor"),  # f for r
    ("Use the equipment safeiy", "Use the equipment safely"),
    ("Describe the ruies oftheir team", "Describe the rules of their team"),
    ("Label the samples forthe laboratory", "Label the samples for the laboratory"),  # a lost space
    ("Keep records ofthe visits", "Keep records of the visits"),
    ("Sort the goods bysize", "Sort the goods by size"),
    ("Follow the schoo! rules", "Follow the school rules"),  # l read as "!"
    ("gutline the hazards", "Outline the hazards"),  # an opening verb the corpus never printed
])
def test_lookalike_letters_and_lost_spaces_are_repaired(damaged, clean):
    text, repairs = clean_text([damaged])
    assert text == clean
    assert bool(repairs) == (damaged != clean)


@pytest.mark.parametrize("text", ["Use the Makaton signs", "Record FIFO and LIFO stock", "Clean the bylaw signs",
                                  "Adjust the inline valves", "Check the kit list"])
def test_words_and_names_are_not_repaired(text):
    assert clean_text([text]) == (text, [])


@pytest.mark.parametrize("damaged, clean", [
    ("Clean the floor-and walls", "Clean the floor and walls"),  # a speck read as a hyphen
    ("Explain why safety-is important", "Explain why safety is important"),
    ("Keep the records'up to date", "Keep the records up to date"),  # ... as an apostrophe
    ("Name the tools {for example, drills)", "Name the tools (for example, drills)"),  # a bracket read as a brace
    ("Name the tools (for example, drills}", "Name the tools (for example, drills)"),
    ("List the hazards of the site:", "List the hazards of the site"),  # a speck after the last word
    ("Know the causes of waste within . ateam", "Know the causes of waste within a team"),  # a dot standing apart
    ("Explain the role of a. team leader", "Explain the role of a team leader"),  # after the article
    ("Identify the types of, files used", "Identify the types of files used"),  # a comma after "of"
    ("s Understand the law", "Understand the law"),  # a lone letter before the first word
    ("Record the readings accurately and: legibly", "Record the readings accurately and legibly"),  # after a function word
    ("Work in line with agreed' ways of working", "Work in line with agreed ways of working"),  # no possessive
    ("Explain the use of-protective clothing", "Explain the use of protective clothing"),  # a hyphen after a function word
    ("Arrange the chairs and-tables", "Arrange the chairs and tables"),
    ("Explain why it is important to book'a room", "Explain why it is important to book a room"),  # before "a"
    ("Check''the gauges daily", "Check the gauges daily"),  # two apostrophes read for one speck
    ("Define the term.'risk assessment'", "Define the term 'risk assessment'"),  # a speck glued to the quote
    ("Define the term ''method statement'", "Define the term 'method statement'"),  # the quote doubled
    ("Define the term 'method statement\"", "Define the term 'method statement'"),  # its close read as a double quote
    ("Define the term 'near miss", "Define the term 'near miss'"),  # its close lost where the text ends
    ("\\dentify the hazards", "Identify the hazards"),  # a backslash read for a capital I
    ("Plan _ and prioritise the work", "Plan and prioritise the work"),  # a mark standing alone between words
    ("Mix the mortar to the = specified ratio", "Mix the mortar to the specified ratio"),
    ("Mix the mortar to the =' specified ratio", "Mix the mortar to the specified ratio"),  # specks beside it
])
def test_marks_joining_words_are_put_right(damaged, clean):
    text, repairs = clean_text([damaged])
    assert text == clean and (repairs or damaged.endswith(":"))


@pytest.mark.parametrize("text", ["Use a drop-in session and a plug-in heater", "Keep the day-to-day log",
                                  "Check the client's and the centre's files", "Agree it with the learners' tutors",
                                  "Use {braces} as printed", "Define the term 'firewall' and its use",
                                  "Describe the checks: spelling and grammar", "List the aids (e.g. hearing aids, signs)",
                                  "Use the e.g.'s list", "Define 'a'", "Read the learner's notes",
                                  "Quote the \"safe system\" and 'permit' rules", "Explain why 1 credit = 10 hours",
                                  "Describe: a. the role b. the duties", "Plan and, where possible, act",
                                  "I Understand the law"])
def test_printed_marks_are_left_alone(text):
    assert clean_text([text]) == (text, [])


def _ref(digits: str) -> str:
    return f"{unit_check_letter(digits)}/{digits[:3]}/{digits[3:]}"


@pytest.mark.parametrize("digits, printed", [
    ("6501281", "{l}/6S0/1281"),  # 5 read as S
    ("5012345", "{l}/5O1/2345"),  # 0 as O
    ("6101874", "{l}/61O/I874"),  # two look-alikes: 0 as O, 1 as I
])
def test_reference_lookalike_digits_are_repaired_when_the_check_letter_confirms(digits, printed):
    good = _ref(digits)
    line = _line("Unit reference", printed.format(l=good[0]))
    found = repair_numbers([line])
    assert line.cells == ["Unit reference", good]
    assert "its check letter confirms" in found[0][1]


def test_reference_lookalikes_the_check_letter_refuses_are_left_alone():
    good = _ref("6501281")
    wrong = next(x for x in "ADFHJKLMRTY" if x != good[0])  # a letter the repaired digits do not give
    line = _line("Unit reference", f"{wrong}/6S0/1281")
    assert repair_numbers([line]) == [] and line.cells[1] == f"{wrong}/6S0/1281"


def test_text_without_ocr_gets_only_its_references_repaired():
    good = _ref("6501281")
    line = _line(f"2,1 Check the stock {good[0]}/6S0/1281")
    repair_numbers([line], openings=False)
    assert line.cells == [f"2,1 Check the stock {good}"]


@pytest.mark.parametrize("cells, clean", [
    (["Unit 03 Apply make-up", ":"], ["Unit 03 Apply make-up"]),  # a speck cell: the heading is one cell again
    (["Unit level ;", "4"], ["Unit level", "4"]),
    (["The learner will:", "The learner can: ."], ["The learner will:", "The learner can:"]),
    (["/ The learner will:", "The learner can:"], ["The learner will:", "The learner can:"]),
    (["1 Know the law", "", "\u00ab"], ["1 Know the law"]),
    (["1.1 State the law", "=", "legislation"], ["1.1 State the law", "", "legislation"]),  # the column stays
    (["", ":", "2.1 State"], ["", "", "2.1 State"]),  # an empty outcome cell stays
])
def test_specks_at_cell_edges_are_dropped(cells, clean):
    line = _line(*cells)
    assert repair_specks([line]) and line.cells == clean


@pytest.mark.parametrize("cells", [
    ["Unit 2 - Process returned goods"],  # a printed dash
    ["- Describe the checks"],  # a list's dash
    ["Learners must:", "e.g. pallets, cages"],
    ["Explain how to store goods (e.g."],
    ["Level", "3"],
])
def test_printed_marks_at_cell_edges_are_kept(cells):
    line = _line(*cells)
    assert repair_specks([line]) == [] and line.cells == cells


def test_a_speck_s_cell_before_a_bullet_goes():
    line = Line(number=7, page=3, cells=[".", "describe the styles"], raw=".\t* describe the styles",
                parts=[".", "* describe the styles"])  # clean-up took "*"
    assert repair_specks([line]) and line.cells == ["describe the styles"]


@pytest.mark.parametrize("cells, repaired", [
    (["Unit leve!", "2"], ["Unit level", "2"]),  # "!" read for "l"
    (["Credit vatue", "8"], ["Credit value", "8"]),
    (["Guided learning hours {GLH}: 110"], ["Guided learning hours (GLH): 110"]),  # braces for brackets
    (["Total qualification time (TQT}: 170"], ["Total qualification time (TQT): 170"]),
])
def test_fact_labels_ocr_misread_are_read_as_labels(cells, repaired):
    from extract.repair.labels import repair_labels

    line = _line(*cells)
    assert len(repair_labels([line])) == 1 and line.cells == repaired


@pytest.mark.parametrize("cells", [["Credit value", "8"], ["Explain the leve! of risk"], ["The leaming zone"],
                                   ["Credit vatue and cost of the units in the group of this qualification"]])
def test_cells_that_are_labels_or_no_label_when_repaired_are_left_alone(cells):
    """A label read right, a sentence (too long for a label), and a repair that makes no label
    ("leaming" would be "looming")."""
    from extract.repair.labels import repair_labels

    line = _line(*cells)
    assert repair_labels([line]) == [] and line.cells == cells


def test_a_facts_row_whose_value_ends_with_a_speck_is_still_a_facts_row():
    """OCR reads a speck after a value as a full stop (``Credit Value: 3.``), or a rule's trace
    between two pairs as a glyph apart (``6 © GLH``, ``5 . GLH``): the row is still nothing
    but label/value pairs; a decimal (``3.5``) and a title (``Level 3. Certificate``, ``Level 3 .
    Certificate``) are not."""
    from extract.parse.facts import row_facts

    assert row_facts("Unit Level: 2\tCredit Value: 3.\tGLH: 17") == {"level": 2, "credits": 3, "glh": 17}
    assert row_facts("Credit Value: 6 \u00a9 GLH: 46") == {"credits": 6, "glh": 46}
    assert row_facts("Unit Level: 3 . Credit Value: 5") == {"level": 3, "credits": 5}
    assert row_facts("Credit value 3.5") == {} and row_facts("Level 3. Certificate in Cookery") == {}
    assert row_facts("Level 3 . Certificate in Cookery") == {}


def test_the_learner_read_with_an_f_or_a_speck_after_it_is_still_the_marker():
    from extract.parse import patterns as P

    assert P.AC_MARKER.search("The fearner can:") and P.LO_MARKER.search("The fearner will:")
    assert P.AC_MARKER.search("To meet this outcome the learner.can:") and P.LO_MARKER.search("The learner , will:")
    assert not P.AC_MARKER.search("The learners can")


def test_an_outcome_heading_whose_colon_ocr_read_as_a_semicolon_or_comma():
    from extract.parse import patterns as P

    assert P.OUTCOME_LINE.match("Learning outcome 2; Understand how to").groups() == ("2", "Understand how to")
    assert P.OUTCOME_LINE.match("Outcome 3, Know the law").groups() == ("3", "Know the law")
    assert not P.OUTCOME_LINE.match("Outcome 12,000 learners took part")
