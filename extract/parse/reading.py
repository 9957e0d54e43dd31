"""Reading: a unit's items -> a ``Draft`` of outcomes and criteria in order.

A small state machine, one handler per item kind. Markers (``The learner can:``) switch between
outcome text and criterion text; an outcome row opens an outcome; a criterion row with text is
a criterion, a bare number joins the current column of numbers (a ``Block``) whose texts follow
it. Unnumbered text continues what is open: the outcome, the criterion, the block's paragraph,
or both columns of a flattened LO | AC row (split back by ``repair/columns.py``). Cells of a
table row (a laid-out row's cells, or a text row's tab cells) go by column
(``continuation.py`` decides what an unnumbered cell is).
"""

from __future__ import annotations

import re
from typing import Optional

from ..layout.lines import Line
from ..repair import numbering
from ..repair.widths import width as printed
from .flattened import Flattened, FlattenedRows, criterion_above, criterion_width
from .page_breaks import PageBreaks
from .continued import ContinuedText
from .outcome_text import OutcomeText
from .continuation import continues_criterion, outcome_of_row
from . import lists
from .drafts import AC, LO, Block, Draft, Log
from .items import Item

_BULLETS = "-\u2022*\u25aa\u25cf\u2013"


class Reader(FlattenedRows, PageBreaks, ContinuedText, OutcomeText):
    """The reading state: what is open (outcome, criterion, column of numbers), which column
    the markers select, and whether lines hold the tails of both columns (``flat``)."""

    def __init__(self, log: Log, document=None):
        self.log = log
        self.document = document  # the document's word pairs (units.DocumentPairs), or None
        self.draft = Draft()
        self.block: Optional[Block] = None
        self.last_lo: Optional[LO] = None
        self.last_ac: Optional[AC] = None
        self.state = "start"
        self.ac_mode = False
        self.after_lomark = False
        self.flat = Flattened()
        self.unmarked: Optional[int] = None  # the outcome whose criteria are a list without markers
        self.held: Optional[AC] = None  # the criterion read last when a page break came (``page_breaks``)
        self.above: Optional[AC] = None  # the outcome's first criterion, printed on the line above it
        self.outcome_took: Optional[Line] = None  # the last line among criteria read as the outcome's
        self.width = 0  # the unit's widest plain line (``lists.starts_item``)
        self.criterion_width = 0  # the unit's widest criterion line (``flattened.criterion_width``)

    # -- helpers --------------------------------------------------------------------------
    def current_lo(self) -> Optional[int]:
        if self.last_ac and self.last_ac.number:
            return self.last_ac.number[0]
        return self.last_lo.number if self.last_lo else None

    def close_block(self) -> None:
        if self.block and (self.block.numbers or self.block.paragraphs):
            self.draft.segments.append(self.block)
        self.block = None

    def open_block(self) -> Block:
        """The column of numbers to add to: the open one, or a new one after any with texts."""
        if self.block is None or self.block.paragraphs:
            self.close_block()
            self.block = Block()
        return self.block

    def new_lo(self, number: Optional[int], text: str, line: Line) -> LO:
        lo = LO(number, [text] if text else [], line)
        self.draft.los.append(lo)
        self.above = self.last_ac if criterion_above(self.last_ac, number, line) else None
        self.last_lo, self.last_ac, self.held = lo, None, None
        self.state = "lo"
        self.after_lomark = False
        self.unmarked = None
        return lo

    def new_ac(self, ac: AC) -> None:
        self.draft.segments.append(ac)
        self.last_ac, self.held = ac, None
        self.state = "ac"

    def add_block_text(self, text: str, line: Line) -> None:
        self.block.add_text(text, line)
        self.state = "block"

    # -- items ----------------------------------------------------------------------------
    def feed(self, items: list[Item]) -> Draft:
        self.width = lists.line_width(items)
        self.criterion_width = criterion_width(items)
        for i, item in enumerate(items):
            getattr(self, "on_" + item.kind)(item, items, i)
        self.close_block()
        return self.draft

    def on_blank(self, item, items, i):
        self.flat.blank = i if self.flat.open else self.flat.blank
        self.flat.open = False
        if self.block and self.block.paragraphs:
            self.block.open_paragraph = False

    def on_garbled(self, item, items, i):
        self.draft.garbled.append(item.text)
        self.draft.garbled_at = self.draft.garbled_at or item.line
        if not self.log.has("garbled_text"):
            self.log.warn("garbled_text", f"overlaid/repeated text region skipped: {item.text[:80]!r}...", item.line)

    def on_lomark(self, item, items, i):
        self.close_block()
        self.ac_mode = False
        self.after_lomark = True
        self.hold_last_criterion()
        self.last_ac = None
        self.state = "mark"

    def on_acmark(self, item, items, i):
        self.ac_mode = True
        if self.state == "lo":
            self.state = "mark"

    def on_lo(self, item, items, i):
        if self.block and self.block.paragraphs:  # a column of numbers still waits for its texts
            self.close_block()
        number = int(item.number) if item.number else None
        self.new_lo(number, item.text, item.line)
        if item.merged_width:
            self.flat.start(printed(item.line.text[: item.merged_width]), printed(item.line.text), self.criterion_width)

    def on_ac(self, item, items, i):
        parsed = numbering.parse_ac(item.number, self.current_lo()) if item.number else None
        ac = AC(item.number, [item.text] if item.text else [], item.line, parsed)
        if item.line is not (self.last_lo.line if self.last_lo else None) and not _merged_tail(item, items, i):
            self.flat.open = False
        if item.text:
            self.close_block()
            self.new_ac(ac)
        else:
            self.open_block().numbers.append(ac)
            self.last_ac = ac if parsed else self.last_ac
            self.state = "numbers"

    def on_junk(self, item, items, i):
        # An unreadable entry in a column of numbers ("w", "N"): one lost number. Consecutive
        # junk lines collapse into one.
        nxt = next((x for x in items[i + 1 :] if x.kind != "blank"), None)
        in_column = self.state == "numbers" or (self.ac_mode and nxt is not None and nxt.kind == "ac" and not nxt.text)
        if not in_column:
            return
        block = self.open_block()
        if block.numbers and block.numbers[-1].token is None and block.numbers[-1].number is None:
            return
        block.numbers.append(AC(None, [], item.line, None))
        self.state = "numbers"

    def on_text(self, item, items, i):
        if item.column is not None:
            return self.on_cell_text(item, items, i)
        if self.resumes_after_break(item):
            return
        if self.outcome_left_of_criterion(item):
            return
        if self.bullet_criterion(item, items, i) or self.unmarked_criterion(item, items, i):
            return
        if self.flat.open and self.last_lo and self.last_ac and self.state == "ac":
            self.split_merged(item, items, i)
            return
        if self.resumes_after_blank(item, items, i):
            return
        if self.side_by_side(item, items, i):
            return
        if not self.outcome_paragraph(item, items, i):
            self.block_or_continued_text(item)

    def block_or_continued_text(self, item) -> None:
        """Text beside a block of printed numbers, or the continuation of the text before."""
        if self.block and self.block.numbers and (self.ac_mode or self.block.paragraphs):
            self.add_block_text(item.text, item.line)
        elif self.block and self.block.numbers and self.last_lo:
            self.last_lo.parts.append(item.text)  # outcome text wrapped beside its numbers
        else:
            self.continue_text(item)

    def bullet_criterion(self, item, items, i) -> bool:
        """Criteria printed as a bulleted list under an outcome (no numbers): each bullet is the
        next criterion of that outcome, numbered in order with a warning; so is a line of the
        list whose bullet OCR lost (``lists.lost_bullet``), with a warning of its own. Not the
        sub-points of a numbered criterion, nor the list a criterion opens with "... the following:"."""
        lo, own = self._bullet_list_outcome()
        if lo is None:
            return False
        k = own.number[1] if own else 0
        bullet = _bulleted(item.line)
        lost = not bullet and self._lost_bullet(own, items, i)
        if not (bullet or lost) or k >= lists.MAX_LIST_ITEMS:
            return False
        if not k:
            self.log.warn("number_inferred", f"outcome {lo}: criteria printed as bullets, numbered {lo}.1 ... in order", item.line)
        if lost:
            self.log.warn("number_inferred", f"criterion {lo}.{k + 1}: no bullet read before it; a line opening with a "
                                             "command verb after a criterion line that ended short, read as the list's "
                                             "next criterion", item.line)
        self.new_ac(AC(None, [item.text], item.line, (lo, k + 1)))
        return True

    def _bullet_list_outcome(self) -> tuple[Optional[int], Optional[AC]]:
        """(outcome, its last criterion) where a bulleted criteria list may go on, else (None, None):
        criteria expected, no numbers block open, and the outcome's last criterion (if any) is
        neither numbered in print nor opening a list of its own ("... the following:")."""
        lo, last = self.last_lo.number if self.last_lo else None, self.last_ac
        if not (self.ac_mode and lo) or self.block:
            return None, None
        own = last if last and last.number and last.number[0] == lo else None
        if own and (own.token or ":" in " ".join(own.parts)):
            return None, None
        return lo, own

    def _lost_bullet(self, own: Optional[AC], items, i) -> bool:
        """The line after a bulleted criterion is the list's next item though no bullet was read."""
        return own is not None and self.state == "ac" and _bulleted(own.line) and lists.lost_bullet(items, i, self.width)

    def unmarked_criterion(self, item, items, i) -> bool:
        """A line of a criteria list printed (or read by OCR) without numbers or bullets
        (``lists``): the next criterion of its outcome where an item starts there."""
        lo = lists.list_outcome(self, item, items, i)
        if lo is None or (self.state == "ac" and not lists.starts_item(items, i, self.width)):
            return False
        last = self.last_ac
        k = last.number[1] if last and last.number and last.number[0] == lo else 0
        if k >= lists.MAX_LIST_ITEMS:
            return False
        if not k:
            self.log.warn("number_inferred", f"outcome {lo}: criteria printed without numbers or bullets, "
                                             f"numbered {lo}.1 ... in order", item.line)
        self.new_ac(AC(None, [item.text], item.line, (lo, k + 1)))
        self.unmarked = lo
        return True

    def on_cell_text(self, item, items, i):
        """Text in a table row: the outcome column is column 0, or any cell followed by
        a criterion on the same row (when overlaid text fills the columns before it)."""
        followed = any(x.kind == "ac" and x.line is item.line for x in items[i + 1 : i + 4])
        if item.column == 0 or followed:
            return self.outcome_cell(item, items)
        if self.last_ac and continues_criterion(item, items, i, self.last_ac.number):
            self.last_ac.parts.append(item.text)
            self.draft.orphans.append((self.last_ac, item.text))
        else:
            self.new_ac(AC(None, [item.text], item.line, None))

    def outcome_cell(self, item, items) -> None:
        """A cell of the outcome column: a new outcome numbered by its criteria, or the next
        line of the open outcome."""
        new_lo = outcome_of_row(item, items, self.current_lo(), {lo.number for lo in self.draft.los})
        if new_lo is not None:
            self.lost_number_outcome(new_lo, item)
        elif self.last_lo:
            self.last_lo.parts.append(item.text)
        else:
            self.new_lo(None, item.text, item.line)

    def lost_number_outcome(self, number: int, item) -> None:
        """An outcome whose number only its criteria print; a lower-case start is only the tail
        of a lost outcome text: kept in the warning. A text opening with that number glued to it
        by a mark ("3-Understand") printed the number: it is cut off."""
        tail = item.text[:1].islower()
        glued = numbering.glued_outcome_number(item.text, number)
        if glued:  # "3-Understand ...": the number printed, OCR read its space as a mark
            self.new_lo(number, item.text[glued:], item.line)
            self.log.warn("numbering_repaired", f"outcome {number}: number read as {item.text[:glued].strip()!r} "
                                                "glued onto its text; the number its criteria print", item.line)
            return
        self.new_lo(number, "" if tail else item.text, item.line)
        if tail:
            self.log.warn("outcome_text_missing",
                          f"outcome {number}: text lost; only the fragment {item.text!r} is printed", item.line)
        if not (tail and re.search(rf"\s{number}$", item.text)):  # "... customers 2": printed last
            self.log.warn("number_inferred", f"outcome {number}: number not printed; taken from its criteria", item.line)


def _bulleted(line: Line) -> bool:
    return line.raw.lstrip()[:1] in _BULLETS


def _merged_tail(item, items, i) -> bool:
    """A criterion that starts mid-line after an outcome tail ("programme 1.2 Explain")."""
    return i > 0 and items[i - 1].kind == "text" and items[i - 1].line is item.line
