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
    items: set = field(default_factory=set)  # (column, x) of the open row's bullets or criterion numbers and of the text after them
    lines: list = field(default_factory=list)
    seen: dict = field(default_factory=dict)  # column -> the cell starts of the table's earlier rows

    def starts(self) -> list[tuple[int, float]]:
        """(column, x) where the open row's cells start: their first words, and each item in
        them opened by a bullet or a criterion number, and its text (an item's wrapped lines
        start there)."""
        return list(self.lefts.items()) + sorted(self.items)


@dataclass
class LaidOut:
    """What the layout stage saw: each page's rows, and the furniture lines it removed."""

    pages: list[Page]
    rows: list[list[Row]]
    furniture: list[list[VisualLine]]
