"""Recover criteria from an overlaid (garbled) region.

A PDF converter that overlays several renderings of one table leaves cells holding repeated,
partly clipped copies of the outcomes and criteria ("2.1 Evaluate the way in which the
organisation's use social media strategy2.2 Assess ..."). They are never emitted as text, but
they are evidence: where the clean column lost a criterion or an outcome, or clipped the end of
one, the copies show what the document printed. Each choice is by agreement between copies,
and every recovered value is reported by the caller as a ``garbled_text`` warning.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

from .vocabulary import bigrams, load

MIN_FRAGMENT_WORDS = 3
"""Words a piece of an overlaid cell needs to count as a copy of an outcome or criterion."""
MIN_OVERLAP = 3
"""Words a copy must share with a text before it may complete it (``extend``: in all, and at
least half the text; ``splice``: in one run from the orphan's start)."""
MAX_LOST_WORDS = 2
"""Words at the end of a clean text that may differ from the copy continuing it (clipped or lost)."""
CLIPPED_PREFIX = 2
"""Letters a clipped word must share with the copy's word."""
CLIPPED_MAX_LETTERS = 4
"""Longest unknown word ``complete_clipped`` takes for a word clipped at a column edge."""
_PIECE = re.compile(r"(?:(?<=[\s.a-z\")])|^)(\d\.\d{1,2}|[1-9])\s+(?=[A-Z])")


def fragments(cells: list[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Overlaid cells -> ({"1.2": [copies]}, {"2": [outcome copies]})."""
    criteria: dict[str, list[str]] = {}
    outcomes: dict[str, list[str]] = {}
    for cell in cells:
        marks = list(_PIECE.finditer(cell))
        for m, nxt in zip(marks, marks[1:] + [None]):
            text = cell[m.end() : nxt.start() if nxt else len(cell)].strip(" -")
            if len(text.split()) < MIN_FRAGMENT_WORDS:
                continue
            (criteria if "." in m.group(1) else outcomes).setdefault(m.group(1), []).append(text)
    return criteria, outcomes


def consensus(copies: list[str]) -> str | None:
    """The copy most copies agree on (ties: the longest)."""
    if not copies:
        return None
    counts = Counter(" ".join(c.split()) for c in copies)
    return max(counts, key=lambda c: (counts[c], len(c)))


def extend(clean: str, copy: str) -> str:
    """``clean`` lost its last line(s): continue it with what ``copy`` prints after their common
    text ("... of social media" + "... of social engagement with customers")."""
    a, b = clean.split(), copy.split()
    blocks = [blk for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if blk.size]
    if not blocks or sum(blk.size for blk in blocks) < max(MIN_OVERLAP, len(a) // 2):
        return clean
    last = blocks[-1]
    tail_a = len(a) - (last.a + last.size)
    rest = b[last.b + last.size :]
    if tail_a <= MAX_LOST_WORDS and len(rest) > tail_a:
        return " ".join(a + rest[tail_a:] if tail_a and _clipped(a[-tail_a:], rest[:tail_a]) else a + rest)
    return clean


def _clipped(words: list[str], copy: list[str]) -> bool:
    """Whether each word starts like the copy's word in its place (``CLIPPED_PREFIX`` letters)."""
    return all(c.startswith(w[:CLIPPED_PREFIX]) for w, c in zip(words, copy))


def splice(orphan: str, copy: str) -> str | None:
    """A continuation line whose criterion lost its first line: put it inside the copy that
    shares its words ("Develop a strategy ... and obje and addresses" + "organisation's overall
    ... objectives" -> the whole criterion), or None when they do not overlap."""
    a, b = orphan.split(), copy.split()
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    if m.size < MIN_OVERLAP or m.a != 0:
        return None
    after = b[m.b + m.size :]
    leftover = a[m.size :]
    if leftover and after and leftover[0].startswith(after[0]):
        after = after[1:]  # the copy's clipped word ("obje") is the orphan's whole word
    return " ".join(b[: m.b] + a + after)


def complete_clipped(text: str) -> str:
    """A word clipped at a column edge ("a social m strategy"): completed when exactly one known
    word starting with those letters is the usual pair with both neighbours."""
    words, _ = load()
    pairs = bigrams()
    tokens = text.split()
    for i in range(1, len(tokens) - 1):
        stub = tokens[i].lower()
        if stub in words or not stub.isalpha() or len(stub) > CLIPPED_MAX_LETTERS:
            continue
        prev, nxt = tokens[i - 1].lower(), tokens[i + 1].lower()
        fits = {w for w in words if w.startswith(stub) and w != stub
                and pairs.get(f"{prev} {w}") and pairs.get(f"{w} {nxt}")}
        if len(fits) == 1:
            tokens[i] = fits.pop()
    return " ".join(tokens)
