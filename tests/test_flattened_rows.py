"""Plain pdftotext of LO | AC rows: which column each line of a row goes on. Small documents
written here (truth by construction, words the specimens do not use), each read through the
pipeline; the evidence ``repair/joins.py`` weighs is also tested on its own."""

import pytest

from extract.normalise.identifiers import qualification_check_digit, unit_check_letter
from extract.pipeline import extract_document
from extract.repair.joins import joins_known, outcome_in_turn
from extract.repair.vocabulary import pairs
from extract.repair.widths import width

R1 = f"{unit_check_letter('6158201')}/615/8201"
FRONT = f"Level 2 Certificate in Warehouse Operations\nQualification number: 603/1234/{qualification_check_digit('6031234')}\n\n"
HEAD = f"Unit 301: Receive goods into the warehouse ({R1})\nLevel: 2\n\nThe learner will:\nThe learner can:\n\n"
GUIDE = ("\nAssessment guidance\nLearners follow the supplier's instructions in the warehouse, within agreed "
         "timescales, and record damaged goods.\n")


def read(tmp_path, body: str):
    path = tmp_path / "spec.txt"
    path.write_text(FRONT + HEAD + body + GUIDE, encoding="utf-8")
    return extract_document(path)


def outline(doc) -> list:
    return [(lo.number, lo.text, [(ac.number, ac.text) for ac in lo.assessment_criteria])
            for lo in doc.units[0].learning_outcomes]


def repairs(doc) -> list[str]:
    return [w.message for w in doc.warnings if w.code == "text_repaired"]


def test_printed_width_counts_narrow_letters_narrow():
    """A line of narrow letters prints narrower than a shorter line of wide ones."""
    assert len("an individual's rights and duty") > len("WHOM WE MUST MEET NOW")
    assert width("an individual's rights and duty") < width("WHOM WE MUST MEET NOW")
    assert abs(width("the outcome of the unit") - len("the outcome of the unit")) < 3


def test_a_merged_row_whose_next_lines_come_in_turn(tmp_path):
    """The row's first line holds both cells; then the outcome's line, the criterion's, the
    outcome's ...: each line whole to its column (no word pair decides the third line; its turn
    does), and a line cut between the columns is a warning."""
    body = ("3 Be able to monitor the condition 3.1 Follow the organisation's\n"
            "of goods in line with the\nprocedures when using pallet\nsupplier's instructions\n"
            "trucks, making sure that the work\nof others in the warehouse is not disrupted\n"
            "3.2 Record damaged goods accurately and\nlegibly in the goods-in book\n")
    doc = read(tmp_path, body)
    assert outline(doc) == [("3", "Be able to monitor the condition of goods in line with the supplier's instructions", [
        ("3.1", "Follow the organisation's procedures when using pallet trucks, making sure that the work of others "
                "in the warehouse is not disrupted"),
        ("3.2", "Record damaged goods accurately and legibly in the goods-in book")])]


def test_a_line_that_leaves_no_column_for_the_next_is_not_cut(tmp_path):
    """'of stock control | software' would leave the next line 'scanners and handheld terminals'
    no column to go on in (neither last line is full): the line is the outcome's whole."""
    body = ("2 Understand the features 2.1 Analyse the benefits and limitations of\n"
            "of stock control software\nscanners and handheld terminals\n"
            "2.2 Summarise the purpose of a stock\ncontrol system, with reference to audits\n")
    doc = read(tmp_path, body)
    assert outline(doc) == [("2", "Understand the features of stock control software", [
        ("2.1", "Analyse the benefits and limitations of scanners and handheld terminals"),
        ("2.2", "Summarise the purpose of a stock control system, with reference to audits")])]


def test_a_criterion_that_ends_does_not_end_open(tmp_path):
    """A new criterion follows, so the criterion's words on this line would end it on 'in the':
    the line is the outcome's, and the outcome's last word printed after the next criterion's
    first line goes back to it."""
    body = ("2 Understand the purpose of different 2.1 Describe the features of an effective racking system\n"
            "methods of stock rotation in the\n2.2 Identify the types of labels used in the warehouse\n"
            "warehouse\n2.3 Describe how to deal with problems with pallet\ntrucks and handheld scanners\n")
    doc = read(tmp_path, body)
    assert outline(doc) == [("2", "Understand the purpose of different methods of stock rotation in the warehouse", [
        ("2.1", "Describe the features of an effective racking system"),
        ("2.2", "Identify the types of labels used in the warehouse"),
        ("2.3", "Describe how to deal with problems with pallet trucks and handheld scanners")])]
    assert any("'warehouse' printed among its criteria" in m for m in repairs(doc))


ABOVE = ("2 Be able to store goods safely\n2.1 Use handling equipment safely, making\n"
         "sure that the work of others is not disrupted\n"
         "3.1 Prepare handling equipment according to\n3 Be able to carry out a risk\n"
         "assessment safely and within the organisation's policies and procedures\nagreed timescales\n"
         "3.2 State the types of stock found in the warehouse\n")
ABOVE_READ = ("3", "Be able to carry out a risk assessment safely and within agreed timescales", [
    ("3.1", "Prepare handling equipment according to the organisation's policies and procedures"),
    ("3.2", "State the types of stock found in the warehouse")])
IN_TURN = ("1 Know how to review performance\n1.1 Describe the rules on performance, with reference to pallet sizes\n"
           "1.2 Identify the types of performance reviews\n1.3 Explain the purpose of performance reviews\n\n"
           "2 Understand the factors\n2.1 Explain how to give constructive feedback,\n"
           "that affect team performance with reference to ways of communicating with a\n"
           "in the depot\nteam (e.g. shift briefings, toolbox talks)\n"
           "2.2 Describe how to deal with problems with pallet trucks\n")
IN_TURN_READ = ("2", "Understand the factors that affect team performance in the depot", [
    ("2.1", "Explain how to give constructive feedback, with reference to ways of communicating with a team "
            "(e.g. shift briefings, toolbox talks)"),
    ("2.2", "Describe how to deal with problems with pallet trucks")])


@pytest.mark.parametrize("body, second", [(ABOVE, ABOVE_READ), (IN_TURN, IN_TURN_READ)], ids=["above", "in-turn"])
def test_a_line_beside_an_outcome_s_first_criterion_then_the_row_s_lines(tmp_path, body, second):
    """A line holds both cells' next words beside an outcome and its first criterion, cut where
    both joins are usual: "above": the criterion's one-line start is printed above outcome 3,
    and the criterion left open ('according to') is evidence that it goes on; the row's last
    line is the outcome's ('within agreed'). "in-turn": outcome 2's first line and its
    criterion's are printed apart, and after the cut the row's next lines go on in turn, the
    outcome's, then the criterion's ('with a' + 'team')."""
    doc = read(tmp_path, body)
    assert outline(doc)[1] == second
    assert any("holds both columns' words" in m for m in repairs(doc))


def test_an_outcome_left_open_takes_its_turn_where_its_pair_is_printed_as_often(tmp_path):
    """Outcome, criterion, outcome ... in turn: the outcome's text so far ends on 'of' (it must
    go on) and the criterion's does not; the line goes to the outcome when the document prints
    the outcome's pair ('of loading') at least as often as the criterion's ('depot loading',
    which the interleaving itself may print), whatever ``_join_score``'s shares say (small for
    any pair opening with 'of')."""
    printed = pairs(["the layout of loading bays", "the layout of loading bays", "the depot", "depot",
                     "the depot loading bays"])
    lo, ac = "Understand the effects of the layout of", "List the types of pallet trucks used in the depot"
    assert outcome_in_turn(lo, ac, "loading bays", printed)
    assert not outcome_in_turn(lo, ac + " of", "loading bays", printed)  # the criterion left open too
    more = printed + pairs(["depot loading", "depot loading", "depot loading"])
    assert not outcome_in_turn(lo, ac, "loading bays", more)  # the criterion's pair printed more often
    assert not outcome_in_turn("Understand the effects of noise", ac, "loading bays", printed)  # not left open


def test_a_cut_in_a_pair_less_usual_than_both_joins_is_evidence(tmp_path):
    """The line 'that affect team performance | with reference to ...' beside an outcome and its
    criterion: the cut falls in 'performance with', which the document prints once elsewhere
    (across a comma, among many other 'performance' pairs; the document's pairs hold the line's
    own, which ``joins_known`` takes out): less usual than either join, so the cut is
    evidenced; a cut in a pair the document always prints is not."""
    lines = ["Describe the rules on performance, with reference to pallet sizes", "Identify the types of performance reviews",
             "Explain the purpose of performance reviews", "Describe how performance reviews are recorded",
             "factors that affect the team", "that affect team performance with reference to ways of communicating with a"]
    lo, lo_part = "Understand the factors", "that affect team performance"
    ac, ac_part = "Explain how to give constructive feedback,", "with reference to ways of communicating with a"
    assert joins_known(lo, lo_part, ac, ac_part, pairs(lines))
    always = pairs(lines + ["team performance with reference"] * 6)
    assert not joins_known(lo, lo_part, ac, ac_part, always)
