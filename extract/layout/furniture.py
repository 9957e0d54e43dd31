"""Running headers, footers and page numbers: found once, for every reader with pages.

A line among the first or last ``edge_lines`` of a page is furniture when the same text (the
page's own number read as ``#``) stands at the same place on at least ``furniture_min_pages``
pages and on ``furniture_share`` of them, or when it is a bare page number (``7``, ``Page 7``,
``7 of 30``, ``... Handbook  Page 7``). Unit headers and column markers are never furniture.
"Same place" is the distance from the page edge, within ``same_place``.
"""

from __future__ import annotations

import re

from ..parse import patterns as P
from .model import Page, VisualLine
from .settings import DEFAULT, LayoutSettings

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#(?:\s*(?:of|/)\s*(?:\d+|#))?$", re.I)
# "... Handbook   Page 7" on page 7 (not prose: "see page 7", "Body of page 7")
_ENDS_WITH_PAGE = re.compile(r"(?<!\bof )(?<!\bon )(?<!\bsee )(?<!\bto )(?<!\bin )\bPage\s*#(?:\s*(?:of|/)\s*(?:\d+|#))?$")
_STRUCTURAL = (P.UNIT_HEADER_NUMBER, P.UNIT_HEADER_REF, P.UNIT_HEADER_NUMBER_REF, P.LO_MARKER, P.AC_MARKER)


def _edges(page: Page, s: LayoutSettings) -> list[tuple[int, str, float]]:
    """(line index, edge, distance from that edge) of the lines that can be furniture."""
    lines = page.lines
    top = [(k, "top", lines[k].top) for k in range(min(s.edge_lines, len(lines)))]
    bottom = [(k, "bottom", page.height - lines[k].bottom)
              for k in range(max(0, len(lines) - s.edge_lines), len(lines))]
    return top + bottom


def _keys(text: str, page_no: int, edge: str) -> tuple:
    """The forms a running line takes: as printed, every occurrence of the page's number read
    as ``#`` ("Page 7" -> "Page #"), and only its last one ("Level 5 ... 5" on page 5)."""
    numbered = re.sub(rf"(?<!\d){page_no}(?!\d)", "#", text)
    last = re.sub(rf"(?<!\d){page_no}(?!\d)(?!.*(?<!\d){page_no}(?!\d))", "#", text)
    return (edge, text), (edge, numbered), (edge, last)


def _candidates(pages: list[Page], s: LayoutSettings) -> list[tuple[int, int, tuple, float]]:
    out = []
    for index, page in enumerate(pages):
        for k, edge, offset in _edges(page, s):
            text = page.lines[k].text
            if not any(p.search(text) for p in _STRUCTURAL):
                out.append((index, k, _keys(text, page.number, edge), offset))
    return out


def furniture(pages: list[Page], s: LayoutSettings = DEFAULT) -> set[tuple[int, int]]:
    """(page index, line index) of every furniture line."""
    candidates = _candidates(pages, s)
    seen: dict[tuple, list[tuple[int, float]]] = {}
    for index, _, keys, offset in candidates:
        for key in set(keys):
            seen.setdefault(key, []).append((index, offset))
    needed = max(s.furniture_min_pages, s.furniture_share * len(pages))
    drop: set[tuple[int, int]] = set()
    for index, k, keys, offset in candidates:
        repeats = max(len({i for i, o in seen[key] if abs(o - offset) <= s.same_place}) for key in keys)
        numbered = keys[1][1]
        if repeats >= needed or _PAGE_NUMBER.match(numbered) or _ENDS_WITH_PAGE.search(numbered):
            drop.add((index, k))
    return drop


def split_furniture(pages: list[Page], s: LayoutSettings = DEFAULT) -> tuple[list[list[VisualLine]], list[list[VisualLine]]]:
    """Each page's lines without its furniture, and the furniture lines removed."""
    drop = furniture(pages, s)
    kept = [[line for k, line in enumerate(p.lines) if (i, k) not in drop] for i, p in enumerate(pages)]
    gone = [[line for k, line in enumerate(p.lines) if (i, k) in drop] for i, p in enumerate(pages)]
    return kept, gone
