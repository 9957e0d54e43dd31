"""A flattened LO | AC row: the state ``reading.Reader`` keeps while its lines hold both
columns' tails (or, as plain pdftotext prints them, one column's lines each after the first),
for ``repair.columns.split_columns``, and the reader's part that reads such lines
(``FlattenedRows``: a row printed merged from its first line, or whose first lines were printed
apart and its next ones side by side)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Optional

from ..repair.columns import BOTH_SLACK, Room, holds_both, joins_known, split_columns


@dataclass
class Flattened:
    """A flattened LO | AC row: while ``open``, each line holds the tails of both columns;
    ``width`` is the widest outcome part seen so far, near where ``split_columns`` cuts a line,
    ``criterion`` the width of the criterion part of the row's first line."""

    open: bool = False
    width: int = 0
    criterion: int = 0
    room: Room = Room()  # each column's width and last line's length, for ``split_columns``

    def start(self, outcome_width: int, line_width: int, criterion_width: int) -> None:
        self.open = True
        self.width = max(self.width, outcome_width + 3)
        self.criterion = line_width - outcome_width
        self.room = Room(self.width - 3, outcome_width, criterion_width, self.criterion)

    def start_apart(self, outcome_line: str, criterion_line: str, criterion_width: int) -> None:
        """The row's first lines were printed apart (``side_by_side``): each column's last line
        is its first."""
        self.criterion = len(criterion_line)
        self.room = Room(0, len(outcome_line), criterion_width, len(criterion_line))

    def wrapped(self, lo_part: str, ac_part: str) -> None:
        """The row's next line went to the columns: their last lines are now these parts."""
        self.room = replace(self.room, outcome_line=len(lo_part) if lo_part else self.room.outcome_line,
                            criterion_line=len(ac_part) if ac_part else self.room.criterion_line)


def criterion_width(items: list) -> int:
    """The widest criterion line of the unit printed on a line of its own (no outcome beside
    it) that wraps (the criterion goes on on the next line, so the line was full): a lower
    bound of the criteria column's width. A line that did not wrap may hold other text beside
    the criterion (OCR reads a third column's words onto it)."""
    beside = {id(x.line) for x in items if x.kind == "lo"}
    return max((len(x.line.text) for x, after in zip(items, items[1:]) if x.kind == "ac" and x.text
                and x.column is None and id(x.line) not in beside and after.kind == "text" and after.column is None),
               default=0)


def holds_two_cells(text: str, criterion_line: str, criterion_width: int) -> bool:
    """A line after a criterion's first line that is wider than that line and than the unit's
    widest criterion line (by more than a ragged edge, ``BOTH_SLACK``) is no line of one cell:
    it holds an outcome's and a criterion's words side by side."""
    return len(text) > max(len(criterion_line), criterion_width) + BOTH_SLACK


class FlattenedRows:
    """``reading.Reader``'s part that reads a flattened LO | AC row's lines (its ``flat`` state,
    ``last_lo``, ``last_ac``, ``document``, ``log``)."""

    def split_merged(self, text: str) -> None:
        """A flattened LO | AC row: the line's outcome part and criterion part, each continued."""
        self.take_parts(*self.split(text))

    def split(self, text: str, outcome_width: Optional[int] = None) -> tuple[str, str]:
        """``split_columns`` with the row's state (``outcome_width``: instead of the row's)."""
        pairs = self.document.within if self.document else None
        width = self.flat.width if outcome_width is None else outcome_width
        return split_columns(text, " ".join(self.last_lo.parts), " ".join(self.last_ac.parts), width,
                             pairs, both=holds_both(text, self.flat.criterion), room=self.flat.room)

    def take_parts(self, lo_part: str, ac_part: str) -> None:
        self.flat.wrapped(lo_part, ac_part)
        if lo_part:
            self.last_lo.parts.append(lo_part)
        if ac_part:
            self.last_ac.parts.append(ac_part)

    def side_by_side(self, item) -> bool:
        """Plain pdftotext printed an outcome's first line and its first criterion's each alone,
        then a line wider than the criteria column holds (``holds_two_cells``): both cells' next
        lines on one line, split as a flattened row's are where the word pairs at both joins
        are usual ones (``columns.joins_known``), with a warning; else the line is left to the
        criterion, with a warning that it holds the outcome's words too. Only while the two
        cells went on in step (as many lines each): a line after one cell's line alone is
        that cell's."""
        lo, ac = self.last_lo, self.last_ac
        if self.flat.open or self.state != "ac" or not (lo and ac and lo.number) or len(lo.parts) != len(ac.parts):
            return False
        if not (ac.number and ac.number[0] == lo.number and holds_two_cells(item.text, ac.line.text, self.criterion_width)):
            return False
        self.flat.start_apart(lo.line.text, ac.line.text, self.criterion_width)
        lo_part, ac_part = self.split(item.text, outcome_width=len(item.text))  # no outcome width is known
        pairs = self.document.within if self.document else Counter()
        if not (lo_part and ac_part):
            return False
        if not joins_known(" ".join(lo.parts), lo_part, " ".join(ac.parts), ac_part, pairs):
            self.log.warn("text_repaired", f"outcome {lo.number}: the line {item.text[:60]!r} holds the outcome's "
                                           "words beside the criterion's; no usual word pair says where: left to the "
                                           "criterion", item.line)
            return False
        self.take_parts(lo_part, ac_part)
        self.log.warn("text_repaired", f"outcome {lo.number}: the line {item.text[:60]!r} holds both columns' words: "
                                       f"read as {lo_part!r} | {ac_part!r}", item.line)
        return True
