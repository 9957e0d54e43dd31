"""Stage 4a (units), while another column's heading has stopped the criteria: where they resume.

A heading such as "Indicative content" or "Grading criteria" ends the criteria column; plain
``pdftotext`` and OCR text print a third column's heading between two criteria rows, so the
column can go on after it. Each function here names one sign that it does, from the items read
so far and the lines around: a criterion row that succeeds one already read, an outcome row
numbered as the next outcome, the first line of a later page cut off by the page break.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..layout.lines import Line
from ..repair import numbering

from . import patterns as P

if TYPE_CHECKING:
    from .items import Item


def page_of(line: Line):
    """The page a line is on, or without pages its form-feed sheet."""
    return line.page if line.page is not None else line.sheet


def page_resumes(stopped_on: Optional[int], items: list[Item], lines: list[Line], n: int) -> bool:
    """While the criteria are stopped by another column's heading, the first line of a later
    page, lower-case, right before the criteria column resumes: the end of the criterion the
    page break cut (``page_breaks``)."""
    line, content = lines[n], lambda l: not (l.noise or l.blank)
    if not (stopped_on is not None and page_of(line) != stopped_on and line.text[:1].islower()):
        return False
    first = next((l for l in reversed(lines[:n]) if content(l) or page_of(l) != page_of(line)), None)
    after = next((l for l in lines[n + 1:] if content(l)), None)
    return (first is None or page_of(first) != page_of(line)) and after is not None and criteria_resume(after.text, items)


def outcome_resumes(items: list[Item], lines: list[Line], n: int) -> bool:
    """While another column's heading stopped the criteria, an outcome row numbered as the
    outcome after the last one read, not read yet, whose first criterion is the next criterion
    row below it: the outcome column goes on (plain pdftotext printed the heading of a third
    column between two outcomes), not a numbered point of that column."""
    m = P.LO_ROW.match(lines[n].text)
    if not (m and m.group(2)[:1].isupper()):
        return False
    read = [int(x.number) for x in items if x.kind == "lo" and x.number and x.number.isdigit()]
    number = int(m.group(1))
    if not read or number != max(read) + 1:
        return False
    below = next((m for l in lines[n + 1:] if not (l.noise or l.blank) for m in [P.AC_ROW.match(l.text)] if m), None)
    return below is not None and numbering.parse_ac(below.group(1), number) == (number, 1)


def criteria_resume(cell: str, items: list[Item]) -> bool:
    """After a heading that ends the criteria, a criterion row numbered as the direct successor
    of the last criterion read of one of the outcomes (``2.2`` after ``2.1``, even when the
    reading order printed ``1.2`` between them), or the first of the outcome after the last
    (``4.1`` after ``3.2``), and not read yet, is the criteria column going on (a third column
    printed in between, as plain pdftotext reads tables), not a note keyed by a criterion number.
    Before any criterion is read, ``1.1`` under the outcomes is the column's start (the reading
    order printed a heading such as "Grading grid" above it)."""
    m = P.AC_ROW.match(cell)
    read = [numbering.parse_ac(x.number, None) for x in items if x.kind == "ac" and x.number]
    read = [n for n in read if n is not None]
    if not (m and m.group(2)):
        return False
    if not read:  # no criterion read yet: the column starts at the first outcome's first
        return numbering.parse_ac(m.group(1), 1) == (1, 1) and any(x.kind == "lo" for x in items)
    last: dict[int, int] = {}
    for lo, k in read:
        last[lo] = max(last.get(lo, 0), k)
    top = max(last)
    number = numbering.parse_ac(m.group(1), top)
    successors = {(lo, k + 1) for lo, k in last.items()} | {(top + 1, 1)}
    return number in successors and number not in set(read)
