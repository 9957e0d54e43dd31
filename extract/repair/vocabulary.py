"""The word list that OCR repair trusts, built from the corpus itself.

A word is *known* when it appears in at least two different documents of the corpus (OCR damage
such as ``Beableto`` or ``pescribe`` is specific to one scan, real words recur), plus the
command verbs that the specifications' own glossaries print. Word-pair counts (``bigrams``) tell which of two columns a word continues (``columns.py``).
``make vocab`` rebuilds
``data/vocabulary.json`` from ``raw/``; the pipeline only reads it (no data at run time).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent.parent / "data" / "vocabulary.json"
_WORD = re.compile(r"[A-Za-z][a-z]+(?:'[a-z]+)?")
_TOKEN = re.compile(r"[A-Z]{2,}(?![a-z])|[A-Za-z][a-z]*(?:'[a-z]+)?")  # an acronym is one word (``SMART targets``)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'"})
# Glossary lines in the specs: "<b>Explain</b>\tProvide details ..." / "Explain: ...".
_GLOSSARY = re.compile(r"^\s*<b>([A-Z][a-z]+)\b[^<]*</b>\t", re.M)
# Where assessment criteria start: the first word after an AC number ("1.1 Explain ...").
_AC_START = re.compile(r"(?:^|\s)\d\.\d{1,2}\s+([A-Za-z][a-z]+)\b")


MIN_DOCUMENTS = 2
"""A word is known when at least this many different documents print it: OCR damage is specific
to one scan, real words recur."""
MIN_CRITERION_STARTS = 2
"""A known word that opens at least this many criteria is a command verb."""
_NOT_VERBS = {"the", "a", "an", "this", "these", "their", "all", "unit", "learners", "level",
              "assessment", "qualification", "section", "customer", "customers"}


def _occurrences(texts: list[str]) -> tuple[dict[str, set[int]], Counter[str], set[str]]:
    """Over the corpus: the documents each word appears in (lower-case), how often each word
    opens a criterion, and the glossaries' command verbs."""
    seen: dict[str, set[int]] = defaultdict(set)
    starts: Counter[str] = Counter()
    glossary: set[str] = set()
    for i, text in enumerate(texts):
        for w in _WORD.findall(text):
            seen[w.lower()].add(i)
        glossary.update(v.lower() for v in _GLOSSARY.findall(text))
        starts.update(v.lower() for v in _AC_START.findall(text))
    return seen, starts, glossary


def pairs(texts: list[str]) -> Counter[str]:
    """Word-pair counts of these texts (a document's own, beside the corpus's ``bigrams``)."""
    return _pairs(texts)


def junction(read: Counter[str], before: str, after: str) -> int:
    """How often ``read`` (``pairs`` of a document) holds the pair that ``before``'s last word
    and ``after``'s first make where one text runs on into the other."""
    return max((read.get(p, 0) for p in _pairs([f"{before.split()[-1]} {after.split()[0]}"])), default=0)


def _pairs(texts: list[str]) -> Counter[str]:
    """How often each word pair ``"a b"`` follows in the corpus (lower-case, quotes unified)."""
    pairs: Counter[str] = Counter()
    for text in texts:
        tokens = [w.lower() for w in _TOKEN.findall(text.translate(_QUOTES))]
        pairs.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
    return pairs


def build(texts: list[str]) -> dict:
    """The corpus texts -> the vocabulary file's contents: known words, command verbs and the
    counts of word pairs made of known words."""
    seen, starts, glossary = _occurrences(texts)
    pairs = _pairs(texts)
    words = {w for w, docs in seen.items() if len(docs) >= MIN_DOCUMENTS} | {"a", "i"}
    # A criterion opens with a command verb: the glossary's, and any word that opens
    # criteria at least twice in documents where it is a known word.
    verbs = glossary | {v for v, n in starts.items()
                        if n >= MIN_CRITERION_STARTS and v in words and v not in _NOT_VERBS}
    bigrams = {p: n for p, n in sorted(pairs.items()) if all(w in words for w in p.split())}
    return {"words": sorted(words | verbs), "command_verbs": sorted(verbs), "bigrams": bigrams}


def write(raw_dir: Path) -> Path:
    """``make vocab``: rebuild ``data/vocabulary.json`` from the ``*.txt`` files in ``raw_dir``."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(raw_dir.glob("*.txt"))]
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(json.dumps(build(texts), indent=0) + "\n", encoding="utf-8")
    return DATA


@lru_cache(maxsize=1)
def bigrams() -> dict[str, int]:
    """How often word pair "a b" follows in the corpus."""
    return json.loads(DATA.read_text(encoding="utf-8")).get("bigrams", {})


@lru_cache(maxsize=1)
def load() -> tuple[frozenset[str], frozenset[str]]:
    """(known words, command verbs), lower-case."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return frozenset(data["words"]), frozenset(data["command_verbs"])


if __name__ == "__main__":  # make vocab
    import sys

    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "raw")))
