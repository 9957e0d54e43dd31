"""``reading.Reader``'s part that reads unnumbered text as the continuation of what is open:
the open criterion (its own bulleted list too), the outcome, an outcome or criterion after a
marker; and a bulleted list no numbered criterion opens, which is another column's text that
OCR printed after the criteria column (dropped, warned)."""

from __future__ import annotations

import re

from .drafts import Block

_LIST_OPENER = re.compile(r":|\bfollowing\b|\bincluding\b", re.I)  # a criterion's own bulleted list follows


class ContinuedText:
    """Uses the reader's ``state``, ``last_lo``, ``last_ac``, ``draft``, ``log`` and its
    ``new_lo``, ``add_block_text``."""

    def continue_text(self, item) -> None:
        """Plain text: the next line of the open criterion or outcome, an outcome after the
        outcome marker, or a criterion text after the criteria marker."""
        text = item.text
        if self.state == "other":
            self.other_column(item)
        elif self.state == "ac" and self.last_ac:
            self.continue_criterion(item)
        elif self.state == "lo" and self.last_lo:
            self.last_lo.parts.append(text)
        elif self.after_lomark and not self.ac_mode:
            self.new_lo(None, text, item.line)
        elif self.ac_mode:
            self.block = self.block or Block()
            self.add_block_text(text, item.line)

    def continue_criterion(self, item) -> None:
        """The open criterion's next line; a bulleted one is an item of the criterion's own
        list ("... the following:"), or, where the numbered criterion opens none, the first line
        of another column's text (``other_column``)."""
        ac, parts = self.last_ac, self.last_ac.parts
        bulleted = item.line.raw.lstrip()[:1] in "-•*"
        own = self.last_lo and ac.number and ac.number[0] == self.last_lo.number
        if bulleted and own and ac.token and not _LIST_OPENER.search(" ".join(parts)):
            self.state = "other"  # no criterion's own list: another column's, printed after the criteria
            return self.other_column(item)
        if bulleted and ":" in " ".join(parts) and not parts[-1].endswith(":"):
            parts[-1] += ","  # "... of the following:" then a bulleted list inside the criterion
        parts.append(item.text)

    def other_column(self, item) -> None:
        """A bulleted list after a numbered criterion that opens no list (no colon, no "the
        following"), and the lines after it up to the next outcome or criterion: another
        column's text (indicative content) that OCR printed after the criteria column, dropped
        with a warning naming its first line."""
        if self.draft.other_of is not self.last_ac:
            self.log.warn("text_repaired", f"criterion {self.last_ac.token}: {item.text[:60]!r} and the lines after "
                                           "it read as another column's (a bulleted list no criterion opens): dropped",
                          item.line)
        self.draft.other_of = self.last_ac
