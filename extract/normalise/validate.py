"""Stage: validate a document against the model and its own numbering.

pydantic checks the shape; here we check the content a person would: criteria numbered
1..n under each outcome, outcomes 1..n, and every group's unit present in ``units`` and listed once. Each
finding becomes a warning in the output.
"""

from __future__ import annotations

from typing import Optional

from ..parse.identity import unit_key
from ..models import Document, LearningOutcome, Unit, Warning


def _out_of_sequence(numbers: list[int]) -> bool:
    """Whether printed numbers are not exactly 1..n (an empty list is in sequence)."""
    return bool(numbers) and numbers != list(range(1, len(numbers) + 1))


def _outcome_warnings(lo: LearningOutcome, key: Optional[str]) -> list[Warning]:
    """One outcome's findings: criteria not numbered 1..n, criteria without text."""
    found: list[Warning] = []
    idx = [int(ac.number.split(".")[1]) for ac in lo.assessment_criteria]
    if _out_of_sequence(idx):
        found.append(Warning(code="numbering_gap", unit=key, location=lo.location,
                             message=f"outcome {lo.number}: criteria numbered {idx}, expected 1..{len(idx)}"))
    for ac in lo.assessment_criteria:
        if not ac.text:
            found.append(Warning(code="criterion_text_missing", unit=key, location=ac.location,
                                 message=f"criterion {ac.number} has no text"))
    return found


def _unit_warnings(unit: Unit) -> list[Warning]:
    """One unit's findings: outcomes not numbered 1..n, then each outcome's own."""
    found: list[Warning] = []
    key = unit_key(unit.reference, unit.number)
    los = [int(lo.number) for lo in unit.learning_outcomes]
    if _out_of_sequence(los):
        found.append(Warning(code="numbering_gap", unit=key, location=unit.location,
                             message=f"outcomes numbered {los}, expected 1..{len(los)}"))
    for lo in unit.learning_outcomes:
        found += _outcome_warnings(lo, key)
    return found


def _group_warnings(doc: Document) -> list[Warning]:
    """Per group: units it lists more than once, and units it lists that the document lacks."""
    found: list[Warning] = []
    known = {unit_key(u.reference, u.number) for u in doc.units}
    for g in doc.qualification.groups:
        for ref in sorted({r for r in g.units if g.units.count(r) > 1}):
            found.append(Warning(code="group_unit_repeated", unit=ref,
                                 message=f"{g.name} lists {ref} {g.units.count(ref)} times"))
        for ref in dict.fromkeys(g.units):
            if ref not in known:
                found.append(Warning(code="group_unit_unknown", unit=ref, message=f"{g.name} lists {ref}, not found"))
    return found


def validate(doc: Document) -> Document:
    """A document re-validated against the model, with a warning for every numbering gap, criterion
    without text and group entry repeated or unknown (units in order, then groups)."""
    doc = Document.model_validate(doc.model_dump())
    found = [w for unit in doc.units for w in _unit_warnings(unit)] + _group_warnings(doc)
    return doc.model_copy(update={"warnings": doc.warnings + found})
