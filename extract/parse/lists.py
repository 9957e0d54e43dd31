"""Criteria printed as a list whose markers are gone: neither numbers nor bullets.

OCR text can lose every bullet of a bulleted list (and some documents print none): after an
outcome's criteria marker (``The learner can:``) stand plain lines. When nothing numbered
follows before the next outcome, those lines are that outcome's criteria, and an item starts

* at a paragraph (after a blank line), or
* at a line that opens with a command verb (any case) after a line that ended short: the
  verb would have fitted on it, so the break was not a wrap. "Short" is measured against the
  unit's widest plain line, less ``WRAP_SLACK`` of it (OCR text counts letters, not widths).

Reading numbers the items in order, with a ``number_inferred`` warning per outcome.
"""

from __future__ import annotations

from typing import Optional

from .boundaries import opens_with_command_verb

WRAP_SLACK = 0.15
"""Share of the widest line a line may fall short of and still have been wrapped."""
_ENDS = ("lo", "lomark")  # item kinds that end an outcome's criteria


def line_width(items: list) -> int:
    """The widest plain line among a unit's items (0 when none)."""
    return max((len(x.line.text) for x in items if x.kind == "text" and x.column is None), default=0)


def numbered_ahead(items: list, i: int) -> bool:
    """A numbered criterion, or a column of numbers, before the outcome ends."""
    for x in items[i:]:
        if x.kind in _ENDS:
            return False
        if x.kind == "ac":
            return True
    return False


def previous_line(items: list, i: int):
    """The line of the item before ``i`` (None when a blank line or nothing is before it)."""
    if i == 0 or items[i - 1].kind == "blank":
        return None
    return items[i - 1].line


def starts_item(items: list, i: int, width: int) -> bool:
    """Whether item ``i`` (a plain line inside the list) opens the list's next item."""
    before = previous_line(items, i)
    if before is None:
        return True
    text = items[i].text
    first = text.split()[0] if text.split() else ""
    ended_short = len(before.text) + 1 + len(first) <= width * (1 - WRAP_SLACK)
    return ended_short and opens_with_command_verb(text[:1].upper() + text[1:])


def list_outcome(reader, item, items: list, i: int) -> Optional[int]:
    """The outcome whose unmarked list item ``i`` belongs to, when the reader is at one: in
    criteria mode under a numbered outcome, no column of numbers open, and nothing numbered
    before that outcome ends."""
    lo = reader.last_lo.number if reader.last_lo else None
    if not (reader.ac_mode and lo and reader.block is None and item.column is None):
        return None
    opening = reader.state == "mark" and reader.last_ac is None
    going_on = reader.state == "ac" and reader.unmarked == lo
    if not (opening or going_on) or numbered_ahead(items, i):
        return None
    return lo
