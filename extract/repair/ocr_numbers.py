"""Repair for OCR'd pages: outcome and criterion numbers whose decoration OCR misread.

Reading knows a criterion by the number that opens its cell (``1.2 Explain``, ``AC1.2 Explain``)
and an outcome by its own (``1 Understand``, ``LO1 Understand``). On a scan, tesseract reads the
digits right but the marks around them wrong, and the item is lost or glued onto the one before:

* **criterion openings**: a speck or a table rule read before the number (``—1.4 Identify``,
  ``.2.1 use``, ``"4,3 Demonstrate``), its full stop read as a comma or colon (``2,2:Compare``),
  glued to the next word (``2.1.follow``), or its ``AC`` label damaged (``AG4.1``, ``ACS5.1``,
  ``AC2:1``). The digits are kept as read; only the marks are put right.
* **outcome openings**: the outcome's digit read as a look-alike letter (``S. Be able``,
  ``A, Be able``, ``LOS Understand``) or its full stop as a comma or colon (``1, Understand``,
  ``1: Understand``). A letter is
  read as a digit only with evidence: the criterion that opens the same line's next cell belongs
  to that outcome (``S.`` beside ``5.1`` is outcome 5).

Each repaired cell leaves one ``text_repaired`` warning naming what was read and what it became.
"""

from __future__ import annotations

import re
from typing import Optional

from ..layout.lines import Line

JUNK = "\"'\u201c\u201d\u2018\u2019.,:;\u2013\u2014\u2015=_|~\u00bb\u00ab-"
"""Marks OCR reads from specks and table rules before a number (never a number's own)."""
LABEL_SLIPS = "CG"
"""What OCR reads the ``C`` of an ``AC`` label as (``AG4.1``)."""
DIGIT_LOOKALIKES = {"S": 5, "A": 4, "l": 1, "I": 1, "|": 1, "Z": 2, "B": 8, "G": 6, "b": 6, "q": 9, "g": 9}
"""Letters tesseract reads an outcome's digit as, and the digit each stands for."""
MAX_OUTCOME = 20
"""The highest outcome number a repaired opening may give (a unit has fewer outcomes)."""

_CRITERION = re.compile(
    r"^(?P<junk>[%s]*)\s*(?P<label>A[%s][^\d\s]?)?(?P<lo>\d{1,2})(?P<dot>[.,:])(?P<ac>\d{1,2})"
    r"(?P<tail>[.,:_-]?)(?P<space>\s*)(?=[A-Za-z])" % (re.escape(JUNK), LABEL_SLIPS))
_OUTCOME_COMMA = re.compile(r"^(?P<lo>\d{1,2})[,:;]\s+(?=[A-Z])")
_OUTCOME_LOOKALIKE = re.compile(r"^(?P<label>LO\s?)?(?P<glyph>[%s])(?P<mark>[.,)]?)\s+(?=[A-Z])"
                                % re.escape("".join(DIGIT_LOOKALIKES)))
_NEXT_CRITERION = re.compile(r"^(?:AC\s?)?(\d{1,2})\.1\b")


def _criterion(cell: str) -> Optional[str]:
    """A cell opening with a criterion number whose marks OCR misread -> the cell with the
    number in its printed form; None when the opening is already clean or no number."""
    m = _CRITERION.match(cell)
    if not m or not 1 <= int(m["lo"]) <= MAX_OUTCOME or int(m["ac"]) < 1:
        return None
    label = "AC" if m["label"] else ""
    damaged = (m["junk"] or (m["label"] and m["label"] != "AC") or m["dot"] != "."
               or m["tail"] not in ("", ".") or (m["tail"] == "." and not m["space"]) or not m["space"])
    if not damaged:
        return None
    return f"{label}{m['lo']}.{m['ac']} {cell[m.end():]}"


def _outcome(cell: str, beside: Optional[str]) -> Optional[str]:
    """A cell opening with an outcome number OCR misread -> the repaired cell, or None. A
    look-alike letter counts only when ``beside`` (the next cell) opens with that outcome's
    first criterion."""
    m = _OUTCOME_COMMA.match(cell)
    if m:
        return f"{m['lo']}. {cell[m.end():]}"
    m = _OUTCOME_LOOKALIKE.match(cell)
    if not m or (not m["label"] and not m["mark"]):  # a lone capital opens prose ("A learner ...")
        return None
    n = _NEXT_CRITERION.match(beside or "")
    digit = DIGIT_LOOKALIKES[m["glyph"]]
    if not n or int(n.group(1)) != digit:
        return None
    return f"{'LO' if m['label'] else ''}{digit}{'.' if not m['label'] else ''} {cell[m.end():]}"


def _repair_cells(cells: list[str]) -> list[tuple[int, str]]:
    """(cell index, repaired cell) for each cell of one line that needs it."""
    out = []
    for k, cell in enumerate(cells):
        fixed = _criterion(cell)
        if fixed is None and k + 1 < len(cells):
            fixed = _outcome(cell, cells[k + 1])
        elif fixed is None and len(cells) == 1:
            fixed = _outcome(cell, None)
        if fixed is not None and fixed != cell:
            out.append((k, fixed))
    return out


def repair_numbers(lines: list[Line]) -> list[tuple[Line, str]]:
    """Put right the misread marks of the numbers opening the cells of OCR'd ``lines`` (in
    place); returns (line, message) per repaired line."""
    repairs = []
    for line in lines:
        if line.noise:
            continue
        found = _repair_cells(line.cells)
        if not found:
            continue
        said = []
        for k, fixed in found:
            old = line.cells[k]
            line.raw = line.raw.replace(old, fixed, 1)
            line.cells[k] = fixed
            said.append(f"{old.split()[0]!r} -> {fixed.split()[0]!r}")
        line.__dict__.pop("text", None)  # cached_property
        repairs.append((line, f"OCR misread the number opening a cell: read {', '.join(said)}"))
    return repairs
