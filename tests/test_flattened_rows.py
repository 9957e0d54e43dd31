"""Plain pdftotext of LO | AC rows: which column each line of a row goes on. Small documents
written here (truth by construction, words the specimens do not use); each reads one through
the pipeline."""

from extract.normalise.identifiers import qualification_check_digit, unit_check_letter
from extract.pipeline import extract_document
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


def test_a_criterion_printed_above_its_outcome_then_side_by_side(tmp_path):
    """The one-line start of criterion 3.1 is printed above outcome 3, then a line holds both
    cells' next words: cut where both joins are usual, and the criterion left open ('according
    to') is evidence that it goes on; the row's last line is the outcome's ('within agreed')."""
    body = ("2 Be able to store goods safely\n2.1 Use handling equipment safely, making\n"
            "sure that the work of others is not disrupted\n"
            "3.1 Prepare handling equipment according to\n3 Be able to carry out a risk\n"
            "assessment safely and within the organisation's policies and procedures\nagreed timescales\n"
            "3.2 State the types of stock found in the warehouse\n")
    doc = read(tmp_path, body)
    assert outline(doc)[1] == ("3", "Be able to carry out a risk assessment safely and within agreed timescales", [
        ("3.1", "Prepare handling equipment according to the organisation's policies and procedures"),
        ("3.2", "State the types of stock found in the warehouse")])
    assert any("holds both columns' words" in m for m in repairs(doc))
