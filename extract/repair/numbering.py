"""Outcome and criterion numbers: OCR repair and inference from context.

This is where ``11`` becomes ``1.1`` and where a number the source lost (``w``, ``N``, or simply
absent from a column of numbers) is worked out from its neighbours. Numbers are handled as
``(outcome, index)`` pairs; two-digit indexes (``3.10``-``3.20``) stay intact. On OCR'd pages the
marks around a number that opens a cell (``—1.4``, ``2,2:``, ``AG4.1``) are put right earlier, in
the repair stage, by ``ocr_numbers.py``, so the parser sees numbers these functions know.
"""

from __future__ import annotations

import re
from typing import Optional

AC_NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})$")
OCR_AC_NUMBER = re.compile(r"^(\d)(\d)$")  # "11" for "1.1": the dot lost
OCR_AC_COLON = re.compile(r"^(\d{1,2}):(\d{1,2})$")  # "2:4" for "2.4": the dot read as a colon


def parse_ac(token: str, current_lo: Optional[int]) -> Optional[tuple[int, int]]:
    """``"1.2"`` -> (1, 2); ``"13"`` -> (1, 3) when outcome 1 is current (or none is yet)."""
    m = AC_NUMBER.match(token) or OCR_AC_COLON.match(token)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = OCR_AC_NUMBER.match(token)
    if m and int(m.group(2)) > 0:
        lo = int(m.group(1))
        if lo >= 1 and (current_lo is None or lo <= current_lo + 1):
            return lo, int(m.group(2))
    return None


_GLUED_MARKS = "-\u2013\u2014_~.:)"  # what OCR reads the space after an outcome number as ("3-Understand")


def glued_outcome_number(text: str, number: int) -> int:
    """Where an outcome's text starts after ``number`` printed before it with a mark OCR read
    for the space (``3-Understand``, ``3~Know``): the length of that prefix, or 0 when the text
    does not open so. Only for a number the outcome's criteria confirm (the caller's ``number``)."""
    m = re.match(rf"{number}\s*[{re.escape(_GLUED_MARKS)}]\s*(?=[A-Z])", text)
    return m.end() if m else 0


def between(token: Optional[str], number: Optional[tuple[int, int]], prev: Optional[tuple[int, int]],
            nxt: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """A criterion number read from a damaged token (``24`` for ``2.1``: the dot lost, a digit
    misread) that its neighbours contradict while they leave exactly one number between them
    (``1.2``, ?, ``2.2``): that number; else None (the number as read stands)."""
    if not (token and number and nxt and nxt[1] >= 2) or AC_NUMBER.match(token):
        return None
    want = (nxt[0], nxt[1] - 1)
    follows = prev == (want[0], want[1] - 1) if want[1] > 1 else (prev[0] == want[0] - 1 if prev else want[0] == 1)
    return want if follows and number != want else None


def first_of_twice(number: tuple[int, int], prev: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """A number printed for two criteria in a row (different texts) whose first stands where
    the number before it is missing (``2.5``, ``3.2``, ``3.2``: no ``3.1``; a unit opening
    ``1.2``, ``1.2``): the first is that number, misread. None where the first follows on from
    ``prev``: then the second is the misread one, the next number (``pairing``)."""
    if number[1] < 2:
        return None
    want = (number[0], number[1] - 1)
    follows = prev == (want[0], want[1] - 1) if want[1] > 1 else (prev is None or prev[0] == want[0] - 1)
    return want if follows else None


def fmt(number: tuple[int, int]) -> str:
    """``(1, 2)`` -> ``"1.2"``."""
    return f"{number[0]}.{number[1]}"


Number = tuple[int, int]  # (outcome, criterion index)


def _guess(known: list[Optional[Number]], i: int, before: Optional[Number],
           after: Optional[Number]) -> Optional[Number]:
    """The unreadable entry ``i``: the predecessor of the next printed number when the previous
    one cannot precede it directly, else the successor of the previous; None when neither is
    known."""
    prev = known[i - 1] if i else before
    j = next((k for k in range(i + 1, len(known)) if known[k]), None)
    nxt = known[j] if j is not None else after
    gap = (j - i) if j is not None else 1  # unreadable entries up to the next number
    if nxt and nxt[1] > gap and (prev is None or prev[0] != nxt[0] or prev[1] + gap < nxt[1]):
        return (nxt[0], nxt[1] - gap)
    if prev:
        return (prev[0], prev[1] + 1)
    return None


def _fill_unreadable(numbers: list[Optional[Number]], before: Optional[Number],
                     after: Optional[Number]) -> Optional[list[Number]]:
    """Every unreadable entry replaced by its ``_guess`` in column order (each guess seen by the
    next), or None when one cannot be guessed."""
    known: list[Optional[Number]] = list(numbers)
    for i, n in enumerate(known):
        if n is not None:
            continue
        guess = _guess(known, i, before, after)
        if guess is None:
            return None
        known[i] = guess
    return known


def _with_gaps(known: list[Number], before: Optional[Number]) -> list[Number]:
    """The column with the numbers missing between neighbours (``_gap``) put in."""
    filled: list[Number] = []
    prev = before
    for n in known:
        filled.extend(_gap(prev, n))
        filled.append(n)
        prev = n
    return filled


def infer(
    numbers: list[Optional[Number]],
    count: int,
    before: Optional[Number] = None,
    after: Optional[Number] = None,
) -> Optional[list[Number]]:
    """Complete a column of criterion numbers so that it has ``count`` entries.

    ``numbers`` as printed (None = unreadable); ``before``/``after`` are the numbers printed
    just before and after this column in the same unit. Returns the completed column, or None
    when the context does not determine it.
    """
    known = _fill_unreadable(numbers, before, after)
    if known is None:
        return None
    filled = _with_gaps(known, before)
    if len(filled) < count and after and after[1] > 1:
        last = filled[-1] if filled else before
        filled.extend(g for g in _gap(last, after))
    if len(filled) != count:
        return None
    return filled


def _gap(prev: Optional[Number], n: Number) -> list[Number]:
    """Numbers missing between ``prev`` and ``n`` (same outcome, or the next outcome's start)."""
    if prev is None:
        return [(n[0], i) for i in range(1, n[1])] if n[1] > 1 and n[0] == 1 else []
    if prev[0] == n[0]:
        return [(n[0], i) for i in range(prev[1] + 1, n[1])]
    if n[0] == prev[0] + 1:
        return [(n[0], i) for i in range(1, n[1])]
    return []
