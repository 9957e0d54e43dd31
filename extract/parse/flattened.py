"""A flattened LO | AC row: the state ``reading.Reader`` keeps while its lines hold both
columns' tails (or, as plain pdftotext prints them, one column's lines each after the first),
for ``repair.columns.split_columns``, and the reader's part that reads such lines
(``FlattenedRows``: a row printed merged from its first line, or whose first lines were printed
apart and its next ones side by side)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ..repair.columns import BOTH_SLACK, Ahead, Room, holds_both, split_columns
from ..repair.joins import joins_known
from ..repair.widths import width as printed


@dataclass
class Flattened:
    """A flattened LO | AC row: while ``open``, each line holds the tails of both columns;
    ``width`` is how wide an outcome part may print (the widest seen so far and ``OUTCOME_SLACK``),
    ``criterion`` the width of the criterion part of the row's first line."""

    open: bool = False
    width: float = 0.0
    widest: float = 0.0  # the widest outcome part of a row's first line
    criterion: float = 0.0
    room: Room = Room()  # each column's width and last line's length, for ``split_columns``
    turn: Optional[str] = None  # the column the row's last line went to whole ("lo", "ac"), None: cut
    blank: Optional[int] = None  # the item index of a blank line that ended the row (``resumes_after_blank``)

    def start(self, outcome_width: float, line_width: float, criterion_width: float) -> None:
        self.open = True
        self.widest = max(self.widest, outcome_width)
        self.width = max(self.width, outcome_width + OUTCOME_SLACK)
        self.criterion = line_width - outcome_width
        self.room = Room(self.widest, outcome_width, criterion_width, self.criterion)
        self.turn = None

    def start_apart(self, outcome_line: str, criterion_line: str, criterion_width: float) -> None:
        """The row's first lines were printed apart (``side_by_side``): each column's last line
        is its first."""
        self.width = max(self.width, printed(outcome_line) + OUTCOME_SLACK)
        self.criterion = printed(criterion_line)
        self.room = Room(0, printed(outcome_line), criterion_width, printed(criterion_line))
        self.turn = None

    def wrapped(self, lo_part: str, ac_part: str) -> None:
        """The row's next line went to the columns: their last lines are now these parts."""
        self.room = self.room.after(lo_part, ac_part)
        self.turn = None if lo_part and ac_part else "lo" if lo_part else "ac"


OUTCOME_SLACK = 3
"""Characters by which an outcome's next lines may print wider than its first line (a ragged
right edge: the first line wrapped before a word that did not fit)."""


def criterion_width(items: list) -> float:
    """The widest criterion line of the unit printed on a line of its own (no outcome beside
    it) that wraps (the criterion goes on on the next line, so the line was full): a lower
    bound of the criteria column's width. A line that did not wrap may hold other text beside
    the criterion (OCR reads a third column's words onto it)."""
    beside = {id(x.line) for x in items if x.kind == "lo"}
    return max((printed(x.line.text) for x, after in zip(items, items[1:]) if x.kind == "ac" and x.text
                and x.column is None and id(x.line) not in beside and after.kind == "text" and after.column is None),
               default=0)


def holds_two_cells(text: str, criterion_line: str, criterion_width: int) -> bool:
    """A line after a criterion's first line that is wider than that line and than the unit's
    widest criterion line (by more than a ragged edge, ``BOTH_SLACK``) is no line of one cell:
    it holds an outcome's and a criterion's words side by side."""
    return printed(text) > max(printed(criterion_line), criterion_width) + BOTH_SLACK


def criterion_above(ac, number: Optional[int], line) -> bool:
    """``ac`` is outcome ``number``'s first criterion, printed alone on the line right above
    the outcome's first line (plain pdftotext puts a one-line criterion first when its cell
    starts higher than the outcome's)."""
    return (ac is not None and number is not None and ac.number == (number, 1) and len(ac.parts) == 1
            and ac.line.page == line.page and ac.line.number == line.number - 1)


def ahead(items: list, i: int, turn: Optional[str]) -> Ahead:
    """What follows item ``i`` of a flattened row: plain text (the row may go on with it), or a
    new criterion or outcome (the criterion ends with this line; after a blank line, the row)."""
    nxt = items[i + 1] if i + 1 < len(items) else None
    goes_on = nxt is not None and nxt.kind == "text" and nxt.column is None
    after = next((x for x in items[i + 1 :] if x.kind != "blank"), None)
    new = after is not None and after.kind in ("ac", "lo")
    return Ahead(line=nxt.text if goes_on else None, closes=new, ends=new and after is not nxt, turn=turn)


class FlattenedRows:
    """``reading.Reader``'s part that reads a flattened LO | AC row's lines (its ``flat`` state,
    ``last_lo``, ``last_ac``, ``document``, ``log``)."""

    def split_merged(self, item, items: list, i: int) -> None:
        """A flattened LO | AC row: the line's outcome part and criterion part, each continued
        (a line cut between them is a warning); ``items[i]`` is the line's item."""
        lo_part, ac_part = self.split(item.text, ahead=ahead(items, i, self.flat.turn))
        if lo_part and ac_part:
            self.log.warn("text_repaired", f"outcome {self.last_lo.number}: the line {item.text[:60]!r} holds both "
                                           f"columns' words: read as {lo_part!r} | {ac_part!r}", item.line)
        self.take_parts(lo_part, ac_part)

    def split(self, text: str, outcome_width: Optional[float] = None, ahead: Ahead = Ahead(), ac=None,
              evidence: bool = False) -> tuple[str, str]:
        """``split_columns`` with the row's state (``outcome_width``: instead of the row's;
        ``ahead``: what follows the line; ``ac``: the criterion, if not the last one read)."""
        pairs = self.document.splits if self.document else None
        width = self.flat.width if outcome_width is None else outcome_width
        return split_columns(text, " ".join(self.last_lo.parts), " ".join((ac or self.last_ac).parts), width, pairs,
                             both=holds_both(text, self.flat.criterion), room=self.flat.room, ahead=ahead, evidence=evidence)

    def take_parts(self, lo_part: str, ac_part: str, ac=None) -> None:
        self.flat.wrapped(lo_part, ac_part)
        if lo_part:
            self.last_lo.parts.append(lo_part)
        if ac_part:
            (ac or self.last_ac).parts.append(ac_part)

    def resumes_after_blank(self, item, items: list, i: int) -> bool:
        """The line right after a blank line that ended a flattened row (OCR sets a row's last
        line apart) holds both columns' next words where a cut gives each column a usual word
        pair at its join and falls in a pair less usual than either (``joins.joins_known``):
        split so, with a warning. Without such evidence the line is left to what reads one
        cell's line."""
        lo, ac = self.last_lo, self.last_ac
        if self.flat.blank != i - 1 or self.state != "ac":
            return False
        if not (lo and ac and ac.number and ac.number[0] == lo.number):
            return False
        lo_part, ac_part = self.split(item.text, ahead=ahead(items, i, None), evidence=True)
        pairs = self.document.splits if self.document else Counter()
        if not (lo_part and ac_part and joins_known(" ".join(lo.parts), lo_part, " ".join(ac.parts), ac_part, pairs)):
            return False
        self.take_parts(lo_part, ac_part)
        self.log.warn("text_repaired", f"outcome {lo.number}: the line {item.text[:60]!r} after a blank line holds "
                                       f"both columns' words: read as {lo_part!r} | {ac_part!r}", item.line)
        return True

    def beside(self, item):
        """The criterion whose next words ``item``'s line may hold beside its outcome's: the open
        one, or (while the outcome is) the one printed above the outcome; None when the two
        cells did not go on in step or the line is no wider than one cell's."""
        lo, ac = self.last_lo, self.last_ac if self.state == "ac" else self.above if self.state == "lo" else None
        if self.flat.open or not (lo and ac and lo.number and ac.number) or len(lo.parts) != len(ac.parts):
            return None
        if ac.number[0] != lo.number or not holds_two_cells(item.text, ac.line.text, self.criterion_width):
            return None
        return ac

    def side_by_side(self, item, items: list, i: int) -> bool:
        """Plain pdftotext printed an outcome's first line and its first criterion's each alone,
        then a line wider than the criteria column holds (``holds_two_cells``): both cells' next
        lines on one line, split as a flattened row's are where the word pairs at both joins
        are usual ones (``joins.joins_known``), with a warning; else the line is left to the
        criterion, with a warning that it holds the outcome's words too. Only while the two
        cells went on in step (as many lines each): a line after one cell's line alone is
        that cell's. The criterion's first line may be printed above the outcome's (``above``).
        After a cut the row is open: its next lines go to either column (``split_merged``)."""
        lo, ac = self.last_lo, self.beside(item)
        if ac is None:
            return False
        self.flat.start_apart(lo.line.text, ac.line.text, self.criterion_width)
        # no outcome width is known: the whole line's; only cuts whose two joins are usual pairs
        lo_part, ac_part = self.split(item.text, printed(item.text), ahead(items, i, None), ac, evidence=True)
        pairs = self.document.within if self.document else Counter()
        if not (lo_part and ac_part):
            return False
        if not joins_known(" ".join(lo.parts), lo_part, " ".join(ac.parts), ac_part, pairs):
            self.log.warn("text_repaired", f"outcome {lo.number}: the line {item.text[:60]!r} holds the outcome's "
                                           "words beside the criterion's; no usual word pair says where: left to the "
                                           + ("criterion" if ac is self.last_ac else "outcome"), item.line)
            return False
        self.take_parts(lo_part, ac_part, ac)
        self.outcome_took = item.line  # the outcome's text goes on: its next line may follow alone
        self.last_ac, self.state, self.flat.open = ac, "ac", True  # the row's next lines: either column's
        self.log.warn("text_repaired", f"outcome {lo.number}: the line {item.text[:60]!r} holds both columns' words: "
                                       f"read as {lo_part!r} | {ac_part!r}", item.line)
        return True
