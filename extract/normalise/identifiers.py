"""Ofqual identifiers and their check characters.

* unit reference ``L/NNN/NNNN``: ``L = "ADFHJKLMRTY"[sum(w*d) % 11]`` over the 7 digits,
  weights 8..2;
* qualification number ``NNN/NNNN/C``: ``C = sum(w*d) % 11`` over the first 7 digits.

OCR damages the check letter most (``1/506/1921`` for ``J/506/1921``): when the printed letter
is not a letter at all, the digits fix it, so exactly one correction is valid and we repair.
A well-formed reference that fails its check is flagged, never silently passed or dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

UNIT_LETTERS = "ADFHJKLMRTY"
WEIGHTS = (8, 7, 6, 5, 4, 3, 2)
MODULUS = 11  # both check characters are the weighted digit sum modulo 11
NO_CHECK_DIGIT = 10  # the remainder no qualification check digit represents

LETTER_GLYPHS = "|\u00a5$\u20ac\u00a3\u00a7\u00a2"
"""Marks OCR reads a capital letter as (``|``, ``\u00a5`` for Y, ``$`` and ``\u00a7`` for S, ``\u20ac``,
``\u00a3`` and ``\u00a2`` for E, L, C): in a reference's letter slot, the digits give the letter."""
# A reference as OCR prints it: a letter, a digit or a letter's look-alike mark in the letter slot.
UNIT_REF_RE = re.compile(r"(?<![\w/])([A-Za-z0-9%s])\s?/\s?(\d{3})\s?/\s?(\d{4})(?![\w/])" % re.escape(LETTER_GLYPHS))
QUAL_NUMBER_RE = re.compile(r"(?<![\w/])(\d{3})/(\d{4})/(\d)(?![\w/])")


def _weighted(digits: str) -> int:
    """The weighted digit sum (``WEIGHTS``) both check characters are computed from."""
    return sum(w * int(d) for w, d in zip(WEIGHTS, digits))


def unit_check_letter(digits: str) -> str:
    """The check letter for the 7 digits of a unit reference."""
    return UNIT_LETTERS[_weighted(digits) % MODULUS]


def qualification_check_digit(digits: str) -> Optional[str]:
    """The check digit for the first 7 digits of a qualification number (None when the
    remainder is 10, which no valid number uses)."""
    r = _weighted(digits) % MODULUS
    return None if r == NO_CHECK_DIGIT else str(r)


@dataclass(frozen=True)
class Checked:
    """A reference as printed, the value to use, and what happened: ``ok``, ``repaired``
    (unique valid correction) or ``invalid`` (fails its check; kept as printed)."""

    printed: str
    value: str
    status: str


def check_unit_reference(letter: str, block: str, serial: str) -> Checked:
    """A unit reference as printed, checked: ``ok``, ``repaired`` when the letter slot holds no
    valid letter (the digits give it), else ``invalid``."""
    digits = block + serial
    printed = f"{letter}/{block}/{serial}"
    expected = unit_check_letter(digits)
    if letter == expected:
        return Checked(printed, printed, "ok")
    if letter.upper() not in UNIT_LETTERS or not letter.isalpha():
        # The letter slot holds no valid letter: the digits decide it uniquely.
        return Checked(printed, f"{expected}/{block}/{serial}", "repaired")
    return Checked(printed, printed, "invalid")


def find_unit_references(text: str) -> list[tuple[int, Checked]]:
    """Every unit reference in ``text`` with its offset, checked."""
    return [(m.start(), check_unit_reference(*m.groups())) for m in UNIT_REF_RE.finditer(text)]


def check_qualification_number(text: str) -> Optional[Checked]:
    """The first qualification number in ``text``, checked (``ok`` or ``invalid``), or None."""
    m = QUAL_NUMBER_RE.search(text)
    if not m:
        return None
    printed = m.group(0)
    ok = qualification_check_digit(m.group(1) + m.group(2)) == m.group(3)
    return Checked(printed, printed, "ok" if ok else "invalid")
