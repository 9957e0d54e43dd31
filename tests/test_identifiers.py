from extract.normalise.identifiers import (check_qualification_number, check_unit_reference, find_unit_references,
                                 qualification_check_digit, unit_check_letter)


def test_check_letter_matches_printed_references():
    assert unit_check_letter("5062153") == "D"
    assert unit_check_letter("6011630") == "J"
    assert unit_check_letter("5024396") == "F"


def test_ocr_damaged_letter_is_repaired_uniquely():
    c = check_unit_reference("1", "506", "1921")
    assert (c.status, c.value) == ("repaired", "J/506/1921")


def test_wellformed_reference_failing_its_check_is_flagged_not_changed():
    c = check_unit_reference("F", "502", "4397")
    assert (c.status, c.value) == ("invalid", "F/502/4397")


def test_qualification_check_digit():
    assert qualification_check_digit("6014756") == "8"
    assert check_qualification_number("QN: 601/3973/0").status == "ok"
    assert check_qualification_number("number 601/3973/1").status == "invalid"


def test_find_references_in_text():
    found = find_unit_references("Unit D/506/2153 and 1/506/1921 and |/506/1921")
    assert [c.value for _, c in found] == ["D/506/2153", "J/506/1921", "J/506/1921"]
