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
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from ..parse.patterns import UNFINISHED_WORDS
from .confusions import repair
from .vocabulary import bigrams, pairs
from .widths import SPACE, width as printed

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")  # a quote closing after a word is not the word's
FIT_SHARE = 0.8  # a word fitted on a line when the line with it is at most this share of the column's widest line
# (widths are printed widths in average characters, ``widths.width``)
BOTH_SLACK = 8  # characters a cell's line may run past the cell's first line (a ragged right edge)
WRAP_SLACK = 1.0  # characters a cell's line may print wider than its column seems to allow (the widths are estimates)
JOIN_SCALE = 20  # a pair's share of its first word's pairs, scaled before the log
RULE = re.compile(r" _?\|_? ")
"""A table's column rule as OCR reads it between two words (``|``, ``_|``, ``|_``)."""


def _as_read(word: str) -> list[str]:
    """A token as the words OCR damaged in it (``tothe`` -> to, the; ``confusions.repair``), or
    itself: a join is judged on the words printed, not on the damage."""
    repaired = repair(word)
    return (repaired or word).lower().split()


def _last_word(text: str) -> str:
    """The last word of a text, lower-case ("" when none)."""
    words = _WORD.findall(text)
    return _as_read(words[-1])[-1] if words else ""


def _first_word(text: str) -> str:
    """The first word of a text, lower-case ("" when none)."""
    m = _WORD.search(text)
    return _as_read(m.group(0))[0] if m else ""


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


def holds_both(line: str, first_criterion_width: float) -> bool:
    """A line of a flattened row wider than its first line's criterion part (by more than a
    ragged edge, ``BOTH_SLACK``) holds both columns' words: one cell's lines are no wider."""
    return printed(line) > first_criterion_width + BOTH_SLACK


def _candidates(n: int, outcome_so_far: str, criterion_so_far: str, both: bool, turn: Optional[str] = None) -> list[int]:
    """Where a line of ``n`` words may be cut, whole lines first (a cut must do better), the
    line whole to the column whose turn it is first (``Ahead.turn``); on a line holding both
    columns, a column whose text ends unfinished gets words."""
    ks = [n, 0, *range(1, n)] if turn == "ac" else [0, n, *range(1, n)]
    if both:
        keep = [k for k in ks if not (k == 0 and _unfinished(outcome_so_far) or k == n and _unfinished(criterion_so_far))]
        ks = keep or ks
    return ks


def _fitting(ks: list[int], words: list[str], room: Optional[Room]) -> list[int]:
    """The cuts ``ks`` that give no column a first word its last line had room for (all of
    them when none is left)."""
    if room is None:
        return ks
    keep = [k for k in ks if _fits(room, words, k)]
    keep = [k for k in keep if room.holds("lo", " ".join(words[:k])) and room.holds("ac", " ".join(words[k:]))] or keep
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

    outcome_width: float = 0.0
    outcome_line: float = 0.0
    criterion_width: float = 0.0
    criterion_line: float = 0.0

    def takes(self, column: str, word: str) -> bool:
        """The column's last line could not hold ``word``: the cell may go on with it."""
        width, line = (self.outcome_width, self.outcome_line) if column == "lo" else (self.criterion_width, self.criterion_line)
        return not (width and line) or line + SPACE + printed(word) > width * FIT_SHARE

    def holds(self, column: str, part: str) -> bool:
        """The column can hold ``part`` on one line: it is narrower than its last line with the
        part's first word (that word did not fit there), so no wider line of it is its cell's
        (``WRAP_SLACK`` for the widths' estimate)."""
        line = self.outcome_line if column == "lo" else self.criterion_line
        words = part.split()
        return not (line and words) or printed(part) <= line + SPACE + printed(words[0]) + WRAP_SLACK

    def after(self, lo_part: str, ac_part: str) -> "Room":
        """The room once a line's parts went to the columns: their last lines are now these parts."""
        return replace(self, outcome_line=printed(lo_part) if lo_part else self.outcome_line,
                       criterion_line=printed(ac_part) if ac_part else self.criterion_line)


@dataclass(frozen=True)
class Ahead:
    """What follows a flattened row's line, for ``split_columns``. ``line``: the row's next
    line, which one of the columns must be able to go on with (``_looking_ahead``); ``closes``:
    a new criterion or outcome follows, so the criterion's text ends with this line and cannot
    end unfinished (an outcome's may go on after the next criterion's first line); ``ends``:
    a blank line, then a new criterion or outcome, follow: the row ends, the outcome's text too
    (``_closing``); ``turn``: the column the line before went to whole. Plain
    pdftotext prints two cells' next lines apart and in turn (the outcome's, the criterion's,
    the outcome's ...): a line after one that went whole to one column is cut only where both
    joins are usual pairs, and where no word pair decides it goes whole to the other column."""

    line: Optional[str] = None
    closes: bool = False
    ends: bool = False
    turn: Optional[str] = None


def _looking_ahead(ks: list[int], words: list[str], lasts: tuple[str, str], room: Optional[Room],
                   outcome_width: float, next_line: Optional[str], scoring: tuple) -> dict[int, float]:
    """For each cut of ``ks``, the best score the row's next line then gets (``_cut_score``)
    over its cuts that fit: after the cut, its first words did not fit on the last line of the
    column they go on. A cut after which no cut of the next line fits gets none (plain
    pdftotext prints a row's first line of both cells as one line and the next lines each
    alone, in turn: "of spreadsheet | software" leaves no column that "spreadsheets and cloud
    storage" could continue, and scores "spreadsheet spreadsheets" or "software spreadsheets"
    there, where the whole line to the outcome leaves the criterion "of spreadsheets")."""
    if room is None or not next_line:
        return {k: 0.0 for k in ks}
    after = next_line.split()
    cuts = [j for j in range(len(after) + 1) if printed(" ".join(after[:j])) <= outcome_width]
    out = {}
    for k in ks:
        lo_part, ac_part = " ".join(words[:k]), " ".join(words[k:])
        then = room.after(lo_part, ac_part)
        lo_last, ac_last = _last_word(lo_part) or lasts[0], _last_word(ac_part) or lasts[1]
        fitting = [j for j in cuts if _fits(then, after, j)]
        if fitting:
            out[k] = max(_cut_score(after, j, lo_last, ac_last, *scoring) for j in fitting)
    return out or {k: 0.0 for k in ks}


def _cut_score(words: list[str], k: int, lo_last: str, ac_last: str, document: Counter, firsts: Counter) -> float:
    """How usual the joins of a line cut after ``k`` words are: each part after its column's
    last word, less the pair the cut falls in (a usual phrase is rarely cut by a column boundary)."""
    lo_part, ac_part = " ".join(words[:k]), " ".join(words[k:])
    score = _join_score(lo_last, lo_part, document, firsts) + _join_score(ac_last, ac_part, document, firsts)
    if 0 < k < len(words):
        score -= _join_score(_last_word(lo_part), ac_part, document, firsts)
    return score


def _known_cut(words: list[str], k: int, lasts: tuple[str, str], document: Counter, firsts: Counter) -> bool:
    """Both parts of the line cut after ``k`` words go on from their column with a usual pair."""
    return (_join_score(lasts[0], " ".join(words[:k]), document, firsts) > 0
            and _join_score(lasts[1], " ".join(words[k:]), document, firsts) > 0)


def _evidenced(ks: list[int], words: list[str], lasts: tuple[str, str], scoring: tuple, evidence: bool,
               turn: Optional[str]) -> list[int]:
    """With ``evidence``, only the cuts whose joins are both usual (all of ``ks`` when none is);
    after a line that went whole to one column (``turn``), the whole lines and such cuts."""
    if evidence:
        return [k for k in ks if 0 < k < len(words) and _known_cut(words, k, lasts, *scoring)] or ks
    if turn is not None:  # the line before was one cell's line: so is this one, but for evidence
        return [k for k in ks if k in (0, len(words)) or _known_cut(words, k, lasts, *scoring)]
    return ks


def _closing(ks: list[int], words: list[str], so_far: tuple[str, str], ahead: "Ahead") -> list[int]:
    """The cuts ``ks`` that leave the criterion's text ending finished when it ends with the
    line (``Ahead.closes``), and the outcome's too when the row does (``Ahead.ends``): a
    column's words on this line, or (given none) its text so far (``so_far``: the outcome's,
    the criterion's). All of ``ks`` when none does."""
    if not (ahead.closes or ahead.ends):
        return ks
    n = len(words)
    keep = [k for k in ks if not _unfinished(" ".join(words[k:]) if k < n else so_far[1])
            and not (ahead.ends and _unfinished(" ".join(words[:k]) if k else so_far[0]))]
    return keep or ks


def _fits(room: Room, words: list[str], k: int) -> bool:
    return (k == 0 or room.takes("lo", words[0])) and (k == len(words) or room.takes("ac", words[k]))


def split_columns(line: str, outcome_so_far: str, criterion_so_far: str, outcome_width: float,
                  document: Optional[Counter] = None, both: bool = False,
                  room: Optional[Room] = None, ahead: Ahead = Ahead(), evidence: bool = False) -> tuple[str, str]:
    """(words continuing the outcome, words continuing the criterion). ``outcome_width`` is
    the widest outcome-column text seen in this table: the outcome part cannot be wider. A cut
    must score above the line given whole to one column: plain pdftotext prints a row's first
    line of both cells as one line, then often each cell's lines apart.
    ``document``: the document's word pairs (``vocabulary.pairs``), this line's own taken out.
    ``both``: the line is known to hold both columns' words (``holds_both``): a column whose text
    so far ends unfinished ("respond to") takes some of them. ``room``: neither column goes on
    with a word its last line had room for; ``ahead``: what follows the line in its row;
    ``evidence``: only cuts whose two parts each go on from their column with a usual pair."""
    rules = RULE.split(line)
    if len(rules) == 2:  # OCR read the table's column rule: the boundary itself
        return rules[0].strip(), rules[1].strip()
    own = pairs([line])
    firsts = _document_firsts(document or Counter()) - _firsts(own)
    document = (document or Counter()) - own
    words = line.split()
    lasts = _last_word(outcome_so_far), _last_word(criterion_so_far)
    ks = [k for k in _candidates(len(words), outcome_so_far, criterion_so_far, both, ahead.turn)
          if printed(" ".join(words[:k])) <= outcome_width]
    ks = _fitting(_bracketed(ks, words, outcome_so_far, criterion_so_far), words, room)
    ks = _closing(ks, words, (outcome_so_far, criterion_so_far), ahead)
    ks = _evidenced(ks, words, lasts, (document, firsts), evidence, ahead.turn)
    then = _looking_ahead(ks, words, lasts, room, outcome_width, ahead.line, (document, firsts))
    best, best_score = 0, -math.inf
    for k in [k for k in ks if k in then] or [0]:
        score = _cut_score(words, k, *lasts, document, firsts) + then.get(k, 0.0)
        if score > best_score:
            best, best_score = k, score
    return " ".join(words[:best]), " ".join(words[best:])
