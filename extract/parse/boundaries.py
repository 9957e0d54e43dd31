"""Where one criterion ends and the next begins, in text that lost its numbers.

A criterion opens with a command verb (``Explain``, ``Describe``, ``Benchmark`` ...). This is
spaCy's place in specx: a blank English pipeline (tokenizer only, no model download) with a
``PhraseMatcher`` over the corpus command verbs (``vocabulary.py``), asked whether a line opens
with one. Plain regular expressions handle numbers elsewhere; they are clearer there.
"""

from __future__ import annotations

from functools import lru_cache

from ..repair.vocabulary import load


@lru_cache(maxsize=1)
def _matcher():
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    _, verbs = load()
    matcher.add("COMMAND_VERB", [nlp.make_doc(v) for v in sorted(verbs)])
    return nlp, matcher


def opens_with_command_verb(text: str) -> bool:
    """True when ``text`` starts with a capitalised command verb ("Explain how ...")."""
    if not text[:1].isupper():
        return False
    nlp, matcher = _matcher()
    doc = nlp.make_doc(text[:40])
    return any(start == 0 for _, start, _ in matcher(doc))


def split_paragraph_at_verbs(lines: list[str], strict: bool = True) -> list[list[str]]:
    """Split a paragraph before each line (but the first) that opens a new criterion: with a
    command verb (``strict``), or with any capital letter."""
    out: list[list[str]] = []
    for line in lines:
        starts = opens_with_command_verb(line) if strict else line[:1].isupper()
        if out and starts:
            out.append([line])
        elif out:
            out[-1].append(line)
        else:
            out.append([line])
    return out
