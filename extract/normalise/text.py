"""Clean prose for titles, outcome and criterion texts, with OCR word repair.

Repairs use the corpus vocabulary (``vocabulary.py``) and these rules, no table of known bad
strings:

* glued words: an unknown token that splits into known words including a short function word,
  every joint a word pair the corpus prints (``Beableto`` -> ``Be able to``, ``Beabletoplana`` ->
  ``Be able to plan a``; ``Behave`` stays, "be have" is no pair);
* a damaged first letter of the opening word (``pescribe`` -> ``Describe``, ``|dentify`` ->
  ``Identify``, ``yse`` -> ``Use``): exactly one capital letter in its place makes a command verb
  of the corpus, or (none doing so) exactly one makes an English word (``gutline`` -> ``Outline``);
* a stray character before it (``uUnderstand`` -> ``Understand``, ``Dpevelop`` -> ``Develop``);
* any other word OCR damaged: look-alike letters (``Foilow`` -> ``Follow``) or a lost space after
  a short word (``foundin`` -> ``found in``), only where exactly one word comes of it
  (``repair.confusions``);
* a speck read as a full stop inside a sentence (``Identify. the`` -> ``Identify the``, ``to.back``
  -> ``to back``, ``others:in`` -> ``others in``, ``within . a`` -> ``within a``; looked for again
  after the word repairs, which may make the word beside it): between two English words, the second lower-case, the first of at least
  ``SPECK_MIN_LETTERS`` letters (abbreviations such as ``e.g.`` have dots of their own);
* specks read as hyphens or apostrophes joining two words, braces for round brackets
  (``marks.repair_marks``);
* a capital OCR read for the lower-case letter of the same shape (``CASE_ALIKE``) opening a
  word of a closed class that no name is (``CASE_SLIPS``) inside a sentence:
  ``salon (Such as clubbing`` -> ``(such as``; ``Word``, ``Outlook`` and ``Scotland`` stay.

Then: lines joined, line-break hyphens resolved, first letter upper-case, no trailing ``.``/``;``/``,``.
Every repair is reported back so the caller can record it as a warning.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from ..repair import confusions
from ..repair.dictionary import is_english
from ..repair.vocabulary import bigrams, load
from .marks import SPECK_MARKS, repair_marks

CASE_ALIKE = "COSUVWXZ"
"""Letters whose capital is the lower-case shape drawn larger: OCR reads one for the other."""
CASE_SLIPS = frozenset({"such", "so", "some", "own", "other", "others", "or", "of", "on", "onto", "one", "only",
                        "once", "out", "over", "our", "with", "within", "without", "when", "where", "which",
                        "while", "who", "whose", "what", "whether", "was", "were", "would", "could", "can",
                        "up", "upon", "under", "until", "unless", "very", "via", "versus"})
"""Closed-class words (no name is one) that open with a ``CASE_ALIKE`` letter."""
_SENTENCE_END = ".!?:;"
TITLE_CASE_SHARE = 0.5
"""Share of a text's words (after the first) opening with a capital above which it is set in
title case, and ``CASE_SLIPS`` capitals are left as printed."""
_FUNCTION_WORDS = {"a", "be", "to", "of", "the", "and", "in", "on", "for", "an", "able"}
GLUED_MIN_LENGTH = 6
"""Letters a token needs before it is taken for glued words (``Beableto``); shorter tokens after
the opening word are left as printed."""
MAX_WORD_LENGTH = 20
"""Longest piece ``_segment`` tries as one known word of a glued token."""
MIN_PIECES = 2
"""Known words a glued token must split into: one piece is a word, not a glued one."""
STRAY_LETTER_MIN_LENGTH = 3
"""Shortest opening word checked for a stray letter before it (``uUnderstand``): the letter and
at least two of the word."""
SPECK_MIN_LETTERS = 2
"""Letters the word before a speck's full stop needs (a one-letter word may be an initial, or a
list's letter: ``Describe: a. the role``), but for the article after a word (``role of a. team``)."""
# "others:in", "within . a" too
_SPECK = re.compile(r"(?<![.\w])([A-Za-z]{%d,}|(?<=[a-z] )a)(?: ?\. ?|:)([a-z]+)(?![.\w])" % SPECK_MIN_LETTERS)
# "|dentify", "\dentify": a damaged letter, not punctuation
_PUNCTUATION = string.punctuation.replace("|", "").replace("\\", "")


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines: a hyphen at a line end joins without a space ("decision-" +
    "making" -> "decision-making"); a split word is rejoined when the whole is a known word
    ("organi-" + "sation" -> "organisation")."""
    words, _ = load()
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out.endswith("-") and not out.endswith(" -"):
            head = re.search(r"(\w+)-$", out)
            tail = re.match(r"(\w+)", part)
            if head and tail and (head.group(1) + tail.group(1)).lower() in words:
                out = out[:-1] + part
            else:
                out += part
        else:
            out = f"{out} {part}" if out else part
    return out


_HYPHEN_SPACE = re.compile(r"(?<=[a-z])- (?=[a-z])")
_SPACE_PUNCT = re.compile(r" (?=[,;:.)])")  # white space is single spaces by then


def tidy(text: str) -> str:
    """Single spaces, ``word- word`` hyphenation joined, no space before punctuation. (``split``
    and ``join`` fold white space as ``\\s+`` would, at a quarter of the cost: every text is
    tidied at least twice.)"""
    text = " ".join(text.split())
    if "- " in text:
        text = _HYPHEN_SPACE.sub("-", text)
    text = _SPACE_PUNCT.sub("", text)
    if "( " in text:
        text = text.replace("( ", "(")
    return text


@lru_cache(maxsize=4096)
def _segment(token: str) -> tuple[str, ...] | None:
    """Split a glued lower-case token into known words (fewest pieces), or None."""
    words, _ = load()
    n = len(token)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(1, n + 1):
        for j in range(max(0, i - MAX_WORD_LENGTH), i):
            if best[j] is not None and token[j:i] in words:
                cand = best[j] + (token[j:i],)
                if best[i] is None or len(cand) < len(best[i]):
                    best[i] = cand
    found = best[n]
    if not found or len(found) < MIN_PIECES or not any(w in _FUNCTION_WORDS for w in found):
        return None
    # every joint must be a word pair the corpus prints ("be able", "able to"; never "be have")
    pairs = bigrams()
    return found if all(pairs.get(f"{a} {b}") for a, b in zip(found, found[1:])) else None


def _repair_first_letter(word: str) -> str | None:
    """A damaged opening letter: exactly one capital in its place gives a known word."""
    words, verbs = load()
    if len(word) >= STRAY_LETTER_MIN_LENGTH and word[0].isalpha() and word[1].isupper() and word[1:].lower() in words:
        return word[1:]  # "uUnderstand": a stray letter before the real one
    if word[0].isupper():
        # "Dpevelop": the real letter printed, then its damaged copy
        rest = word[1:]
        return word[0] + rest[1:] if (word[0] + rest[1:]).lower() in verbs and not rest[0].isupper() else None
    hits = {c + word[1:] for c in string.ascii_uppercase if (c + word[1:]).lower() in verbs}
    if not hits:  # a command verb the corpus never printed ("gutline"): any English word, if only one
        hits = {c + word[1:] for c in string.ascii_uppercase if is_english((c + word[1:]).lower())}
    return hits.pop() if len(hits) == 1 else None


def _may_need_repair(position: int, token: str) -> bool:
    """Whether a token can be damaged: the opening word always, any other only with
    ``GLUED_MIN_LENGTH`` letters or more and a capital (glued words start a sentence)."""
    return not position or (len(token) >= GLUED_MIN_LENGTH and not token.islower())


def _unglue(core: str, words: frozenset[str]) -> str | None:
    """A capitalised unknown word of ``GLUED_MIN_LENGTH`` letters or more split into known words
    (``Beableto`` -> ``Be able to``), or None."""
    if not (core and core.lower() not in words and core.isalpha() and len(core) >= GLUED_MIN_LENGTH
            and core[0].isupper()):
        return None
    parts = _segment(core.lower())
    if not parts:
        return None
    fixed = " ".join(parts)
    return fixed[0].upper() + fixed[1:]


def _repair_token(position: int, token: str, words: frozenset[str]) -> tuple[str, str | None]:
    """One token -> (token as repaired, ``'old -> new'`` or None): glued words split, or the
    opening word's damaged first letter fixed; a real English word stays even if the corpus never
    printed it."""
    core = token.strip(_PUNCTUATION)
    fixed = _unglue(core, words)
    if fixed is None and position == 0 and core and core.lower() not in words:
        fixed = _repair_first_letter(core)
    if fixed and fixed != core and not is_english(core):
        return token.replace(core, fixed), f"{core} -> {fixed}"
    return token, None


def _repair_lookalike(token: str) -> tuple[str, str | None]:
    """A token OCR damaged inside a sentence (``confusions.repair``: look-alike letters, a lost
    space) -> (token as repaired, ``'old -> new'`` or None); punctuation around it is kept."""
    core = token.strip(_PUNCTUATION.replace("!", ""))
    fixed = confusions.repair(core) if core else None
    if not fixed:
        return token, None
    return token.replace(core, fixed, 1), f"{core} -> {fixed}"


def _title_case(tokens: list[str]) -> bool:
    """Most words after the first open with a capital (``Working With Others``): a title's
    capitals are printed, not OCR's slips."""
    words = [t for t in tokens[1:] if t[:1].isalpha()]
    return sum(t[0].isupper() for t in words) > TITLE_CASE_SHARE * len(words)


def _case_slip(token: str) -> tuple[str, str | None]:
    """A word inside a sentence whose ``CASE_ALIKE`` first letter OCR read as a capital
    (``CASE_SLIPS``) -> (token lower-cased, ``'old -> new'``), else (token, None)."""
    core = token.strip(_PUNCTUATION)
    if core[:1] in CASE_ALIKE and core[1:].islower() and core.lower() in CASE_SLIPS:
        return token.replace(core, core.lower(), 1), f"{core} -> {core.lower()}"
    return token, None


def repair_words(text: str) -> tuple[str, list[str]]:
    """OCR word repair over one text; returns (text, list of 'old -> new' repairs)."""
    words, _ = load()
    repairs: list[str] = []
    out: list[str] = []
    tokens = text.split()
    sentence = not _title_case(tokens)
    for k, tok in enumerate(tokens):
        repair = None
        if k and sentence and not out[-1].endswith(tuple(_SENTENCE_END)):
            tok, repair = _case_slip(tok)
        if repair is None and _may_need_repair(k, tok):
            tok, repair = _repair_token(k, tok, words)
        if repair is None:
            tok, repair = _repair_lookalike(tok)
        if repair:
            repairs.append(repair)
        out.append(tok)
    return " ".join(out), repairs


def finish(text: str | None) -> str | None:
    """Final form of a text: tidy, first letter upper-case, no trailing full stop, semicolon,
    comma or colon (a speck OCR read after the last word, or a list's separator; a colon
    introduces what the text's own list holds, not part of its wording)."""
    if text is None:
        return None
    text = tidy(text).rstrip(" .;,:")
    if not text:
        return None
    return text[0].upper() + text[1:]


def drop_specks(text: str) -> tuple[str, list[str]]:
    """Full stops OCR read from specks between two words of a sentence (``_SPECK``), dropped;
    returns (text, list of 'old -> new' repairs)."""
    repairs: list[str] = []

    def fix(m: re.Match) -> str:
        if not (is_english(m.group(1).lower()) and is_english(m.group(2))):
            return m.group(0)
        repairs.append(f"{m.group(0)} -> {m.group(1)} {m.group(2)}")
        return f"{m.group(1)} {m.group(2)}"

    return (_SPECK.sub(fix, text) if "." in text or ":" in text else text), repairs


_M = re.escape(SPECK_MARKS)
_SPECK_RUN = re.compile(r"(?:\s+(?:[%s]+|[%s]*[a-z]{1,2}[%s]+|[%s]+[a-z]{1,2}))+\s*$" % (_M, _M, _M, _M))
_MARKS_ONLY = re.compile(r"^[%s]+$" % _M)
MIN_SPECK_RUN = 2
"""Tokens of a trailing run of specks; a single mark is left to ``finish`` (a full stop)."""


def drop_trailing_specks(text: str) -> tuple[str, list[str]]:
    """A run of ``MIN_SPECK_RUN`` or more tokens after a line's last word, each marks only or
    one or two letters among marks, one at least marks only (``warehouse . oo. .``, ``deliveries
    . . _ .``: a dotted leader or a rule's trace OCR read), dropped; returns (text, repairs).
    Words are never such tokens: print puts no space before a full stop."""
    m = _SPECK_RUN.search(text)
    if not m:
        return text, []
    tokens = m.group(0).split()
    if len(tokens) < MIN_SPECK_RUN or not any(_MARKS_ONLY.match(t) for t in tokens):
        return text, []
    return text[: m.start()], [f"{m.group(0).strip()!r} after the last word dropped (OCR specks)"]


_STRAY_OPENING = re.compile(r"^([b-hj-z])\s+(?=[A-Z][a-z])")


def drop_stray_opening(text: str) -> tuple[str, list[str]]:
    """A lone small letter (not the words ``a``, ``i``) before a text's capitalised first word
    (``s Understand the ...``): a speck OCR read as a letter, dropped; returns (text, repairs)."""
    m = _STRAY_OPENING.match(text)
    if not m:
        return text, []
    return text[m.end():], [f"{m.group(1)!r} before the first word dropped (OCR speck)"]


def clean_text(parts: list[str]) -> tuple[str | None, list[str]]:
    """Lines of one text -> (clean prose, repairs made)."""
    lines, run = [], []
    for part in parts:  # each line's: a wrapped text's first line may carry the trace
        line, dropped = drop_trailing_specks(part)
        lines.append(line)
        run += dropped
    joined, stray = drop_stray_opening(tidy(join_lines(lines)))
    run += stray
    if not joined:
        return None, []
    despecked, specks = drop_specks(joined)
    unmarked, marks = repair_marks(despecked)
    repaired, repairs = repair_words(unmarked)
    settled, last = drop_specks(repaired)  # a speck beside a word only the word repair made ("within . ateam")
    return finish(settled), run + specks + marks + repairs + last
