"""``reading.Reader``'s part that reads text printed among an outcome's criteria as the
outcome's own: a lower-case line the document's word pairs read on from the outcome's text
(``outcome_paragraph``), and words printed left of the outcome's next criterion number
(``outcome_left_of_criterion``). Each such reading is warned."""

from __future__ import annotations

import re
from collections import Counter

from ..repair import numbering
from ..repair.joins import left_open, outcome_goes_on, outcome_in_turn, outcome_left_beside
from . import lists

_WORD = re.compile(r"[A-Za-z]{2}")  # a word, not a speck OCR read as a mark or a digit
MAX_SPECK = 2  # characters of a speck OCR read left of a criterion number ("8", ".;"); marks only: any number
_INK = re.compile(r"[A-Za-z0-9]")  # a letter or digit: more than marks


class OutcomeText:
    """Uses the reader's ``state``, ``last_lo``, ``last_ac``, ``outcome_took``, ``document``
    and ``log``."""

    def outcome_paragraph(self, item, items, i) -> bool:
        """A lower-case line among an outcome's criteria that continues the outcome's text, with
        a warning: a paragraph of its own, a line after one the outcome took so, or one while the
        outcome's text is left open (``joins.left_open``), where the document's word pairs say
        so (``joins.outcome_goes_on``); or the line after an outcome left open and its first
        criterion's one line (``joins.outcome_left_beside``: plain pdftotext prints a row's
        cells block by block, and a second line of that criterion would share the outcome's), or
        the outcome's turn where the row's lines alternate (``joins.outcome_in_turn``)."""
        if not (self.among_own_criteria() and item.text[:1].islower()):
            return False
        paragraph = lists.previous_line(items, i) is None
        if not self.outcome_goes_on_here(item, items, i):
            return False
        lo = self.last_lo
        lo.parts.append(item.text)
        self.outcome_took = item.line
        self.state = "lo" if paragraph else self.state  # a paragraph's next lines continue the outcome too
        self.log.warn("text_repaired", f"outcome {lo.number}: {item.text[:40]!r} printed among its criteria read as "
                                       "the outcome's continuation", item.line)
        return True

    def among_own_criteria(self) -> bool:
        """Reading criteria of the open outcome (the last criterion is numbered under it)."""
        lo, ac = self.last_lo, self.last_ac
        return bool(self.state == "ac" and lo and ac and ac.number and ac.number[0] == lo.number)

    def outcome_goes_on_here(self, item, items, i) -> bool:
        """The evidence ``outcome_paragraph`` asks for: the document's word pairs read the
        outcome's text on into ``item`` (after a paragraph break, a line the outcome took, or an
        open outcome text), or the outcome and its first criterion's one line were left open beside
        each other."""
        lo, ac = self.last_lo, self.last_ac
        lo_text, ac_text, previous = " ".join(lo.parts), " ".join(ac.parts), lists.previous_line(items, i)
        phrases = self.document.phrases if self.document else Counter()
        printed = self.document.splits if self.document else Counter()  # within a line too: "how to give constructive"
        going_on = previous is None or previous is self.outcome_took or left_open(lo_text)
        if going_on and outcome_goes_on(lo_text, ac_text, item.text, printed):
            return True
        first = ac.number[1] == 1 and len(ac.parts) == 1
        if first and outcome_left_beside(lo_text, ac_text, item.text, phrases):
            return True
        # the first criterion went on after its first line: the outcome's turn may have come again
        in_turn = ac.number[1] == 1 and len(ac.parts) > 1
        return in_turn and outcome_in_turn(lo_text, ac_text, item.text, phrases)

    def outcome_left_of_criterion(self, item) -> bool:
        """Words printed left of the outcome's next criterion number on one line ("hazardous
        goods 1.2 compare ..."): a line of text holds the outcome column left of the criteria
        column, so they are the outcome's next line, not the open criterion's (with a warning);
        a mark or digit there of at most ``MAX_SPECK`` characters, or marks only, is a speck,
        dropped (warned), whatever is open (the outcome's paragraph too)."""
        lo, ac = self.last_lo, self.last_ac
        if not (item.left_of and lo and lo.number and ac and ac.number and ac.number[0] == lo.number):
            return False
        if numbering.parse_ac(item.left_of, lo.number) != (lo.number, ac.number[1] + 1):
            return False
        if not _WORD.search(item.text):
            if len(item.text) > MAX_SPECK and _INK.search(item.text):
                return False
            self.log.warn("text_repaired", f"outcome {lo.number}: {item.text!r} left of criterion {item.left_of} "
                                           "is no word (a speck OCR read): dropped", item.line)
            return True
        if self.state != "ac":
            return False
        lo.parts.append(item.text)
        self.log.warn("text_repaired", f"outcome {lo.number}: {item.text[:40]!r} printed left of criterion "
                                       f"{item.left_of} read as the outcome's continuation", item.line)
        return True
