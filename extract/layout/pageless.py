"""Running headers, footers and page numbers in text without pages (converter and OCR text
files: no form feeds, no positions), where ``furniture`` has no page edges to look at.

* a footer that names its page and a date or version (``Version 1.0 September 2025 Page 3``)
  is furniture even when printed once;
* a short line of running text repeated far apart (``MIN_PAGE_GAP`` lines or more between any
  two) ``MIN_REPEATS`` times, or twice when it is dated or reads like a qualification title;
* a bare number followed by a page gap (two blank lines, or the end), which a criterion
  number never is.
"""

from __future__ import annotations

import re
from collections import Counter

from .furniture import DATED, VERSION, running_text

MIN_PAGE_GAP = 15  # lines between two occurrences of a running header (one page at least)
MIN_REPEATS = 4  # occurrences of an undated running line
MAX_LENGTH = 70  # characters: running headers are short
MIN_WORDS = 3  # ... but not a single heading word
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.I)
_FOOTER = re.compile(r"(?:^|\s)page\s+\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^page\s+\d{1,3}\b", re.I)
_PAGE_NUMBERS = re.compile(r"(?<=\bpage )\d{1,3}(?: of \d{1,3})?\b", re.I)
_TITLE_LIKE = re.compile(r"^Level \d .*(Award|Certificate|Diploma)\b")


def _key(text: str) -> str:
    """A running header or footer repeats with only its page number changed."""
    return _PAGE_NUMBERS.sub("#", text) if "age " in text else text


def _dated_footer(text: str) -> bool:
    return bool(_FOOTER.search(text) and (DATED.search(text) or VERSION.search(text)))


def _far_apart(spots: list[int]) -> bool:
    """Repeated close together is content (a phrase of one table), not a page header."""
    return not any(b - a < MIN_PAGE_GAP for a, b in zip(spots, spots[1:]))


def _running(key: str, count: int) -> bool:
    repeated = count >= MIN_REPEATS or (count >= 2 and bool(DATED.search(key) or _TITLE_LIKE.match(key)))
    return bool(key) and repeated and len(key) < MAX_LENGTH and len(key.split()) >= MIN_WORDS and running_text(key)


def mark_repeated_lines(lines: list) -> None:
    """Mark the furniture of text without pages (``Line.noise``)."""
    keys = [_key(line.text) for line in lines]
    counts = Counter(k for k in keys if k)
    positions: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        positions.setdefault(k, []).append(i)
    for line, key in zip(lines, keys):
        if _dated_footer(line.text) or (_far_apart(positions.get(key, [])) and _running(key, counts[key])):
            line.noise = True
    for i, line in enumerate(lines):
        if _PAGE_NUMBER.match(line.text or "x") and _page_gap_after(lines, i):
            line.noise = True


def _page_gap_after(lines: list, i: int) -> bool:
    """Two blank lines follow line ``i``, or it is the last line."""
    following = lines[i + 1 : i + 3]
    return len(following) == 2 and all(f.blank for f in following) or i == len(lines) - 1
