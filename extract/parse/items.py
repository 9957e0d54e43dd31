"""Stage 4a (units): a unit's lines -> items (outcome rows, criterion rows, numbers, text, markers).

Each line is cut into its tab-separated cells; each cell becomes one or more items: an outcome
row (``1 Understand ...``, with any criterion the converter glued onto it), a criterion row
(``1.1 Explain ...``, ``11``, run-on ``...process1.2 Explain``), a bare number, text, a marker
(``The learner can:``) or overlaid text (``garbled``). ``outcomes.py`` assembles them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..repair import numbering

from . import patterns as P
from .facts import row_facts
from ..layout.lines import Line


@dataclass
class Item:
    kind: str  # lo | ac | text | junk | blank | lomark | acmark | garbled
    line: Line
    number: Optional[str] = None
    text: str = ""
    column: Optional[int] = None  # cell index in a tab-separated row; None for plain lines
    merged_width: int = 0  # an outcome row carrying its first criterion: width of the outcome part


def _split_row(cell: str, line: Line, column: Optional[int]) -> list[Item]:
    """One cell -> items. Splits an outcome row that carries its first criterion."""
    m = P.AC_ROW.match(cell)
    if m:
        return _split_criteria(m.group(1), m.group(2) or "", line, column)
    m = P.LO_ROW.match(cell)
    if m:
        lo, rest = m.group(1), m.group(2)
        items = [Item("lo", line, lo, rest, column)]
        for inner in P.AC_INSIDE.finditer(rest):
            parsed = numbering.parse_ac(inner.group(1), int(lo))
            if parsed and parsed[0] == int(lo):
                items[0].merged_width = inner.start() + len(lo) + 1
                items[0].text = rest[: inner.start()].strip()
                items += _split_criteria(inner.group(1), rest[inner.end() :].strip(), line, column)
                break
        return items
    if len(cell) <= 2 and not cell.isdigit():
        return [Item("junk", line, text=cell, column=column)]
    inner = P.AC_INSIDE_DOTTED.search(cell)
    if inner and column is None:  # "programme 1.2 Explain how ...": an outcome tail, then a criterion
        return [Item("text", line, text=cell[: inner.start()].strip(), column=column)] + \
            _split_criteria(inner.group(1), cell[inner.end() :].strip(), line, column)
    return [Item("text", line, text=cell, column=column)]


def _split_criteria(number: str, rest: str, line: Line, column: Optional[int]) -> list[Item]:
    """``1.1 Explain x1.2 Explain y`` (run-on cells) -> one item per criterion."""
    items = []
    for piece in re.split(r"(?:(?<=[a-z)\"])|\s+)(?=\d\.\d{1,2}\s+[A-Z])", rest):
        m = re.match(r"^(\d\.\d{1,2})\s+(.*)$", piece) if items else None
        if m:
            items.append(Item("ac", line, m.group(1), m.group(2), column))
        elif items:
            items[-1].text += " " + piece
        else:
            items.append(Item("ac", line, number, piece.strip(), column))
    return items


def _garbled(cell: str) -> bool:
    """Overlaid text: long, several criterion numbers, and a number printed twice or the same
    phrases over again; a cell that runs one outcome's criteria together in order is a list,
    however alike their wording."""
    numbers = P.NUMBER_ANYWHERE.findall(cell)
    if len(cell) <= P.GARBLE_MIN_CHARS or len(numbers) < P.GARBLE_MIN_NUMBERS:
        return False
    if len(set(numbers)) < len(numbers):
        return True
    if _consecutive(numbers):  # "3.1 ... 3.2 ... 3.3": one cell holding an outcome's criteria in order
        return False
    words = cell.split()
    shingles = [" ".join(words[i : i + 5]) for i in range(len(words) - 4)]
    return len(set(shingles)) < len(shingles)


def _consecutive(numbers: list[str]) -> bool:
    pairs = [tuple(map(int, n.split("."))) for n in numbers]
    return all(b == (a[0], a[1] + 1) for a, b in zip(pairs, pairs[1:]))


def _join_number_cells(cells: list[str]) -> list[str]:
    """``1.1<TAB>Explain ...``: a criterion number in its own cell belongs to the next cell."""
    out: list[str] = []
    for cell in cells:
        if out and re.fullmatch(r"\d{1,2}\.\d{1,2}", out[-1]) and cell:
            out[-1] = f"{out[-1]} {cell}"
        else:
            out.append(cell)
    return out


def _label_free(cell: str) -> str:
    """``AC1.1 Describe`` -> ``1.1 Describe``; ``1.1. Describe`` stays for ``AC_ROW``."""
    return P.AC_LABEL.sub("", cell) if cell[:1] in "Aa" else cell


def tokenize(lines: list[Line]) -> list[Item]:
    items: list[Item] = []
    stopped = False
    fact_label = False  # the line before was a fact label alone ("Unit level"): this one may be its value
    roles: dict[int, str] = {}
    for n, line in enumerate(lines):
        if line.noise:
            continue
        if line.blank:
            items.append(Item("blank", line))
            continue
        value_below = fact_label and _fact_value(line.text)
        fact_label = bool(P.FACT_LABEL_LINE.match(line.text)) and _value_follows(lines, n)
        if row_facts(line.text) or P.FACT_REF.match(line.text) or fact_label or value_below:
            # unit facts: before the criteria they head the unit, after them they end the criteria
            stopped = stopped or any(x.kind == "ac" for x in items)
            continue
        cells = _join_number_cells([_label_free(c) for c in line.cells])
        table = len(cells) > 1
        header = P.column_roles(cells) if table else None
        if not header and items and items[-1].kind == "acmark" and P.heading_cells(cells):
            header = {k: role for k, role in roles.items() if k < len(cells) and cells[k]}  # the header's next line
        if header:
            # a header over two lines names the columns twice: its roles add up
            roles = {**roles, **header} if items and items[-1].kind in ("lomark", "acmark") else header
            stopped = False
            if "lo" in header.values():
                items.append(Item("lomark", line))
            items.append(Item("acmark", line))
            continue
        if table and roles:
            cells = [("" if roles.get(k) == "other" else c) for k, c in enumerate(cells)]
        first_ac = next((k for k, c in enumerate(cells) if P.AC_ROW.match(c)), len(cells))
        before = [k for k in range(first_ac) if cells[k]]
        for column, cell in enumerate(cells):
            if not cell:
                continue
            col = column if table else None
            if table and column in before[:-1] and first_ac < len(cells):
                # a row has one outcome cell: text in the columns before it is overlaid
                items.append(Item("garbled", line, text=cell, column=col))
                continue
            # The outcome column of a table never holds criteria: several numbers there mean
            # overlaid text from the other column.
            later = any(c for c in cells[column + 1 :])
            overlaid = table and column == 0 and later and P.NUMBER_ANYWHERE.search(cell) and len(cell) > 40
            if overlaid or _garbled(cell):
                items.append(Item("garbled", line, text=cell, column=col))
                continue
            lo_mark, ac_mark = P.LO_MARKER.search(cell), P.AC_MARKER.search(cell)
            if lo_mark or ac_mark:
                stopped = False
                if lo_mark and (not ac_mark or lo_mark.start() < ac_mark.start()):
                    items.append(Item("lomark", line))
                if ac_mark:
                    items.append(Item("acmark", line))
                continue
            m = P.OUTCOME_LINE.match(cell)
            if m:
                stopped = False
                items.append(Item("lo", line, m.group(1), m.group(2), col))
                continue
            if P.IGNORED.match(cell):
                continue
            if _other_column_heading(cell, items):
                continue  # "Indicative content" printed with the column markers: a third column's name
            if P.STOP.match(cell) or P.GRADING_CRITERION.match(cell):
                stopped = True
                continue
            if stopped and _resumes(cell, items):
                stopped = False  # the criteria column goes on after another column's text
            if not stopped:
                items.extend(_split_row(cell, line, col))
    return items


def _value_follows(lines: list[Line], n: int) -> bool:
    """A fact label alone is a fact only with its value on the next line ("Guided learning
    hours" as a heading is prose that ends the criteria)."""
    below = next((l for l in lines[n + 1 : n + 3] if not l.blank), None)
    return below is not None and _fact_value(below.text)


def _fact_value(text: str) -> bool:
    return text.isdigit() and len(text) <= 3 or bool(re.fullmatch(P.REF, text))


def _other_column_heading(cell: str, items: list[Item]) -> bool:
    """A non-criteria column's heading among the LO/AC column headings (text without cells)."""
    last = next((x for x in reversed(items) if x.kind != "blank"), None)
    return bool(last and last.kind in ("lomark", "acmark")) and any(
        role == "other" and pattern.match(cell) for role, pattern in P.COLUMN_HEADINGS)


def _resumes(cell: str, items: list[Item]) -> bool:
    """After a heading that ends the criteria, a criterion row numbered as the direct successor
    of the last criterion read is the criteria column going on (a third column printed in
    between, as plain pdftotext reads tables), not a note keyed by a criterion number."""
    m = P.AC_ROW.match(cell)
    last = next((x for x in reversed(items) if x.kind == "ac" and x.number), None)
    if not (m and last and m.group(2)):
        return False
    prev = numbering.parse_ac(last.number, None)
    return prev is not None and numbering.parse_ac(m.group(1), prev[0]) == (prev[0], prev[1] + 1)
