"""Rows -> blocks, the layout stage's last step: what the parser reads.

A row of running text is a ``Paragraph``; the rows of a table are a ``Table`` of ``TableRow``s
whose ``Cell``s carry their column, their extent and their role (what the table's header row
names the column: ``patterns.column_roles``); a line of running text whose words stand apart
in wide gaps (``Credit value   5``) is a one-row table of kind ``gaps``. A paragraph gap
(``paragraph_gap`` line heights) between two lines that are not both a table's is kept as
``gap_before``: text converters print a blank line there, and the parser reads it as one.

A table's roles carry on over its rows, across a page break too, until a line that is not a
table's comes between; a header row over two lines names the columns twice, and its roles add up.
"""

from __future__ import annotations

from typing import Optional

from ..parse import patterns as P
from .model import Cell, Location, Paragraph, Row, Table, TableRow
from .settings import DEFAULT, LayoutSettings


class Roles:
    """The column roles of the table being read, carried from row to row and page to page.

    A table's header rows (one after another) name its columns together: what each names,
    cell by cell (``patterns.named_cells``: a cell OCR damaged names nothing, the others still
    do), is gathered, and once the rows gathered so far make an LO | AC table
    (``patterns.valid_roles``) they are the table's roles. Header rows that never do leave
    the roles as they were (a table continued from the page before keeps its own)."""

    def __init__(self) -> None:
        self.roles: dict[int, str] = {}
        self.in_header = False
        self.named: dict[int, str] = {}  # what the current run of header rows names

    def see(self, row: Row) -> dict[int, str]:
        """The roles for ``row``'s cells, after learning what a header row names."""
        if not row.table:
            self.roles, self.in_header, self.named = {}, False, {}
            return {}
        if row.header:
            self.named = {**(self.named if self.in_header else {}), **P.named_cells(row.cells)}
            if P.valid_roles(self.named):
                self.roles = dict(self.named)
        self.in_header = bool(row.header)
        return self.roles


def page_blocks(page_no: int, rows: list[Row], roles: Optional[Roles] = None, s: LayoutSettings = DEFAULT) -> list:
    """One page's rows -> its blocks, in reading order."""
    roles = roles if roles is not None else Roles()
    blocks: list = []
    prev: Optional[Row] = None
    for row in rows:
        gap = prev is not None and _paragraph_gap(prev, row, s)
        where = Location(page_no, row.number)
        if not row.table and len(row.cells) <= 1:
            roles.see(row)
            blocks.append(Paragraph(where, row.cells[0] if row.cells else "", gap))
        else:
            _add_row(blocks, row, TableRow(where, _cells(row, roles.see(row)), row.header, gap))
        prev = row
    return [Table(tuple(b[1]), b[0]) if isinstance(b, tuple) else b for b in blocks]


def _paragraph_gap(prev: Row, row: Row, s: LayoutSettings) -> bool:
    """A gap wider than ``paragraph_gap`` line heights between lines not both a table's."""
    return not (row.table and prev.table) and row.top - prev.bottom > s.paragraph_gap * max(prev.line_height, row.line_height)


def _kind(row: Row) -> str:
    return "ruled" if row.ruled else "unruled" if row.table else "gaps"


def _add_row(blocks: list, row: Row, table_row: TableRow) -> None:
    """A row joins the table before it (kept as ``(kind, rows)`` until the page is done) when it
    is of the same kind and not a new table's header; a ``gaps`` line is a table of its own."""
    kind = _kind(row)
    last = blocks[-1] if blocks else None
    joins = isinstance(last, tuple) and last[0] == kind != "gaps" and not (row.header and not last[1][-1].header)
    if joins:
        last[1].append(table_row)
    else:
        blocks.append((kind, [table_row]))


def _cells(row: Row, roles: dict[int, str]) -> tuple:
    edges = _edges(row)
    out = []
    for k, text in enumerate(row.cells):
        left = edges[k] if k < len(edges) else (edges[-1] if edges else row.left)
        right = edges[k + 1] if k + 1 < len(edges) else (row.right if not row.table else None)
        out.append(Cell(text, k, left, right, row.top, row.bottom, roles.get(k)))
    return tuple(out)


def _edges(row: Row) -> tuple:
    """Where the row's cells start (and, ruled, where the last ends): its table's borders, or
    for a ``gaps`` line each cell's first word."""
    if row.table:
        return row.borders
    return tuple(row.starts) if len(row.starts) == len(row.cells) else ()
