"""Decisions about unnumbered text in a table row: does it continue, or start something new?

Pure functions over the items of a unit (no reading state): whether a line in the criteria
column is the wrapped line of the criterion above, and which outcome a row's outcome cell
belongs to when only the criterion beside it prints the number.
"""

from __future__ import annotations

from typing import Optional

from ..repair import numbering
from .boundaries import opens_with_command_verb
from .items import Item


def continues_criterion(item: Item, items: list[Item], i: int, last: Optional[tuple[int, int]]) -> bool:
    """Unnumbered text in the criteria column: the wrapped line of the criterion above (numbered
    ``last``), or a criterion whose number was not printed? A lower-case start continues. A
    capital start continues when the next printed number follows the criterion above directly
    (no number is missing), is a new criterion when a number is missing before the next printed
    one, and otherwise (no next number to go by) a new criterion only when it opens with a
    command verb."""
    if item.text[:1].islower():
        return True
    if last is None:
        return False
    following = next((x for x in items[i + 1:] if x.kind in ("ac", "lo") and x.number), None)
    nxt = numbering.parse_ac(following.number, last[0]) if following and following.kind == "ac" else None
    if nxt == (last[0], last[1] + 1):
        return True
    if nxt and nxt[0] == last[0] and nxt[1] > last[1] + 1:
        return False
    return not opens_with_command_verb(item.text)


def outcome_of_row(item: Item, items: list[Item], current: Optional[int], known: set) -> Optional[int]:
    """An outcome cell whose number was not printed: the outcome the first numbered criterion
    on the same row names, when no outcome read so far (``known``) has that number."""
    same_row = [x for x in items if x.line is item.line and x.kind == "ac" and x.number]
    if not same_row:
        return None
    parsed = numbering.parse_ac(same_row[0].number, current)
    return parsed[0] if parsed and parsed[0] not in known else None
