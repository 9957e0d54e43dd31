"""Stage: deduplicate within one document.

Page-break repeats and "(cont'd)" headers are merged earlier (sections); here a unit listed
twice (two groups, or structure + an extra copy) is kept once, and identical warnings are
collapsed. Deduplication *across* documents belongs to the catalogue.
"""

from __future__ import annotations

from ..models import Document
from ..parse.identity import unit_key


def dedupe(doc: Document) -> Document:
    """A document with each unit kept once (by reference, else by number and title; first copy
    wins) and each warning once (by code, message and unit)."""
    seen: set = set()
    units = []
    for unit in doc.units:
        # a unit known only by its local number is the same unit only under the same title too
        key = (unit_key(unit.reference, unit.number), None if unit.reference else unit.title)
        if key in seen:
            continue
        seen.add(key)
        units.append(unit)
    warnings, wseen = [], set()
    for w in doc.warnings:
        key = (w.code, w.message, w.unit)
        if key not in wseen:
            wseen.add(key)
            warnings.append(w)
    return doc.model_copy(update={"units": units, "warnings": warnings})
