"""Tesseract text without geometry: the structure OCR damages (bullets, numbers, columns).

Each document is written here (truth by construction) in a shape the specimen seeds do not
print, and read through the whole pipeline; every repair must leave a warning.
"""

import pytest

from extract.layout.lines import to_lines
from extract.normalise.identifiers import qualification_check_digit, unit_check_letter
from extract.pipeline import extract_document
from extract.readers.source import read_source
from extract.repair.bullets import repair_bullets


def ref(digits: str) -> str:
    return f"{unit_check_letter(digits)}/{digits[:3]}/{digits[3:]}"


QN = "601/4321/" + qualification_check_digit("6014321")
R1 = ref("6157301")
FRONT = f"Level 2 Diploma in Hospitality Services\nQualification number: {QN}\n\n"


def read(tmp_path, text: str):
    path = tmp_path / "scan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_document(path)


def outline(unit) -> list:
    return [(lo.number, lo.text, [(ac.number, ac.text) for ac in lo.assessment_criteria])
            for lo in unit.learning_outcomes]


def test_bullets_ocr_read_as_other_glyphs_are_list_items(tmp_path):
    """Unnumbered criteria whose bullets tesseract read as "»" and "■", or as a bullet with a
    speck beside it ("*."), or as two glyphs ("»«"): each is a criterion."""
    body = (f"Unit 12 - Serve food at table ({R1})\nLevel: 2\n\n"
            "Learning outcome 1 - Know how to greet guests\nThe learner can:\n"
            "»« Describe how to greet guests on\narrival\n■ State the house rules on seating\n\n"
            "Learning outcome 2 - Be able to serve food\nThe learner can:\n"
            "» Serve hot food from the left\n*. Clear plates when every guest has\nfinished\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [
        ("1", "Know how to greet guests", [("1.1", "Describe how to greet guests on arrival"),
                                           ("1.2", "State the house rules on seating")]),
        ("2", "Be able to serve food", [("2.1", "Serve hot food from the left"),
                                        ("2.2", "Clear plates when every guest has finished")])]
    assert any(w.code == "text_repaired" and "'»'" in w.message for w in doc.warnings)


def test_a_glyph_opening_one_line_only_is_left_alone(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_text("© Example Awards 2024\nLevel 2 Diploma\n", encoding="utf-8")
    lines = to_lines(read_source(path).lines)
    assert repair_bullets(lines) == [] and lines[0].text == "© Example Awards 2024"


@pytest.mark.parametrize("glyph_line, bullet", [("\u00a9 carry out checks on the till", True),  # an item
                                               ("\u00a9 Example Awards 2024", False)])  # a line of its own
def test_a_one_off_copyright_glyph_inside_a_list_is_a_bullet_only_before_an_item(tmp_path, glyph_line, bullet):
    path = tmp_path / "scan.txt"
    path.write_text(f"The learner can:\n* count the float\n{glyph_line}\n* close the till\n", encoding="utf-8")
    lines = to_lines(read_source(path).lines)
    repair_bullets(lines)
    assert (lines[2].raw.startswith("\u2022 ")) == bullet


@pytest.mark.parametrize("rows", [
    # the criterion number keeps its full stop ("2. Be able to ... 2.1. Serve ...")
    "Learning outcomes Assessment criteria\n\n1. Know how to greet guests 1.1. Describe how to greet guests\n\n"
    "1.2. State the house rules on seating\n\n2. Be able to serve food 2.1. Serve hot food from the left\n",
    # the outcome heading's label glued to the first criterion ("LO2 Be able to ... 2.1 Serve ...")
    "The learner will: The learner can:\n\nLO1 Know how to greet guests 1.1 Describe how to greet guests\n\n"
    "1.2 State the house rules on seating\n\nLO2 Be able to serve food 2.1 Serve hot food from the left\n",
])
def test_a_flattened_outcome_row_carrying_its_first_criterion(tmp_path, rows):
    """OCR text of a flattened LO | AC row: the criterion is split off the outcome, whether its
    number keeps its full stop or the outcome carries a label."""
    doc = read(tmp_path, FRONT + f"Unit {R1} Serve food at table\nLevel: 2\n\n" + rows)
    assert outline(doc.units[0]) == [
        ("1", "Know how to greet guests", [("1.1", "Describe how to greet guests"),
                                           ("1.2", "State the house rules on seating")]),
        ("2", "Be able to serve food", [("2.1", "Serve hot food from the left")])]


def test_a_criteria_list_that_lost_its_bullets(tmp_path):
    """OCR dropped every bullet: a paragraph, or a line opening with a command verb after a line
    that ended short, is the next criterion; a wrapped line continues its criterion."""
    wide = "Explain how the house rules on seating apply when a large party arrives without any"
    body = (f"Unit 12 - Serve food at table ({R1})\nLevel: 2\n\n"
            "Learning outcome 1 - Know how to greet guests\nThe learner can:\n"
            f"{wide}\nbooking\nidentify the guests who need help\n\nrecord special requests\n\n"
            "Learning outcome 2 - Be able to serve food\nThe learner can:\n"
            "2.1 Serve hot food from the left\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [
        ("1", "Know how to greet guests", [("1.1", wide + " booking"), ("1.2", "Identify the guests who need help"),
                                           ("1.3", "Record special requests")]),
        ("2", "Be able to serve food", [("2.1", "Serve hot food from the left")])]
    assert any(w.code == "number_inferred" and "without numbers or bullets" in w.message for w in doc.warnings)


def test_plain_lines_before_a_column_of_numbers_are_not_a_list(tmp_path):
    """Texts printed before their numbers (a column-split table) stay for the numbers."""
    body = (f"Unit 12 - Serve food at table ({R1})\nLevel: 2\n\n"
            "Learning outcome 1 - Know how to greet guests\nThe learner can:\n"
            "Describe how to greet guests\n\nState the house rules on seating\n\n1.1\n1.2\n")
    doc = read(tmp_path, FRONT + body)
    assert not any("without numbers or bullets" in w.message for w in doc.warnings)


def test_a_flattened_row_is_split_by_the_phrases_the_document_repeats(tmp_path):
    """A flattened LO | AC row's second line holds both columns' tails; the corpus knows none of
    these word pairs, the document itself does (its outcome list prints the outcome whole)."""
    R2 = ref("6157302")
    body = (f"Unit {R1} Seat diners\nLevel: 2\n\n"
            "1 Know how to seat diners arriving 1.1 Describe how a waiter greets\n"
            "without a booking diners at the door\n\n"
            "1.2 State the house rules on seating\n\n"
            f"Unit {R2} Take bookings\nLevel: 2\n\n"
            "1 Know how to take a booking 1.1 Explain how to seat diners arriving\n"
            "without a booking\n\n1.2 Explain how a waiter greets diners at the door\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [
        ("1", "Know how to seat diners arriving without a booking",
         [("1.1", "Describe how a waiter greets diners at the door"), ("1.2", "State the house rules on seating")])]


def test_an_outcome_tail_printed_as_a_paragraph_among_its_criteria(tmp_path):
    """OCR printed the outcome cell's last line as a paragraph after the first criterion; the
    document prints "seating plans" twice elsewhere (once across a line end), "tables plans"
    nowhere: the outcome's. A
    lower-case paragraph with no such evidence stays with its criterion."""
    R2 = ref("6157302")
    body = (f"Unit {R1} Seat diners\nLevel: 2\n\n"
            "1 Know how to use seating\n\n1.1 Describe how to lay tables\n\nplans in a restaurant\n\n"
            "1.2 State the house rules on seating\n\nfor large parties\n\n"
            f"Unit {R2} Plan a room\nLevel: 2\n\n1 Be able to draw seating plans\n\n1.1 Draw seating\nplans for a room\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [
        ("1", "Know how to use seating plans in a restaurant",
         [("1.1", "Describe how to lay tables"), ("1.2", "State the house rules on seating for large parties")])]
    assert any(w.code == "text_repaired" and "outcome's continuation" in w.message for w in doc.warnings)


def test_outcome_numbers_printed_as_a_column_before_their_texts(tmp_path):
    """OCR read an outcome list's numbers as a column ("1)" "2)" "3)") and then the texts, two
    of them in one paragraph: one text a line, paired with the numbers in order."""
    body = (f"Unit 12 - Serve food at table ({R1})\nLevel: 2\n\nThe learner will:\n\n1)\n2)\n3)\n\n"
            "Know how to greet guests\n\nBe able to serve food\nKnow how to clear tables\n\n"
            "Outcome 1: Know how to greet guests\nThe learner can:\n1.1 Describe how to greet guests\n")
    doc = read(tmp_path, FRONT + body)
    assert [(lo.number, lo.text) for lo in doc.units[0].learning_outcomes] == [
        ("1", "Know how to greet guests"), ("2", "Be able to serve food"), ("3", "Know how to clear tables")]
    assert any("numbers printed as a column" in w.message for w in doc.warnings)


def test_a_running_footer_clipped_at_a_page_edge_is_furniture(tmp_path):
    """A footer printed "... Issue 3 Page 4" on each page: on the last page without its page
    number, on another OCR lost its end, on a third OCR wrapped it over two lines: all still
    furniture."""
    footer = "Example Awards Diploma in Hospitality Services - Handbook - Issue 3 - Page {}"
    pages = [f"Unit 12 - Serve food at table ({R1})\nLevel: 2\n\nLearning outcome 1 - Know how to greet guests\n"
             "The learner can:\n1.1 Describe how to greet guests\n\n" + footer.format(2),
             "1.2 State the house rules on seating\n\n" + footer.format(3)[:48],
             "Learning outcome 2 - Be able to serve food\nThe learner can:\n2.1 Serve hot food from the left\n\n"
             + footer.format(4),
             "2.2 Clear plates from the right\n\n" + footer.format("").rstrip(),
             "2.3 Offer the dessert menu\n\n" + footer.format(6).replace(" in Hospitality", "\nin Hospitality")]
    doc = read(tmp_path, FRONT + footer.format(1) + "\n\f" + "\n\f".join(pages) + "\n")
    texts = [ac.text for lo in doc.units[0].learning_outcomes for ac in lo.assessment_criteria]
    assert texts == ["Describe how to greet guests", "State the house rules on seating",
                     "Serve hot food from the left", "Clear plates from the right", "Offer the dessert menu"]


def test_a_criterion_number_whose_full_stop_ocr_read_as_a_comma_or_a_colon(tmp_path):
    body = (f"Unit {R1} Serve food at table\nLevel: 2\n\n1 Know how to greet guests\n\n"
            "1.1 Describe how to greet guests\n\n1.2, State the house rules on\nseating\n\n"
            "1:3 Explain how to seat a party\n\n1.4: Record special requests\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [("1", "Know how to greet guests", [
        ("1.1", "Describe how to greet guests"), ("1.2", "State the house rules on seating"),
        ("1.3", "Explain how to seat a party"), ("1.4", "Record special requests")])]
    assert any(w.code == "numbering_repaired" and "'1:3'" in w.message for w in doc.warnings)


def test_ocr_pages_of_a_scan_get_the_bullet_repair_too():
    """A scan's OCR'd page lines (format ``ocr``, with page numbers) carry the same glyphs."""
    from extract.pipeline import Draft, lines_stage, repair_stage
    from extract.readers.source import RawDocument

    texts = ["Outcome 1: Know how to greet guests", "The learner can:", "¢ describe how to greet guests",
             "¢ state the house rules on seating"]
    raw = RawDocument("scan.pdf", "0" * 64, "ocr", 1, [(1, k + 1, t) for k, t in enumerate(texts)])
    d = repair_stage(lines_stage(Draft(raw=raw)))
    assert [l.text for l in d.lines[2:]] == ["describe how to greet guests", "state the house rules on seating"]
    assert [l.raw[:1] for l in d.lines[2:]] == ["\u2022", "\u2022"] and len(d.repaired) == 1


def test_a_facts_row_whose_value_ocr_damaged_is_not_an_outcome(tmp_path):
    """A tab-separated facts table whose credit value OCR read as "il:": the label is no outcome."""
    body = (f"Unit 12 Serve food at table\n\nUnit reference\t{R1}\nCredit value\til:\nUnit level\t2\n\n"
            "The learner will:\tThe learner can:\nLO1 Know how to greet guests\t1.1 Describe how to greet guests\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [("1", "Know how to greet guests", [("1.1", "Describe how to greet guests")])]


def test_a_criterion_number_glued_to_its_text_after_the_criterion_before(tmp_path):
    body = (f"Unit {R1} Serve food at table\nLevel: 2\n\n1 Know how to greet guests\n\n"
            "1.1 Describe how to greet guests 1.2.state the house rules on seating\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [("1", "Know how to greet guests", [
        ("1.1", "Describe how to greet guests"), ("1.2", "State the house rules on seating")])]


def test_an_outcome_row_with_a_labelled_criterion_and_ocr_s_column_rule(tmp_path):
    """"LO1 Know ... | AC1.1 Describe ...": the criterion's label and the "|" OCR read from the
    table's rule; on the next line the rule is the column boundary itself."""
    body = (f"Unit {R1} Serve food at table\nLevel: 2\n\nThe learner will: The learner can:\n\n"
            "LO1 Know how to greet guests | AC1.1 Describe how to greet guests\n"
            "arriving late | on arrival\n\nAC1.2 State the house rules on seating\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [("1", "Know how to greet guests arriving late", [
        ("1.1", "Describe how to greet guests on arrival"), ("1.2", "State the house rules on seating")])]


def test_a_long_run_of_plain_paragraphs_after_the_marker_is_not_an_endless_criteria_list(tmp_path):
    """After an outcome's criteria marker, plain paragraphs are read as its unmarked criteria up
    to MAX_LIST_ITEMS (found by the fuzz test: a document's prose after the last outcome made
    criterion 3.100, which no criterion number can be); the rest is not numbered on."""
    from extract.parse.lists import MAX_LIST_ITEMS

    prose = "".join(f"Describe the point number {k} of the centre's general policy\n\n" for k in range(MAX_LIST_ITEMS + 10))
    body = f"Unit {R1} Serve food at table\nLevel: 2\n\n1 Know how to greet guests\n\nThe learner can:\n\n" + prose
    doc = read(tmp_path, FRONT + body)
    criteria = doc.units[0].learning_outcomes[0].assessment_criteria
    assert len(criteria) == MAX_LIST_ITEMS and criteria[-1].number == f"1.{MAX_LIST_ITEMS}"


def test_a_third_column_named_on_the_header_line_is_cut_from_flattened_rows(tmp_path):
    """OCR text of an LO | AC | content table: the three headings on one line (the criteria's
    not first), each row's line holding all three columns' words. The content column's bullet
    and the words after it, and its line printed as a line of its own elsewhere ("seating
    charts, menus"), are cut off the criteria; "in the" + "dining room" stays whole."""
    R2 = ref("6157302")
    body = (f"Unit {R1} Seat diners\nLevel: 2\n\nLearning outcomes Assessment criteria Indicative content\n"
            "1 Know how to seat diners 1.1 Describe how diners are greeted * Greeting: types,\n"
            "at the door seating charts, menus\n"
            "1.2 State the house rules on seating in the\ndining room\n\n"
            f"Unit {R2} Take bookings\nLevel: 2\n\nLearning outcomes Assessment criteria Indicative content\n"
            "1 Know how to take a booking\n1.1 Explain how a booking is taken\n\n* Bookings: types,\n"
            "seating charts, menus\n\n* Rooms: dining room\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [
        ("1", "Know how to seat diners",
         [("1.1", "Describe how diners are greeted at the door"), ("1.2", "State the house rules on seating in the dining room")])]


def test_a_flattened_row_gives_an_unfinished_outcome_the_next_line_s_first_words(tmp_path):
    """A flattened row's second line, wider than its first line's criterion part, holds both
    columns' words: the outcome, printed up to "to", takes the first of them, where no word
    pair of the corpus or the document says "to latecomers"."""
    body = (f"Unit {R1} Seat diners\nLevel: 2\n\n"
            "1 Know how to respond to 1.1 Identify the kinds of booking\n"
            "latecomers made by telephone, by e-mail or at the door in person\n\n"
            "1.2 State the house rules on seating\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [
        ("1", "Know how to respond to latecomers",
         [("1.1", "Identify the kinds of booking made by telephone, by e-mail or at the door in person"),
          ("1.2", "State the house rules on seating")])]


def test_a_bracket_open_in_the_criterion_takes_the_words_up_to_its_close():
    """A flattened row whose criterion's first line ends "(such as": the next line's words up
    to the closing bracket are the criterion's, though the pairs known ("hair and", "and skin")
    would as well give the outcome the whole line."""
    from collections import Counter

    from extract.repair.columns import split_columns

    assert split_columns("and skin clubbing, graduation or layering)", "Understand the structure of the hair",
                         "Identify the cutting techniques found in the salon (such as", 42,
                         Counter({"hair and": 3, "and skin": 3})) == ("and skin", "clubbing, graduation or layering)")


def test_a_criterion_s_wrapped_line_printed_before_it_goes_after_it(tmp_path):
    """Tesseract printed each criterion's second line as a paragraph before its first line:
    the pair it makes with the next criterion's last word is one the document prints ("food
    safety", "hand washing"), the one with the criterion before it is not, so it moves after
    the next criterion (warned). A line whose pair with the criterion before it is printed
    ("the kitchen") stays where it is."""
    body = (f"Unit 12 - Serve food at table ({R1})\nLevel: 2\n\nLearning outcome 1 - Know the rules of food safety and hand washing\n"
            "The learner can:\n\n1.1 Describe the rules of food safety\n\nsafety in the kitchen\n\n"
            "1.2 Explain why staff follow food\n\nwashing in the kitchen\n\n1.3 Describe good practice for hand\n\n"
            "1.4 Explain the importance of hand washing in the\n\nkitchen\n\n1.5 Describe how to store food\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [("1", "Know the rules of food safety and hand washing", [
        ("1.1", "Describe the rules of food safety"), ("1.2", "Explain why staff follow food safety in the kitchen"),
        ("1.3", "Describe good practice for hand washing in the kitchen"),
        ("1.4", "Explain the importance of hand washing in the kitchen"), ("1.5", "Describe how to store food")])]
    assert sum(w.code == "text_repaired" and "read as its wrapped line" in w.message for w in doc.warnings) == 2


def test_a_list_item_whose_bullet_ocr_lost_is_the_next_criterion_not_a_wrap(tmp_path):
    """A bulleted list's item read without its bullet, right after an item whose line ended
    short, opens with a command verb: the next criterion, with a warning. A capital start after
    a line that filled the column (``Health and Safety`` wrapped) stays the criterion's wrap,
    and so does a command verb after a full line."""
    body = (f"Unit 12 - Serve food at table ({R1})\nLevel: 2\n\n"
            "Learning outcome 1 - Know how to greet guests\nThe learner can:\n"
            "\u00a2 Describe the standards of dress and conduct expected of staff who serve guests under the\n"
            "Health and Safety at Work Act\n"
            "\u00a2 State the house rules on seating\n"
            "Explain why guests are greeted by name\n"
            "\u00a2 Outline how a table is laid before guests arrive, and how the cutlery and glasses are set by\n"
            "Checking the booking sheet for the number of covers\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [
        ("1", "Know how to greet guests", [
            ("1.1", "Describe the standards of dress and conduct expected of staff who serve guests under the "
                    "Health and Safety at Work Act"),
            ("1.2", "State the house rules on seating"),
            ("1.3", "Explain why guests are greeted by name"),
            ("1.4", "Outline how a table is laid before guests arrive, and how the cutlery and glasses are set by "
                    "Checking the booking sheet for the number of covers")])]
    assert any(w.code == "number_inferred" and w.message.startswith("criterion 1.3: no bullet read") for w in doc.warnings)
    assert not any(w.message.startswith(("criterion 1.2: no bullet", "criterion 1.4: no bullet")) for w in doc.warnings)


def test_a_labelled_criterion_after_an_outcome_s_last_words_and_a_glued_bullet_at_a_line_end(tmp_path):
    """OCR text of an LO | AC | content table with labelled numbers: the outcome's last word
    and the next criterion on one line ("dining AC1.2 Explain ...") split there, and the
    content column's first word glued to OCR's bullet at the end of a criteria line ("«menus")
    is cut off."""
    body = (f"Unit {R1} Seat diners\nLevel: 2\n\nLearning outcomes Assessment criteria Indicative content\n\n"
            "LO1 Know how to seat diners in the\n\nAC1.1 Describe how diners are greeted at\nthe door\n\n"
            "* greetings\n\ndining AC1.2 Explain how tables are allocated to guests «menus\n\n"
            "AC1.3 State the house rules on seating\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [
        ("1", "Know how to seat diners in the dining",
         [("1.1", "Describe how diners are greeted at the door"), ("1.2", "Explain how tables are allocated to guests"),
          ("1.3", "State the house rules on seating")])]


def test_an_outcome_s_last_line_set_apart_goes_on_from_a_pair_the_document_prints_once_in_a_line(tmp_path):
    """A flattened row's outcome, printed up to "give", and its first criterion, finished at
    "delegation"; OCR set the outcome's last line apart after a blank line. The document prints
    "give constructive" once, inside a line of another unit, and never "delegation constructive":
    the line is the outcome's (warned), not the criterion's."""
    R2 = ref("6157302")
    body = (f"Unit {R1} Lead a team\nLevel: 5\n\nThe learner will: The learner can:\n"
            "1 Understand how to give 1.1 Outline the benefits of effective delegation\n\n"
            "constructive feedback\n\n1.2 Identify the types of performance reviews\nused in the workplace\n\n"
            f"Unit {R2} Review performance\nLevel: 5\n\nThe learner will: The learner can:\n"
            "1 Know how to review work 1.1 Explain how to give constructive feedback, with examples\n")
    doc = read(tmp_path, FRONT + body)
    assert outline(doc.units[0]) == [
        ("1", "Understand how to give constructive feedback",
         [("1.1", "Outline the benefits of effective delegation"),
          ("1.2", "Identify the types of performance reviews used in the workplace")])]
    assert any(w.code == "text_repaired" and "'constructive feedback' printed among its criteria" in w.message
               for w in doc.warnings)


def test_a_criterion_whose_cell_ends_with_the_repeated_column_markers_is_read(tmp_path):
    """A scanned page's repeated 'The learner will: | The learner can:' header that OCR put on the
    line of the criterion above it: the criterion is read, the markers left as the header."""
    doc = read(tmp_path, FRONT + f"Unit 12 Serve food ({R1})\nLevel: 2\n\n"
               "Learning outcomes\tAssessment criteria\nThe learner will:\tThe learner can:\n"
               "1 Understand table service\t1.1 Describe table service\n"
               "2 Know the rules of seating\t2.1 State the rules of seating\n"
               "The learner will:\t2.2 Describe a seating plan The learner can:\n"
               "3 Be able to serve food\t3.1 Lay a table for service\n")
    assert [(n, acs) for n, _, acs in outline(doc.units[0])] == [
        ("1", [("1.1", "Describe table service")]),
        ("2", [("2.1", "State the rules of seating"), ("2.2", "Describe a seating plan")]),
        ("3", [("3.1", "Lay a table for service")])]
    assert not any(w.code == "criteria_not_extracted" for w in doc.warnings)
