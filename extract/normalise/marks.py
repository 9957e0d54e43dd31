"""OCR's marks between words: specks read as hyphens, quotes and braces.

A speck or a table rule's edge between two words reaches tesseract's text as a mark that joins
them (``hair-and``, ``kitchen-is``, ``found'in``, ``to'achieve``), and a bracket's curve is
read as a brace (``{such as ...)``, ``(e.g. ... briefings}``). Each is put right only where the
text shows the mark cannot be printed:

* a hyphen joining a word to a function word that never ends or opens a compound
  (``JOINING_WORDS``: ``and``, ``the``, ``is`` ...; ``floor-and``, ``of-effective``; ``built-in``
  and ``add-on`` stay), both parts known words and the token of just two parts (``up-to-date``
  and ``salt-and-pepper`` stay);
* an apostrophe (or two) between two known words, the second of two letters or more or the
  article ``a``, where no contraction or possessive ends (``hold'a``, ``compare''site``;
  ``organisation's``, ``won't``, ``they're`` stay);
* a full stop glued to an opening quote after a word (``the term.'work plans'``), and an
  opening quote doubled (``the term ''sterilising``): a quoted term opens after a space;
* a colon or semicolon after a function word that never ends a clause (``JOINING_WORDS``
  and ``CLAUSE_OPENERS``: ``accurately and: legibly``), and a comma after one that never
  precedes a comma (``NO_COMMA_AFTER``: ``the types of, spreadsheets``);
* an apostrophe after a word not ending in ``s``, before the next word, with no opening quote
  before it (``agreed' ways``: no possessive and no closing quote);
* a quoted term's closing quote read as a double quote (``'dispatch labels"``), or lost where
  the text ends (``the term 'bar-code scanners``): an opened quote is closed, and with its own kind;
* a brace that pairs with a round bracket (``{`` before an unopened ``)``, ``}`` after an
  unclosed ``(``): the specifications print no braces in prose.

Every change is reported back (``text_repaired``).
"""

from __future__ import annotations

import re

from ..repair.confusions import known

JOINING_WORDS = frozenset({"and", "the", "is", "of", "or", "an", "are"})
"""Function words a hyphen never joins a word to as a compound's end (unlike ``in``, ``on``, ``up``)."""
CONTRACTIONS = frozenset({"s", "t", "d", "m", "ll", "re", "ve"})
"""What follows an apostrophe in a printed word (``team's``, ``don't``, ``we'll``)."""
CLAUSE_OPENERS = frozenset({"a", "to", "in", "on", "for", "with", "at", "by"})
"""Further function words a clause never ends with (so no colon or semicolon follows them)."""
_FUNCTION_MARK = re.compile(r"(?<![\w'])(%s)[:;] (?=[a-z])" % "|".join(sorted(JOINING_WORDS | CLAUSE_OPENERS)))
NO_COMMA_AFTER = frozenset({"of", "the", "an"})  # words print never puts a comma after ("and," "or," it may)
_FUNCTION_COMMA = re.compile(r"(?<![\w'])(%s), (?=[a-z])" % "|".join(sorted(NO_COMMA_AFTER)))
_TRAILING_QUOTE = re.compile(r"(?<![\w'])([A-Za-z]*[A-RT-Za-rt-z])['\u2019] (?=[a-z])")
_OPENING_QUOTE = re.compile(r"(?:^|[\s(])['\u2018\u2019]\w")
_HYPHENED = re.compile(r"(?<![\w-])([A-Za-z]+)-([a-z]+)(?![\w-])")
_QUOTED = re.compile(r"(?<![\w'])([A-Za-z]{2,})['\u2019]{1,2}([a-z]{2,}|a)(?![\w'])")
_MISMATCHED_CLOSE = re.compile(r"(?<![\w'])(['\u2018])([^'\u2018\u2019\"\u201c\u201d]+?)[\"\u201d](?!\w)")
_UNCLOSED_AT_END = re.compile(r"(?:^|(?<=[\s(]))(['\u2018])([A-Za-z][^'\u2018\u2019\"\u201c\u201d]*[A-Za-z)])$")
_CLOSING = {"'": "'", "\u2018": "\u2019"}
LONE_MARKS = "_~=\u00ab\u00bb"  # marks print never stands alone between two words
SPECK_MARKS = ".,:;'`-|*\u2022\u00a9\u00ae\u00a2" + LONE_MARKS
"""Marks OCR reads a speck, a dotted leader or a rule's trace as, where they stand apart from
the words (after a line's last word, between two cells of a facts row)."""
_LONE_MARK = re.compile(r"(?<=[A-Za-z]) [%s]+['\".,`]* (?=[A-Za-z])" % re.escape(LONE_MARKS))  # "1 credit = 10 hours" kept
_GLUED_QUOTE = re.compile(r"(?<=[a-z]{2})\.(?=['\u2018]\w)|(?<=\s)'(?=['\u2018]\w)")


def _hyphen(m: re.Match, repairs: list[str]) -> str:
    """A ``word-word`` match read as two words when its end is a ``JOINING_WORDS`` word."""
    head, tail = m.group(1), m.group(2)
    if (tail in JOINING_WORDS and known(head)) or (head.lower() in JOINING_WORDS and known(tail)):
        repairs.append(f"{m.group(0)} -> {head} {tail}")
        return f"{head} {tail}"
    return m.group(0)


def _quote(m: re.Match, repairs: list[str]) -> str:
    """A ``word'word`` match read as two words when no contraction ends it and both are words."""
    head, tail = m.group(1), m.group(2)
    if tail not in CONTRACTIONS and known(head) and known(tail):
        repairs.append(f"{m.group(0)} -> {head} {tail}")
        return f"{head} {tail}"
    return m.group(0)


def _function_mark(m: re.Match, repairs: list[str]) -> str:
    repairs.append(f"{m.group(0).strip()} -> {m.group(1)}")
    return f"{m.group(1)} "


def _trailing_quote(text: str, repairs: list[str]) -> str:
    """``agreed' ways`` -> ``agreed ways``: an apostrophe no possessive or open quote explains."""
    def fix(m: re.Match) -> str:
        if _OPENING_QUOTE.search(text[: m.start()]) or not known(m.group(1)):
            return m.group(0)
        repairs.append(f"{m.group(0).strip()} -> {m.group(1)}")
        return f"{m.group(1)} "
    return _TRAILING_QUOTE.sub(fix, text)


def _glued_quote(text: str, repairs: list[str]) -> str:
    """``term.'work`` -> ``term 'work``, ``term ''work`` -> ``term 'work``."""
    out = _GLUED_QUOTE.sub(lambda m: " " if m.group(0) == "." else "", text)
    if out != text:
        repairs.append("a mark glued to an opening quote dropped")
    return out


def _closing_quote(text: str, repairs: list[str]) -> str:
    """``'dispatch labels"`` -> ``'dispatch labels'``; ``the term 'scanners`` (the text ends) ->
    ``the term 'scanners'``: an opening single quote pairs with the next closing mark, of its kind."""
    out = _MISMATCHED_CLOSE.sub(lambda m: f"{m.group(1)}{m.group(2)}{_CLOSING[m.group(1)]}", text)
    out = _UNCLOSED_AT_END.sub(lambda m: f"{m.group(1)}{m.group(2)}{_CLOSING[m.group(1)]}", out)
    if out != text:
        repairs.append("a quoted term's closing quote restored")
    return out


def _braces(text: str, repairs: list[str]) -> str:
    """Braces that pair with round brackets read as the brackets."""
    if "{" not in text and "}" not in text:
        return text
    out = re.sub(r"\{(?=[^()]*\))", "(", text)
    out = re.sub(r"(?<=\()([^()]*)\}", r"\1)", out)
    if out != text:
        repairs.append("braces read as round brackets")
    return out


def _lone_marks(text: str, repairs: list[str]) -> str:
    """A mark standing alone between two words that print never puts there (``plan _ and``,
    ``goods ~ received``, with specks beside it: ``the =' required``): a speck, dropped."""
    out = _LONE_MARK.sub(" ", text)
    if out != text:
        repairs.append(f"lone marks dropped: {', '.join(m.group(0).strip() for m in _LONE_MARK.finditer(text))}")
    return out


def repair_marks(text: str) -> tuple[str, list[str]]:
    """``text`` with OCR's joining marks and braces put right; (text, list of repairs)."""
    repairs: list[str] = []
    text = _lone_marks(text, repairs)
    if "-" in text:
        text = _HYPHENED.sub(lambda m: _hyphen(m, repairs), text)
    if "'" in text or "\u2019" in text:
        text = _glued_quote(text, repairs)
        text = _QUOTED.sub(lambda m: _quote(m, repairs), text)
        text = _trailing_quote(text, repairs)
        text = _closing_quote(text, repairs)
    if ":" in text or ";" in text:
        text = _FUNCTION_MARK.sub(lambda m: _function_mark(m, repairs), text)
    if "," in text:
        text = _FUNCTION_COMMA.sub(lambda m: _function_mark(m, repairs), text)
    return _braces(text, repairs), repairs
