"""Assembly: numbered draft outcomes and criteria -> ``LearningOutcome`` models.

Outcomes whose number was not printed are numbered in order; each criterion goes under the
outcome its number names (an outcome only its criteria show is created, with a warning); a
criterion read twice (a page-break repeat, or a truncated copy) is kept once, the longer copy.
Text is cleaned here, and each OCR word repair is a warning.
"""

from __future__ import annotations

from ..layout.lines import Line
from ..models import AssessmentCriterion, LearningOutcome, Location
from ..normalise.text import clean_text
from ..repair import numbering
from .drafts import AC, LO, Log


def number_outcomes(los: list[LO], log: Log) -> None:
    """An outcome without a printed number follows the one before it."""
    prev = 0
    for lo in los:
        if lo.number is None:
            lo.number = prev + 1
            log.warn("number_inferred", f"outcome {lo.number}: number not printed; inferred from order", lo.line)
        prev = lo.number


def assemble(los: list[LO], acs: list[AC], log: Log) -> list[LearningOutcome]:
    by_number: dict[int, LearningOutcome] = {}
    for lo in los:
        _add_outcome(by_number, lo, log)
    for ac in acs:
        _add_criterion(_owner(by_number, ac, log), ac, log)
    result = [by_number[k] for k in sorted(by_number)]
    for lo in result:
        lo.assessment_criteria.sort(key=lambda c: int(c.number.split(".")[1]))
    return result


def _add_outcome(by_number: dict[int, LearningOutcome], lo: LO, log: Log) -> None:
    """A new outcome, or the longer text of one read before under the same number."""
    text, repairs = clean_text(lo.parts)
    _note_repairs(repairs, lo.line, log)
    existing = by_number.get(lo.number)
    if existing is None:
        by_number[lo.number] = LearningOutcome(number=str(lo.number), text=text,
                                               location=Location(page=lo.line.page, line=lo.line.number))
    elif existing.text is None or (text and len(text) > len(existing.text) and existing.text in text):
        existing.text = text


def _owner(by_number: dict[int, LearningOutcome], ac: AC, log: Log) -> LearningOutcome:
    """The outcome a criterion's number names; one without text when none was printed."""
    lo_no = ac.number[0]
    if lo_no not in by_number:
        by_number[lo_no] = LearningOutcome(number=str(lo_no), text=None,
                                           location=Location(page=ac.line.page, line=ac.line.number))
        log.warn("outcome_text_missing", f"outcome {lo_no}: criteria printed but the outcome text is missing", ac.line)
        log.warn("number_inferred", f"outcome {lo_no}: number not printed; taken from its criteria", ac.line)
    return by_number[lo_no]


def _add_criterion(lo: LearningOutcome, ac: AC, log: Log) -> None:
    number = numbering.fmt(ac.number)
    text, repairs = clean_text(ac.parts)
    twin = next((c for c in lo.assessment_criteria if c.number == number), None)
    if twin:  # a page-break repeat, or a truncated copy of the same criterion
        if text and twin.text and text != twin.text and (text.startswith(twin.text) or twin.text.startswith(text)):
            log.warn("garbled_text", f"criterion {number} printed again as a fragment; the longer copy kept", ac.line)
            if len(text) > len(twin.text):
                twin.text = text
        return
    _note_repairs(repairs, ac.line, log)
    lo.assessment_criteria.append(AssessmentCriterion(
        number=number, text=text, location=Location(page=ac.line.page, line=ac.line.number)))


def _note_repairs(repairs: list[str], line: Line, log: Log) -> None:
    for r in repairs:
        log.warn("text_repaired", f"OCR word repaired: {r}", line)
