"""Repair for text without geometry, with ``other_column``: a third column's words at the end
of a criteria line.

The reading order of text without geometry can put a third column's line (indicative content,
guidance) beside a criterion's, so the criterion's line ends with the column's words. What the
column prints elsewhere in the document (``Column``: its lines, its text, its pairs of lines)
is the evidence: the longest run of a line's last words that the column prints elsewhere is
cut off, and so are the words the column prints right after a line of it left open above.
Nothing is cut where what is left would end unfinished ("in the"), unless a column rule OCR
read shows where the criterion's words end.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..layout.lines import Line
from ..parse import patterns as P

_RULE_LEFT = re.compile(r"\s+_?\|_?$")  # the column rule OCR read between a line's criterion words and the column's
MIN_PHRASE_WORDS = 3  # a woven line found inside the column's text elsewhere is the column's from this long
MIN_TAIL_WORDS = 2  # a line's last words that are one of the column's lines elsewhere are its from this many


class Column(NamedTuple):
    """What the third column prints in its bullet paragraphs, document-wide."""

    lines: set[str]  # its lines
    text: str  # its text, joined, with a space at both ends
    follows: set[tuple[str, str]]  # its pairs of lines printed one after the other


def printed_in(text: str, known: Column) -> bool:
    """The column prints ``text`` elsewhere: as a line of its own, or (``MIN_PHRASE_WORDS``
    words or more) inside its text, a line that wrapped elsewhere at another word."""
    return text in known.lines or (len(text.split()) >= MIN_PHRASE_WORDS and f" {text} " in known.text)


def cut_known_tails(table: list[Line], known: Column) -> list[Line]:
    """Cut off the end of a line the longest run of words that the column prints elsewhere as
    a line of its own (``MIN_TAIL_WORDS`` or more) or inside its text (``MIN_PHRASE_WORDS`` or
    more), unless what is left ends unfinished ("in the" + "care setting"): the reading order
    put the column's line beside a criterion's; a column rule OCR read before the run
    (``others in | purposes,``) goes with it, and what is left may end unfinished there (the
    rule shows where the criterion's words end)."""
    cut = []
    for line in table:
        words = line.text.split() if len(line.cells) == 1 and not line.noise else []
        n = next((n for n in range(len(words) - 1, MIN_TAIL_WORDS - 1, -1)
                  if printed_in(" ".join(words[-n:]), known) and _ends_criterion(" ".join(words[:-n]))), None)
        if n:
            line.cells = [_RULE_LEFT.sub("", " ".join(words[:-n]))]
            line.__dict__.pop("text", None)  # cached_property
            cut.append(line)
    return cut


def _ends_criterion(text: str) -> bool:
    """The criterion's words may end here: at a column rule, or where a text may end."""
    return bool(_RULE_LEFT.search(text)) or finished(text)


def cut_open_tails(table: list[Line], known: Column, inline: dict[int, str]) -> list[Line]:
    """Cut off the end of a criteria line the words (fewer than ``MIN_TAIL_WORDS`` too) that
    the column prints elsewhere right after its line left open above ("Procedures:
    organisational, legal," ... "store"): the column's text went on beside the criteria, on
    the first line after it that ends with those words."""
    cut, open_text = [], None
    for line in table:
        if line.blank:
            continue
        column = line.text if line.noise else inline.get(id(line))
        if column is not None:
            open_text = column if _open(column) else None
            continue
        words = line.text.split() if open_text and len(line.cells) == 1 else []
        n = next((n for n in range(1, len(words)) if (open_text, " ".join(words[-n:])) in known.follows
                  and _ends_criterion(" ".join(words[:-n]))), None)
        if n:
            line.cells, open_text = [_RULE_LEFT.sub("", " ".join(words[:-n]))], None
            line.__dict__.pop("text", None)  # cached_property
            cut.append(line)
    return cut


def _open(text: str) -> bool:
    """A column's text that must go on: it ends on a comma or a word no text ends with."""
    return text.endswith(",") or not finished(text)


def finished(text: str) -> bool:
    """A text may end here: its last word is none that no text ends with ("the", "and")."""
    words = text.split()
    return bool(words) and words[-1].lower() not in P.UNFINISHED_WORDS
