"""Split a line that holds the tails of two table columns.

When a converter flattens a two-column LO | AC row, each visual line holds the next words of
the outcome cell followed by the next words of the criterion cell:

    1 understand how to champion 11 Evaluate the importance of viewing operations
    customer service from the customer's viewpoint

Which words continue which column? Each column's text runs on from its previous line, so we
try every split point and keep the one whose two joins are the most usual word pairs in the
corpus (``vocabulary.bigrams``) and in the document itself (its other lines: a specification
repeats its phrases, in the structure tables, the outcome lists, other units), and whose cut does
not fall inside a usual pair: "champion customer service" + "operations from" beats "champion
customer" + "operations service".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..parse.patterns import UNFINISHED_WORDS
from .vocabulary import bigrams, pairs

_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
FIT_SHARE = 0.8  # a word fitted on a line when the line with it is at most this share of the column's widest line
# (characters stand in for widths: a proportional font puts fewer wide letters on a line)
BOTH_SLACK = 8  # characters a cell's line may run past the cell's first line (a ragged right edge)
JOIN_SCALE = 20  # a pair's share of its first word's pairs, scaled before the log


def _last_word(text: str) -> str:
    """The last word of a text, lower-case ("" when none)."""
    words = _WORD.findall(text)
    return words[-1].lower() if words else ""


def _first_word(text: str) -> str:
    """The first word of a text, lower-case ("" when none)."""
    m = _WORD.search(text)
    return m.group(0).lower() if m else ""


@lru_cache(maxsize=1)
def _corpus_firsts() -> Counter:
    """How often each word opens a corpus word pair."""
    return _firsts(bigrams())


_LAST_DOCUMENT: list = [None, Counter()]  # the document whose first-word counts were last made, and they


def _document_firsts(document: Counter) -> Counter:
    """``_firsts`` of a document's pairs, made once per document (every line of a flattened
    row asks for the same)."""
    if _LAST_DOCUMENT[0] is not document:
        _LAST_DOCUMENT[:] = [document, _firsts(document)]
    return _LAST_DOCUMENT[1]


def _firsts(counts) -> Counter:
    """How often each word opens a pair in ``counts``."""
    out: Counter = Counter()
    for pair, n in counts.items():
        out[pair.split(" ", 1)[0]] += n
    return out


def _join_score(left: str, right_text: str, document: Counter, firsts: Optional[Counter] = None) -> float:
    """How usual it is that ``right_text`` continues after the word ``left``: of the pairs
    that open with ``left`` in the corpus and the document, the share that go on with this
    word (0 when either is empty): "accurately and" (said of most "accurately") outweighs
    "systems and" (one "systems" in many). ``firsts``: the document's pairs counted by their
    first word (made from ``document`` when not given)."""
    if not left or not right_text:
        return 0.0
    pair = f"{left} {_first_word(right_text)}"
    n = bigrams().get(pair, 0) + document.get(pair, 0)
    if not n:
        return 0.0
    opened = _corpus_firsts().get(left, 0) + (_document_firsts(document) if firsts is None else firsts).get(left, 0)
    return math.log1p(JOIN_SCALE * n / max(opened, n))


def holds_both(line: str, first_criterion_width: int) -> bool:
    """A line of a flattened row wider than its first line's criterion part (by more than a
    ragged edge, ``BOTH_SLACK``) holds both columns' words: one cell's lines are no wider."""
    return len(line) > first_criterion_width + BOTH_SLACK


def _candidates(n: int, outcome_so_far: str, criterion_so_far: str, both: bool) -> list[int]:
    """Where a line of ``n`` words may be cut, whole lines first (a cut must do better); on a
    line holding both columns, a column whose text ends unfinished gets words."""
    ks = [0, n, *range(1, n)]
    if both:
        keep = [k for k in ks if not (k == 0 and _unfinished(outcome_so_far) or k == n and _unfinished(criterion_so_far))]
        ks = keep or ks
    return ks


def _fitting(ks: list[int], words: list[str], room: Optional[Room]) -> list[int]:
    """The cuts ``ks`` that give no column a first word its last line had room for (all of
    them when none is left)."""
    if room is None:
        return ks
    keep = [k for k in ks if (k == 0 or room.takes("lo", words[0])) and (k == len(words) or room.takes("ac", words[k]))]
    return keep or ks


def _bracketed(ks: list[int], words: list[str], outcome_so_far: str, criterion_so_far: str) -> list[int]:
    """A bracket open in one column's text so far and closed on this line: the words up to the
    closing bracket are that column's ("(such as" ... "layering)"). All of ``ks`` when no such
    bracket or no cut is left."""
    lo_open, ac_open = (t.count("(") > t.count(")") for t in (outcome_so_far, criterion_so_far))
    close = next((j for j, w in enumerate(words) if ")" in w and "(" not in w), None)
    if close is None or lo_open == ac_open:
        return ks
    keep = [k for k in ks if (k <= close if ac_open else k > close)]
    return keep or ks


def _unfinished(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1].lower() in UNFINISHED_WORDS


@dataclass(frozen=True)
class Room:
    """How wide each column's cells are (the widest line seen in it) and how long each column's
    last line is: a word that would have fitted on that line does not continue the cell (text
    wraps only when the next word does not fit)."""

    outcome_width: int = 0
    outcome_line: int = 0
    criterion_width: int = 0
    criterion_line: int = 0

    def takes(self, column: str, word: str) -> bool:
        """The column's last line could not hold ``word``: the cell may go on with it."""
        width, line = (self.outcome_width, self.outcome_line) if column == "lo" else (self.criterion_width, self.criterion_line)
        return not (width and line) or line + 1 + len(word) > width * FIT_SHARE


def split_columns(line: str, outcome_so_far: str, criterion_so_far: str, outcome_width: int,
                  document: Optional[Counter] = None, both: bool = False,
                  room: Optional[Room] = None) -> tuple[str, str]:
    """(words continuing the outcome, words continuing the criterion). ``outcome_width`` is
    the widest outcome-column text seen in this table: the outcome part cannot be wider. A cut
    must score above the line given whole to one column: plain pdftotext prints a row's first
    line of both cells as one line, then often each cell's lines apart.
    ``document``: the document's word pairs (``vocabulary.pairs``), this line's own taken out.
    ``both``: the line is known to hold both columns' words (``holds_both``): a column whose text
    so far ends unfinished ("respond to") takes some of them. ``room``: neither column goes on
    with a word its last line had room for."""
    lo_cell, rule, ac_cell = line.partition(" | ")
    if rule and " | " not in ac_cell:  # OCR read the table's column rule: the boundary itself
        return lo_cell.strip(), ac_cell.strip()
    own = pairs([line])
    firsts = _document_firsts(document or Counter()) - _firsts(own)
    document = (document or Counter()) - own
    words = line.split()
    lo_last, ac_last = _last_word(outcome_so_far), _last_word(criterion_so_far)
    best, best_score = 0, -math.inf
    ks = [k for k in _candidates(len(words), outcome_so_far, criterion_so_far, both) if len(" ".join(words[:k])) <= outcome_width]
    for k in _fitting(_bracketed(ks, words, outcome_so_far, criterion_so_far), words, room) or [0]:
        lo_part, ac_part = " ".join(words[:k]), " ".join(words[k:])
        score = _join_score(lo_last, lo_part, document, firsts) + _join_score(ac_last, ac_part, document, firsts)
        if 0 < k < len(words):  # a usual phrase is rarely cut by a column boundary
            score -= _join_score(_last_word(lo_part), ac_part, document, firsts)
        if score > best_score:
            best, best_score = k, score
    return " ".join(words[:best]), " ".join(words[best:])


def joins_known(outcome_so_far: str, lo_part: str, criterion_so_far: str, ac_part: str, document: Counter) -> bool:
    """Both columns' parts go on from their texts so far with a usual word pair (the corpus's
    or the document's, the line's own taken out) and the cut between them falls in no usual
    pair: evidence for the cut, not only the best of guesses."""
    document = document - pairs([f"{lo_part} {ac_part}"])
    return (_join_score(_last_word(outcome_so_far), lo_part, document) > 0
            and _join_score(_last_word(criterion_so_far), ac_part, document) > 0
            and _join_score(_last_word(lo_part), ac_part, document) == 0)


def left_open(outcome_so_far: str, criterion_so_far: str) -> bool:
    """The outcome's text so far ends on a word no text ends with (``the``, ``to``) and the
    criterion's does not: the outcome's next line is still to come."""
    return _unfinished(outcome_so_far) and not _unfinished(criterion_so_far)


def outcome_goes_on(outcome_so_far: str, criterion_so_far: str, text: str, document: Counter) -> bool:
    """A paragraph printed among an outcome's criteria continues the outcome (OCR printed the
    outcome cell's last lines as a paragraph of their own) when the document itself prints the
    outcome's last word before the paragraph's first word (the corpus's pairs are too generic:
    "behaviour and") and neither the document nor the corpus ever prints the criterion's so."""
    first = _first_word(text)
    return (document.get(f"{_last_word(outcome_so_far)} {first}", 0) > 0
            and _join_score(_last_word(criterion_so_far), text, document) == 0)
