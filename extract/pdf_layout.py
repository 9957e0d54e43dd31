"""PDF page geometry -> table-aware text rows (pure functions over plain data).

Input per page: words with boxes (from the text layer or from OCR) and ruling segments (vector
drawings, or dark runs found in a scan). Output: ``Row``s, one per visual line of running text
and one per *table row*, whose cells are joined by a tab downstream -- the same form the text
converters produce, so one parser serves both (``outcomes.py`` reads cell 0 of a row as the
learning-outcome column and later cells as the criteria column).

Columns come from geometry:

* ruled tables: vertical rules spanning a line give its column borders; horizontal rules
  (in any column) cut the table into rows, so a learning-outcome cell merged over many
  criterion rows is split line by line across those rows and a table broken across pages
  simply continues on the next page;
* unruled tables: a header row that names both columns ("The learner will:" |
  "The learner can:") fixes the column borders until a line crosses them; a row starts where a
  cell opens with an outcome or criterion number (or after a row gap);
* elsewhere a wide horizontal gap separates cells.

Across pages (``pdf.py`` runs them in this order): ``drop_page_furniture`` removes running
headers, footers and page numbers (a line at the top or bottom edge that repeats at the same
place on many pages, the page's own number read as ``#``); ``join_pages`` drops a table header
repeated after a page break and rejoins a row the break split; ``reflow`` joins the wrapped
lines of running text into paragraphs; ``to_lines`` numbers the lines for the parser.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Optional

from . import patterns as P
from .text import join_lines

Word = tuple  # (x0, y0, x1, y1, text, block, line, word_no): PyMuPDF's "words" tuples
Segment = tuple  # (x0, y0, x1, y1): a horizontal (y0 == y1) or vertical (x0 == x1) rule

CELL_GAP_RATIO = 2.0  # a gap this many times the line's median word space is a cell gap, not a word space
_SNAP = 1.5  # points: rules closer than this are one rule
_THIN = 2.0  # points: a filled box thinner than this is a rule


@dataclass
class Row:
    """One output line: ``number`` is the 1-based visual line on the page where it starts."""

    number: int
    top: float
    bottom: float
    cells: list  # cell texts; while a table row is open, each cell is its list of line texts
    table: bool = False
    line_height: float = 0.0
    header: bool = False  # the first row of a table (its column headings)
    left: float = 0.0
    right: float = 0.0
    first_word: float = 0.0  # width of the first word: would it have fitted on the line before?
    first_left: float = 0.0  # left of the paragraph's first line (reflow)

    @property
    def text(self) -> str:
        return "\t".join(self.cells)


@dataclass
class Columns:
    """Column borders of an unruled table, carried from line to line (and page to page)."""

    borders: list[float] = field(default_factory=list)
    open: Optional[Row] = None  # the table row that continuation lines join
    headers: set = field(default_factory=set)  # the header lines' texts, repeated after page breaks
    left: float = 0.0  # the table's left edge (its header's first cell)
    # Text whose columns stray over the header's borders (pdftotext -layout shifts them): only a
    # line whose first run goes from the table's left edge over a border ends the table. PDF
    # text layers: any line that crosses a border.
    strays: bool = False


# --- rules ------------------------------------------------------------------------------------

def rules_from_drawings(drawings: list[dict]) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rules from ``page.get_cdrawings()``: stroked lines and box edges,
    and filled boxes thin enough to be lines. Shading (a wide filled box) is not a rule."""
    horizontal, vertical = [], []
    for d in drawings:
        stroked = "s" in d.get("type", "")
        for item in d.get("items", ()):
            kind = item[0]
            if kind == "l" and stroked:
                (x0, y0), (x1, y1) = item[1], item[2]
                _add(horizontal, vertical, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
            elif kind == "re":
                x0, y0, x1, y1 = item[1]
                x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
                if x1 - x0 < _THIN or y1 - y0 < _THIN:
                    _add(horizontal, vertical, x0, y0, x1, y1)
                elif stroked:
                    for seg in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
                        _add(horizontal, vertical, *seg)
    return horizontal, vertical


def _add(horizontal: list, vertical: list, x0: float, y0: float, x1: float, y1: float) -> None:
    if x1 - x0 >= 5 and y1 - y0 < _THIN:
        y = (y0 + y1) / 2
        horizontal.append((x0, y, x1, y))
    elif y1 - y0 >= 5 and x1 - x0 < _THIN:
        x = (x0 + x1) / 2
        vertical.append((x, y0, x, y1))


# --- visual lines -----------------------------------------------------------------------------

def visual_lines(words: list[Word]) -> list[list[Word]]:
    """Words -> lines top to bottom, each sorted left to right. Words of one text line (same
    block and line in PyMuPDF) stay together; text lines whose vertical middles are within
    half a line height of each other share a visual line (cells of one table row)."""
    pieces: dict[tuple, list[Word]] = {}
    for w in words:
        pieces.setdefault((w[5], w[6]), []).append(w)
    frags = sorted(pieces.values(), key=lambda ws: (ws[0][1] + ws[0][3]) / 2)
    lines: list[list[Word]] = []
    mid = height = None
    for ws in frags:
        m, h = (ws[0][1] + ws[0][3]) / 2, ws[0][3] - ws[0][1]
        if lines and abs(m - mid) < 0.5 * min(h, height):
            lines[-1].extend(ws)
        else:
            lines.append(list(ws))
            mid, height = m, h
    for line in lines:
        line.sort(key=lambda w: w[0])
    return lines


def _text(words: list[Word]) -> str:
    return " ".join(w[4] for w in words)


def gap_cells(line: list[Word]) -> list[list[Word]]:
    """Split a line where the gap between words is wider than 1.5 line heights."""
    height = max(w[3] - w[1] for w in line)
    cells = [[line[0]]]
    for prev, w in zip(line, line[1:]):
        if w[0] - prev[2] > 1.5 * height:
            cells.append([w])
        else:
            cells[-1].append(w)
    return cells


# --- one page ---------------------------------------------------------------------------------

@dataclass
class VisualLine:
    """A visual line: ``number`` is its 1-based position on the page (what a reader counts)."""

    number: int
    words: list
    top: float = 0.0
    bottom: float = 0.0

    @property
    def text(self) -> str:
        return _text(self.words)


def page_lines(words: list[Word]) -> list[VisualLine]:
    return [VisualLine(k, ws, min(w[1] for w in ws), max(w[3] for w in ws))
            for k, ws in enumerate(visual_lines(words), start=1)]


def _borders_at(vertical: list[Segment], top: float, bottom: float) -> tuple[float, ...]:
    """x of the vertical rules that span the band ``top..bottom`` (snapped, sorted)."""
    xs = sorted(v[0] for v in vertical if v[1] <= top + 2 and v[3] >= bottom - 2)
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > _SNAP:
            out.append(x)
    return tuple(out)


def layout_page(lines: list[VisualLine], horizontal: list[Segment], vertical: list[Segment],
                columns: Optional[Columns] = None) -> list[Row]:
    """One page's visual lines and rules -> rows. ``columns`` carries an unruled table's
    borders from the previous page and is updated in place."""
    columns = columns if columns is not None else Columns()
    columns.open = None  # a row is continued across pages by ``join_pages``, not here
    rows: list[Row] = []
    ruled: Optional[dict] = None  # the ruled table being filled: borders, row cuts, open row
    for vl in lines:
        line, number, top, bottom = vl.words, vl.number, vl.top, vl.bottom
        borders = _borders_at(vertical, top, bottom)
        if len(borders) >= 3 and line[0][0] >= borders[0] - _SNAP and line[-1][2] <= borders[-1] + _SNAP:
            columns.borders, columns.open = [], None
            if ruled is None or ruled["borders"] != borders:
                ruled = {"borders": borders, "cuts": _cuts(horizontal, borders), "band": None, "row": None}
            _ruled_line(rows, ruled, line, number, top, bottom)
            continue
        ruled = None
        if columns.borders and _ends_table(vl.text):
            columns.borders, columns.open = [], None
        if columns.borders and _crosses(line, columns.borders) and (
                not columns.strays or _prose(_split_at_borders(gap_cells(line)[0], columns.borders)[0], columns)):
            # running text across the columns from the table's left edge ends the table; a line
            # indented into it is a cell that strays over a border (pdftotext -layout shifts them)
            columns.borders, columns.open = [], None
        if columns.borders:
            _unruled_line(rows, columns, line, number, top, bottom)
            continue
        cells = gap_cells(line)
        texts = [_text(c) for c in cells]
        row = Row(number, top, bottom, texts, line_height=bottom - top, left=line[0][0], right=line[-1][2],
                  first_word=line[0][2] - line[0][0])
        if len(cells) >= 2 and P.column_roles(texts):
            columns.borders = [c[0][0] - _SNAP for c in cells[1:]]
            columns.left = cells[0][0][0]
            row.table = row.header = True
            columns.headers = {" ".join(texts)}
            above = rows[-1] if rows else None
            if above is not None and len(above.cells) == len(cells) and top - above.bottom < 0.6 * row.line_height:
                above.header = True  # a heading line over the markers ("Learning outcomes")
                columns.headers.add(" ".join(above.cells))
        rows.append(row)
    for row in rows:
        row.cells = [c if isinstance(c, str) else join_lines(c) for c in row.cells]
    return rows


def _cuts(horizontal: list[Segment], borders: tuple[float, ...]) -> list[float]:
    """y of the horizontal rules inside the table's width: its row boundaries."""
    left, right = borders[0], borders[-1]
    return sorted({round(h[1], 1) for h in horizontal if h[0] < right - _SNAP and h[2] > left + _SNAP})


def _column(x: float, borders) -> int:
    return max(0, bisect_right(borders, x + _SNAP) - 1)


def _ruled_line(rows: list[Row], ruled: dict, line: list[Word], number: int, top: float, bottom: float) -> None:
    """A line inside a ruled table joins the table row (band between two cuts) it falls in."""
    borders = ruled["borders"]
    band = bisect_right(ruled["cuts"], (top + bottom) / 2)
    per_column: dict[int, list[Word]] = {}
    for w in line:
        per_column.setdefault(min(_column(w[0], borders), len(borders) - 2), []).append(w)
    if ruled["row"] is None or band != ruled["band"]:
        # the first band is the header; so is a band under it whose cells all name columns
        header = (ruled["row"] is None and not _NUMBERED.match(_text(line) + " ")) or (
            ruled["row"] is not None and ruled["row"].header and P.heading_cells([_text(ws) for ws in per_column.values()]))
        ruled["row"] = Row(number, top, bottom, [[] for _ in range(len(borders) - 1)], True, bottom - top, header=header)
        ruled["band"] = band
        rows.append(ruled["row"])
    row = ruled["row"]
    row.bottom = bottom
    for k, ws in per_column.items():
        row.cells[k].append(_text(ws))


_TABLE_ENDS = (P.UNIT_HEADER_REF, P.UNIT_HEADER_NUMBER_REF, P.UNIT_HEADING, P.UNIT_HEADER_NUMBER, P.STOP,
               re.compile(r"^(?:unit\s+title|title\s+of\s+unit)\b", re.I))


def _ends_table(text: str) -> bool:
    """A unit heading or a heading that ends the criteria (assessment guidance, a grading
    grid) is never inside an LO|AC table."""
    return any(p.match(text) for p in _TABLE_ENDS)


def _prose(first: list[Word], columns: Columns) -> bool:
    """The first run of a line starts at the table's left edge and runs over a border."""
    return first[0][0] <= columns.left + _SNAP and any(first[0][0] < b < first[-1][2] for b in columns.borders)


_CRITERION_NUMBER = re.compile(r"^(?:AC)?\d{1,2}\.\d{1,2}\.?$")


def _split_at_borders(cell: list[Word], borders: list[float]) -> list[list[Word]]:
    """A gap-separated run of words, cut where a word-space gap falls on a border (two cells
    only a word space apart) and before a criterion number inside it (``... importance 1.1
    list ...``: an outcome cell and a criterion cell squeezed a space apart); a run
    straddling a border in mid-text stays whole."""
    runs = [[cell[0]]]
    for prev, w in zip(cell, cell[1:]):
        if any(prev[2] <= b <= w[0] + _SNAP for b in borders) or _CRITERION_NUMBER.match(w[4]):
            runs.append([w])
        else:
            runs[-1].append(w)
    return runs


def _home_column(run: list[Word], borders: list[float]) -> int:
    """The column holding most of a run's width."""
    x0, x1 = run[0][0], run[-1][2]
    edges = [float("-inf")] + list(borders) + [float("inf")]
    overlap = [max(0.0, min(x1, b) - max(x0, a)) for a, b in zip(edges, edges[1:])]
    return max(range(len(overlap)), key=lambda k: (overlap[k], -k))


def _crosses(line: list[Word], borders: list[float]) -> bool:
    """Running text across a column border ends an unruled table: a word straddles the
    border, or the words either side of it are only a word space apart: as close as the
    line's own word spaces (a cell gap, however narrow, is wider than those)."""
    height = max(w[3] - w[1] for w in line)
    gaps = sorted(w[0] - p[2] for p, w in zip(line, line[1:]))
    word_space = gaps[len(gaps) // 2] if gaps else 0.0
    for b in borders:
        for prev, w in zip([None] + line, line):
            if w[0] < b - _SNAP < b + _SNAP < w[2]:
                return True
            gap = w[0] - prev[2] if prev is not None else None
            if gap is not None and prev[2] <= b <= w[0] + _SNAP and gap < 0.8 * height and gap < CELL_GAP_RATIO * word_space:
                return True
    return False


_NUMBERED = re.compile(r"^(?:(?:LO|AC)\s?)?(\d{1,2}(\.\d{1,2})?)\.?\s")


def _unruled_line(rows: list[Row], columns: Columns, line: list[Word], number: int, top: float, bottom: float) -> None:
    """A line of an unruled table: words go to columns by x; a new row starts where a cell
    opens with a number or after a gap, otherwise the line continues the open row."""
    borders = columns.borders
    per_column: dict[int, list[Word]] = {}
    for cell in gap_cells(line):
        for run in _split_at_borders(cell, borders):
            per_column.setdefault(_home_column(run, borders), []).extend(run)
    texts = {k: _text(ws) for k, ws in sorted(per_column.items())}
    after_header = bool(rows) and rows[-1].header
    if " ".join(texts.values()) in columns.headers or P.column_roles(list(texts.values())) or (
            after_header and P.heading_cells(list(texts.values()))):
        # the header repeated after a page break, or its next line ("The learner will:",
        # "a learner should:" under "On completion of this unit")
        columns.headers.add(" ".join(texts.values()))
        cells = [texts.get(k, "") for k in range(len(borders) + 1)]
        rows.append(Row(number, top, bottom, cells, True, bottom - top, header=True))
        columns.open = None
        return
    last = columns.open
    opens = any(_NUMBERED.match(t + " ") for t in texts.values())
    if last is None or opens or top - last.bottom > 0.6 * (bottom - top) or P.LO_MARKER.search(" ".join(texts.values())):
        last = columns.open = Row(number, top, bottom, [[] for _ in range(len(borders) + 1)], True, bottom - top)
        rows.append(last)
    last.bottom = bottom
    for k, t in texts.items():
        last.cells[k].append(t)


# --- across pages -----------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#(?:\s*(?:of|/)\s*(?:\d+|#))?$", re.I)
# "... Handbook   Page 7" on page 7 (not prose: "see page 7", "Body of page 7")
_ENDS_WITH_PAGE = re.compile(r"(?<!\bof )(?<!\bon )(?<!\bsee )(?<!\bto )(?<!\bin )\bPage\s*#(?:\s*(?:of|/)\s*(?:\d+|#))?$")
_EDGE_LINES = 2  # how many lines at the top and at the bottom of a page can be furniture
_SAME_PLACE = 3.0  # points: furniture stands at the same distance from the page edge
FURNITURE_SIMILARITY = 0.85  # OCR'd pages: a repeated line read this alike is the same line (difflib ratio)
_STRUCTURAL = (P.UNIT_HEADER_NUMBER, P.UNIT_HEADER_REF, P.UNIT_HEADER_NUMBER_REF, P.LO_MARKER, P.AC_MARKER)


def drop_page_furniture(pages: list[tuple[int, float, list[VisualLine]]], similar: bool = False) -> list[list[VisualLine]]:
    """Remove running headers, footers and page numbers; returns each page's remaining lines.

    ``pages``: (page number, page height, visual lines). One of the first or last two lines of
    a page is furniture when the same text (the page's own number read as ``#``) stands at the
    same distance from that edge on at least two pages and on at least 40% of the pages, or
    when it is a bare page number (``7``, ``Page 7``, ``7 of 30``). Unit headers and column
    markers are never furniture. With ``similar`` (OCR'd pages, where the same footer reads a
    little differently on each page: ``ncfe.org.uk``, ``nefe.org.uk``) texts at least
    ``FURNITURE_SIMILARITY`` alike count as the same.
    """
    candidates = []
    for index, (page_no, height, lines) in enumerate(pages):
        edges = [(k, "top", lines[k].top) for k in range(min(_EDGE_LINES, len(lines)))]
        edges += [(k, "bottom", height - lines[k].bottom) for k in range(max(0, len(lines) - _EDGE_LINES), len(lines))]
        for k, edge, offset in edges:
            text = lines[k].text
            if any(p.search(text) for p in _STRUCTURAL):
                continue
            numbered = re.sub(rf"(?<!\d){page_no}(?!\d)", "#", text)  # "Page 7" -> "Page #"
            last = re.sub(rf"(?<!\d){page_no}(?!\d)(?!.*(?<!\d){page_no}(?!\d))", "#", text)  # "Level 5 ... 5" on page 5
            candidates.append((index, k, ((edge, text), (edge, numbered), (edge, last)), offset))
    seen: dict[tuple, list[tuple[int, float]]] = {}
    for index, _, keys, offset in candidates:
        for key in set(keys):
            seen.setdefault(key, []).append((index, offset))
    needed = max(2, 0.4 * len(pages))
    drop: set[tuple[int, int]] = set()
    for index, k, keys, offset in candidates:
        repeats = max(len({i for i, o in seen[key] if abs(o - offset) <= _SAME_PLACE}) for key in keys)
        if similar and repeats < needed:
            repeats = len({i for i, _, other, o in candidates if other[1][0] == keys[1][0]
                           and abs(o - offset) <= _SAME_PLACE and _alike(other[1][1], keys[1][1])})
        if repeats >= needed or _PAGE_NUMBER.match(keys[1][1]) or _ENDS_WITH_PAGE.search(keys[1][1]):
            drop.add((index, k))
    return [[line for k, line in enumerate(lines) if (index, k) not in drop]
            for index, (_, _, lines) in enumerate(pages)]


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= FURNITURE_SIMILARITY and matcher.ratio() >= FURNITURE_SIMILARITY


def join_pages(pages: list[list[Row]]) -> list[list[Row]]:
    """Tables that break across pages come out whole: a repeated table header at the top of
    the next page is dropped, and a row the page break split (its continuation opens with no
    outcome or criterion number) is joined to the row before the break."""
    last: Optional[Row] = None  # the last row of the previous page
    headers: list[str] = []  # the header rows of the last table
    for rows in pages:
        if last is not None and last.table and rows:
            while rows and rows[0].header and _repeats_header(rows[0].text, headers):
                rows.pop(0)
            heading = len(rows) > 1 and _ends_table(rows[1].text.replace("\t", " "))  # a unit's title, then its header
            if rows and rows[0].table and len(rows[0].cells) == len(last.cells) and not heading and not any(
                    _NUMBERED.match(c + " ") for c in rows[0].cells):
                last.cells = [join_lines([a, b]) for a, b in zip(last.cells, rows.pop(0).cells)]
        for k, row in enumerate(rows):
            if row.header:
                headers = (headers if k and rows[k - 1].header else []) + [row.text]
        last = rows[-1] if rows else last
    return pages


def _repeats_header(text: str, headers: list[str]) -> bool:
    """A header row repeated after a page break: the same text, or (after OCR) nearly."""
    return any(text == h or SequenceMatcher(None, text, h, autojunk=False).ratio() >= 0.8 for h in headers)


def reflow(pages: list[list[Row]]) -> None:
    """Join the wrapped lines of running text into paragraphs, as text converters print them:
    a line continues on the next when the next line's first word would not have fitted on it
    (it reached the right edge of the text), with no paragraph gap and no new item between."""
    edge = max((r.right for rows in pages for r in rows if not r.table and len(r.cells) == 1), default=0.0)
    for rows in pages:
        out: list[Row] = []
        for row in rows:
            prev = out[-1] if out else None
            if (prev is not None and not prev.table and not row.table and len(prev.cells) == len(row.cells) == 1
                    and row.top - prev.bottom < 0.25 * prev.line_height
                    and prev.right + 0.4 * prev.line_height + row.first_word > edge
                    and row.left >= prev.first_left - _SNAP and not _NEW_ITEM.match(row.cells[0])):
                prev.cells = [join_lines([prev.cells[0], row.cells[0]])]
                prev.right, prev.bottom = row.right, row.bottom
                continue
            row.first_left = row.left
            out.append(row)
        rows[:] = out


_NEW_ITEM = re.compile(r"^(\d{1,2}(\.\d{1,2})?\.?\s|(?:LO|AC)\s?\d|[-•*▪●]\s|unit\s|outcome\s)", re.I)


def to_lines(page_no: int, rows: list[Row]) -> list[tuple[int, int, str]]:
    """Rows -> ``(page, line, text)`` triples, with a blank line where running text leaves a
    paragraph gap (the form text converters produce)."""
    out: list[tuple[int, int, str]] = []
    prev: Optional[Row] = None
    for row in rows:
        if prev is not None and not (row.table and prev.table):
            if row.top - prev.bottom > 0.8 * max(prev.line_height, row.line_height):
                out.append((page_no, prev.number, ""))
        out.append((page_no, row.number, row.text))
        prev = row
    return out
