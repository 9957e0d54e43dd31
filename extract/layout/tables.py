"""One page's visual lines and rules -> rows: ruled tables, unruled tables, running text.

* ruled tables: vertical rules spanning a line give its column borders; horizontal rules (in
  any column) cut the table into rows, so a learning-outcome cell merged over many criterion
  rows is split line by line across those rows, and a table broken across pages simply
  continues on the next page;
* unruled tables: a header row that names its columns ("The learner will:" | "The learner
  can:") fixes the column borders until a line crosses them; a row starts where a cell opens
  with an outcome or criterion number (or after a row gap);
* elsewhere a wide horizontal gap separates cells.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

from ..normalise.text import join_lines
from ..parse import patterns as P
from .model import Columns, Row, VisualLine, Word, words_text
from .rules import borders_at, cuts
from .runs import (BULLETS, CRITERION_NUMBER, crosses, home_column, run_column, shifted_left, split_at_borders,
                   split_before_start, wraps_before_item)
from .settings import DEFAULT, LayoutSettings
from .words import gap_cells

NUMBERED = re.compile(r"^(?:(?:LO|AC)\s?)?(\d{1,2}(\.\d{1,2})?)\.?\s")  # a cell opening with an LO or AC number
_TABLE_ENDS = (P.UNIT_HEADER_REF, P.UNIT_HEADER_NUMBER_REF, P.UNIT_HEADING, P.UNIT_HEADER_NUMBER, P.STOP,
               re.compile(r"^(?:unit\s+title|title\s+of\s+unit)\b", re.I))
MIN_RULED_BORDERS = 3  # vertical rules a line must sit between to be a ruled table's (two columns at least)


@dataclass
class _Ruled:
    """The ruled table being filled: its borders, row cuts, and the row of the current band."""

    borders: tuple
    cuts: list
    band: Optional[int] = None
    row: Optional[Row] = None


@dataclass
class _Page:
    rows: list = field(default_factory=list)
    ruled: Optional[_Ruled] = None


def ends_table(text: str) -> bool:
    """A unit heading or a heading that ends the criteria (assessment guidance, a grading
    grid) is never inside an LO|AC table."""
    return any(p.match(text) for p in _TABLE_ENDS)


def layout_page(lines: list[VisualLine], horizontal: list, vertical: list,
                columns: Optional[Columns] = None, s: LayoutSettings = DEFAULT) -> list[Row]:
    """One page's visual lines and rules -> rows. ``columns`` carries an unruled table's
    borders from the previous page and is updated in place."""
    columns = columns if columns is not None else Columns()
    columns.open = None  # a row is continued across pages by ``join_pages``, not here
    page = _Page()
    for vl in lines:
        if not _in_ruled_table(page, vl, horizontal, vertical, columns, s):
            page.ruled = None
            _plain_or_unruled(page.rows, vl, columns, s)
    for row in page.rows:
        row.cells = [c if isinstance(c, str) else join_lines(c) for c in row.cells]
    return page.rows


def _in_ruled_table(page: _Page, vl: VisualLine, horizontal, vertical, columns: Columns, s: LayoutSettings) -> bool:
    """Place a line that sits between a ruled table's outer borders; False for any other line."""
    line = vl.words
    borders = borders_at(vertical, vl.top, vl.bottom, s)
    if not (len(borders) >= MIN_RULED_BORDERS and line[0][0] >= borders[0] - s.snap
            and line[-1][2] <= borders[-1] + s.snap):
        return False
    columns.borders, columns.open = [], None
    if page.ruled is None or page.ruled.borders != borders:
        page.ruled = _Ruled(borders, cuts(horizontal, borders, s))
    _ruled_line(page.rows, page.ruled, vl, s)
    return True


def _plain_or_unruled(rows: list[Row], vl: VisualLine, columns: Columns, s: LayoutSettings) -> None:
    """A line outside ruled tables: part of an open unruled table, or running text (which may
    be the header row that opens an unruled table)."""
    if columns.borders and (ends_table(vl.text) or _leaves_table(vl.words, columns, s)) \
            and not _squeezed_header(rows, vl.words):
        columns.borders, columns.open = [], None
    if columns.borders:
        _unruled_line(rows, columns, vl, s)
    else:
        rows.append(_text_row(rows, vl, columns, s))


def _leaves_table(line: list[Word], columns: Columns, s: LayoutSettings) -> bool:
    """Running text across the columns ends the table; with ``strays`` only from the table's
    left edge (a line indented into it is a cell that strays over a border)."""
    if not crosses(line, columns.borders, s):
        return False
    return not s.strays or _prose(split_at_borders(gap_cells(line, s)[0], _cut_points(columns, s), s)[0], columns, s)


def _squeezed_header(rows: list[Row], line: list[Word]) -> bool:
    """The header row's next line, its cells squeezed a word space apart over a border ("On
    completion of this unit The learner can:"): it crosses the borders but is no running text
    when it splits into runs that each name a column."""
    if not rows or not rows[-1].header:
        return False
    return any(P.column_roles([words_text(line[:n]), words_text(line[n:])]) for n in range(1, len(line)))


def _cut_points(columns: Columns, s: LayoutSettings) -> list[float]:
    """Where a line of an unruled table may be cut: the column borders, and with ``strays``
    the starts of the open row's cells."""
    if not s.strays or columns.open is None:
        return columns.borders
    return sorted(set(columns.borders) | {x for _, x in columns.starts()})


def _text_row(rows: list[Row], vl: VisualLine, columns: Columns, s: LayoutSettings) -> Row:
    """A line of running text, its cells split at wide gaps; a line whose cells name table
    columns opens an unruled table (its borders go to ``columns``)."""
    line = vl.words
    cells = gap_cells(line, s)
    texts = [words_text(c) for c in cells]
    row = Row(vl.number, vl.top, vl.bottom, texts, line_height=vl.bottom - vl.top, left=line[0][0],
              right=line[-1][2], first_word=line[0][2] - line[0][0], starts=[c[0][0] for c in cells])
    named = [(c, t) for c, t in zip(cells, texts) if any(ch.isalnum() for ch in t)]  # a speck (":") names no column
    if len(named) >= 2 and P.column_roles([t for _, t in named]):
        columns.borders = [c[0][0] - s.snap for c, _ in named[1:]]
        columns.seen = {}
        columns.left = cells[0][0][0]
        row.table = row.header = True
        row.borders = (columns.left, *columns.borders)
        columns.headers = {" ".join(texts)}
        above = rows[-1] if rows else None
        if above is not None and len(above.cells) == len(cells) and vl.top - above.bottom < s.row_gap * row.line_height:
            above.header = True  # a heading line over the markers ("Learning outcomes")
            columns.headers.add(" ".join(above.cells))
    return row


def _column(x: float, borders, s: LayoutSettings) -> int:
    return max(0, bisect_right(borders, x + s.snap) - 1)


def _ruled_line(rows: list[Row], ruled: _Ruled, vl: VisualLine, s: LayoutSettings) -> None:
    """A line inside a ruled table joins the table row (band between two cuts) it falls in."""
    borders = ruled.borders
    band = bisect_right(ruled.cuts, (vl.top + vl.bottom) / 2)
    per_column: dict[int, list[Word]] = {}
    for w in vl.words:
        per_column.setdefault(min(_column(w[0], borders, s), len(borders) - 2), []).append(w)
    if ruled.row is None or band != ruled.band:
        # the first band is the header; so is a band under it whose cells all name columns
        header = (ruled.row is None and not NUMBERED.match(vl.text + " ")) or (
            ruled.row is not None and ruled.row.header and P.heading_cells([words_text(ws) for ws in per_column.values()]))
        ruled.row = Row(vl.number, vl.top, vl.bottom, [[] for _ in range(len(borders) - 1)], True,
                        vl.bottom - vl.top, header=header, borders=tuple(borders), ruled=True)
        ruled.band = band
        rows.append(ruled.row)
    ruled.row.bottom = vl.bottom
    for k, ws in per_column.items():
        ruled.row.cells[k].append(words_text(ws))


def _prose(first: list[Word], columns: Columns, s: LayoutSettings) -> bool:
    """The first run of a line starts at the table's left edge and runs over a border."""
    return first[0][0] <= columns.left + s.snap and any(first[0][0] < b < first[-1][2] for b in columns.borders)


def _unruled_line(rows: list[Row], columns: Columns, vl: VisualLine, s: LayoutSettings) -> None:
    """A line of an unruled table: words go to columns by x; a new row starts where a cell
    opens with a number or after a gap, otherwise the line continues the open row (and, with
    ``strays``, is cut where the open row's cells start)."""
    borders = columns.borders
    per_column = _per_column(vl.words, columns, s, continued=False)
    texts = {k: words_text(ws) for k, ws in sorted(per_column.items())}
    if _header_again(rows, columns, list(texts.values())):
        # the header repeated after a page break, or its next line ("The learner will:",
        # "a learner should:" under "On completion of this unit")
        columns.headers.add(" ".join(texts.values()))
        _move_borders(columns, vl.words, s)
        cells = [texts.get(k, "") for k in range(len(borders) + 1)]
        rows.append(Row(vl.number, vl.top, vl.bottom, cells, True, vl.bottom - vl.top, header=True,
                        borders=(columns.left, *columns.borders)))
        columns.open = None
        return
    last = columns.open
    opens = any(NUMBERED.match(t + " ") for t in texts.values())
    height = vl.bottom - vl.top
    if last is None or opens or vl.top - last.bottom > s.row_gap * height or P.LO_MARKER.search(" ".join(texts.values())):
        columns.carried = _carried(columns, texts) if last is not None else {}
        last = columns.open = Row(vl.number, vl.top, vl.bottom, [[] for _ in range(len(borders) + 1)], True, height,
                                  borders=(columns.left, *borders))
        columns.lines = []
        rows.append(last)
    last.bottom = vl.bottom
    if s.strays:
        columns.lines.append(vl.words)
        _refill(last, columns, s)
        return
    for k, t in texts.items():
        last.cells[k].append(t)


def _refill(row: Row, columns: Columns, s: LayoutSettings) -> None:
    """Lay the open row's lines out again, cut where its cells start (``strays``): a cell's
    start seen on a later line (a criterion's second line after a gap) also cuts the first
    line, where pdftotext left only a space before it."""
    columns.lefts, columns.items = {}, set()
    texts = set()
    for words in columns.lines:
        for k, ws in _per_column(words, columns, s, continued=False).items():
            columns.lefts.setdefault(k, ws[0][0])
            if len(ws) > 1 and (ws[0][4] in BULLETS or CRITERION_NUMBER.match(ws[0][4])):
                columns.items |= {(k, ws[0][0]), (k, ws[1][0])}  # a list item: its text's wrapped lines start there
                texts.add((k, ws[1][0]))
    for k, x in columns.carried.items():
        columns.lefts.setdefault(k, x)
    columns.hanging = _hanging(columns.lines, texts, s)
    row.cells = [[] for _ in row.cells]
    for words in columns.lines:
        for k, ws in sorted(_per_column(words, columns, s, continued=True).items()):
            row.cells[k].append(words_text(ws))
    for k, x in columns.lefts.items():
        columns.seen.setdefault(k, set()).add(x)


def _carried(columns: Columns, opening: dict[int, str]) -> dict[int, float]:
    """A row opened by a criterion with no outcome beside it goes on in the outcome's row of the
    page: the cells right of the criterion that its line leaves empty start where they started in
    the row before (pdftotext keeps a column's lines aligned within the outcome's row, a word
    space from the text on their left)."""
    if not opening or 0 in opening:
        return {}
    first = min(opening)
    return {k: x for k, x in columns.lefts.items() if k > first and k not in opening}


def _hanging(lines: list[list[Word]], texts: set, s: LayoutSettings) -> set:
    """The list items' text starts (column, x) that a line of the row also opens a cell at, after
    a gap: the item's wrapped lines hang under its text, not under its number."""
    opens = [c[0][0] for words in lines for c in gap_cells(words, s)
             if not (c[0][4] in BULLETS or CRITERION_NUMBER.match(c[0][4]))]
    return {(k, x) for k, x in texts if any(abs(o - x) <= s.item_wrap_slack for o in opens)}


def _per_column(line: list[Word], columns: Columns, s: LayoutSettings, continued: bool) -> dict[int, list[Word]]:
    """The line's words by column: gap cells cut at the borders (and, for a line that
    continues the open row, where its cells start; with ``strays`` a gap cell after the
    line's first only there); with ``strays`` the runs of one line go to
    columns left to right, never two to one column out of order."""
    cut_at = _cut_points(columns, s) if continued else columns.borders
    placed: list[tuple[int, list[Word]]] = []
    previous = -1
    for n, cell in enumerate(gap_cells(line, s)):
        if s.strays and n:  # a run after a wide gap is one cell, wherever the header's borders fall
            cut_at = sorted(x for _, x in columns.starts()) if continued else []
        for run in split_at_borders(cell, cut_at, s):
            k = _column_of(run, columns, s, continued, previous)
            if s.strays and continued and placed and wraps_before_item(placed[-1], k, run, columns, s):
                placed[-1] = (k - 1, placed[-1][1])
            placed += split_before_start(run, k, columns, s) if s.strays and continued else [(k, run)]
            previous = placed[-1][0]
    per_column: dict[int, list[Word]] = {}
    for k, run in placed:
        per_column.setdefault(k, []).extend(run)
    return per_column


def _column_of(run: list[Word], columns: Columns, s: LayoutSettings, continued: bool, previous: int) -> int:
    """The column a run of a line goes to (``previous``: the line's run before it)."""
    k = run_column(run, columns, s) if continued else home_column(run, columns.borders)
    if s.strays and not continued:
        k = shifted_left(run, k, columns, s)
    if s.strays and k <= previous < len(columns.borders) and CRITERION_NUMBER.match(run[0][4]):
        k = previous + 1  # "LO2 Know the features of manual and 2.1 State ...": a criterion opens a cell
    return k


def _move_borders(columns: Columns, line: list[Word], s: LayoutSettings) -> None:
    """A header row that names every column again (a new page) sets the borders where it
    stands: a page's columns need not line up with the last page's."""
    cells = gap_cells(line, s)
    if len(cells) == len(columns.borders) + 1 and P.column_roles([words_text(c) for c in cells]):
        columns.borders = [c[0][0] - s.snap for c in cells[1:]]
        columns.left = cells[0][0][0]
        columns.seen = {}


def _header_again(rows: list[Row], columns: Columns, texts: list[str]) -> bool:
    after_header = bool(rows) and rows[-1].header
    return " ".join(texts) in columns.headers or bool(P.column_roles(texts)) or (
        after_header and bool(P.heading_cells(texts)))
