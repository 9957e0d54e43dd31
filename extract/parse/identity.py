"""Which unit is this: the one identity rule for a unit within a document.

A unit is known by its Ofqual reference; a unit printed without one by its local number
(``301``). Page-break repeats of a unit's section are merged by it, warnings name their unit by
it (``Warning.unit``), group entries list it, and validation and quality reports look units up
by it. References hold slashes and local numbers are digits, so the two never collide.

A local number alone is weak evidence: a document may print two units under one number, or OCR
may lose the reference of one of them. A section without a reference is therefore the unit of
its number only when no other section printed that unit under another title (``same_title``);
otherwise it is another unit, never content filed under its neighbour's reference.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Optional

TITLE_SIMILARITY = 0.8
"""Two printings of a unit's title (a page-break repeat, OCR'd twice) agree at least this much
(``SequenceMatcher`` ratio of their folded forms); two units' titles agree less."""


def unit_key(reference: Optional[str], number: Optional[str]) -> Optional[str]:
    """The unit's reference, or without one its local number."""
    return reference or number


def _folded(title: Optional[str]) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (title or "").lower()).strip()


def same_title(a: Optional[str], b: Optional[str]) -> bool:
    """The two titles are one unit's (either missing counts as agreeing: nothing says otherwise)."""
    fa, fb = _folded(a), _folded(b)
    return not fa or not fb or SequenceMatcher(None, fa, fb, autojunk=False).ratio() >= TITLE_SIMILARITY
