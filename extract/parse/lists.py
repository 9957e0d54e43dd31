"""Criteria printed as a list whose markers are gone: neither numbers nor bullets.

OCR text can lose every bullet of a bulleted list (and some documents print none): after an
outcome's criteria marker (``The learner can:``) stand plain lines. When nothing numbered
follows before the next outcome, those lines are that outcome's criteria, and an item starts

* at a paragraph (after a blank line), or
* at a line that opens with a command verb (any case) after a line that ended short: the
  verb would have fitted on it, so the break was not a wrap. "Short" is measured against the
  unit's widest plain line, less ``WRAP_SLACK`` of it, in printed widths (``repair.widths``:
  a line of narrow letters holds more of them).

Reading numbers the items in order, with a ``number_inferred`` warning per outcome. The same
evidence finds the item of a bulleted list whose bullet OCR lost (``lost_bullet``). And a list of
outcomes whose numbers OCR printed as a column before their texts (``pair_number_column``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ..repair.widths import width as printed
from .boundaries import opens_with_command_verb

WRAP_SLACK = 0.15
"""Share of the widest line a line may fall short of and still have been wrapped."""
MAX_LIST_ITEMS = 30
"""Items a list of criteria printed without numbers can hold: an outcome has never this many,
so a longer "list" is prose after the criteria (and a number stays two digits)."""
MIN_COLUMN_NUMBERS = 2
"""Bare outcome numbers in a row before they count as a column of numbers."""
_ENDS = ("lo", "lomark")  # item kinds that end an outcome's criteria


def line_width(items: list) -> float:
    """The printed width (``repair.widths``) of the widest plain line among a unit's items (0 when none)."""
    return max((printed(x.line.text) for x in items if x.kind == "text" and x.column is None), default=0)


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


def starts_item(items: list, i: int, width: float) -> bool:
    """Whether item ``i`` (a plain line inside the list) opens the list's next item."""
    before = previous_line(items, i)
    if before is None:
        return True
    text = items[i].text
    first = text.split()[0] if text.split() else ""
    ended_short = printed(f"{before.text} {first}") <= width * (1 - WRAP_SLACK)
    return ended_short and opens_with_command_verb(text[:1].upper() + text[1:])


def lost_bullet(items: list, i: int, width: float) -> bool:
    """Plain line ``i``, right after a line of a bulleted list's last item (no blank line
    between), is the list's next item whose bullet OCR lost: it opens with a command verb and
    the line before ended short (``starts_item``: the verb would have fitted there, so the break
    was no wrap). After a blank line OCR text gives no such evidence: it puts blank lines
    inside items too."""
    return previous_line(items, i) is not None and starts_item(items, i, width)


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


# -- a list whose numbers stand in a column of their own ----------------------------------------
_BARE_NUMBER = re.compile(r"^(\d{1,2})[.)]?$")


def _number_run(items: list, i: int) -> list[int]:
    """Indexes of the bare outcome numbers ``1.`` ``2.`` ... in order from item ``i`` (blank
    lines between them allowed); empty unless item ``i`` is one."""
    run: list[int] = []
    for k in range(i, len(items)):
        x = items[k]
        m = _BARE_NUMBER.match(x.text) if x.kind in ("junk", "text") and x.column is None else None
        if m and (not run or int(m.group(1)) == _number(items[run[-1]]) + 1):
            run.append(k)
        elif x.kind != "blank" or not run:
            break
    return run


def _number(item) -> int:
    return int(_BARE_NUMBER.match(item.text).group(1))


def _text_groups(items: list, start: int, count: int) -> Optional[list[list[int]]]:
    """The plain lines after a column of ``count`` numbers, as ``count`` texts: one a line, or
    one a paragraph; None when neither count matches or a text does not open with a capital."""
    lines: list[int] = []
    for k in range(start, len(items)):
        if items[k].kind == "text" and items[k].column is None:
            lines.append(k)
        elif items[k].kind != "blank":
            break
    paragraphs: list[list[int]] = []
    for k in lines:
        if paragraphs and previous_line(items, k) is not None:
            paragraphs[-1].append(k)
        else:
            paragraphs.append([k])
    groups = [[k] for k in lines] if len(lines) == count else paragraphs if len(paragraphs) == count else None
    if groups and all(items[g[0]].text[:1].isupper() for g in groups):
        return groups
    return None


def pair_number_column(items: list, log) -> list:
    """Outcome numbers printed as a column before their texts (``1.`` ``2.`` ``3.``, then the
    texts): each text becomes the outcome row of its number, in order, with a warning."""
    out = list(items)
    i = 0
    while i < len(out):
        run = _number_run(out, i) if i and out[i - 1].kind in ("lomark", "blank") else []
        groups = _text_groups(out, run[-1] + 1, len(run)) if len(run) >= MIN_COLUMN_NUMBERS else None
        if not groups:
            i += 1
            continue
        for k, group in zip(run, groups):
            first = out[group[0]]
            out[group[0]] = replace(first, kind="lo", number=str(_number(out[k])))
            out[k] = replace(out[k], kind="blank", text="")
        log.warn("number_inferred", f"outcomes {_number(items[run[0]])}-{_number(items[run[-1]])}: numbers printed "
                                    "as a column of their own, paired with the texts after it in order", items[run[0]].line)
        i = groups[-1][-1] + 1
    return out
