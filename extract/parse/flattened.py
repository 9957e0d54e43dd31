"""A flattened LO | AC row: the state ``reading.Reader`` keeps while its lines hold both
columns' tails (or, as plain pdftotext prints them, one column's lines each after the first),
for ``repair.columns.split_columns``."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..repair.columns import Room


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
