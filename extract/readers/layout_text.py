"""Reader for text with geometry of its own: ``pdftotext -layout`` output.

Such text prints table columns side by side at fixed character positions, a wrapped cell's
lines interleaved with its neighbours', and a form feed between pages. Read as plain text, an
outcome's second line is glued onto criterion 1.1. Here every character column becomes an x
position and every line a y position, so the words go through the same layout stage as a PDF
text layer (``layout``: furniture, unruled tables with header-named columns, rows
continued across pages, paragraphs reflowed), and the parser sees the same blocks.

The reader is chosen by content (``looks_like_layout``), not by file name.
"""

from __future__ import annotations

import re

from ..layout.model import LayoutDocument, Page
from ..layout.pages import lay_out
from ..layout.runs import BULLETS
from ..layout.settings import DEFAULT
from ..layout.words import page_lines

CHAR_WIDTH = 10.0  # x units per character column
# Word box height: a one-space gap (CHAR_WIDTH) stays inside a cell and a two-space gap splits
# cells (``LayoutSettings.cell_gap`` 1.5 heights splits, ``crossing_gap`` 0.8 joins).
WORD_HEIGHT = 13.0
LINE_PITCH = 16.0  # y units per line: wrapped lines of one cell stay one row, a blank line is a gap
MIN_GUTTER_LINES = 5  # lines with a column gutter (3+ spaces between text) for the layout reader
MIN_GUTTER_SHARE = 0.05  # ... and their share of the non-blank lines
# pdftotext shifts a cell's words over the header's borders, and wraps a list item's lines a
# character either side of its text
SETTINGS = DEFAULT.with_(strays=True, item_wrap_slack=1.5 * CHAR_WIDTH)
_GUTTER = re.compile(r"\S {3,}\S")
_BULLET_CLASS = re.escape("".join(sorted(BULLETS)))
_WORD = re.compile(rf"[{_BULLET_CLASS}]|[^\s{_BULLET_CLASS}]+")  # a bullet is a word: "limitations of• Understand"


def looks_like_layout(text: str) -> bool:
    """Columns side by side: enough lines with a wide run of spaces between two texts. Markdown
    pipe tables and converter text have none; OCR text has tabs, not aligned gutters."""
    lines = [l for l in text.split("\n") if l.strip()]
    gutters = sum(1 for l in lines if _GUTTER.search(l) and "|" not in l)
    return gutters >= MIN_GUTTER_LINES and gutters >= MIN_GUTTER_SHARE * len(lines)


def _page_words(page: list[tuple[int, str]]) -> tuple[list[tuple], dict[int, int]]:
    """One form-feed page -> PyMuPDF-like word tuples, and visual line number -> file line."""
    words, file_line = [], {}
    for k, (number, text) in enumerate(page):
        found = list(_WORD.finditer(text.expandtabs(8)))
        if not found:
            continue
        file_line[len(file_line) + 1] = number
        top = k * LINE_PITCH
        for n, m in enumerate(found):
            words.append((m.start() * CHAR_WIDTH, top, m.end() * CHAR_WIDTH, top + WORD_HEIGHT, m.group(0), 0, k, n))
    return words, file_line


def layout_text(text_lines: list[str]) -> LayoutDocument:
    """``pdftotext -layout`` lines -> the layout document, each page with its map from visual
    line number to file line (``LayoutDocument.file_lines``)."""
    pages: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(text_lines, start=1):
        for k, part in enumerate(line.split("\f")):
            if k:
                pages.append([])
            if part.strip() or not k:
                pages[-1].append((number, part))
    laid, maps = [], []
    for index, page in enumerate(pages, start=1):
        words, file_line = _page_words(page)
        laid.append(Page(index, max(len(page), 1) * LINE_PITCH, page_lines(words) if words else []))
        maps.append(file_line)
    return lay_out(laid, SETTINGS, file_lines=maps)
