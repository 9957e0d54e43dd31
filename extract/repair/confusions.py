"""Word repair for OCR damage inside a sentence: look-alike letters and lost spaces.

Tesseract misreads a letter as its look-alike (``Foilow``, ``pians``, ``fabels``, ``Gutline``,
``alcoho!``) and drops the space after a short word (``foundin``, ``ofa``, ``itis``). The
evidence that a token is damaged is that it is no word: neither the specification vocabulary
(``vocabulary.load``) nor the English dictionary (``dictionary.is_english``) knows it. A real
word is never touched, whatever it looks like.

* **look-alikes**: each letter may stand for what ``LOOKALIKES`` says tesseract reads it for; the
  token is repaired when exactly one word comes of it, trying one changed letter before two
  (``MAX_CHANGES``), and words of the specification vocabulary before other English words;
* **lost space**: the token splits in exactly one way into two known words, one of them a
  short function word (``FUNCTION_WORDS``): ``usedin`` -> ``used in``; two ways (``ateam`` as
  ``a team`` or ``ate am``) are settled by the word pair the corpus prints (``vocabulary.bigrams``),
  else the token stays. ``repair`` orders the two by their evidence.

The caller records each repair (``text_repaired``).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations, product
from typing import Optional

from .dictionary import is_english
from .vocabulary import bigrams, load

LOOKALIKES = {"i": "l", "l": "i", "!": "l", "J": "l", "I": "l", "t": "li", "f": "lr", "a": "o", "o": "a",
              "e": "o", "G": "O", "\u00e9": "e", "c": "e", "\\": "il", "|": "il"}
"""A letter as OCR read it -> the letters it may stand for."""
MAX_CHANGES = 2
"""Letters of one token that may be look-alikes."""
MIN_LETTERS = 2
"""Shortest token looked at."""
FUNCTION_WORDS = frozenset({"a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "and", "or", "is", "it",
                            "be", "as", "with", "its"})
"""Short words whose following space OCR drops (``inthe``, ``ofa``)."""


def known(word: str) -> bool:
    """A word of the specification vocabulary or of the English dictionary (any case)."""
    return word.lower() in load()[0] or is_english(word)


def lookalike_readings(token: str, changes: int) -> list[str]:
    """Every reading of ``token`` with exactly ``changes`` look-alike letters replaced."""
    places = [k for k, c in enumerate(token) if c in LOOKALIKES]
    out = []
    for chosen in combinations(places, changes):
        for letters in product(*(LOOKALIKES[token[k]] for k in chosen)):
            chars = list(token)
            for k, c in zip(chosen, letters):
                chars[k] = c
            out.append("".join(chars))
    return out


def _pick(words: list[str], test) -> tuple[bool, Optional[str]]:
    """(whether any of ``words`` passes ``test``, the single distinct one that does or None)."""
    found = {w for w in words if test(w)}
    return bool(found), (found.pop() if len(found) == 1 else None)


def _in_vocabulary(word: str) -> bool:
    """A word of the specification vocabulary (the strongest evidence a reading is right)."""
    return word.lower() in load()[0]


def _one_letter(token: str) -> list[str]:
    """The readings of ``token`` with one look-alike letter read right; a ``!`` at its end may
    also be a speck beside the last letter (``legal!``)."""
    return lookalike_readings(token, 1) + ([token[:-1]] if token.endswith("!") else [])


def unspaced(token: str, paired: bool) -> tuple[bool, Optional[str]]:
    """``token`` as the two known words it glues, one a function word (``foundin`` -> ``found
    in``); with ``paired`` only a pair the corpus prints. (any such split, the single one or None)."""
    low = token.lower()
    pairs = bigrams()
    splits = [k for k in range(1, len(low))
              if (low[:k] in FUNCTION_WORDS or low[k:] in FUNCTION_WORDS) and known(low[:k]) and known(low[k:])
              and (not paired or pairs.get(f"{low[:k]} {low[k:]}"))]
    return bool(splits), (f"{token[:splits[0]]} {token[splits[0]:]}" if len(splits) == 1 else None)


@lru_cache(maxsize=8192)
def repair(token: str) -> Optional[str]:
    """An OCR-damaged token -> its repair, or None for a word or a token the evidence does not
    settle. Readings are tried from the strongest evidence down, and the first kind that gives
    any word decides (two words of that kind: the token stays, ``fiies`` as ``files`` or
    ``flies``): one look-alike letter giving a vocabulary word; a lost space between a word pair
    the corpus prints (``itis`` is ``it is``, not ``ills``); one look-alike giving an English
    word; any lost space; ``MAX_CHANGES`` look-alikes. Tokens of letters (and ``!``) only."""
    if len(token) < MIN_LETTERS or not token.replace("!", "").isalpha() or known(token):
        return None
    if not (token.islower() or token[1:].islower()):  # an acronym or a mixed-case name stays
        return None
    glued = token.isalpha()
    steps = (lambda: _pick(_one_letter(token), _in_vocabulary),
             lambda: unspaced(token, True) if glued else (False, None),
             lambda: _pick(_one_letter(token), known),
             lambda: unspaced(token, False) if glued else (False, None),
             lambda: _pick(lookalike_readings(token, MAX_CHANGES), known))
    for step in steps:
        seen, found = step()
        if seen:
            return found
    return None
