"""Recovery from overlaid regions: what the clean column lost, filled from the overlaid copies.

Some converters print a table's cells over each other; those cells are never read as text
(``items.py`` marks them ``garbled``) but they are evidence: an outcome text that is missing,
the end of a clipped criterion, or a criterion the clean column lost are taken from the
consensus of the copies (``repair/recover.py``), each with a ``garbled_text`` warning.
"""

from __future__ import annotations

from typing import Optional

from ..layout.lines import Line
from ..models import AssessmentCriterion, LearningOutcome
from ..normalise.text import finish
from ..repair import numbering, recover
from .drafts import AC, Draft, Log


def recover_overlaid(los: list[LearningOutcome], draft: Draft, log: Log) -> None:
    """Fill what the clean column lost from the overlaid copies (see recover.py)."""
    copies, outcome_copies = recover.fragments(draft.garbled)
    where = draft.garbled_at
    everywhere = {c.number: c for lo in los for c in lo.assessment_criteria}
    for lo in los:
        if lo.text is None and outcome_copies.get(lo.number):
            lo.text = finish(recover.consensus(outcome_copies[lo.number]))
            log.warn("garbled_text", f"outcome {lo.number}: text recovered from overlaid copies", where)
        _recover_criteria(lo, copies, everywhere, draft.orphans, where, log)
        lo.assessment_criteria.sort(key=lambda c: int(c.number.split(".")[1]))


def _recover_criteria(lo: LearningOutcome, copies: dict, everywhere: dict, orphans: list[tuple[AC, str]],
                      where: Optional[Line], log: Log) -> None:
    """Each criterion up to the outcome's highest number: extended, or recovered when lost."""
    present = {c.number: c for c in lo.assessment_criteria}
    top = max((int(n.split(".")[1]) for n in present), default=0)
    for k in range(1, top + 1):
        number = f"{lo.number}.{k}"
        found = copies.get(number, [])
        if number in present:
            _extend(present[number], found, where, log)
            continue
        text = recover.consensus(found)
        if not text:
            continue
        text = recover.complete_clipped(_splice_orphan(text, orphans, everywhere))
        lo.assessment_criteria.append(AssessmentCriterion(number=number, text=finish(text), location=lo.location))
        log.warn("garbled_text", f"criterion {number}: recovered from overlaid copies", where)


def _extend(ac: AssessmentCriterion, found: list[str], where: Optional[Line], log: Log) -> None:
    """A criterion the clean column clipped: its end from the copies."""
    longer = recover.extend(ac.text or "", recover.consensus(found) or "") if found else ac.text
    if longer and ac.text and longer != ac.text:
        log.warn("garbled_text", f"criterion {ac.number}: end recovered from overlaid copies", where)
        ac.text = finish(longer)


def _splice_orphan(text: str, orphans: list[tuple[AC, str]], everywhere: dict) -> str:
    """A lost criterion's first line may have been read as the continuation of the criterion
    above it: spliced back onto the recovered text, and cut from the criterion it was added to."""
    for owner, orphan in orphans:
        spliced = recover.splice(orphan, text)
        if spliced:
            owner_ac = everywhere.get(numbering.fmt(owner.number)) if owner.number else None
            tail = " ".join(orphan.split())
            if owner_ac and owner_ac.text and owner_ac.text.endswith(tail):
                owner_ac.text = finish(owner_ac.text[: -len(tail)])
            return spliced
    return text
