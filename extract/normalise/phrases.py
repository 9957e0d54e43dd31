"""OCR damage put right by the document's own phrases.

A specification repeats itself: "making sure that", "in line with", "the office" come back in
criterion after criterion. Where OCR damaged one of them on a scanned page, the document's
other prints are the evidence. In the texts of outcomes and criteria, a token the document
prints at most ``MAX_COPIES`` times is repaired when the document prints the repaired form at least
``MIN_EVIDENCE`` times:

* a speck read as a hyphen between two words: ``making-sure`` -> ``making sure`` (not before
  a compound's second half, ``COMPOUND_TAILS``: ``follow-up`` stays);
* a speck read as a full stop after a word, a lower-case word next: ``the. office`` ->
  ``the office`` (only prints without the stop count);
* a capital OCR read for a small letter of the same shape (``OCR_CASE``), between lower-case
  words (or after a comma): ``the Office is`` -> ``the office is``, ``gowns, Capes)`` (``Service
  Level Agreements`` stays);
* a letter read as its look-alike: ``(c.g.`` -> ``(e.g.`` (a token no dictionary knows);
* a lost space: ``ina salon`` -> ``in a salon``, ``inline`` -> ``in line`` (one split only);
* a real word made of another by one look-alike letter, where the other makes with its
  neighbours the pairs the document prints: ``in fine with`` -> ``in line with``;
* a bullet glued to a word inside a sentence, where the words around it make a printed pair:
  another column's list item (``within «types agreed``), dropped;
* a letter changed, lost or added in a token no dictionary knows, where exactly one word one
  letter away is the document's: ``maierials`` -> ``materials``, ``roducts`` -> ``products``.

Each repair is a ``text_repaired`` warning naming the words. Only texts read from OCR'd pages
and from text files without layout (tesseract's text is one; which text file is OCR's cannot be
told) are touched: a text layer's words, and ``pdftotext -layout`` text made from one, are as
printed (``follow-up``, ``organisation, and``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from ..models import Warning
from ..repair.bullets import OCR_BULLETS
from ..repair.confusions import known, lookalike_readings

MIN_EVIDENCE = 3  # prints of the repaired form that make it the document's
MAX_COPIES = 2  # prints of a damaged token: OCR may damage one phrase alike twice (``(c.g.``), rarely more
OCR_CASE = "CSOVWXZ"  # capitals whose small letters have the same shape
_EDGE = re.compile(r"^[(\"'\u2018\u201c]+|[)\"'\u2019\u201d.,;:!?]+$")
_HYPHENED = re.compile(r"^([A-Za-z][a-z]*)-([a-z]+)$")
_MARKED = re.compile(r"^([A-Za-z][\w'\u2019]*)\.$")
COMPOUND_TAILS = frozenset({"up", "in", "on", "off", "out", "down", "over", "back", "by", "to"})
"""Second halves of real hyphened compounds (``follow-up``, ``log-in``): never split."""


def _core(token: str) -> str:
    return _EDGE.sub("", token).lower()


class _Evidence:
    """What the document prints: its words (as printed and lower case) and unmarked word pairs;
    and the word pairs of its unit titles (``titled``), printed large and apart from the texts."""

    def __init__(self, texts: list[str], titles: tuple = ()):
        self.titled = Counter(f"{_core(a)} {_core(b)}" for t in titles for a, b in zip(t.split(), t.split()[1:]))
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
    m = _HYPHENED.match(t)  # printed twice, a hyphened form is the document's spelling ("first-aid")
    once = m and ev.printed[t] == 1 and m[2] not in COMPOUND_TAILS
    return f"{m[1]} {m[2]}" if once and ev.sure(f"{m[1].lower()} {m[2]}") else None


def _speck_stop(t: str, before: str, after: str, ev: _Evidence) -> Optional[str]:
    m = _MARKED.match(t)
    return m[1] if m and after[:1].islower() and ev.sure(f"{m[1].lower()} {_core(after)}") else None


def _case(t: str, before: str, after: str, ev: _Evidence) -> Optional[str]:
    core = _EDGE.sub("", t)
    between = (before[-1:].islower() or before.endswith(",")) and not after[:1].isupper()  # no sentence ends before it
    shaped = len(core) > 2 and core[0] in OCR_CASE and core[1:].islower()
    return t.replace(core, core.lower(), 1) if between and shaped and ev.words[core.lower()] >= MIN_EVIDENCE else None


def _lookalike(t: str, before: str, after: str, ev: _Evidence) -> Optional[str]:
    """One letter OCR read as its look-alike (``confusions.LOOKALIKES``: ``(c.g.`` for
    ``(e.g.``), where the token so read is no word and exactly one such reading is printed."""
    core = _EDGE.sub("", t)
    if core.isalpha() and known(core):
        return None
    found = {c for c in lookalike_readings(t, 1) if ev.printed[c] >= MIN_EVIDENCE}
    return found.pop() if len(found) == 1 else None


_BULLETED_WORD = re.compile(r"^[%s][a-z]+$" % re.escape(OCR_BULLETS.replace(".", "")))


def _bulleted_word(t: str, before: str, after: str, ev: _Evidence) -> Optional[str]:
    """A bullet glued to a word inside a sentence (``within «types agreed``): another column's
    list item read into the line, dropped where the words on either side make a pair the
    document prints (``within agreed``)."""
    return "" if _BULLETED_WORD.match(t) and before and after and ev.sure(f"{_core(before)} {_core(after)}") else None


MIN_NEAR_LETTERS = 4  # shortest token matched to a word one letter away ("seal"/"scalp" is no such case)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit(word: str) -> set[str]:
    """Every string one letter away from ``word``: a letter changed, lost or added."""
    cuts = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    return ({a + b[1:] for a, b in cuts if b} | {a + c + b[1:] for a, b in cuts if b for c in _LETTERS}
            | {a + c + b for a, b in cuts for c in _LETTERS}) - {word}


def _near_word(t: str, before: str, after: str, ev: _Evidence) -> Optional[str]:
    """A token no dictionary knows, one letter away from exactly one word the document prints
    ``MIN_EVIDENCE`` times (``maierials``, ``roducts`` for ``products``): OCR's misreading of
    it. A plural's ``s`` is no such letter (``planograms`` beside ``planogram``)."""
    core = _EDGE.sub("", t)
    low = core.lower()
    if len(core) < MIN_NEAR_LETTERS or not core.isalpha() or not core[1:].islower() or known(core):
        return None
    found = {w for w in _one_edit(low) if ev.words[w] >= MIN_EVIDENCE and w + "s" != low and low + "s" != w}
    if len(found) != 1:
        return None
    word = found.pop()
    return t.replace(core, word.capitalize() if core[0].isupper() else word, 1)


def _misread_word(t: str, before: str, after: str, ev: _Evidence) -> Optional[str]:
    """A real word OCR made of another by one look-alike letter (``in fine with``, ``power
    toots``): exactly one reading makes, with the words on both sides (the one before, where
    the text ends), pairs the document prints ``MIN_EVIDENCE`` times, and the word as read
    makes them nowhere else, a unit title least of all (``food safety`` in an outcome stays
    where a title prints it, though ``store food safely`` comes back in three criteria)."""
    core = _EDGE.sub("", t)
    if not (core.isalpha() and core.islower() and before):
        return None
    b, a = _core(before), _core(after)
    if ev.pairs[f"{b} {core}"] > MAX_COPIES or (a and ev.pairs[f"{core} {a}"] > MAX_COPIES) \
            or ev.titled[f"{b} {core}"] or (a and ev.titled[f"{core} {a}"]):
        return None
    found = {c for c in lookalike_readings(core, 1) if ev.sure(f"{b} {c}") and (not a or ev.sure(f"{c} {a}"))}
    return t.replace(core, found.pop(), 1) if len(found) == 1 else None


def _lost_space(t: str, before: str, after: str, ev: _Evidence) -> Optional[str]:
    if not (t.isalpha() and t.islower()):
        return None
    splits = [(t[:k], t[k:]) for k in range(1, len(t)) if ev.sure(f"{t[:k]} {t[k:]}")]
    return " ".join(splits[0]) if len(splits) == 1 else None


RULES = (_speck_hyphen, _speck_stop, _case, _lookalike, _lost_space, _near_word, _bulleted_word, _misread_word)
"""The repairs, tried in order on a token printed at most ``MAX_COPIES`` times; the first that
answers decides."""
UNPRINTED = (_bulleted_word,)
"""The repairs of forms print never makes, however often OCR reads them."""


def _repair(tokens: list[str], i: int, ev: _Evidence) -> Optional[str]:
    """Token ``i`` as the document's other prints say it is, or None (a token printed more
    than ``MAX_COPIES`` times is the document's own, but for ``UNPRINTED`` forms)."""
    rules = RULES if ev.printed[tokens[i]] <= MAX_COPIES else UNPRINTED
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return next((fixed for rule in rules if (fixed := rule(tokens[i], before, after, ev)) is not None), None)


def _text(text: Optional[str], ev: _Evidence, said: list[str]) -> Optional[str]:
    if not text:
        return text
    tokens = text.split()
    out = []
    for i, t in enumerate(tokens):
        fixed = _repair(tokens, i, ev)
        if fixed is not None:
            said.append(f"{t} -> {fixed or '(dropped)'}")
        out.append(fixed if fixed is not None else t)
    return " ".join(t for t in out if t)


def repair_phrases(units: list, pages: Optional[set[int]]) -> list[Warning]:
    """Repair the outcome and criterion texts of ``units`` read from the OCR'd ``pages`` (None:
    every text) in place from the document's own phrases; one ``text_repaired`` warning per
    text changed."""
    items = [(unit, lo) for unit in units for lo in unit.learning_outcomes]
    items += [(unit, ac) for unit, lo in list(items) for ac in lo.assessment_criteria]
    ev = _Evidence([item.text for _, item in items if item.text], tuple(u.title for u in units if u.title))
    warnings = []
    for unit, item in items:
        if pages is not None and item.location.page not in pages:
            continue
        said: list[str] = []
        fixed = _text(item.text, ev, said)
        if said:
            item.text = fixed
            message = f"OCR text repaired as the document prints it elsewhere: {', '.join(said)}"
            warnings.append(Warning(code="text_repaired", unit=unit.reference or unit.number, location=item.location,
                                    message=message))
    return warnings
