"""Tesseract text without geometry: marks OCR misreads around the words (a bullet glued to its
word, an outcome's digit read as a letter on a line of its own, a table's column rule read as
``|`` or ``_|``), and a third column's one-word wrap left at the end of a criterion's line.

Each document is written here (truth by construction) in a shape the specimen seeds do not
print, and read through the whole pipeline; every repair leaves a warning.
"""

import pytest

from extract.layout.lines import to_lines
from extract.readers.source import read_source
from extract.repair.bullets import repair_bullets
from test_ocr_text import FRONT, R1, outline, read

UNIT = f"Unit 12 - Serve food at table ({R1})\nLevel: 2\n\n"


def lines_of(tmp_path, text: str):
    path = tmp_path / "scan.txt"
    path.write_text(text, encoding="utf-8")
    return to_lines(read_source(path).lines)


@pytest.mark.parametrize("glyph", ["\u00a2", "\u00ab", "\u25a0"])
def test_a_bullet_glyph_glued_to_its_word_is_a_bullet(tmp_path, glyph):
    """Unnumbered criteria whose bullet OCR read as a glyph no word opens with, glued to the
    word ("¢describe"): each is a criterion, with the repair's warning."""
    body = (UNIT + "Learning outcome 1 - Know how to greet guests\nThe learner can:\n"
            f"{glyph}describe how to greet guests on\narrival\n{glyph}state the house rules on seating\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [
        ("1", "Know how to greet guests", [("1.1", "Describe how to greet guests on arrival"),
                                           ("1.2", "State the house rules on seating")])]
    assert any(w.code == "text_repaired" and repr(glyph) in w.message for w in doc.warnings)


@pytest.mark.parametrize("text", ["*seating* is planned\n*tables* are laid\n", ".5 of the tables\n.5 of the chairs\n",
                                  "+44 20 7946 0000\n+44 20 7946 0001\n"])
def test_a_glyph_glued_to_a_word_that_may_open_one_is_left_alone(tmp_path, text):
    """Emphasis, a decimal, a telephone number: glyphs that open words glued are no bullets."""
    lines = lines_of(tmp_path, text)
    assert repair_bullets(lines) == [] and not any(l.raw.startswith("\u2022") for l in lines)


@pytest.mark.parametrize("heading, below, number", [
    ("LOS Be able to serve food", "The learner can:\n\n5.1 Serve hot food from the left", "5"),
    ("S. Be able to serve food", "5.1 Serve hot food from the left", "5"),
    ("lO4 Be able to serve food", "The learner can:\n4.1 Serve hot food from the left", "4"),
])
def test_an_outcome_digit_misread_on_a_line_of_its_own_is_read_by_the_criterion_below(tmp_path, heading, below, number):
    """The outcome heading stands alone on its line; its first criterion, a line or two below
    (a "The learner can:" line between), confirms the digit OCR read as a letter."""
    doc = read(tmp_path, FRONT + UNIT + f"{heading}\n{below}\n")
    assert outline(doc.units[0]) == [(number, "Be able to serve food", [(f"{number}.1", "Serve hot food from the left")])]
    assert any(w.code == "text_repaired" and "number opening a cell" in w.message for w in doc.warnings)


def test_a_look_alike_the_criterion_below_does_not_confirm_stays_as_read(tmp_path):
    """"S. Be able" over criterion 4.1 is no outcome 5: nothing is guessed."""
    lines = lines_of(tmp_path, FRONT + UNIT + "S. Be able to serve food\n4.1 Serve hot food from the left\n")
    from extract.repair.ocr_numbers import repair_numbers
    assert repair_numbers(lines, openings=False) == []
    assert any(l.text == "S. Be able to serve food" for l in lines)


THREE_COLUMNS = ("Learning outcomes Assessment criteria Guidance\n\n"
                 "1 Know how to greet guests 1.1 describe how to greet guests at | \u2022 Greeting: verbal,\n"
                 "the door of the restaurant _| in person, by telephone\n"
                 "1.2 state the house rules on seating large \u2022 Rules: house, legal,\n"
                 "parties near the bar bar\n\n"
                 "2 Be able to serve hot 2.1 serve food from the left of\n"
                 "food to diners _| the guest\n\n"
                 "\u2022 Rules: house, legal,\nbar\n\n\u2022 Greeting: verbal,\nin person, by telephone\n")


def test_a_column_rule_read_as_a_bar_ends_the_criterion_s_words(tmp_path):
    """An LO | AC | guidance table read as text: OCR read the rule before the guidance column as
    "|" and "_|", and the one between the outcome's and the criterion's words as "_|"; the column's item "Rules: house, legal," went on with "bar" (as the column
    prints it elsewhere) at the end of the criterion's next line: none of it is criterion text."""
    doc = read(tmp_path, FRONT + UNIT + THREE_COLUMNS)
    assert outline(doc.units[0]) == [
        ("1", "Know how to greet guests", [("1.1", "Describe how to greet guests at the door of the restaurant"),
                                           ("1.2", "State the house rules on seating large parties near the bar")]),
        ("2", "Be able to serve hot food to diners", [("2.1", "Serve food from the left of the guest")])]
    assert any(w.code == "text_repaired" and "third-column" in w.message for w in doc.warnings)


def test_a_capital_ocr_read_for_a_lower_case_letter_of_its_shape_inside_a_sentence(tmp_path):
    """"(Such as": OCR read the "s" of "such" as its capital; a name ("Word") and a text set in
    title case keep their capitals."""
    body = (UNIT + "1 Know How To Use Office Software With Others\n"
            "1.1 State the house rules on seating (Such as booths or tables)\n1.2 Use Word to write a menu\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [("1", "Know How To Use Office Software With Others", [
        ("1.1", "State the house rules on seating (such as booths or tables)"), ("1.2", "Use Word to write a menu")])]
    assert any(w.code == "text_repaired" and "Such -> such" in w.message for w in doc.warnings)
