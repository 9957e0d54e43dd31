import pytest

from extract.repair.numbering import infer, parse_ac


def test_ocr_number_without_dot():
    assert parse_ac("11", 1) == (1, 1)
    assert parse_ac("51", 5) == (5, 1)
    assert parse_ac("3.10", 3) == (3, 10)
    assert parse_ac("3.20", None) == (3, 20)


def test_two_digit_token_far_from_context_is_not_a_number():
    assert parse_ac("42", 1) is None


def test_missing_first_criteria_of_outcomes_are_inferred():
    # D/504/4056-like column: 1.1 1.2 1.3 2.2 2.3 2.4 3.2 4.2 beside 11 texts
    col = [(1, 1), (1, 2), (1, 3), (2, 2), (2, 3), (2, 4), (3, 2), (4, 2)]
    out = infer(col, 11)
    assert out == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (2, 4), (3, 1), (3, 2), (4, 1), (4, 2)]


def test_missing_number_at_end_taken_from_next_column():
    col = [(1, 5), (2, 2)]
    assert infer(col, 4, before=(1, 4), after=(3, 2)) == [(1, 5), (2, 1), (2, 2), (3, 1)]


def test_unreadable_entry_is_inferred_from_neighbours():
    assert infer([None, (3, 2), (3, 3)], 3, before=(2, 6)) == [(3, 1), (3, 2), (3, 3)]


def test_undetermined_column_returns_none():
    assert infer([(1, 1)], 3) is None


def test_a_criterion_number_whose_dot_ocr_read_as_a_colon():
    from extract.repair import numbering
    assert numbering.parse_ac("2:4", None) == (2, 4) and numbering.parse_ac("12:30", 12) == (12, 30)


@pytest.mark.parametrize("token, number, prev, nxt, expected", [
    ("24", (2, 4), (1, 2), (2, 2), (2, 1)),  # "2.1" read as "24": 1.2, ?, 2.2 leave only 2.1
    ("35", (3, 5), (3, 1), (3, 3), (3, 2)),
    ("24", (2, 4), (2, 3), (2, 5), None),  # it fits: left as read
    ("2.4", (2, 4), (1, 2), (2, 2), None),  # printed clean: a document's own numbering, not OCR's
    ("24", (2, 4), (1, 2), (2, 4), None),  # 1.2, ?, 2.4: 2.1 or 2.3? not determined
    ("24", (2, 4), None, (2, 2), None),  # no predecessor to confirm it
])
def test_a_misread_number_its_neighbours_contradict_takes_the_one_number_between_them(token, number, prev, nxt, expected):
    from extract.repair.numbering import between

    assert between(token, number, prev, nxt) == expected


@pytest.mark.parametrize("text, number, cut", [
    ("3-Understand how to plan", 3, 2), ("3 \u2014 Know the law", 3, 4), ("12~Be able to cook", 12, 3),
    ("3-point lifting methods", 3, 0),  # a lower-case word after the mark: text, not a number glued on
    ("4-Understand the law", 3, 0),  # not the number the criteria print
    ("3 Understand the law", 3, 0),  # printed with its space: nothing glued
])
def test_an_outcome_number_glued_to_its_text_by_a_mark(text, number, cut):
    from extract.repair.numbering import glued_outcome_number

    assert glued_outcome_number(text, number) == cut


def test_an_outcome_cell_opening_with_its_number_glued_on_loses_it_with_a_warning(tmp_path):
    """A table row whose outcome cell OCR read as "2-Know ..." (the space a hyphen): the row's
    criteria print outcome 2, so the outcome is 2 and its text starts at "Know"."""
    from extract.normalise.identifiers import unit_check_letter
    from extract.pipeline import extract_document

    digits = "6157311"
    ref = f"{unit_check_letter(digits)}/{digits[:3]}/{digits[3:]}"
    path = tmp_path / "spec.txt"
    path.write_text(f"Level 2 Diploma in Hospitality\n\nUnit 12 Serve food ({ref})\nLevel: 2\n\n"
                    "Learning outcome\tAssessment criteria\n1 Understand table service\t1.1 Describe table service\n"
                    "2-Know the rules of seating\t2.1 State the rules of seating\n", encoding="utf-8")
    doc = extract_document(path)
    assert [(lo.number, lo.text) for lo in doc.units[0].learning_outcomes] == [
        ("1", "Understand table service"), ("2", "Know the rules of seating")]
    assert any(w.code == "numbering_repaired" and w.message.startswith("outcome 2: number read as '2-'") for w in doc.warnings)


@pytest.mark.parametrize("number, prev, expected", [
    ((3, 2), (2, 5), (3, 1)),  # 2.5, 3.2, 3.2: no 3.1, so the first 3.2 is it
    ((1, 2), None, (1, 1)),  # a unit opening 1.2, 1.2
    ((3, 3), (3, 1), (3, 2)),  # 3.1, 3.3, 3.3
    ((3, 2), (3, 1), None),  # 3.1, 3.2, 3.2: the first follows on; the second is the misread one
    ((3, 1), (2, 5), None),  # nothing before 3.1 to be missing
    ((3, 4), (3, 1), None),  # 3.1, 3.4, 3.4: two numbers missing, not determined
])
def test_the_first_of_a_number_printed_twice_is_the_one_missing_before_it(number, prev, expected):
    from extract.repair.numbering import first_of_twice

    assert first_of_twice(number, prev) == expected


def _unit_rows(tmp_path, rows: str):
    from extract.normalise.identifiers import unit_check_letter
    from extract.pipeline import extract_document

    digits = "6157311"
    ref = f"{unit_check_letter(digits)}/{digits[:3]}/{digits[3:]}"
    path = tmp_path / "spec.txt"
    path.write_text(f"Level 2 Diploma in Hospitality\n\nUnit 12 Serve food ({ref})\nLevel: 2\n\n" + rows, encoding="utf-8")
    doc = extract_document(path)
    return doc, [(lo.number, [(ac.number, ac.text) for ac in lo.assessment_criteria]) for lo in doc.units[0].learning_outcomes]


def test_a_number_printed_twice_where_the_one_before_is_missing_renumbers_the_first(tmp_path):
    """OCR read 3.1 as 3.2 (2.2, 3.2, 3.2, 3.3): the first 3.2 is 3.1, not the second 3.3."""
    doc, outcomes = _unit_rows(tmp_path, "Learning outcome\tAssessment criteria\n"
                               "1 Understand table service\t1.1 Describe table service\n\t1.2 Explain the order of service\n"
                               "2 Know the rules of seating\t2.1 State the rules of seating\n\t2.2 Describe a seating plan\n"
                               "3 Be able to serve food\t3.2 Lay a table for service\n\t3.2 Serve food from the left\n"
                               "\t3.3 Clear a table after service\n")
    assert outcomes[2] == ("3", [("3.1", "Lay a table for service"), ("3.2", "Serve food from the left"),
                                 ("3.3", "Clear a table after service")])
    assert any(w.code == "numbering_repaired" and "3.2 printed twice; the first" in w.message for w in doc.warnings)

