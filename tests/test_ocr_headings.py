"""OCR damage to what frames the criteria: a table header's headings misread, a header row read
as one line, an outcome's digit read as a letter under the outcome before it, a running header
read in two parts, and a real word another column's phrase would rewrite.

Each document is written here (truth by construction) in a shape the specimen seeds do not
print, and read through the whole pipeline where it can be.
"""

import pytest

from extract.layout.lines import Line
from extract.normalise.identifiers import qualification_check_digit
from extract.parse import patterns as P
from extract.repair.ocr_numbers import repair_numbers
from test_ocr_text import outline, read, ref

QN = "603/1234/" + qualification_check_digit("6031234")
R1 = ref("6157302")
FRONT = f"Level 2 Certificate in Bakery Skills\nQualification number: {QN}\n\n"


@pytest.mark.parametrize("cells, roles", [
    (["Learning outcames", "Assesss=5: criteria", "Unit amolification"], {0: "lo", 1: "ac", 2: "other"}),
    (["Leaming outcome", "Assessmert criteria:", "lndicative content"], {0: "lo", 1: "ac", 2: "other"}),
    (["The leamer wiil:", "The Iearner cam:"], {0: "lo", 1: "ac"}),
])
def test_headings_ocr_misread_still_name_their_columns(cells, roles):
    assert P.column_roles(cells) == roles


@pytest.mark.parametrize("cells", [
    ["Learning outcomes and", "and assessment criteria"],  # a heading's words in a sentence
    ["Learning centres", "Assessment centres"],  # other words of the same shape
    ["Leaning out", "Assess a criterion"],
])
def test_cells_that_only_resemble_headings_name_no_column(cells):
    assert P.column_roles(cells) is None


@pytest.mark.parametrize("text, roles", [
    ("Learning outcomes Assessment criteria", {0: "lo", 1: "ac"}),
    ("Assessment criteria Unit amplification", {0: "ac", 1: "other"}),
    ("On completion of this unit the learner can describe the assessment criteria", None),  # a sentence
    ("Learning outcomes and assessment criteria", None),  # the section's heading, no header row
])
def test_a_header_row_read_as_one_line(text, roles):
    assert P.squeezed_roles(text) == roles


def _line(number: int, *cells: str) -> Line:
    return Line(number=number, page=2, cells=list(cells), raw="\t".join(cells))


def test_an_outcome_digit_read_as_a_letter_under_the_outcome_before_it():
    """Outcomes printed as a column of their own, their criteria far below: "LOS" under "LO4"
    is outcome 5 (a warning says so); under "LO2" it stays as read."""
    lines = [_line(1, "LO4 Be able to bake bread for"), _line(2, "service"), _line(3, "LOS Be able to store flour")]
    found = repair_numbers(lines)
    assert lines[2].cells == ["LO5 Be able to store flour"] and len(found) == 1 and "'LOS' -> 'LO5'" in found[0][1]
    lines = [_line(1, "LO2 Be able to bake bread"), _line(2, "LOS Be able to store flour")]
    assert repair_numbers(lines) == [] and lines[1].cells == ["LOS Be able to store flour"]
    lines = [_line(1, "4. Know the ovens"), _line(2, "S. Be able to store flour")]  # no label: its full stop
    repair_numbers(lines)
    assert lines[1].cells == ["5. Be able to store flour"]


def test_outcomes_in_a_column_of_their_own_after_a_running_header_read_in_two_parts(tmp_path):
    """Flattened OCR text: the page's running header read as its head at the page's top and its
    rest further down (its columns read one after the other); outcome 2's digit read as "Z"
    ("LOZ" under "LO1"); on the next page the column header read as one line."""
    header = "Specification: Example Awards Level 2 Certificate in Bakery Skills"
    page1 = f"{header}\n\nUnit 03 Bake bread ({R1})\nLevel: 2\n\nIntroduction to the unit\n"
    page2 = ("Specification: Example Awards Level 2\n\nLearning outcomes\nThe learner will:\n\n"
             "LO1 Know how to prove\ndough\n\nLOZ Be able to bake loaves\n\nCertificate in Bakery Skills\n\n"
             "Assessment criteria\nThe learner can:\n\n1.1 Describe how to prove dough\n\n2.1 Bake a tin loaf\n")
    page3 = (f"{header}\n\nLearning outcomes Assessment criteria\nThe learner will: The learner can:\n\n"
             "2.2 Check the loaf is baked\n")
    doc = read(tmp_path, FRONT + "\f".join([page1, page2, page3]))
    assert outline(doc.units[0]) == [
        ("1", "Know how to prove dough", [("1.1", "Describe how to prove dough")]),
        ("2", "Be able to bake loaves", [("2.1", "Bake a tin loaf"), ("2.2", "Check the loaf is baked")])]
    assert any("'LOZ' -> 'LO2'" in w.message for w in doc.warnings)


def test_a_word_a_unit_title_prints_is_not_rewritten_to_a_phrase_the_criteria_repeat(tmp_path):
    """"food safety" in an outcome, "store food safely" in three criteria: one look-alike letter
    apart, but the unit's title prints "food safety", so the outcome keeps it."""
    body = (f"Unit 03 Maintain food safety in the bakery ({R1})\nLevel: 2\n\n"
            "Learning outcome 1 - Understand the principles of food safety\nThe learner can:\n"
            "1.1 Explain why to store food safely\n1.2 Describe how to store food safely\n"
            "1.3 State the law on how to store food safely\n")
    doc = read(tmp_path, FRONT + body)
    assert doc.units[0].learning_outcomes[0].text == "Understand the principles of food safety"
    assert not any("safety -> safely" in w.message for w in doc.warnings)


def test_a_third_column_under_a_header_ocr_damaged_is_not_criteria(tmp_path):
    """A three-column table whose header row OCR misread ("Unit amolification"): the third
    column's notes are no part of the criteria."""
    body = (f"Unit 03 Bake bread ({R1})\nLevel: 2\n\n"
            "Learning outcames\tAssesss=5: criteria\tUnit amolification\n"
            "1 Know how to prove dough\t1.1 Describe how to prove dough\t* Proving: time, temperature\n"
            "\t1.2 State the proving temperature\t* Ovens: types\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [("1", "Know how to prove dough", [
        ("1.1", "Describe how to prove dough"), ("1.2", "State the proving temperature")])]


@pytest.mark.parametrize("cells, named", [
    (["On comoletion of this unit a", "The learner can:"], True),  # the header's next line, OCR damaged
    (["learner should:", ""], True),
    (["On completion of the course learners", "1.1 State the rules"], False),  # a criterion beside it
    (["1 Know how to plan", "The learner can:"], False),
])
def test_a_header_s_next_line_names_its_columns_though_ocr_damaged_its_opening(cells, named):
    assert P.heading_cells(cells) == named
