"""Repair for OCR'd text: fact labels whose words OCR misread.

A unit's facts and the qualification's profile are found by their labels (``Unit level``,
``Credit value``, ``Total qualification time (TQT): 170``). OCR damages a label like any other
word (``Unit leve!``, ``Credit vatue``, ``(TQT}``), and a label not read as one leaves its
fact empty and its row to be read as an outcome. A cell of at most ``MAX_LABEL_WORDS`` words
whose damaged words, repaired as OCR text is (``confusions.repair``), and brackets read as
braces (``{GLH}``) make it a label it was not, is written so, with a ``text_repaired``
warning. Only a label's own patterns decide: a repaired word that makes no label changes
nothing (``leaming`` is never ``looming`` here).
"""

from __future__ import annotations

import re
from typing import Optional

from ..layout.lines import Line
from ..parse import patterns as P
from .confusions import repair
from .split_facts import LABEL

MAX_LABEL_WORDS = 8  # a label cell with its value ("Guided learning hours (GLH): 110")
_BRACES = str.maketrans("{}", "()")
_TOKEN = re.compile(r"[A-Za-z!]+")
_LABELS = (P.FACT_LABEL_LINE.match, P.FACT_ROW.match, LABEL.match, P.TQT.match, P.QUAL_GLH.match)


def _as_label(cell: str) -> Optional[str]:
    """``cell`` read as the label it would be but for OCR's damage, or None."""
    if len(cell.split()) > MAX_LABEL_WORDS or any(is_label(cell) for is_label in _LABELS):
        return None
    fixed = _TOKEN.sub(lambda m: repair(m.group(0)) or m.group(0), cell.translate(_BRACES))
    return fixed if fixed != cell and any(is_label(fixed) for is_label in _LABELS) else None


def repair_labels(lines: list[Line]) -> list[tuple[Line, str]]:
    """Rewrite the misread fact labels of OCR'd ``lines`` in place; (line, message) per line."""
    repairs = []
    for line in lines:
        if line.noise:
            continue
        found = [(k, fixed) for k, cell in enumerate(line.cells) if (fixed := _as_label(cell))]
        if not found:
            continue
        said = ", ".join(f"{line.cells[k]!r} -> {fixed!r}" for k, fixed in found)
        for k, fixed in found:
            line.raw = line.raw.replace(line.cells[k], fixed, 1)
            line.cells[k] = fixed
        line.__dict__.pop("text", None)  # cached_property
        repairs.append((line, f"OCR misread a fact label: read {said}"))
    return repairs
