"""OCR confidence -> ``"uncertain": true`` on the texts that may be misread.

Tesseract gives every word a confidence (0-100, ``ocr.tsv_words``). ``pdf.py`` keeps, per OCR'd
page, the words read below ``LOW_CONFIDENCE`` (``low_confidence_words``: page -> {token: lowest
confidence}), less those the document also reads at ``LOW_CONFIDENCE`` or above somewhere
(``confident_words``: a domain word like ``planograms`` read clearly once is a real word);
text-layer pages have none, so nothing read from a text layer is ever flagged.

A token OCR reads only once in the document (``read_once``) is kept too, whatever its
confidence: tesseract is sure of many of its misreadings (``saton``, ``chppers``), and a
misreading is rarely made twice alike.

After parsing, ``mark`` looks at every learning outcome, assessment criterion and unit title: a
text holding one of those tokens on its page (or the next: a table row broken across a page
break) that no repair confirms gets ``uncertain = True`` and one ``ocr_uncertain`` warning naming
the words. A token is confirmed when it is a real word (``dictionary.is_english``), a word of
the specification vocabulary (``vocabulary.load``), or a number; a word that OCR repair
replaced is no longer in the text, so its repair has spoken for it. A hyphened token is judged
whole as well as by its parts (``to-plan``: a speck read as a hyphen joins two words; three
words so joined, ``one-to-one``, are a compound print makes), and a token holding a mark print
never puts in or beside a word (``a]``, ``—_``, ``iT``) is never confirmed.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

from ..models import Location, Warning

LOW_CONFIDENCE = 90.0  # tesseract word confidence (0-100) below which a word is doubted (tuned: docs/pdf.md)
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_HYPHENED = re.compile(r"[^\W\d_]-[^\W\d_]")
_JOINED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")  # a hyphened word, whole
_ODD = re.compile(r"[\[\]_\u2014\u2013!@|~={}\\]|[a-z][A-Z]")  # marks print never puts in or beside a word


def tokens(text: str) -> list[str]:
    """The words of ``text``, lower-case, punctuation around them dropped; a hyphened word also
    whole (``to-plan``: OCR may read a speck as the hyphen, and its parts are words), and a
    token holding a mark print never puts there, as read (``a]``, ``—_``, ``instal!``, ``iT``)."""
    text = text or ""
    odd = [t for t in text.split() if _ODD.search(t)]
    return [t.lower() for t in _TOKEN.findall(text)] + [t.lower() for t in _JOINED.findall(text)] + odd


def low_confidence_words(words: Iterable[tuple]) -> dict[str, float]:
    """OCR word tuples (confidence as their ninth element) -> {token: lowest confidence} of
    those read below ``LOW_CONFIDENCE``."""
    low: dict[str, float] = {}
    for w in words:
        if len(w) > 8 and 0 <= w[8] < LOW_CONFIDENCE:
            for t in tokens(w[4]):
                low[t] = min(w[8], low.get(t, 100.0))
    return low


def confident_words(pages: Iterable[Iterable[tuple]]) -> set[str]:
    """Tokens read at ``LOW_CONFIDENCE`` or above somewhere in the document: a word read clearly
    once is confirmed by the document itself wherever else it was read doubtfully."""
    return {t for words in pages for w in words if len(w) > 8 and w[8] >= LOW_CONFIDENCE for t in tokens(w[4])}


def tokens_of(words: Iterable[tuple]) -> dict[str, float]:
    """OCR word tuples -> {token: lowest confidence}."""
    out: dict[str, float] = {}
    for w in words:
        for t in tokens(w[4]):
            out[t] = min(w[8] if len(w) > 8 else 100.0, out.get(t, 100.0))
    return out


def read_once(pages: Iterable[Iterable[tuple]]) -> set[str]:
    """Tokens the document's OCR reads exactly once: a misreading (``saton``, ``chppers``) is
    rarely made twice alike, a domain word is printed again; with no dictionary or repair to
    confirm it, such a token is doubted whatever its confidence. A word read in capitals
    (``USB``, ``FIFO``) is an abbreviation and a part of a hyphened word (``multi-skilled``,
    ``laissez-faire``) need not be a word on its own: neither is doubted so."""
    words = [w for page in pages for w in page]
    counts = Counter(t for w in words for t in tokens(w[4]))
    spared = {t for w in words if w[4].isupper() or _HYPHENED.search(w[4]) for t in tokens(w[4])}
    return {t for t, n in counts.items() if n == 1 and t not in spared}


def confirmed(token: str) -> bool:
    """A number, a real English word or a word of the specification vocabulary (never a token
    holding a mark print never puts there)."""
    from ..repair import dictionary, vocabulary

    if _ODD.search(token):
        return False
    if "-" in token:  # a speck read as a hyphen joins two words; a compound of three is print's
        parts = token.split("-")
        return len(parts) > 2 and all(confirmed(p) for p in parts)
    if any(c.isdigit() for c in token):
        return not any(c.isalpha() for c in token)
    return token in vocabulary.load()[0] or dictionary.is_english(token)


def doubtful(text: Optional[str], location: Optional[Location], low: dict[int, dict[str, float]]) -> list[str]:
    """The unconfirmed low-confidence words of ``text`` (``word (confidence)``), in order."""
    if not text or location is None or location.page is None:
        return []
    near = {**low.get(location.page + 1, {}), **low.get(location.page, {})}
    if not near:
        return []
    found = dict.fromkeys(t for t in tokens(text) if t in near and not confirmed(t))
    return [f"'{t}' ({near[t]:.0f})" for t in found]


def mark(units: list, low: dict[int, dict[str, float]]) -> list[Warning]:
    """Flag the doubtful texts of ``units`` in place -> one ``ocr_uncertain`` warning each."""
    if not low:
        return []
    warnings = []

    def check(item, what: str, text: Optional[str], key: Optional[str]) -> None:
        words = doubtful(text, item.location, low)
        if words:
            item.uncertain = True
            warnings.append(Warning(code="ocr_uncertain", unit=key, location=item.location,
                                    message=f"{what}: OCR read {', '.join(words)} with low confidence or only "
                                            "once, and no repair or dictionary confirms it"))

    for unit in units:
        key = unit.reference or unit.number
        check(unit, "unit title", unit.title, key)
        for lo in unit.learning_outcomes:
            check(lo, f"outcome {lo.number}", lo.text, key)
            for ac in lo.assessment_criteria:
                check(ac, f"criterion {ac.number}", ac.text, key)
    return warnings
