"""The layout model: positioned words, visual lines, rows of table cells.

Plain data shared by every reader (PDF text layer, OCR word boxes, ``pdftotext -layout``
character grids) and the layout steps; it knows nothing of qualifications.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

Word = tuple  # (x0, y0, x1, y1, text, block, line, word_no): PyMuPDF's "words" tuples
Segment = tuple  # (x0, y0, x1, y1): a horizontal (y0 == y1) or vertical (x0 == x1) rule


def words_text(words: list[Word]) -> str:
    return " ".join([w[4] for w in words])


@dataclass
class VisualLine:
    """A visual line: ``number`` is its 1-based position on the page (what a reader counts)."""

    number: int
    words: list
    top: float = 0.0
    bottom: float = 0.0

    @property
    def text(self) -> str:
        return words_text(self.words)


@dataclass
class Page:
    """One page as a reader delivers it: its visual lines and the rules drawn on it."""

    number: int
    height: float
    lines: list[VisualLine]
    horizontal: list[Segment] = field(default_factory=list)
    vertical: list[Segment] = field(default_factory=list)


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
    starts: list = field(default_factory=list)  # x of each cell's first word (running text with cells)
    borders: tuple = ()  # a table row's column edges: ruled, every rule (cell k between k and k + 1);
    ruled: bool = False  # unruled, the table's left edge, then each border (the last cell runs on)

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
    # where each cell of the open row starts (x of its first word): with ``strays``, the row's
    # lines are also cut where a word starts there (pdftotext squeezes a row's cells a space
    # apart, but keeps each cell's lines aligned); ``lines``: the open row's lines' words
    lefts: dict = field(default_factory=dict)
    carried: dict = field(default_factory=dict)  # column -> start carried from the row before (``tables._carried``)
    items: set = field(default_factory=set)  # (column, x) of the open row's bullets or criterion numbers and of the text after them
    lines: list = field(default_factory=list)
    hanging: set = field(default_factory=set)  # (column, x) where a list item's text starts and its wrapped lines do too
    seen: dict = field(default_factory=dict)  # column -> the cell starts of the table's earlier rows

    def starts(self) -> list[tuple[int, float]]:
        """(column, x) where the open row's cells start: their first words, and each item in
        them opened by a bullet or a criterion number, and its text (an item's wrapped lines
        start there)."""
        return list(self.lefts.items()) + sorted(self.items)


# -- what the layout stage hands on: pages of blocks, built once and not changed ----------------


@dataclass(frozen=True)
class Location:
    """Where a block starts: its page and its 1-based visual line on that page."""

    page: int
    line: int


@dataclass(frozen=True)
class Cell:
    """One cell of a table row: its text, its column, its extent, and the column's role as the
    table's header names it (``lo``, ``ac``, ``other`` ...; None where no header names it)."""

    text: str
    column: int
    left: float
    right: Optional[float]  # None: an unruled table's last column runs to the text's edge
    top: float
    bottom: float
    role: Optional[str] = None


@dataclass(frozen=True)
class Paragraph:
    """Running text: a line, or wrapped lines reflowed into one. ``gap_before``: a paragraph
    gap above it (text converters print a blank line there)."""

    location: Location
    text: str
    gap_before: bool = False


@dataclass(frozen=True)
class TableRow:
    """A row of cells. ``header``: the row names the table's columns."""

    location: Location
    cells: tuple
    header: bool = False
    gap_before: bool = False


@dataclass(frozen=True)
class Table:
    """Rows of cells. ``kind``: ``ruled`` (rules drawn), ``unruled`` (columns fixed by a header)
    or ``gaps`` (one line whose words stand apart in wide gaps: ``Credit value   5``)."""

    rows: tuple
    kind: str


@dataclass(frozen=True)
class Furniture:
    """A running header or footer, or a page number, that the layout stage removed: its
    words' groups apart in wide gaps (``Handbook title      Page 3``)."""

    location: Location
    cells: tuple

    @property
    def text(self) -> str:
        return " ".join(self.cells)


@dataclass(frozen=True)
class LayoutPage:
    """One page as the layout stage saw it: the reader's page, its blocks, its furniture."""

    source: Page
    blocks: tuple
    furniture: tuple

    @property
    def number(self) -> int:
        return self.source.number


@dataclass(frozen=True)
class LayoutDocument:
    """Every page's blocks. ``file_lines``: for a text file, each page's map from visual line to
    the line of the file (what ``location.line`` reports); None for a PDF."""

    pages: tuple
    file_lines: Optional[tuple] = None
