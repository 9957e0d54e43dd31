"""OCR damage put right by the document's own phrases.

A specification repeats itself: "making sure that", "in line with", "the office" come back in
criterion after criterion. Where OCR damaged one of them on a scanned page, the document's
other prints are the evidence. In the texts of outcomes and criteria, a token the document
prints nowhere else is repaired when the document prints the repaired form at least
``MIN_EVIDENCE`` times:

* a speck read as a hyphen between two words: ``making-sure`` -> ``making sure`` (not before
  a compound's second half, ``COMPOUND_TAILS``: ``follow-up`` stays);
* a speck read as a full stop after a word, a lower-case word next: ``the. office`` ->
  ``the office`` (only prints without the stop count);
* a capital OCR read for a small letter of the same shape (``OCR_CASE``), between lower-case
  words: ``the Office is`` -> ``the office is`` (``Service Level Agreements`` stays);
* a lost space: ``ina salon`` -> ``in a salon``, ``inline`` -> ``in line`` (one split only).

Each repair is a ``text_repaired`` warning naming the words. Only texts read from OCR'd pages
are touched: a text layer's words, and a converter's text, are as printed (``follow-up``,
``organisation, and``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from ..models import Warning

MIN_EVIDENCE = 3  # prints of the repaired form that make it the document's
OCR_CASE = "CSOVWXZ"  # capitals whose small letters have the same shape
_EDGE = re.compile(r"^[(\"'\u2018\u201c]+|[)\"'\u2019\u201d.,;:!?]+$")
_HYPHENED = re.compile(r"^([a-z]+)-([a-z]+)$")
_MARKED = re.compile(r"^([A-Za-z][\w'\u2019]*)\.$")
COMPOUND_TAILS = frozenset({"up", "in", "on", "off", "out", "down", "over", "back", "by", "to"})
"""Second halves of real hyphened compounds (``follow-up``, ``log-in``): never split."""


def _core(token: str) -> str:
    return _EDGE.sub("", token).lower()


class _Evidence:
    """What the document prints: its words (as printed and lower case) and unmarked word pairs."""

    def __init__(self, texts: list[str]):
        self.printed: Counter = Counter()
        self.words: Counter = Counter()
        self.pairs: Counter = Counter()
        for text in texts:
            tokens = text.split()
            self.printed.update(tokens)
            cores = [_EDGE.sub("", t) for t in tokens]
            self.words.update(c for c in cores if c.isalpha() and c.islower())
            self.pairs.update(f"{_core(a)} {_core(b)}" for a, b in zip(tokens, tokens[1:]) if not _MARKED.match(a))

    def sure(self, pair: str) -> bool:
        return self.pairs[pair] >= MIN_EVIDENCE


def _speck_hyphen(t: str, before: str, after: str, ev: _Evidence) -> Optional[str]:
    m = _HYPHENED.match(t)
    return f"{m[1]} {m[2]}" if m and m[2] not in COMPOUND_TAILS and ev.sure(f"{m[1]} {m[2]}") else None


def _speck_stop(t: str, before: str, after: str, ev: _Evidence) -> Optional[str]:
    m = _MARKED.match(t)
    return m[1] if m and after[:1].islower() and ev.sure(f"{m[1].lower()} {_core(after)}") else None


def _case(t: str, before: str, after: str, ev: _Evidence) -> Optional[str]:
    core = _EDGE.sub("", t)
    between = before[-1:].islower() and not after[:1].isupper()  # no sentence ends before it
    shaped = len(core) > 2 and core[0] in OCR_CASE and core[1:].islower()
    return t.replace(core, core.lower(), 1) if between and shaped and ev.words[core.lower()] >= MIN_EVIDENCE else None


def _lost_space(t: str, before: str, after: str, ev: _Evidence) -> Optional[str]:
    if not (t.isalpha() and t.islower()):
        return None
    splits = [(t[:k], t[k:]) for k in range(1, len(t)) if ev.sure(f"{t[:k]} {t[k:]}")]
    return " ".join(splits[0]) if len(splits) == 1 else None


RULES = (_speck_hyphen, _speck_stop, _case, _lost_space)
"""The repairs, tried in order on a token printed once; the first that answers decides."""


def _repair(tokens: list[str], i: int, ev: _Evidence) -> Optional[str]:
    """Token ``i`` as the document's other prints say it is, or None."""
    if ev.printed[tokens[i]] != 1:
        return None
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return next((fixed for rule in RULES if (fixed := rule(tokens[i], before, after, ev)) is not None), None)


def _text(text: Optional[str], ev: _Evidence, said: list[str]) -> Optional[str]:
    if not text:
        return text
    tokens = text.split()
    out = []
    for i, t in enumerate(tokens):
        fixed = _repair(tokens, i, ev)
        if fixed is not None:
            said.append(f"{t} -> {fixed}")
        out.append(fixed if fixed is not None else t)
    return " ".join(out)


def repair_phrases(units: list, pages: set[int]) -> list[Warning]:
    """Repair the outcome and criterion texts of ``units`` read from the OCR'd ``pages`` in
    place from the document's own phrases; one ``text_repaired`` warning per text changed."""
    items = [(unit, lo) for unit in units for lo in unit.learning_outcomes]
    items += [(unit, ac) for unit, lo in list(items) for ac in lo.assessment_criteria]
    ev = _Evidence([item.text for _, item in items if item.text])
    warnings = []
    for unit, item in items:
        if item.location.page not in pages:
            continue
        said: list[str] = []
        fixed = _text(item.text, ev, said)
        if said:
            item.text = fixed
            message = f"OCR text repaired as the document prints it elsewhere: {', '.join(said)}"
            warnings.append(Warning(code="text_repaired", unit=unit.reference or unit.number, location=item.location,
                                    message=message))
    return warnings
