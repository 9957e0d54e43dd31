"""A general English dictionary: the words OCR repair must leave alone.

The corpus vocabulary (``vocabulary.py``) knows the words of five specifications; a real word
it has never seen ("seal", "reefer") must not be "repaired" into one it knows ("Deal",
"Refer"). Before any repair, the word is looked up here: pyspellchecker's English frequency
dictionary (shipped in the package, no download), with British spellings mapped to the
American ones it lists (organisation -> organization, colour -> color). Loaded once, on first
use (``load``); a run loads it before its workers fork (``ops.executors.preload``), as every
document's criteria go through word repair, which consults it for any word the corpus vocabulary
lacks.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_FREQUENCY = 50  # rarer entries are too often typos or OCR-like strings to vouch for a word
_BRITISH = ((re.compile(r"isation"), "ization"), (re.compile(r"ise(s|d)?$"), r"ize\1"),
            (re.compile(r"ising$"), "izing"), (re.compile(r"our(s|ed|ing)?$"), r"or\1"),
            (re.compile(r"tre(s)?$"), r"ter\1"), (re.compile(r"ogue(s)?$"), r"og\1"),
            (re.compile(r"yse(s|d)?$"), r"yze\1"), (re.compile(r"ence$"), "ense"))


@lru_cache(maxsize=1)
def load() -> dict[str, int]:
    """pyspellchecker's English word frequencies, loaded on first use (~0.35 s CPU)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency.dictionary


def is_english(word: str) -> bool:
    """``word`` (any case) is a real English word, British or American spelling."""
    w = word.lower()
    words = load()
    if words.get(w, 0) >= MIN_FREQUENCY:
        return True
    return any(words.get(p.sub(r, w), 0) >= MIN_FREQUENCY for p, r in _BRITISH if p.search(w))
