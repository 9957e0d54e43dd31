"""Stage 2: raw source lines -> clean lines.

Converters leave markup (markdown emphasis, HTML tags, links, list bullets) and pages leave
running headers, footers and page numbers. This stage strips the first and marks the second,
keeping each line's original position so every later value can point back at the source.
A laid-out row keeps its cells (``Line.cells``, in column order) and the role the table's
header gave each (``Line.roles``); in text without geometry, tabs and pipes are the cell borders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from .furniture import clipped_furniture, furniture, furniture_key, furniture_keys, misplaced_footer, wrapped_furniture
from .model import LayoutDocument, Page, Paragraph, Table
from .pageless import infer_sheets
from .settings import DEFAULT, LayoutSettings

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAGS = re.compile(r"</?[a-zA-Z][^>]*>")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_HEADING = re.compile(r"^\s*#{1,6}\s*")
_BULLET = re.compile(r"^\s*(?:[-*•▪●]|\\-)\s+")
_SPACES = re.compile(r"[ \u00a0]+")
_MARKUP_CHARS = re.compile(r"[\[<\\#*_]")  # a character any of the patterns above needs, or ...
_MARKUP_BULLET = re.compile(r"\s*[-•▪●]")  # ... a bullet opening the cell (apart: a search for characters alone is fast)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})


@dataclass
class Line:
    """One source line after clean-up. ``number`` is 1-based within the page (PDF) or the
    file (text); ``cells`` are a table row's columns (one cell for plain lines), ``roles`` what
    the layout's table header named each column (``lo``, ``ac``, ``other``; empty without one)."""

    number: int
    page: Optional[int]
    cells: list[str] = field(default_factory=list)
    raw: str = ""  # the line as the source has it (a laid-out row: its cells apart by tabs, for display)
    noise: bool = False  # running header/footer or page number
    sheet: Optional[int] = None  # text input: the form-feed page the line is on (pdftotext prints \f)
    parts: list[str] = field(default_factory=list)  # the cells before clean-up (a speck's cell, a bullet)
    roles: tuple = ()  # per cell: its column's role from the layout's table header, or None

    @cached_property
    def text(self) -> str:  # cells are not changed after a Line is made
        return " ".join(c for c in self.cells if c)

    @property
    def blank(self) -> bool:
        return not self.text


def clean_cell(text: str) -> str:
    """Strip markup from one cell and fold white space; keep the words."""
    text = text.translate(_QUOTES)
    if _MARKUP_CHARS.search(text) or _MARKUP_BULLET.match(text):  # most cells (every PDF cell) carry none: skip the markup passes
        text = _LINK.sub(r"\1", text)
        text = _TAGS.sub(" ", text)
        text = text.replace("\\*", "").replace("\\-", "-")
        text = _HEADING.sub("", text)
        text = _EMPHASIS.sub("", text)
        text = _BULLET.sub("", text)
    if "  " in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    text = text.strip()
    return "" if text in {"-", "*", "•", "---", "£", "."} else text


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^[\s|:+-]*-[\s|:+-]*$")  # "|---|:---:|", "+----+----+"


def split_cells(raw: str) -> tuple[list[str], bool]:
    """A raw line -> its cells and whether it is a table's rule line. Tabs separate cells; so
    do the pipes of a markdown/grid table row (``| 1 Understand ... | 1.1 Describe ... |``),
    whose leading empty cell is kept: the column still counts."""
    if _PIPE_RULE.match(raw) and "-" in raw and ("|" in raw or "+" in raw):
        return [], True
    if _PIPE_ROW.match(raw) and raw.count("|") >= 3:
        inner = raw.strip()[1:-1]
        return [c for cell in inner.split("|") for c in cell.split("\t")], False
    return raw.split("\t"), False


def to_lines(raw_lines: list[tuple[Optional[int], int, str]]) -> list[Line]:
    """Clean the ``(page, number, text)`` triples of text without geometry and mark running
    headers and page numbers (laid-out input: ``layout_lines``)."""
    lines = []
    sheet = 1
    for page, number, raw in raw_lines:
        sheet += raw.count("\f")
        parts, rule = split_cells(raw.replace("\f", ""))
        cells = [clean_cell(c) for c in parts]
        while cells and not cells[-1]:
            cells.pop()
        lines.append(Line(number=number, page=page, cells=cells, raw=raw, noise=rule,
                          sheet=sheet if page is None else None, parts=parts))
    if sheet > 2:
        _mark_sheet_furniture(lines, SHEETS)
    elif all(line.page is None for line in lines):
        _mark_sheet_furniture(lines, INFERRED, infer_sheets(lines))  # text without pages: page edges by what it prints
    return lines


def layout_lines(doc: LayoutDocument) -> list[Line]:
    """The layout stage's blocks -> clean lines: a paragraph is a line of one cell, a table
    row a line of its cells in column order, and a paragraph gap a blank line. The furniture
    is gone already. A text file's lines are numbered as the file numbers them, without pages."""
    lines: list[Line] = []
    for k, page in enumerate(doc.pages):
        to_file = doc.file_lines[k] if doc.file_lines is not None else None
        page_no = page.number if to_file is None else None
        for row in _rows(page.blocks):
            number = row.location.line if to_file is None else to_file.get(row.location.line, row.location.line)
            if row.gap_before:
                lines.append(Line(number=lines[-1].number if lines else number, page=page_no))
            if isinstance(row, Paragraph):
                lines.append(_laid_line(page_no, number, [row.text]))
            else:
                lines.append(_laid_line(page_no, number, [c.text for c in row.cells], tuple(c.role for c in row.cells)))
    return lines


def _rows(blocks) -> list:
    return [r for b in blocks for r in (b.rows if isinstance(b, Table) else (b,))]


def _laid_line(page: Optional[int], number: int, texts: list[str], roles: tuple = ()) -> Line:
    """One row's cell texts (and their roles) -> its line. OCR reads a table's rules as pipes:
    a row printed ``| a | b |`` (or ``+---+``) is cut at them, as a markdown row is, and its
    cells are then no longer the layout's columns (no roles)."""
    parts, rule = split_cells("\t".join(texts)) if any("|" in t or "+" in t for t in texts) else (texts, False)
    cells = [clean_cell(c) for c in parts]
    while cells and not cells[-1]:
        cells.pop()
    return Line(number=number, page=page, cells=cells, raw="\t".join(texts), noise=rule, parts=parts,
                roles=roles if any(roles) and parts == texts else ())


# form-feed pages: no positions, three edge lines, and (OCR text) running lines read nearly alike
SHEETS = DEFAULT.with_(edge_lines=3, same_place=None, furniture_similarity=0.85)
# pages inferred from what the text prints (``pageless``): numbered only where a page number ended them
INFERRED = SHEETS.with_(other_page_numbers=False)
UNNUMBERED = -1  # the number of an inferred page that printed none: no printed number reads as it


def _mark_sheet_furniture(lines: list[Line], s: LayoutSettings, printed: Optional[dict] = None) -> None:
    """Text with pages (form feeds, or inferred): running headers, footers and page numbers by
    the layout stage's one furniture rule (``furniture.furniture``), on each page's non-blank
    lines. A page's number is its position, or for inferred pages the number it printed."""
    by_sheet: dict[int, list[Line]] = {}
    for line in lines:
        if not line.blank:
            by_sheet.setdefault(line.sheet, []).append(line)
    numbers = {k: (printed.get(k) or UNNUMBERED) if printed else k for k in by_sheet}
    pages = [Page(numbers[sheet], 0.0, [_Placed(l.text) for l in ls]) for sheet, ls in by_sheet.items()]
    drop = furniture(pages, s)
    sheets = list(by_sheet.values())
    for i, k in drop:
        sheets[i][k].noise = True
    keys = furniture_keys(pages, drop)
    met: set[str] = set()  # furniture texts met so far, in reading order
    for k, line in enumerate(lines):
        key = furniture_key(line.text)
        if misplaced_footer(line.text, keys, after=key in met and _alone(lines, k)):
            line.noise = True
        if line.noise:
            met.add(key)
    _mark_clipped_and_wrapped(sheets, keys, s)


def _alone(lines: list[Line], k: int) -> bool:
    """Line ``k`` is a paragraph of its own (a facts table's value that repeats the running
    title is one of a paragraph of values)."""
    return all(j < 0 or j >= len(lines) or lines[j].blank or lines[j].noise for j in (k - 1, k + 1))


SPLIT_TAIL_WORDS = 3
"""Words from which the rest of a running line, read apart from its head, is its rest wherever
on the page it stands: shorter rests ("ment", "Services") are too common to tell."""


def _mark_clipped_and_wrapped(sheets: list[list[Line]], keys: set[str], s: LayoutSettings) -> None:
    """A running line clipped or wrapped at a page's edge is furniture too; so is one whose head
    stands at the page's edge and whose rest (``SPLIT_TAIL_WORDS`` words or more) OCR read
    further down the page, as a line of its own (its columns read one after the other)."""
    for sheet in sheets:
        edges = sheet[: s.edge_lines] + sheet[-s.edge_lines :]
        for line in edges:
            line.noise = line.noise or clipped_furniture(line.text, keys)
        for a, b in zip(edges, edges[1:]):
            if wrapped_furniture(a.text, b.text, keys, s):
                a.noise = b.noise = True
        _mark_split(sheet, keys, s)


def _mark_split(sheet: list[Line], keys: set[str], s: LayoutSettings) -> None:
    """A running line's head at the page's top edge, its rest elsewhere on the page: both furniture."""
    rests = [b for b in sheet if not b.noise and len(b.text.split()) >= SPLIT_TAIL_WORDS]
    for a in sheet[: s.edge_lines]:
        split = next((b for b in rests if b is not a and not a.noise and wrapped_furniture(a.text, b.text, keys, s)), None)
        if split is not None:
            a.noise = split.noise = True


@dataclass
class _Placed:
    """A text line on a form-feed page: no position."""

    text: str
    top: None = None
    bottom: None = None
