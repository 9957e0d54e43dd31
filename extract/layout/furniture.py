"""Running headers, footers and page numbers: one algorithm for every input that has pages.

A line among the first or last ``edge_lines`` of a page is furniture when the same text (the
page's own number, or any number, read as ``#``) stands at the same place on at least
``furniture_min_pages`` pages and on ``furniture_share`` of them and reads as running text, or
when it is a bare page number (``7``, ``Page 7``, ``7 of 30``, ``... Handbook  Page 7``). Unit
headers and column markers are never furniture. "Same place" is the distance from the page
edge, within ``same_place``; text pages without positions (form feeds in ``pdftotext`` output:
``same_place=None``) match anywhere on their edges, and there a dated or versioned line
repeated on enough pages is furniture wherever the reading order put it. On OCR'd pages and
form-feed text (``furniture_similarity``) "the same text" is text read nearly alike. A unit
reference (``H/615/7453``) is an identifier, not a number: lines naming two different references
are two lines, never one repeated (the "Unit code:" line atop each unit's first page is not a
running header).

PDF pages and ``pdftotext -layout`` pages run it in the layout stage (``split_furniture``);
plain text runs it in ``layout.lines`` on its form-feed pages, or on the pages ``pageless``
infers from what the text prints (``other_page_numbers=False`` there: such pages are numbered
only by the page number that ended them).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Optional

from ..parse import patterns as P
from .model import Page, VisualLine
from .settings import DEFAULT, LayoutSettings

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#(?:\s*(?:of|/)\s*(?:\d+|#))?$", re.I)
# "... Handbook   Page 7" on page 7 (not prose: "see page 7", "Body of page 7")
_NAMES_PAGE = re.compile(r"\bpage\s*#", re.I)  # furniture that names its page (every number read as #)
_ENDS_WITH_PAGE = re.compile(r"(?<!\bof )(?<!\bon )(?<!\bsee )(?<!\bto )(?<!\bin )\bPage\s*#(?:\s*(?:of|/)\s*(?:\d+|#))?$")
_STRUCTURAL = (P.UNIT_HEADER_NUMBER, P.UNIT_HEADER_REF, P.UNIT_HEADER_NUMBER_REF, P.LO_MARKER, P.AC_MARKER)
_DIGITS = re.compile(r"\d+")
_REFERENCE = re.compile(P.REF)
_CONTENT = re.compile(  # repeated headings that are structure, not running text
    r"learner (will|can)|assessment criteri|learning outcome|^unit\b|^outcome\b|^level\b\s*:|^\d", re.I)
_YEAR = re.compile(r"\b(19|20)\d\d\b")
# a lower-case line with no number, address or path: a wrapped sentence's last words, not a title
_WRAPPED_TAIL = re.compile(r"^[a-z][^\d./@]*$")
DATED = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                   r"November|December)\s+(19|20)\d\d\b")
VERSION = re.compile(r"\b(?:version|issue|v)\s?\d+(?:\.\d+)*\b|\u00a9|copyright", re.I)


def running_text(text: str) -> bool:
    """Repeated headings (``Guided learning hours``, ``Unit aim``) are structure, not furniture;
    nor is the wrapped end of a sentence (``standard``, ``manufacturer's instructions``) that
    several pages happen to end with: running lines are titles, names, dates, numbers and
    addresses, which open with a capital or a digit unless they are an address (``www.…``)."""
    if (_WRAPPED_TAIL.match(text) or P.STOP.match(text) or P.FACT_LEVEL.match(text) or P.FACT_CREDITS.match(text)
            or P.IGNORED.match(text) or P.FACT_LABEL_LINE.match(text)):
        return False
    return not _CONTENT.search(text) or bool(_YEAR.search(text))


def _edges(page: Page, s: LayoutSettings) -> list[tuple[int, str, Optional[float]]]:
    """(line index, edge, distance from that edge or None) of the lines that can be furniture."""
    lines, placed = page.lines, s.same_place is not None
    top = [(k, "top", lines[k].top if placed else None) for k in range(min(s.edge_lines, len(lines)))]
    bottom = [(k, "bottom", page.height - lines[k].bottom if placed else None)
              for k in range(max(0, len(lines) - s.edge_lines), len(lines))]
    if placed:
        return top + bottom
    extra = _anywhere(lines)
    return [e for e in top + bottom if e[0] not in extra] + [(k, "any", None) for k in sorted(extra)]


def _anywhere(lines: list) -> set[int]:
    """Without positions the reading order may put a footer mid-page (before a right-hand
    column's text): a dated or versioned line is a candidate wherever it stands, and so is a
    bare number beside it (the page number printed with the footer)."""
    dated = {k for k in range(len(lines)) if DATED.search(lines[k].text) or VERSION.search(lines[k].text)}
    return dated | {j for k in dated for j in (k - 1, k + 1) if 0 <= j < len(lines) and lines[j].text.strip().isdigit()}


def _keys(text: str, page_no: int, edge: str) -> tuple:
    """The forms a running line takes: as printed, every occurrence of the page's number read
    as ``#`` ("Page 7" -> "Page #"), only its last one ("Level 5 ... 5" on page 5), and every
    number (a printed page number need not be the page's position: unnumbered cover pages)."""
    numbered, last = _page_number_read(text, str(page_no))
    return (edge, text), (edge, numbered), (edge, last), (edge, _numbers_read_as_hash(text))


def _numbers_read_as_hash(text: str) -> str:
    """Every number read as ``#``, but the unit references kept whole."""
    refs = list(_REFERENCE.finditer(text))
    if not refs:
        return _DIGITS.sub("#", text)
    out, at = [], 0
    for m in refs:
        out += [_DIGITS.sub("#", text[at:m.start()]), m.group(0)]
        at = m.end()
    return "".join(out) + _DIGITS.sub("#", text[at:])


def _page_number_read(text: str, page_no: str) -> tuple[str, str]:
    """``text`` with every run of digits that is exactly ``page_no`` as ``#``, and with only
    the last such run as ``#`` (what the regular expressions ``(?<!\\d)7(?!\\d)`` give,
    without compiling two patterns for every page)."""
    runs = [m for m in _DIGITS.finditer(text) if m.group() == page_no]
    if not runs:
        return text, text
    if "\n" in text or not page_no.isdigit():  # "." stops at a line break: the patterns themselves
        return (re.sub(rf"(?<!\d){page_no}(?!\d)", "#", text),
                re.sub(rf"(?<!\d){page_no}(?!\d)(?!.*(?<!\d){page_no}(?!\d))", "#", text))
    numbered = _DIGITS.sub(lambda m: "#" if m.group() == page_no else m.group(), text)
    end = runs[-1]
    return numbered, text[:end.start()] + "#" + text[end.end():]


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
    numbers = []  # bare numbers that need not be the page's own: decided once the rest is known
    footers: set[tuple[int, int]] = set()  # running text found repeated
    numbered: set[int] = set()  # pages whose furniture names their page ("Page 8", "... Page 3 of 9")
    for index, k, keys, offset in candidates:
        repeats = _repeats(candidates, seen, keys, offset, needed, s)
        own = _page_number(keys)
        if own or repeats >= needed and running_text(keys[0][1]):
            drop.add((index, k))
            if not own:
                footers.add((index, k))
            if _NAMES_PAGE.search(keys[3][1]):
                numbered.add(index)
        elif s.other_page_numbers and _PAGE_NUMBER.match(keys[3][1]):
            numbers.append((index, k))
    # a number that is not the page's own (unnumbered cover pages) is its page number only as
    # the page's first or last line, or beside a running footer: the lines above the last can
    # be a table's last values ("71" / "10" over "Page 2"); and a page whose furniture names
    # its page ("Page 8") prints no other number, so a bare "5" beside its footer is a value
    return drop | _page_numbers(pages, [n for n in numbers if n[0] not in numbered], footers)


def _page_numbers(pages: list[Page], numbers: list[tuple[int, int]], footers: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Of the bare numbers, those at the page's first or last line or beside a running footer."""
    return {(i, k) for i, k in numbers if k in (0, len(pages[i].lines) - 1) or {(i, k - 1), (i, k + 1)} & footers}


def _repeats(candidates: list, seen: dict, keys: tuple, offset: Optional[float], needed: float, s: LayoutSettings) -> int:
    """Pages where one of the line's forms stands at its place (on OCR'd pages: read nearly alike)."""
    repeats = max(len({i for i, o in seen[key] if _same_place(o, offset, s)}) for key in keys)
    if s.furniture_similarity is not None and repeats < needed:
        repeats = _similar_repeats(candidates, keys, offset, s)
    return repeats


def _similar_repeats(candidates: list, keys: tuple, offset: Optional[float], s: LayoutSettings) -> int:
    """Pages where a line at the same edge and place reads at least ``furniture_similarity``
    like this one (its page number read as ``#``)."""
    edge, text = keys[1]
    return len({i for i, _, other, o in candidates
                if other[1][0] == edge and _same_place(o, offset, s) and _alike(other[1][1], text, s)})


def _alike(a: str, b: str, s: LayoutSettings) -> bool:
    if a == b:
        return True
    if _REFERENCE.findall(a) != _REFERENCE.findall(b):
        return False  # two units' references, however alike the rest
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= s.furniture_similarity and matcher.ratio() >= s.furniture_similarity


def _same_place(a: Optional[float], b: Optional[float], s: LayoutSettings) -> bool:
    return a is None or b is None or abs(a - b) <= s.same_place


def _page_number(keys: tuple) -> bool:
    """The page's own number, bare or ending a line (``7``, ``Page 7 of 30``, ``... Handbook  Page 7``)."""
    numbered = keys[1][1]
    return bool(_PAGE_NUMBER.match(numbered) or _ENDS_WITH_PAGE.search(numbered))


def furniture_key(text: str) -> str:
    """A line's text as furniture is compared: every number read as ``#``."""
    return _DIGITS.sub("#", text)


def furniture_keys(pages: list[Page], drop: set[tuple[int, int]]) -> set[str]:
    """The texts of the furniture found, every number read as ``#``."""
    return {furniture_key(pages[i].lines[k].text) for i, k in drop}


MISPLACED_WORDS = 6
"""Words from which a running line printed again mid-page as a paragraph of its own, after its
first print as furniture, is furniture there too (OCR's reading order put a header among the
text); shorter lines, lines inside a paragraph and any line before that first print (the
cover's title) stay."""


def misplaced_footer(text: str, keys: set[str], after: bool = False) -> bool:
    """A dated or versioned furniture line that the reading order put mid-page (plain
    ``pdftotext``): furniture wherever it stands; so is a long one (``MISPLACED_WORDS``) ``after``
    the text printed it as furniture."""
    if not text or furniture_key(text) not in keys:
        return False
    return bool(DATED.search(text) or VERSION.search(text)) or (after and len(text.split()) >= MISPLACED_WORDS)


CLIPPED_SHARE = 0.6
"""Share of a running line a clipped copy of it must keep (OCR lost its end) to count as it."""


def clipped_furniture(text: str, keys: set[str]) -> bool:
    """A furniture line printed without its end (OCR lost the tail, or the last page prints no
    page number): its numbers read as ``#``, the text opens a furniture line and keeps at least
    ``CLIPPED_SHARE`` of it."""
    key = _DIGITS.sub("#", text).rstrip(" -—–")
    return bool(key) and any(k != key and k.startswith(key) and len(key) >= CLIPPED_SHARE * len(k) for k in keys)


def wrapped_furniture(first: str, second: str, keys: set[str], s: LayoutSettings = DEFAULT) -> bool:
    """A furniture line OCR wrapped over two lines: joined, they read as it (numbers as ``#``);
    on OCR'd text (``furniture_similarity``) the second line ends a furniture line whose rest
    the first reads nearly alike, a word broken between them too (``... Retail Manage!`` / ``ment``)."""
    joined = _DIGITS.sub("#", f"{first} {second}")
    if joined in keys:
        return True
    tail, head = _DIGITS.sub("#", second.strip()), _DIGITS.sub("#", first.strip())
    if s.furniture_similarity is None or not tail:
        return False
    return any(key.endswith(tail) and _alike(head, key[: -len(tail)].rstrip(), s) for key in keys if key != tail)


def split_furniture(pages: list[Page], s: LayoutSettings = DEFAULT) -> tuple[list[list[VisualLine]], list[list[VisualLine]]]:
    """Each page's lines without its furniture, and the furniture lines removed."""
    drop = furniture(pages, s)
    kept = [[line for k, line in enumerate(p.lines) if (i, k) not in drop] for i, p in enumerate(pages)]
    gone = [[line for k, line in enumerate(p.lines) if (i, k) in drop] for i, p in enumerate(pages)]
    return kept, gone
