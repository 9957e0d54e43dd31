"""Flattened LO | AC rows in tesseract text: where a row's lines end, and OCR's marks around it.

Each document is written here (truth by construction) in a shape the specimen seeds do not
print, and read through the whole pipeline or the column split; every repair leaves a warning.
"""

from collections import Counter

import pytest

from extract.normalise.text import clean_text
from extract.repair.columns import Ahead, split_columns
from extract.repair.joins import outcome_goes_on
from extract.repair.vocabulary import pairs
from test_ocr_text import FRONT, R1, outline, read, ref

R2 = ref("6157302")


@pytest.mark.parametrize("evidence", [True, False])
def test_a_row_s_last_line_set_apart_by_a_blank_line_holds_both_columns(tmp_path, evidence):
    """Tesseract printed a flattened row's last line after a blank line: it holds the outcome's
    and the criterion's last words, split where the document prints both joins ("diners
    arriving", "greets diners") and not the cut ("late diners"), with a warning. Without such
    evidence the line stays one cell's."""
    other = (f"Unit {R2} Take bookings\nLevel: 2\n\n1 Know how to seat diners arriving late\n\n"
             "1.1 Explain how a waiter greets diners at the door\n") if evidence else ""
    body = (f"Unit {R1} Seat diners\nLevel: 2\n\n"
            "1 Know how to seat diners 1.1 Describe how a waiter greets\n\narriving late diners at the door\n\n"
            "1.2 State the house rules on seating\n\n" + other)
    doc = read(tmp_path, FRONT + body)
    split = any("after a blank line holds both columns" in w.message for w in doc.warnings)
    assert split == evidence
    if evidence:
        assert outline(doc.units[0]) == [("1", "Know how to seat diners arriving late", [
            ("1.1", "Describe how a waiter greets diners at the door"), ("1.2", "State the house rules on seating")])]
    else:
        assert doc.units[0].learning_outcomes[0].text == "Know how to seat diners"


def test_ocr_marks_around_a_flattened_row_are_no_words(tmp_path):
    """A speck glued on the first criterion's number ("_1.1"), a dotted leader read after the
    outcome's last line (". oo. ."), a rule's end read as "8" left of the next criterion's
    number: none is part of a text, each dropped with a warning."""
    body = (f"Unit {R1} Seat diners\nLevel: 2\n\n"
            "1 Know how to seat diners _1.1 Describe how a waiter greets diners at the door\n\n"
            "who arrive late . oo. .\n8 1.2 State the house rules on seating\n\n"
            f"Unit {R2} Take bookings\nLevel: 2\n\n1 Know how to seat diners who arrive late\n\n"
            "1.1 Explain when to seat diners who arrive late\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [("1", "Know how to seat diners who arrive late", [
        ("1.1", "Describe how a waiter greets diners at the door"), ("1.2", "State the house rules on seating")])]
    messages = [w.message for w in doc.warnings if w.code == "text_repaired"]
    assert any("'. oo. .'" in m for m in messages) and any("'8' left of criterion 1.2" in m for m in messages)


@pytest.mark.parametrize("line, clean", [
    ("in the warehouse . . _ .", "In the warehouse"),
    ("in the warehouse . oo. .", "In the warehouse"),
    ("in the warehouse . oo", "In the warehouse oo"),  # no mark-only token: not a run of specks
    ("levels 1 - 2", "Levels 1 - 2"),  # a digit is no speck
])
def test_a_trailing_run_of_specks(line, clean):
    assert clean_text([line])[0] == clean


def test_an_acronym_is_one_word_of_a_pair():
    assert pairs(["plans and SMART targets"]) == Counter({"plans and": 1, "and smart": 1, "smart targets": 1})


def test_a_flattened_row_splits_on_a_phrase_the_document_always_wraps(tmp_path):
    """"SMART targets" is printed three times, always across a line end: a phrase of the
    document all the same, so the criterion's "SMART" goes on with "targets"."""
    body = (f"Unit {R1} Lead a team\nLevel: 3\n\n"
            "1 Understand the styles of 1.1 Analyse the benefits of work plans and SMART\n"
            "leadership targets\n1.2 Define the term 'work plan'\n\n"
            f"Unit {R2} Plan work\nLevel: 3\n\n1 Know how to plan work\n\n1.1 Set SMART\ntargets for the team\n\n"
            "1.2 Review SMART\ntargets each month\n\n1.3 Agree SMART\ntargets with the team\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0])[0][:2] == ("1", "Understand the styles of leadership")
    assert outline(doc.units[0])[0][2][0] == ("1.1", "Analyse the benefits of work plans and SMART targets")


def test_a_row_s_last_line_leaves_neither_column_unfinished():
    """The row ends with the line (a criterion follows after a blank line): the outcome's part
    cannot end on "and", nor the criterion, whose text so far ends "of", be given nothing."""
    document = Counter({"salon and": 3, "and salon": 1, "client consultation": 2, "consultation in": 2,
                        "clippers and": 1})
    assert split_columns("consultation in the salon and salon price lists", "Understand the importance of a client",
                         "Analyse the limitations of scissors and clippers", 30, document,
                         ahead=Ahead(closes=True, ends=True)) == ("consultation in the salon", "and salon price lists")
    for closes, parts in ((True, ("secure", "tablecloths")), (False, ("secure tablecloths", ""))):
        assert split_columns("secure tablecloths", "Understand how to keep passwords", "Analyse the limitations of", 38,
                             Counter({"passwords secure": 2}), ahead=Ahead(closes=closes, ends=closes)) == parts


def test_a_join_is_judged_on_the_words_ocr_glued():
    """"tothe" is "to the": the document's "the required" says the paragraph goes on from it."""
    assert outcome_goes_on("Be able to carry out a stock count tothe", "Demonstrate how to prepare consignments",
                           "required standard", Counter({"the required": 2}))


def test_a_closing_quote_is_not_part_of_the_word_a_join_is_judged_on():
    """"assessments'" closes the quoted term: the join is "risk assessments", a pair the
    document prints, and the row's last line is cut there."""
    assert split_columns("suspected abuse assessments'.", "Know how to respond to", "Define the term 'risk", 30,
                         Counter({"risk assessments": 2}), ahead=Ahead(closes=True, ends=True)) \
        == ("suspected abuse", "assessments'.")


def test_a_text_file_s_words_are_put_right_by_the_document_s_phrases(tmp_path):
    """A text file may be tesseract's: a word OCR damaged ("(Such", "«types" from another
    column) is put right where the document prints the phrase again and again, a capital
    on a closed-class word mid-sentence as a case slip (both warned)."""
    body = (f"Unit {R1} Seat diners\nLevel: 2\n\n1 Know how to greet diners\n\n"
            "1.1 Describe the tables (such as booths or bars)\n\n1.2 Describe the chairs (such as stools or benches)\n\n"
            "1.3 Describe the rooms (such as halls or bars)\n\n1.4 Describe the menus (Such as set or daily menus)\n\n"
            "1.5 Explain how to greet diners at the door\n\n1.6 Explain how to greet diners at the bar\n\n"
            "1.7 Explain how to greet \u00abtypes diners at the table\n\n1.8 Explain how to greet \u00abtypes diners at the bar\n\n"
            "1.9 Explain how to greet \u00abtypes diners in the hall\n")
    doc = read(tmp_path, FRONT + body)
    texts = [ac.text for ac in doc.units[0].learning_outcomes[0].assessment_criteria]
    assert texts[3] == "Describe the menus (such as set or daily menus)"
    assert texts[6:] == ["Explain how to greet diners at the table", "Explain how to greet diners at the bar",
                         "Explain how to greet diners in the hall"]  # a glued bullet, however often read
    said = [w.message for w in doc.warnings if "as the document prints it elsewhere" in w.message]
    assert any("\u00abtypes ->" in m for m in said)
    assert any("Such -> such" in w.message for w in doc.warnings)  # a case slip of a closed-class word, warned


def test_a_bulleted_list_no_criterion_opens_is_another_column_s(tmp_path):
    """Tesseract printed the indicative-content column after the criteria column: a bulleted
    line after a numbered criterion that opens no list, and the lines after it, are dropped
    with a warning; a criterion that opens its own list ("the following:") keeps its bullets."""
    body = (f"Unit {R1} Seat diners\nLevel: 2\n\n1 Know how to seat diners\n\n"
            "1.1 Describe the house rules on seating\n\n1.2 Describe the following:\n\u2022 booths\n\u2022 bars\n\n"
            "1.3 Explain how to greet diners at the door\n\n\u2022 Seating plans: types, purposes,\nrequirements\n\n"
            "\u2022 Procedures: organisational, legal\n\nTo pass this unit the learner meets every outcome.\n")
    doc = read(tmp_path, FRONT + body)
    criteria = doc.units[0].learning_outcomes[0].assessment_criteria
    assert [ac.text for ac in criteria] == ["Describe the house rules on seating", "Describe the following: booths, bars",
                                            "Explain how to greet diners at the door"]
    assert any("read as another column's" in w.message for w in doc.warnings)
