"""Stage 2: raw source lines -> clean lines.

Converters leave markup (markdown emphasis, HTML tags, links, list bullets) and pages leave
running headers, footers and page numbers. This stage strips the first and marks the second,
keeping each line's original position so every later value can point back at the source.
Tabs survive as cell boundaries (``Line.cells``): a tab-separated table row keeps its columns.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAGS = re.compile(r"</?[a-zA-Z][^>]*>")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_HEADING = re.compile(r"^\s*#{1,6}\s*")
_BULLET = re.compile(r"^\s*(?:[-*•▪●]|\\-)\s+")
_SPACES = re.compile(r"[ \u00a0]+")
_MARKUP = re.compile(r"[\[<\\#*_]|^\s*[-•▪●]")  # a character any of the patterns above needs
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})


@dataclass
class Line:
    """One source line after clean-up. ``number`` is 1-based within the page (PDF) or the
    file (text); ``cells`` are the tab-separated columns (one cell for plain lines)."""

    number: int
    page: Optional[int]
    cells: list[str] = field(default_factory=list)
    raw: str = ""
    noise: bool = False  # running header/footer or page number
    sheet: Optional[int] = None  # text input: the form-feed page the line is on (pdftotext prints \f)

    @cached_property
    def text(self) -> str:  # cells are not changed after a Line is made
        return " ".join(c for c in self.cells if c)

    @property
    def blank(self) -> bool:
        return not self.text


def clean_cell(text: str) -> str:
    """Strip markup from one cell and fold white space; keep the words."""
    text = text.translate(_QUOTES)
    if _MARKUP.search(text):  # most cells (every PDF cell) carry none: skip the markup passes
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
    """Clean ``(page, number, text)`` triples and mark running headers and page numbers."""
    lines = []
    sheet = 1
    for page, number, raw in raw_lines:
        sheet += raw.count("\f")
        parts, rule = split_cells(raw.replace("\f", ""))
        cells = [clean_cell(c) for c in parts]
        while cells and not cells[-1]:
            cells.pop()
        lines.append(Line(number=number, page=page, cells=cells, raw=raw, noise=rule,
                          sheet=sheet if page is None else None))
    if sheet > 2:
        _mark_sheet_furniture(lines, sheet)
    _mark_noise(lines)
    return lines


SHEET_EDGE_LINES = 3  # non-blank lines at the top and at the bottom of a form-feed page that can be furniture
SHEET_MIN_SHARE = 0.4  # furniture recurs on at least this share of the pages (and on two at least)
_DIGITS = re.compile(r"\d+")


def _mark_sheet_furniture(lines: list[Line], sheets: int) -> None:
    """Text with form feeds (``pdftotext``): running headers, footers and page numbers are the
    lines at a page's edges that recur, digits aside, on many pages; a bare number at an edge
    is a page number. The same rule as ``furniture.furniture``, without positions."""
    by_sheet: dict[int, list[Line]] = {}
    for line in lines:
        if not line.blank:
            by_sheet.setdefault(line.sheet, []).append(line)
    edges = {s: ls[:SHEET_EDGE_LINES] + ls[-SHEET_EDGE_LINES:] for s, ls in by_sheet.items()}
    where: dict[str, set[int]] = {}
    for s, ls in edges.items():
        for line in ls:
            where.setdefault(_DIGITS.sub("#", line.text), set()).add(s)
    need = max(2, SHEET_MIN_SHARE * len(by_sheet))
    furniture = set()
    for s, ls in edges.items():
        for line in ls:
            key = _DIGITS.sub("#", line.text)
            if _PAGE_NUMBER.match(line.text) or (len(where[key]) >= need and _looks_like_running_text(line.text)):
                line.noise = True
                furniture.add(key)
    for line in lines:  # a dated footer the reading order put mid-page (plain pdftotext)
        if line.text and _DIGITS.sub("#", line.text) in furniture and (_DATED.search(line.text) or _VERSION.search(line.text)):
            line.noise = True


_MIN_PAGE_GAP = 15  # lines between two occurrences of a running header (one page at least)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.I)


def _mark_noise(lines: list[Line]) -> None:
    """Running headers/footers: short lines that repeat on many pages. Page numbers: a bare
    number followed by a page gap (two or more blank lines), which an AC number never is."""
    keys = [_furniture_key(line.text) for line in lines]
    counts = Counter(k for k in keys if k)
    positions: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        positions.setdefault(k, []).append(i)
    for line, t in zip(lines, keys):
        if _FOOTER.search(line.text) and (_DATED.search(line.text) or _VERSION.search(line.text)):
            line.noise = True  # "Version 1.0 September 2025 Page 3": furniture even when printed once
            continue
        spots = positions.get(t, [])
        if any(b - a < _MIN_PAGE_GAP for a, b in zip(spots, spots[1:])):
            continue  # repeated close together: content (a phrase of one table), not a page header
        repeated = counts[t] >= 4 or (counts[t] >= 2 and _DATED.search(t)) or (counts[t] >= 2 and _TITLE_LIKE.match(t))
        if t and repeated and len(t) < 70 and len(t.split()) >= 3 and _looks_like_running_text(t):
            line.noise = True
    for i, line in enumerate(lines):
        if _PAGE_NUMBER.match(line.text or "x"):
            following = lines[i + 1 : i + 3]
            if len(following) == 2 and all(f.blank for f in following) or i == len(lines) - 1:
                line.noise = True


_STRUCTURAL = re.compile(
    r"learner (will|can)|assessment criteri|learning outcome|^unit\b|^outcome\b|^level\b\s*:|^\d",
    re.I,
)


_FOOTER = re.compile(r"(?:^|\s)page\s+\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^page\s+\d{1,3}\b", re.I)
_VERSION = re.compile(r"\b(?:version|issue|v)\s?\d+(?:\.\d+)*\b|\u00a9|copyright", re.I)
_PAGE_NUMBERS = re.compile(r"(?<=\bpage )\d{1,3}(?: of \d{1,3})?\b", re.I)


def _furniture_key(text: str) -> str:
    """A running header or footer repeats with only its page number changed."""
    return _PAGE_NUMBERS.sub("#", text) if "age " in text else text


_DATED = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                    r"November|December)\s+(19|20)\d\d\b")


_TITLE_LIKE = re.compile(r"^Level \d .*(Award|Certificate|Diploma)\b")


def _looks_like_running_text(text: str) -> bool:
    """Repeated headings (``Guided learning hours``, ``Unit aim``) are structure, not noise."""
    from ..parse import patterns as P

    if P.STOP.match(text) or P.FACT_LEVEL.match(text) or P.FACT_CREDITS.match(text) or P.IGNORED.match(text):
        return False
    return not _STRUCTURAL.search(text) or bool(re.search(r"\b(19|20)\d\d\b", text))
