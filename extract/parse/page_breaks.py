"""A criterion a page break cut: ``reading.Reader``'s part that carries it over the break.

Plain pdftotext prints a table page by page, and on a page column by column: the criteria, then
the outcomes, then a third column. A criterion that runs on to the next page goes on there after
the table's repeated header (``lomark``), or, with no header repeated, after the third column and
the page's furniture (``resume``: ``items`` marks the first line of a new page while the criteria
are stopped, when the criteria column resumes right after it). Its words there open lower-case: no
criterion or outcome starts so.
"""

from __future__ import annotations

from .drafts import AC


class PageBreaks:
    """The reader's state for it: ``held``, the criterion read last when the break came."""

    def hold_last_criterion(self) -> None:
        """The last criterion read, even with outcomes printed after it, may go on after the break."""
        last = self.draft.segments[-1] if self.draft.segments else None
        if isinstance(last, AC) and last.parts:
            self.held = last

    def on_resume(self, item, items, i):
        self.hold_last_criterion()
        if self.held is not None:
            self.state = "mark"

    def resumes_after_break(self, item) -> bool:
        """Lower-case text right after the break continues the criterion held (``... the
        infection control measures`` / header / ``found in the care setting``), with a warning."""
        ac = self.held
        if ac is None or self.state != "mark" or not item.text[:1].islower():
            return False
        ac.parts.append(item.text)
        self.last_ac, self.held, self.state = ac, None, "ac"
        self.log.warn("text_repaired", f"criterion {ac.token}: {item.text[:40]!r} after a page break "
                                       "read as its continuation", item.line)
        return True
