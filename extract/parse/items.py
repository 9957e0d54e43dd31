"""Stage 4a (units): a unit's lines -> items (outcome rows, criterion rows, numbers, text, markers).

Each line's cells (a laid-out table row's columns, or a plain text row cut at its tabs) are read
in column order, a cell of a column the table's header named "other" (guidance, indicative
content) skipped; each cell becomes one or more items: an outcome
row (``1 Understand ...``, with any criterion the converter glued onto it), a criterion row
(``1.1 Explain ...``, ``11``, run-on ``...process1.2 Explain``), a bare number, text, a marker
(``The learner can:``) or overlaid text (``garbled``). ``outcomes.py`` assembles them; where
criteria that another column's heading stopped resume is ``resumes.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..repair import numbering

from . import patterns as P
from .facts import row_facts
from .resumes import criteria_resume, outcome_resumes, page_of, page_resumes
from ..layout.lines import Line


@dataclass
class Item:
    kind: str  # lo | ac | text | junk | blank | lomark | acmark | garbled | resume (a page break, ``page_breaks``)
    line: Line
    number: Optional[str] = None
    text: str = ""
    column: Optional[int] = None  # cell index in a table row; None for plain lines
    merged_width: int = 0  # an outcome row carrying its first criterion: width of the outcome part
    left_of: Optional[str] = None  # text printed left of a criterion number on its line: that number


def _split_row(cell: str, line: Line, column: Optional[int]) -> list[Item]:
    """One cell -> items. Splits an outcome row that carries its first criterion."""
    m = P.AC_ROW.match(cell)
    if m:
        return _split_criteria(m.group(1), m.group(2) or "", line, column)
    m = P.LO_ROW.match(cell)
    if m:
        return outcome_row(m.group(1), m.group(2), line, column, m.start(2))
    if len(cell) <= 2 and not cell.isdigit():
        return [Item("junk", line, text=cell, column=column)]
    inner = P.AC_INSIDE_DOTTED.search(cell)
    if inner and column is None:  # "programme 1.2 Explain how ...": an outcome tail, then a criterion
        return [Item("text", line, text=cell[: inner.start()].strip(), column=column, left_of=inner.group(1))] + \
            _split_criteria(inner.group(1), cell[inner.end() :].strip(), line, column)
    return [Item("text", line, text=cell, column=column)]


def outcome_row(lo: str, rest: str, line: Line, column: Optional[int], at: int) -> list[Item]:
    """An outcome row -> its item, and the criteria the converter glued onto it (a flattened
    LO | AC row: "1 Understand ... 1.1 Explain ..."); ``at``: where ``rest`` starts in the cell."""
    items = [Item("lo", line, lo, rest, column)]
    for inner in P.AC_INSIDE.finditer(rest):
        parsed = numbering.parse_ac(inner.group(1), int(lo))
        if parsed and parsed[0] == int(lo):
            items[0].merged_width = inner.start() + at
            items[0].text = rest[: inner.start()].strip().rstrip(" |")  # "... plan | AC3.1": OCR's column rule
            items += _split_criteria(inner.group(1), rest[inner.end() :].strip(), line, column)
            break
    return items


_CRITERION_JOINT = re.compile(r"(?:(?<=[a-z)\"])|\s+)(?=\d\.\d{1,2}(?:\s+[A-Z]|\.[a-z]))")  # "2.3.carry": glued


def _split_criteria(number: str, rest: str, line: Line, column: Optional[int]) -> list[Item]:
    """``1.1 Explain x1.2 Explain y`` (run-on cells) -> one item per criterion. A text without
    any ``d.d`` has no joint to split at (most criteria): it is not scanned for one."""
    items = []
    for piece in _CRITERION_JOINT.split(rest) if P.NUMBER_ANYWHERE.search(rest) else [rest]:
        m = re.match(r"^(\d\.\d{1,2})(?:\s+|\.(?=[a-z]))(.*)$", piece) if items else None
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


@dataclass
class _Carry:
    """What tokenizing carries from one line to the next."""

    items: list[Item] = field(default_factory=list)
    stopped: bool = False  # a heading or the unit facts ended the criteria
    stopped_on: Optional[int] = None  # the page (or form-feed sheet) where a heading stopped them
    fact_label: bool = False  # the line before was a fact label alone ("Unit level"): this one may be its value
    roles: dict[int, str] = field(default_factory=dict)  # column index -> role, from the last header row


def tokenize(lines: list[Line]) -> list[Item]:
    r = _Carry()
    for n, line in enumerate(lines):
        if line.noise:
            continue
        if line.blank:
            r.items.append(Item("blank", line))
            continue
        if _unit_facts(r, lines, n):
            continue
        if r.stopped and page_resumes(r.stopped_on, r.items, lines, n):
            r.items.append(Item("resume", line))
            r.stopped = False
        elif r.stopped and outcome_resumes(r.items, lines, n):
            r.stopped = False
        cells = _criteria_before_markers(r, line, _join_number_cells([_label_free(c) for c in line.cells]))
        if not _header_row(r, line, cells):
            _row_items(r, line, cells)
    return r.items


def _unit_facts(r: _Carry, lines: list[Line], n: int) -> bool:
    """Unit facts: before the criteria they head the unit, after them they end the criteria."""
    text = lines[n].text
    value_below = r.fact_label and _fact_value(text)
    r.fact_label = bool(P.FACT_LABEL_LINE.match(text)) and _value_follows(lines, n)
    damaged = len(lines[n].cells) == 2 and bool(P.FACT_LABEL_LINE.match(lines[n].cells[0]))  # "Credit value | if:"
    if row_facts(text) or P.FACT_REF.match(text) or r.fact_label or value_below or damaged:
        r.stopped = r.stopped or any(x.kind == "ac" for x in r.items)
        return True
    return False


def _header_row(r: _Carry, line: Line, cells: list[str]) -> bool:
    """A table header naming the outcome / criteria columns -> markers, and the column roles."""
    header = P.column_roles(cells) if len(cells) > 1 else P.squeezed_roles(cells[0]) if cells else None
    if not header and r.items and r.items[-1].kind == "acmark" and P.heading_cells(cells):
        header = {k: role for k, role in r.roles.items() if k < len(cells) and cells[k]}  # the header's next line
    if not header:
        return False
    # a header over two lines names the columns twice: its roles add up
    r.roles = {**r.roles, **header} if r.items and r.items[-1].kind in ("lomark", "acmark") else header
    r.stopped = False
    if "lo" in header.values():
        r.items.append(Item("lomark", line))
    r.items.append(Item("acmark", line))
    return True


def _row_items(r: _Carry, line: Line, cells: list[str]) -> None:
    """A line's cells -> items; cells of a column the header named "other" are dropped: the
    roles the layout gave the row's cells, or without them (text with no geometry, a header the
    layout did not see) those of the last header row read here."""
    table = len(cells) > 1
    roles = dict(enumerate(line.roles)) if line.roles else r.roles
    if table and roles:
        cells = [("" if roles.get(k) == "other" else c) for k, c in enumerate(cells)]
    first_ac = next((k for k, c in enumerate(cells) if P.AC_ROW.match(c)), len(cells))
    before = [k for k in range(first_ac) if cells[k]]
    for column, cell in enumerate(cells):
        if not cell:
            continue
        col = column if table else None
        if _overlaid(cells, column, table, before, first_ac) or _garbled(cell):
            r.items.append(Item("garbled", line, text=cell, column=col))
        else:
            _cell_items(r, line, cell, col)


def _criteria_before_markers(r: _Carry, line: Line, cells: list[str]) -> list[str]:
    """Read first the criterion of a cell that ends with the column markers (``2.6 demonstrate
    ... The learner can:``: OCR put a header row repeated below the criterion's row on its line),
    before the row's markers or header; returns the cells with the markers left where it stood.
    A column the layout or the last header named "other" is left to ``_row_items``."""
    out, table = list(cells), len(cells) > 1
    roles = dict(enumerate(line.roles)) if line.roles else r.roles
    for column, cell in enumerate(cells):
        split = _criterion_before_marker(cell) if cell and not (table and roles.get(column) == "other") else None
        if split:
            _cell_items(r, line, split[0], column if table else None)
            out[column] = split[1]
    return out


_THE = re.compile(r"\bthe\s*$", re.I)  # "The" before "learner can:" belongs to the marker


def _criterion_before_marker(cell: str) -> Optional[tuple[str, str]]:
    """A criterion row's cell whose last words are a column marker -> (criterion, marker), or None."""
    m = P.AC_ROW.match(cell)
    if not (m and m.group(2)):
        return None
    marks = [x for x in (P.LO_MARKER.search(cell, m.start(2)), P.AC_MARKER.search(cell, m.start(2))) if x]
    if not marks or max(x.end() for x in marks) < len(cell.rstrip(" :")):
        return None
    text = _THE.sub("", cell[: min(x.start() for x in marks)]).rstrip()
    kept = P.AC_ROW.match(text)
    return (text, cell[len(text):].strip()) if kept and kept.group(2) else None


def _overlaid(cells: list[str], column: int, table: bool, before: list[int], first_ac: int) -> bool:
    """A cell of a table row holding overlaid text from another column."""
    if table and column in before[:-1] and first_ac < len(cells):
        return True  # a row has one outcome cell: text in the columns before it is overlaid
    # The outcome column of a table never holds criteria: several numbers there mean
    # overlaid text from the other column.
    cell = cells[column]
    later = any(c for c in cells[column + 1 :])
    return bool(table and column == 0 and later and P.NUMBER_ANYWHERE.search(cell) and len(cell) > 40)


def _cell_items(r: _Carry, line: Line, cell: str, col: Optional[int]) -> None:
    """One readable cell -> markers, an outcome heading, or rows; headings that end the
    criteria stop them until a marker, an outcome or the criteria column resumes."""
    if _markers(r, line, cell):
        return
    m = P.OUTCOME_LINE.match(cell)
    if m:
        r.stopped = False
        r.items.extend(outcome_row(m.group(1), m.group(2), line, col, m.start(2)))
        return
    if P.IGNORED.match(cell):
        return
    if _other_column_heading(cell, r.items):
        return  # "Indicative content" printed with the column markers: a third column's name
    if P.STOP.match(cell) or P.GRADING_CRITERION.match(cell):
        r.stopped, r.stopped_on = True, page_of(line)
        return
    if r.stopped and criteria_resume(cell, r.items):
        r.stopped = False  # the criteria column goes on after another column's text
    if not r.stopped:
        r.items.extend(_split_row(cell, line, col))


def _markers(r: _Carry, line: Line, cell: str) -> bool:
    """``Learning outcome`` / ``The learner can:`` markers in a cell, in the order printed."""
    lo_mark, ac_mark = P.LO_MARKER.search(cell), P.AC_MARKER.search(cell)
    if not (lo_mark or ac_mark):
        return False
    r.stopped = False
    if lo_mark and (not ac_mark or lo_mark.start() < ac_mark.start()):
        r.items.append(Item("lomark", line))
    if ac_mark:
        r.items.append(Item("acmark", line))
    return True


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
