"""Stage: validate a document against the model and its own numbering.

pydantic checks the shape; here we check the content a person would: criteria numbered
1..n under each outcome, outcomes 1..n, and every group's unit present in ``units`` and listed once. Each
finding becomes a warning in the output.
"""

from __future__ import annotations

from ..models import Document, Warning
from ..parse.identity import unit_key


def validate(doc: Document) -> Document:
    doc = Document.model_validate(doc.model_dump())
    found: list[Warning] = []
    for unit in doc.units:
        key = unit_key(unit.reference, unit.number)
        los = [int(lo.number) for lo in unit.learning_outcomes]
        if los and los != list(range(1, len(los) + 1)):
            found.append(Warning(code="numbering_gap", unit=key, location=unit.location,
                                 message=f"outcomes numbered {los}, expected 1..{len(los)}"))
        for lo in unit.learning_outcomes:
            idx = [int(ac.number.split(".")[1]) for ac in lo.assessment_criteria]
            if idx and idx != list(range(1, len(idx) + 1)):
                found.append(Warning(code="numbering_gap", unit=key, location=lo.location,
                                     message=f"outcome {lo.number}: criteria numbered {idx}, expected 1..{len(idx)}"))
            for ac in lo.assessment_criteria:
                if not ac.text:
                    found.append(Warning(code="criterion_text_missing", unit=key, location=ac.location,
                                         message=f"criterion {ac.number} has no text"))
    known = {unit_key(u.reference, u.number) for u in doc.units}
    for g in doc.qualification.groups:
        for ref in sorted({r for r in g.units if g.units.count(r) > 1}):
            found.append(Warning(code="group_unit_repeated", unit=ref,
                                 message=f"{g.name} lists {ref} {g.units.count(ref)} times"))
        for ref in dict.fromkeys(g.units):
            if ref not in known:
                found.append(Warning(code="group_unit_unknown", unit=ref, message=f"{g.name} lists {ref}, not found"))
    return doc.model_copy(update={"warnings": doc.warnings + found})
