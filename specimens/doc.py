"""A small document model the house styles build and the producers render.

A style turns a ``Spec`` into a ``Doc``: page set-up plus a list of blocks. The producers
(``producers.py``) print it with reportlab, as a Word document (python-docx -> LibreOffice), or
as the text a converter emits (markdown or plain text). Texts in blocks are plain strings; a
cell holds one or more paragraphs (a list of strings).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    text: str
    level: int = 1  # 1 = largest
    page_break: bool = False  # start on a new page


@dataclass
class Para:
    text: str
    bold: bool = False
    italic: bool = False
    label: str | None = None  # printed bold before the text ("Level:" ...)
    indent: float = 0  # cm
    size: float | None = None
    align: str = "left"


@dataclass
class ListBlock:
    items: list[str]
    marker: str = "•"  # "•", "-", "" (items carry their own numbers), "1." (numbered)
    indent: float = 0.6  # cm


@dataclass
class Table:
    rows: list[list]  # each cell: str or list[str] (paragraphs)
    widths: list[float]  # fractions of the text width
    header_rows: int = 1
    rules: str = "grid"  # grid | lines (a rule under each row group) | none | box
    repeat_header: bool = True
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # (col, row0, col, row1) merged cells
    shade_header: bool = False
    bold_header: bool = True
    bold_first_col: bool = False
    size: float | None = None
    rule_rows: list[int] = field(default_factory=list)  # rows with a rule below (rules == "lines")


@dataclass
class PageBreak:
    pass


@dataclass
class Spacer:
    height: float = 0.4  # cm


@dataclass
class Contents:
    entries: list[tuple[str, int]]  # (text, page)
    title: str = "Contents"
    leader: str = "."


@dataclass
class Columns:
    """Newspaper layout: paragraphs flowing over two columns."""
    paragraphs: list[str]
    heading: str | None = None


@dataclass
class Doc:
    blocks: list
    page: str = "A4"  # A4 | A5 | letter
    font: str = "sans"  # sans | serif | arial | dejavu
    size: float = 10
    margins: float = 2.0  # cm
    header: str | None = None  # running header (not on page 1)
    header_align: str = "left"
    footer: str | None = None  # "{page}" is replaced by the page number
    footer_align: str = "left"
    page_label: str = "{page}"  # printed bottom right ("" for none); "Page {page}", "{page} of {pages}" …
    title: str = ""
    heading_font: str | None = None
