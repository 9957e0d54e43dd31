"""How the catalogue compares copies of a unit: normalised values, word sets, a unit's items.

Every vote, conflict and possible duplicate compares values in the form ``comparable`` gives
them, so two copies that differ only in case, quotes, whitespace or trailing punctuation are one
value everywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Optional

_QUOTES = str.maketrans({c: "'" for c in "\"“”„‘’‚`´"})
_WHITE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")


def comparable(value):
    """A value as copies are compared: text lower-cased, quotes unified, whitespace collapsed,
    trailing punctuation dropped; numbers as they are."""
    return _comparable_text(value) if isinstance(value, str) else value


@lru_cache(maxsize=65536)
def _comparable_text(value: str) -> str:
    """``comparable`` for text, cached: the same texts are compared many times over."""
    return _WHITE.sub(" ", value.translate(_QUOTES).lower()).strip().rstrip(" .,;:!?")


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=65536)
def spelling_key(text: str) -> str:
    """Letters and digits only: copies that differ in spaces, hyphens or apostrophes compare equal
    (cached: every pair of copies of a unit compares the same texts again)."""
    return _NOT_ALNUM.sub("", comparable(text))


def conflict_kind(values: list) -> str:
    """How copies that differ after normalisation differ (see ``catalogue_models.Conflict``)."""
    if not all(isinstance(v, str) for v in values):
        return "value"
    if len({spelling_key(v) for v in values}) == 1:
        return "spelling"
    tokens = [comparable(v).split() for v in values]
    longest = max(tokens, key=len)
    if all(t == longest[:len(t)] for t in tokens):
        return "truncated"
    return "wording"


def words(text: str) -> list[str]:
    """A text's words after normalisation (letters and digits), in order, repeats kept."""
    return _WORD.findall(comparable(text))


@lru_cache(maxsize=65536)
def word_set(text: str) -> frozenset[str]:
    """A text's distinct words, cached: every text is matched against many others."""
    return frozenset(words(text))


def dice(a: Counter, b: Counter) -> float:
    """Dice coefficient of two word multisets: 1 for the same words, 0 for none in common."""
    if len(a) > len(b):
        a, b = b, a
    total = a.total() + b.total()
    return 2 * sum(min(n, b[w]) for w, n in a.items() if w in b) / total if total else 0.0


def set_dice(a: frozenset, b: frozenset) -> float:
    """``dice`` of two word sets (every count 1), without building the multisets: the same value."""
    total = len(a) + len(b)
    return 2 * len(a & b) / total if total else 0.0


Item = tuple[str, Optional[str]]  # (outcome number, criterion number or None for the outcome itself)


def items(unit: dict) -> dict[Item, Optional[str]]:
    """A unit's outcomes and criteria as ``{(lo, ac | None): text}``."""
    found: dict[Item, Optional[str]] = {}
    for lo in unit["learning_outcomes"]:
        found[(lo["number"], None)] = lo["text"]
        for ac in lo["assessment_criteria"]:
            found[(lo["number"], ac["number"])] = ac["text"]
    return found


def item_order(item: Item) -> tuple[int, int]:
    """Sort key of an item: by outcome number, the outcome before its criteria, criteria by index."""
    lo, ac = item
    return int(lo), -1 if ac is None else int(ac.split(".")[1])
