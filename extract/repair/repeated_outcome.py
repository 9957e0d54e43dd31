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

from ..layout.lines import Line

# "1. Understand ... 1.1 Evaluate ...", "LO1 Understand ... AC1.1 Evaluate ...": the criterion's number follows its outcome's
_ROW = re.compile(r"^((?:LO\s?)?(\d{1,2})\.?\s+\S.*?)\s+((?:AC\s?)?\2\.\d{1,2}\.?\s+\S.*)$")
_NUMBERED = re.compile(r"^(?:(?:LO|AC)\s?)?\d{1,2}(?:\.\d{1,2})?\.?\s")
MIN_REPEATS = 2  # rows that must repeat the outcome (and its second line) before one is trusted


def _rows(lines: list[Line]) -> dict[tuple[str, str], list[int]]:
    """(outcome part, next line) -> the indexes of the rows that open with that outcome."""
    found: dict[tuple[str, str], list[int]] = {}
    for i, line in enumerate(lines[:-1]):
        m = _ROW.match(line.text) if len(line.cells) == 1 else None
        nxt = lines[i + 1]
        if m and len(nxt.cells) == 1 and not nxt.noise and not _NUMBERED.match(nxt.text):
            found.setdefault((m.group(1), nxt.text), []).append(i)
    return found


def _outcomes(lines: list[Line]) -> dict[str, set[str]]:
    """Outcome part -> every line that follows one of its rows (one set of one: consistent)."""
    seen: dict[str, set[str]] = {}
    for i, line in enumerate(lines[:-1]):
        m = _ROW.match(line.text) if len(line.cells) == 1 else None
        if m:
            seen.setdefault(m.group(1), set()).add(lines[i + 1].text)
    return seen


def repair_repeated_outcomes(lines: list[Line]) -> list[tuple[Line, str]]:
    """Move a repeated outcome's second line back into its cell; returns (line, message)."""
    consistent = _outcomes(lines)
    repairs = []
    for (outcome, second), rows in _rows(lines).items():
        if len(rows) < MIN_REPEATS or consistent[outcome] != {second}:
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
