"""Stage 4: structure rows + unit sections -> units.

A unit is known from the structure (groups), from its own pages, or both. They are matched by
reference, then by local number, then (for a printed reference that fails its check) by the
digits of a valid reference in the structure. Facts printed on the unit page win over the
structure table; the title comes from the unit's own header when it has one.
"""

from __future__ import annotations

import re


from . import patterns as P
from ..layout.lines import Line
from ..models import Group, Location, Unit, Warning
from .facts import row_facts
from .outcomes import parse_outcomes
from .sections import Section, parse_ref
from .structure import Row, Structure, _title


def _loc(line: Line) -> Location:
    return Location(page=line.page, line=line.number)


def _with_value_below(lines: list[Line], k: int) -> str:
    """A fact label whose value is printed on the next line (``Unit level`` / ``1``, or a
    wrapped ``... GLH:`` / ``60``) -> one ``label value`` text; any other line as it is."""
    t = lines[k].text
    if not (P.FACT_LABEL_END.search(t) or P.FACT_LABEL_LINE.match(t)):
        return t
    below = next((l.text for l in lines[k + 1 : k + 3] if not l.blank), "")
    return f"{t} {below}" if below.isdigit() or re.fullmatch(P.REF, below) else t


def _facts(lines: list[Line]) -> dict:
    facts: dict = {}
    for k, line in enumerate(lines):
        t = _with_value_below(lines, k)
        for key, pattern in (("level", P.FACT_LEVEL), ("credits", P.FACT_CREDITS), ("glh", P.FACT_GLH)):
            m = pattern.match(t)
            if m and key not in facts:
                facts[key] = int(next(g for g in m.groups() if g))
        for key, value in row_facts(t).items():
            facts.setdefault(key, value)
        m = P.FACT_REF.search(t)
        if m and "reference" not in facts:
            facts["reference"] = parse_ref(m.group(1))
    return facts


def build_units(structure: Structure, sections: list[Section]) -> tuple[list[Unit], list[Group], list[Warning], list]:
    """Units from the structure and the sections; also each section with the unit it became."""
    warnings: list[Warning] = []
    units: list[Unit] = []
    placed: list[tuple[Section, Unit]] = []

    def warn_ref(checked, line: Line, unit_ref: str, context: str = "") -> None:
        if checked.status == "repaired":
            warnings.append(Warning(code="reference_repaired", unit=unit_ref, location=_loc(line),
                                    message=f"unit reference printed {checked.printed!r}, repaired to {checked.value} (check letter)"))
        elif checked.status == "invalid":
            warnings.append(Warning(code="reference_check_failed", unit=unit_ref, location=_loc(line),
                                    message=f"unit reference {checked.printed!r} fails its check character{context}"))

    by_ref: dict[str, Unit] = {}
    by_number: dict[str, Unit] = {}
    for group in structure.groups:
        for row in group.rows:
            ref = row.reference.value if row.reference else None
            existing = (by_ref.get(ref) if ref else None) or (by_number.get(row.number) if row.number else None)
            if existing:
                continue
            if row.reference:
                warn_ref(row.reference, row.line, ref)
            unit = Unit(reference=ref, number=row.number, title=row.title, level=row.level, credits=row.credits, glh=row.glh,
                        location=_loc(row.line))
            units.append(unit)
            if ref:
                by_ref[ref] = unit
            if row.number:
                by_number[row.number] = unit

    for sec in sections:
        facts = _facts(sec.lines)
        checked = sec.reference or facts.get("reference")
        ref = checked.value if checked else None
        unit = (by_ref.get(ref) if ref else None) or (by_number.get(sec.number) if sec.number else None)
        if unit is None and checked and checked.status == "invalid":
            digits = ref[2:]
            twins = [u for u in units if u.reference and u.reference[2:] == digits]
            if len(twins) == 1:
                unit = twins[0]
                warnings.append(Warning(code="reference_check_failed", unit=unit.reference, location=_loc(sec.header),
                                        message=f"unit header prints {checked.printed!r}, which fails its check character; "
                                                f"the qualification structure lists {unit.reference} with the same digits"))
                checked = None
        if checked and checked.status != "ok":
            warn_ref(checked, sec.header, ref)
        if unit is None:
            unit = Unit(reference=ref, number=sec.number, location=_loc(sec.header))
            units.append(unit)
        if ref and not unit.reference:
            unit.reference = ref
        if sec.number and not unit.number:
            unit.number = sec.number
        if sec.title:
            unit.title = _title(sec.title)
        for field in ("level", "credits", "glh"):
            listed, printed = getattr(unit, field), facts.get(field)
            if printed is not None and listed is not None and printed != listed:
                warnings.append(Warning(code="unit_facts_disagree", unit=unit.reference or unit.number, location=_loc(sec.header),
                                        message=f"{field}: the unit page prints {printed}, the qualification structure {listed}; "
                                                f"the unit page is used"))
            if printed is not None:
                setattr(unit, field, printed)
        if ref:
            by_ref[ref] = unit
        if unit.number:
            by_number[unit.number] = unit
        if sec.headless:
            warnings.append(Warning(code="unit_header_missing", unit=unit.reference or unit.number, location=_loc(sec.header),
                                    message=f"unit {unit.number} has no header; named from the contents list"))
        placed.append((sec, unit))
        los, w = parse_outcomes(sec.lines, unit.reference or unit.number)
        if los:
            unit.learning_outcomes = los
            unit.location = _loc(sec.header)
        warnings.extend(w)

    groups = [
        Group(name=g.name, mandatory=g.mandatory, min_credits=g.min_credits, max_credits=g.max_credits,
              units=[_key(by_ref, by_number, r) for r in g.rows])
        for g in structure.groups
    ]
    return units, groups, warnings, placed


def _key(by_ref: dict, by_number: dict, row: Row) -> str:
    if row.reference:
        return row.reference.value
    unit = by_number.get(row.number)
    return (unit.reference if unit and unit.reference else None) or row.number
