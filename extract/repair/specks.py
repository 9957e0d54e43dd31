"""Repair for OCR'd pages: specks read as marks standing apart at a cell's edges.

Dust, a table rule's end or a shaded cell's edge reaches tesseract's text as a mark a space
apart from the words: a cell of its own (``Unit 03 Apply make-up | :``), or a mark after a
cell's last word (``Unit level ;``, ``The learner can: .``) or before its first (``/ The learner
will:``). Printed text puts a full stop, comma, colon or semicolon straight after a word, never
a space before it, so such a mark is no part of the text; while it stays, a unit heading is read
as a table row and a fact label as no label. The marks are dropped (a mark-only cell becomes
empty, trailing empty cells go, and so does a speck's cell before a bullet), one
``text_repaired`` warning per line. Bullets (``•``, and
the glyphs ``repair.bullets`` reads as bullets) and a dash (``Unit 2 -``, a list's ``- item``)
are words' company in print and are kept.
"""

from __future__ import annotations

import re

from ..layout.lines import Line
from .bullets import OCR_BULLETS

TRAILING = ".,:;'\"`~=|/\\"
"""Marks a speck is read as after a cell's last word."""
LEADING = "~=|/\\"
"""Marks a speck is read as before a cell's first word (not ``.``, ``,``, ``:``: the glyphs
OCR reads a bullet as, repaired as bullets before this)."""

_TRAILING = re.compile(r"(?<=\S)(?:\s+[%s]+)+\s*$" % re.escape(TRAILING))
_LEADING = re.compile(r"^\s*[%s]+\s+(?=\S)" % re.escape(LEADING))
_BULLETED = re.compile(r"^[%s]{1,2}\s" % re.escape(OCR_BULLETS + "-"))
_MARKS_ONLY = re.compile(r"^[%s]+$" % re.escape(TRAILING + "«»\u2014\u2013-_*+"))


def _clean(cell: str) -> str:
    if _MARKS_ONLY.match(cell.strip()):
        return ""
    return _LEADING.sub("", _TRAILING.sub("", cell))


def _speck_before_bullet(line: Line) -> bool:
    """The line as printed opens with a speck's cell, then a bullet (clean-up took both off ``cells``)."""
    raw = line.parts
    return len(raw) > 1 and bool(_MARKS_ONLY.match(raw[0].strip())) and bool(_BULLETED.match(raw[1].lstrip()))


def repair_specks(lines: list[Line]) -> list[tuple[Line, str]]:
    """Drop the specks at the cell edges of OCR'd ``lines`` (in place) -> (line, message) per line."""
    repairs = []
    for line in lines:
        if line.noise or not line.cells:
            continue
        cells = [_clean(c) for c in line.cells]
        while len(cells) > 1 and not cells[-1]:
            cells.pop()
        if len(cells) > 1 and not cells[0] and _speck_before_bullet(line):
            cells.pop(0)  # ". | • describe ...": the speck beside a bullet, no cell of its own
        if cells == line.cells:
            continue
        gone = [c for c, n in zip(line.cells, cells + [""] * len(line.cells)) if c != n]
        line.cells = cells
        line.__dict__.pop("text", None)  # cached_property
        repairs.append((line, f"OCR specks dropped from the cells {', '.join(repr(c) for c in gone)}"))
    return repairs
