"""Repair for OCR'd pages: outcome and criterion numbers whose decoration OCR misread.

Reading knows a criterion by the number that opens its cell (``1.2 Explain``, ``AC1.2 Explain``)
and an outcome by its own (``1 Understand``, ``LO1 Understand``). On a scan, tesseract reads the
digits right but the marks around them wrong, and the item is lost or glued onto the one before:

* **criterion openings**: a speck or a table rule read before the number (``—1.4 Identify``,
  ``.2.1 use``, ``"4,3 Demonstrate``), its full stop read as a comma or colon (``2,2:Compare``),
  glued to the next word (``2.1.follow``), or its ``AC`` label damaged (``AG4.1``, ``ACS5.1``,
  ``AC2:1``). The digits are kept as read; only the marks are put right.
* **outcome openings**: the outcome's digit read as a look-alike letter (``S. Be able``,
  ``A, Be able``, ``LOS Understand``), its ``LO`` label damaged (``t.01 Know``, ``lOS5 Be
  able``), its full stop as a comma or colon (``1, Understand``, ``1: Understand``) or with a
  speck after it (``5.. Know``), or a speck before it (``"1 Understand``). A letter, a damaged
  label or a speck is read so only with evidence: the criterion that opens the same line's next
  cell belongs to that outcome (``S.`` beside ``5.1`` is outcome 5), or, for an outcome printed
  on a line of its own, the first criterion opening a line below it (``LOS Understand``, then
  ``The learner can:``, then ``5.1 Check``), or the outcome opening just above it in the same form
  is the one before (``LO4 Be able to prepare``, ``cooking``, ``LOS Be able``: outcomes printed
  as a column of their own, the criteria after them).
* **unit references**: a digit read as its look-alike letter (``D/6S0/1281``, ``K/5O1/2345``).
  The reference is repaired only when the check letter printed with it confirms the digits the
  look-alikes stand for; otherwise it stays as read (and is no reference to the parser).

Each repaired cell leaves one ``text_repaired`` warning naming what was read and what it became.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Optional

from ..layout.lines import Line
from ..normalise.identifiers import unit_check_letter

JUNK = "\"'\u201c\u201d\u2018\u2019.,:;?!\u2013\u2014\u2015=_|~\u00bb\u00ab-"
"""Marks OCR reads from specks and table rules before a number (never a number's own); a
space may stand between them (``;: ?; 1.2``)."""
LABEL_SLIPS = "CG"
"""What OCR reads the ``C`` of an ``AC`` label as (``AG4.1``)."""
DIGIT_LOOKALIKES = {"S": 5, "A": 4, "l": 1, "I": 1, "|": 1, "Z": 2, "B": 8, "G": 6, "b": 6, "q": 9, "g": 9}
"""Letters tesseract reads an outcome's digit as, and the digit each stands for."""
REF_LOOKALIKES = {**{k: str(v) for k, v in DIGIT_LOOKALIKES.items()}, "O": "0", "o": "0", "D": "0", "Q": "0"}
"""Letters tesseract reads a unit reference's digit as, and the digit each stands for."""
MAX_OUTCOME = 20
"""The highest outcome number a repaired opening may give (a unit has fewer outcomes)."""
OUTCOME_ABOVE = 3
"""Lines (not blank) above an outcome's line where the outcome before it may open: outcomes
printed one under the other, each over one or two lines (``LO4 Be able to prepare fish for``,
``cooking``, ``LOS Be able ...``)."""
CRITERION_BELOW = 3
"""Lines (not blank) below an outcome's line of its own where its first criterion may open: a
``The learner can:`` line may stand between them."""

_CRITERION = re.compile(
    r"^(?P<junk>(?:[%s]\s?)*)\s*(?P<label>A[%s][^\d\s]?)?(?P<lo>\d{1,2})(?P<dot>[.,:])(?P<ac>\d{1,2})"
    r"(?P<tail>[.,:_-]?)(?P<space>\s*)(?=[A-Za-z])" % (re.escape(JUNK), LABEL_SLIPS))
_OUTCOME_COMMA = re.compile(r"^(?P<lo>\d{1,2})(?:[,:;]|\.[.,:;])\s+(?=[A-Z])")  # "1, Know", "5.. Know"
_OUTCOME_JUNK = re.compile(r"^[%s]+\s?(?P<lo>\d{1,2})(?P<mark>\.?)\s+(?=[A-Z])" % re.escape(JUNK))
_OUTCOME_LOOKALIKE = re.compile(r"^(?P<label>LO\s?)?(?P<glyph>[%s])(?P<mark>[.,)]?)\s+(?=[A-Z])"
                                % re.escape("".join(DIGIT_LOOKALIKES)))
_OUTCOME_LABEL = re.compile(r"^(?P<label>[LlIt|1][.,]?[O0o])(?P<slip>[%s]?)(?P<lo>\d{1,2})[.:]?\s+(?=[A-Z])"
                            % re.escape("".join(DIGIT_LOOKALIKES)))  # "t.01 Know", "lOS5 Be able": a damaged LO label
_OUTCOME_ABOVE = re.compile(r"^(?P<label>LO\s?)?(?P<lo>\d{1,2})(?P<mark>[.)]?)\s+(?=[A-Z])")
_NEXT_CRITERION = re.compile(r"^(?:AC\s?)?(\d{1,2})\.1\b")
_DIGITISH = "[0-9%s]" % re.escape("".join(REF_LOOKALIKES))
_REFERENCE = re.compile(r"(?<![\w/])([A-Z])(\s?/\s?)(%s{3})(\s?/\s?)(%s{4})(?![\w/])" % (_DIGITISH, _DIGITISH))


def _references(cell: str) -> Optional[str]:
    """A cell holding a unit reference with look-alike letters for digits, confirmed by its
    check letter -> the cell with the digits; None when there is none to repair."""
    def fix(m: re.Match) -> str:
        block, serial = ("".join(REF_LOOKALIKES.get(c, c) for c in g) for g in (m[3], m[5]))
        if (block, serial) == (m[3], m[5]) or unit_check_letter(block + serial) != m[1]:
            return m[0]
        return f"{m[1]}{m[2]}{block}{m[4]}{serial}"
    fixed = _REFERENCE.sub(fix, cell) if "/" in cell else cell
    return fixed if fixed != cell else None


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


def _outcome_comma(cell: str, first: Optional[int]) -> Optional[str]:
    m = _OUTCOME_COMMA.match(cell)
    return f"{m['lo']}. {cell[m.end():]}" if m else None


def _outcome_junk(cell: str, first: Optional[int]) -> Optional[str]:
    m = _OUTCOME_JUNK.match(cell)
    return f"{m['lo']}{m['mark']} {cell[m.end():]}" if m and first == int(m["lo"]) else None


def _outcome_label(cell: str, first: Optional[int]) -> Optional[str]:
    m = _OUTCOME_LABEL.match(cell)
    damaged = m and (m["label"], m["slip"]) != ("LO", "")
    return f"LO{m['lo']} {cell[m.end():]}" if damaged and first == int(m["lo"]) else None


def _outcome_lookalike(cell: str, first: Optional[int]) -> Optional[str]:
    m = _OUTCOME_LOOKALIKE.match(cell)
    if not m or (not m["label"] and not m["mark"]):  # a lone capital opens prose ("A learner ...")
        return None
    digit = DIGIT_LOOKALIKES[m["glyph"]]
    if first != digit:
        return None
    return f"{'LO' if m['label'] else ''}{digit}{'.' if not m['label'] else ''} {cell[m.end():]}"


EVIDENCED_REPAIRS = (_outcome_junk, _outcome_label, _outcome_lookalike)
"""The outcome openings' repairs that need the evidence of the outcome's first criterion beside
the cell (or below it): safe in any text."""
OUTCOME_REPAIRS = (_outcome_comma, *EVIDENCED_REPAIRS)
"""The outcome openings' repairs, tried in order."""


def _outcome(cell: str, beside: Optional[str], guesses: bool = True, after: Optional[int] = None) -> Optional[str]:
    """A cell opening with an outcome number OCR misread -> the repaired cell, or None. A speck,
    a damaged label or a look-alike letter counts only when ``beside`` (the next cell, or the
    criterion below) opens with that outcome's first criterion, or when the outcome opening just
    above it is the number before (``after``); without ``guesses``, only those."""
    n = _NEXT_CRITERION.match(beside or "")
    evidence = [int(n.group(1))] if n else []
    evidence += [after + 1] if after is not None else []
    repairs = OUTCOME_REPAIRS if guesses else EVIDENCED_REPAIRS
    tries = ((repair, first) for repair in repairs for first in evidence or [None])
    return next((fixed for repair, first in tries if (fixed := repair(cell, first)) is not None), None)


def _outcome_above(lines: list[Line], i: int) -> Optional[int]:
    """The number of the outcome opening the nearest line above ``lines[i]`` (at most
    ``OUTCOME_ABOVE`` lines that are not blank), printed in the same form as the outcome that
    ``lines[i]`` may open (``LO4`` over ``LOS``, ``4.`` over ``S.``); None when none does."""
    if not lines[i].cells:
        return None
    labelled = lines[i].cells[0].startswith("LO")
    above = (lines[j] for j in range(i - 1, -1, -1) if not lines[j].blank and not lines[j].noise)
    for line in islice(above, OUTCOME_ABOVE):
        m = _OUTCOME_ABOVE.match(line.cells[0])
        if m and bool(m["label"]) == labelled and (labelled or m["mark"]):
            return int(m["lo"])
    return None


def _criterion_below(lines: list[Line], i: int) -> Optional[str]:
    """The first cell of the first line below ``lines[i]`` (at most ``CRITERION_BELOW`` lines
    that are not blank) that opens with a criterion number, in its repaired form; None when
    none does."""
    below = (line for line in lines[i + 1:] if not line.blank and not line.noise)
    for line in islice(below, CRITERION_BELOW):
        cell = _criterion(line.cells[0]) or line.cells[0]
        if _CRITERION.match(cell):
            return cell
    return None


def _repair_cells(cells: list[str], openings: bool = True, below: Optional[str] = None,
                  after: Optional[int] = None) -> list[tuple[int, str, str]]:
    """(cell index, repaired cell, what was misread) for each cell of one line that needs it:
    the number opening it, then its unit references; without ``openings``, only the outcome
    openings their first criterion confirms (``EVIDENCED_REPAIRS``) and the references.
    ``below``: for a line of one cell, the criterion opening a line below it (``_criterion_below``);
    ``after``: the outcome opening a line just above (``_outcome_above``), for the first cell."""
    out = []
    for k, cell in enumerate(cells):
        opened = _criterion(cell) if openings else None
        if opened is None and (k + 1 < len(cells) or len(cells) == 1):
            opened = _outcome(cell, cells[k + 1] if k + 1 < len(cells) else below, openings, after if k == 0 else None)
        referenced = _references(opened or cell)
        fixed = referenced or opened
        if fixed is not None and fixed != cell:
            what = "the number opening a cell" if opened else "a unit reference (its check letter confirms)"
            out.append((k, fixed, what))
    return out


def _said(old: str, fixed: str) -> str:
    """``'D/6S0/1281' -> 'D/650/1281'``: the first word that changed."""
    before, after = next(((a, b) for a, b in zip(old.split(), fixed.split()) if a != b), (old, fixed))
    return f"{before!r} -> {after!r}"


def repair_numbers(lines: list[Line], openings: bool = True) -> list[tuple[Line, str]]:
    """Put right the misread marks of the numbers opening the cells of OCR'd ``lines`` and
    their unit references' look-alike digits (in place; without ``openings``, only what evidence
    confirms: text that may not be OCR's has no misread openings to guess at, but a reference its
    check letter confirms, or an outcome's look-alike digit its first criterion confirms, is safe
    anywhere); returns (line, message) per repaired line."""
    repairs = []
    for i, line in enumerate(lines):
        if line.noise:
            continue
        below = _criterion_below(lines, i) if len(line.cells) == 1 else None
        found = _repair_cells(line.cells, openings, below, _outcome_above(lines, i))
        if not found:
            continue
        said = []
        for k, fixed, _ in found:
            old = line.cells[k]
            line.raw = line.raw.replace(old, fixed, 1)
            line.cells[k] = fixed
            said.append(_said(old, fixed))
        line.__dict__.pop("text", None)  # cached_property
        what = " and ".join(dict.fromkeys(w for _, _, w in found))
        repairs.append((line, f"OCR misread {what}: read {', '.join(said)}"))
    return repairs
