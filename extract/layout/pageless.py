"""Page edges in text without pages (converter and OCR text files: no form feeds, no
positions), so that ``furniture`` -- the one rule for running headers, footers and page
numbers -- has edges to look at.

A page ends, by evidence the text itself prints, after
* a bare page number (``7``, ``Page 7``, ``7 of 30``) followed by a page gap (``PAGE_GAP``
  blank lines, or the end of the text), which a criterion number never is;
* a footer that names its page (``... Handbook  Page 7``, ``Version 1.0 September 2025 Page 3``);
* a run of ``PAGE_GAP`` + 1 blank lines (converters leave one between paragraphs);
and a page starts at a short dated or versioned line (``ProQual, August 2023``) printed again
``MIN_PAGE_GAP`` lines or more away: a running header or footer, whichever edge it stands at.
Which of the lines at those edges are furniture is then ``furniture``'s decision alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Optional

from .furniture import DATED, VERSION

PAGE_GAP = 2  # blank lines after a bare page number that end its page
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.I)
_FOOTER = re.compile(r"(?:^|\s)page\s+\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^page\s+\d{1,3}\b", re.I)
MIN_PAGE_GAP = 15  # lines between two prints of a running line (a page at least)
MAX_LENGTH = 70  # characters: running headers and footers are short
_DIGITS = re.compile(r"\d+")


def infer_sheets(lines: list) -> dict[int, Optional[int]]:
    """Number each line's page (``Line.sheet``) by the page ends above; return each page's
    printed number (the bare number or footer that ended it), or None where none was printed."""
    sheet, blanks, printed = 1, 0, {}
    starts = _running_dated(lines)
    for i, line in enumerate(lines):
        if i in starts or line.text and blanks > PAGE_GAP:
            sheet += 1
        blanks = blanks + 1 if line.blank else 0
        line.sheet = sheet
        number = _page_end(lines, i)
        if number is not None:
            printed[sheet] = number
            sheet += 1
            blanks = -len(lines)  # the gap after it is this break, not another
    return {k: printed.get(k) for k in sorted({line.sheet for line in lines})}


def _page_end(lines: list, i: int) -> Optional[int]:
    """The page number line ``i`` prints if it ends a page (a bare number before a page gap,
    or a footer naming its page), else None."""
    text = lines[i].text
    footer = _FOOTER.search(text)
    if footer or _PAGE_NUMBER.match(text) and _page_gap_after(lines, i):
        return int(_DIGITS.search(footer.group() if footer else text).group())
    return None


def _page_gap_after(lines: list, i: int) -> bool:
    """``PAGE_GAP`` blank lines follow line ``i``, or it is the last line."""
    following = lines[i + 1 : i + 1 + PAGE_GAP]
    return i == len(lines) - 1 or len(following) == PAGE_GAP and all(f.blank for f in following)


def _running_dated(lines: list) -> set[int]:
    """Indexes of the short dated or versioned lines printed again ``MIN_PAGE_GAP`` lines or more
    away (numbers read alike: the page's number may stand in them)."""
    spots: dict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        text = line.text
        if text and len(text) < MAX_LENGTH and (DATED.search(text) or VERSION.search(text)):
            spots[_DIGITS.sub("#", text)].append(i)
    return {i for found in spots.values() if len(found) > 1 and found[-1] - found[0] >= MIN_PAGE_GAP for i in found}
