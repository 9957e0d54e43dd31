"""Across pages, then the chain every reader with geometry runs (``lay_out``):

furniture removed (``furniture``) -> each page's rows (``tables.layout_page``, an unruled
table's columns carried over) -> tables continued across page breaks (``join_pages``) ->
wrapped running text reflowed into paragraphs (``reflow``) -> blocks (``blocks.page_blocks``):
paragraphs and tables of cells, each page's furniture beside them.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Optional

from ..normalise.text import join_lines
from .furniture import split_furniture
from .blocks import Roles, page_blocks
from .model import Columns, Furniture, LayoutDocument, LayoutPage, Location, Page, Row, VisualLine, words_text
from .settings import DEFAULT, LayoutSettings
from .tables import NUMBERED, ends_table, layout_page
from .words import gap_cells

# a line that opens an item of its own, never a wrapped line's continuation: a number, a bullet,
# a unit or outcome heading, or a label and its colon ("Qualification number (QN): ...")
_NEW_ITEM = re.compile(r"^(\d{1,2}(\.\d{1,2})?\.?\s|(?:LO|AC)\s?\d|[-•*▪●]\s|unit\s|(?:learning\s+)?outcome\s|"
                       r"(?-i:[A-Z])[\w ()/-]{0,40}:\s)", re.I)


def lay_out(pages: list[Page], s: LayoutSettings = DEFAULT, file_lines: Optional[list] = None) -> LayoutDocument:
    """Pages of visual lines and rules -> the layout document (the layout stage); ``file_lines``:
    a text file's map, per page, from visual line to file line."""
    kept, gone = split_furniture(pages, s)
    columns = Columns()
    rows = [layout_page(lines, p.horizontal, p.vertical, columns, s) for lines, p in zip(kept, pages)]
    rows = join_pages(rows, s)
    reflow(rows, s)
    roles = Roles()
    laid = [LayoutPage(p, tuple(page_blocks(p.number, page_rows, roles, s)),
                       tuple(_furniture(p.number, vl, s) for vl in page_gone))
            for p, page_rows, page_gone in zip(pages, rows, gone)]
    return LayoutDocument(tuple(laid), tuple(file_lines) if file_lines is not None else None)


def _furniture(page_no: int, vl: VisualLine, s: LayoutSettings) -> Furniture:
    return Furniture(Location(page_no, vl.number), tuple(words_text(c) for c in gap_cells(vl.words, s)))


def join_pages(pages: list[list[Row]], s: LayoutSettings = DEFAULT) -> list[list[Row]]:
    """Tables that break across pages come out whole: a repeated table header at the top of
    the next page is dropped, and a row the page break split (its continuation opens with no
    outcome or criterion number) is joined to the row before the break."""
    last: Optional[Row] = None  # the last row of the previous page
    headers: list[str] = []  # the header rows of the last table
    for rows in pages:
        if last is not None and last.table and rows:
            _continue_table(last, rows, headers, s)
        for k, row in enumerate(rows):
            if row.header:
                headers = (headers if k and rows[k - 1].header else []) + [row.text]
        last = rows[-1] if rows else last
    return pages


def _continue_table(last: Row, rows: list[Row], headers: list[str], s: LayoutSettings) -> None:
    """The top of a page after a table: drop its repeated header, join a split row to ``last``."""
    while rows and rows[0].header and _repeats_header(rows[0].text, headers, s):
        rows.pop(0)
    heading = len(rows) > 1 and ends_table(rows[1].text.replace("\t", " "))  # a unit's title, then its header
    if rows and rows[0].table and len(rows[0].cells) == len(last.cells) and not heading and not any(
            NUMBERED.match(c + " ") for c in rows[0].cells):
        last.cells = [join_lines([a, b]) for a, b in zip(last.cells, rows.pop(0).cells)]


def _repeats_header(text: str, headers: list[str], s: LayoutSettings) -> bool:
    """A header row repeated after a page break: the same text, or (after OCR) nearly."""
    return any(text == h or SequenceMatcher(None, text, h, autojunk=False).ratio() >= s.header_similarity
               for h in headers)


def reflow(pages: list[list[Row]], s: LayoutSettings = DEFAULT) -> None:
    """Join the wrapped lines of running text into paragraphs, as text converters print them:
    a line continues on the next when the next line's first word would not have fitted on it
    (it reached the right edge of the text), with no paragraph gap and no new item between."""
    edge = max((r.right for rows in pages for r in rows if not r.table and len(r.cells) == 1), default=0.0)
    for rows in pages:
        out: list[Row] = []
        for row in rows:
            prev = out[-1] if out else None
            if prev is not None and (_wraps_onto(prev, row, edge, s) or _wraps_in_cell(prev, row, s)):
                prev.cells = prev.cells[:-1] + [join_lines([prev.cells[-1], row.cells[0]])]
                prev.right, prev.bottom = row.right, row.bottom
                continue
            row.first_left = row.left
            out.append(row)
        rows[:] = out


def _wraps_onto(prev: Row, row: Row, edge: float, s: LayoutSettings) -> bool:
    """``row`` is the wrapped continuation of the running-text line ``prev``."""
    return (not prev.table and not row.table and len(prev.cells) == len(row.cells) == 1
            and row.top - prev.bottom < s.reflow_gap * prev.line_height
            and prev.right + s.reflow_word * prev.line_height + row.first_word > edge
            and row.left >= prev.first_left - s.snap and not _NEW_ITEM.match(row.cells[0])
            and _same_size(prev, row, s))


def _wraps_in_cell(prev: Row, row: Row, s: LayoutSettings) -> bool:
    """``row`` is a line under the last cell of a row of cells (``Qualification title  Level 3
    Certificate in`` / ``Warehousing``), starting where that cell starts: the cell's wrapped
    text, as a key | value table without rules prints it."""
    return (not prev.table and not row.table and len(prev.cells) >= 2 and len(row.cells) == 1
            and len(prev.starts) == len(prev.cells) and abs(row.left - prev.starts[-1]) <= s.snap
            and row.top - prev.bottom < s.reflow_gap * prev.line_height
            and not _NEW_ITEM.match(row.cells[0]) and _same_size(prev, row, s))


def _same_size(prev: Row, row: Row, s: LayoutSettings) -> bool:
    """The two lines are printed in one font size (``reflow_height``), as one paragraph's lines are."""
    if s.reflow_height is None:
        return True
    high = max(prev.line_height, row.line_height)
    return high <= 0 or abs(prev.line_height - row.line_height) <= s.reflow_height * high
