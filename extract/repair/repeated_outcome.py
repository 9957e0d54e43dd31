"""Repair for text without geometry: an outcome cell repeated on every row of its table.

Some converters print an LO | AC table with the outcome repeated in each criterion's row; read
without geometry (plain ``pdftotext``), each row becomes the outcome's first line and the
criterion's first line on one line, then the outcome's second line, then the criterion's::

    1. Understand the purpose of a business's 1.1 Evaluate the benefits of letters and
    customer service policy
    electronic diaries
    1. Understand the purpose of a business's 1.2 Outline how to deal with problems
    customer service policy
    ...

The evidence is the repetition: when every row that opens with the same outcome text is
followed by the same line, that line is the outcome's continuation, not the criterion's. It is
moved into the outcome's cell (the row becomes two cells) and each move is a ``text_repaired``
warning. One row alone is never repaired: there is nothing to compare.
"""

from __future__ import annotations

import re
from typing import Optional

from ..layout.lines import Line

# "1. Understand ... 1.1 Evaluate ...", "LO1 Understand ... AC1.1 Evaluate ...": the criterion's number follows its outcome's
_ROW = re.compile(r"^((?:LO\s?)?(\d{1,2})\.?\s+\S.*?)\s+((?:AC\s?)?\2\.\d{1,2}\.?\s+\S.*)$")
_NUMBERED = re.compile(r"^(?:(?:LO|AC)\s?)?\d{1,2}(?:\.\d{1,2})?\.?\s")
MIN_REPEATS = 2  # rows that must repeat the outcome (and its second line) before one is trusted


def _rows(lines: list[Line]) -> dict[str, list[int]]:
    """Outcome part -> the indexes of the one-cell lines that open with it and a criterion."""
    found: dict[str, list[int]] = {}
    for i, line in enumerate(lines[:-1]):
        m = _ROW.match(line.text) if len(line.cells) == 1 else None
        if m:
            found.setdefault(m.group(1), []).append(i)
    return found


def _second_line(lines: list[Line], rows: list[int]) -> Optional[str]:
    """The line every one of ``rows`` is followed by, when it is the same plain line each time."""
    following = [lines[i + 1] for i in rows]
    texts = {l.text for l in following}
    plain = all(len(l.cells) == 1 and not l.noise and not _NUMBERED.match(l.text) for l in following)
    return texts.pop() if len(texts) == 1 and plain else None


def repair_repeated_outcomes(lines: list[Line]) -> list[tuple[Line, str]]:
    """Move a repeated outcome's second line back into its cell; returns (line, message)."""
    repairs = []
    for outcome, rows in _rows(lines).items():
        second = _second_line(lines, rows) if len(rows) >= MIN_REPEATS else None
        if second is None:
            continue
        for i in rows:
            m = _ROW.match(lines[i].text)
            _set_cells(lines[i], [f"{outcome} {second}", m.group(3)])
            _set_cells(lines[i + 1], [])
            repairs.append((lines[i], f"the outcome '{outcome} {second}' is repeated in each criterion's row: "
                                      f"its second line was read back into it (line {lines[i + 1].number})"))
    return repairs


def _set_cells(line: Line, cells: list[str]) -> None:
    line.cells = cells
    line.__dict__.pop("text", None)  # cached_property
