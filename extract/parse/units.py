"""Stage 4: structure rows + unit sections -> units.

A unit is known from the structure (groups), from its own pages, or both. They are matched by
reference, then by local number, then (for a printed reference that fails its check) by the
digits of a valid reference in the structure. Facts printed on the unit page win over the
structure table; the title comes from the unit's own header when it has one.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property
from typing import Optional

from . import patterns as P
from ..layout.lines import Line
from ..models import Group, Location, Unit, Warning
from ..repair.vocabulary import pairs
from .facts import row_facts, unpaired_message
from .identity import same_title, unit_key
from .outcomes import parse_outcomes
from .sections import Section, parse_ref
from .structure import Row, Structure, _title

MIN_PHRASE_REPEATS = 2
"""Times the document must print a word pair, across line ends, before it is a phrase of its
own (a pair seen once may be the very column junction to decide)."""


class DocumentPairs:
    """The document's word pairs (``vocabulary.pairs``), counted when a unit's reading first
    asks for them: only a flattened LO | AC row split back into its columns and a paragraph
    printed among an outcome's criteria consult them, and most documents have neither (counting
    them for every document cost about 5% of a text-layer PDF's extraction)."""

    def __init__(self, sections: list[Section]):
        self.sections = sections

    @cached_property
    def within(self) -> Counter:
        """Pairs within a line, for column splits."""
        return pairs([l.text for sec in self.sections for l in sec.lines])

    @cached_property
    def splits(self) -> Counter:
        """Pairs for column splits: within a line, and the phrases printed across line ends (a
        phrase a column always wraps, ``SMART`` / ``targets``, is no pair within a line)."""
        return self.within | self.phrases

    @cached_property
    def phrases(self) -> Counter:
        """Pairs across line ends too, printed ``MIN_PHRASE_REPEATS`` times or more."""
        joined = pairs([" ".join(l.text for l in sec.lines if not l.noise) for sec in self.sections])
        return Counter({p: n for p, n in joined.items() if n >= MIN_PHRASE_REPEATS})


def _loc(line: Line) -> Location:
    return Location(page=line.page, line=line.number)


def _with_value_below(lines: list[Line], k: int) -> str:
    """A fact label whose value is printed on the next line (``Unit level`` / ``1``, or a
    wrapped ``... GLH:`` / ``60``) -> one ``label value`` text; any other line as it is."""
    t = lines[k].text
    if not (P.FACT_LABEL_END.search(t) or P.FACT_LABEL_LINE.match(t)):
        return t
    if k and P.FACT_LABEL_LINE.match(t) and P.FACT_LABEL_LINE.match(lines[k - 1].text):
        return t  # the last of a column of bare labels: the number below is the first label's
    below = next((l.text for l in lines[k + 1 : k + 3] if not l.blank), "")
    return f"{t} {below}" if below.isdigit() or re.fullmatch(P.REF, below) else t


def _unpaired_label(text: str) -> Optional[str]:
    """The fact (level, credits, glh) a bare label with no value names, or None."""
    if not P.FACT_LABEL_LINE.match(text):
        return None
    return next((key for key, label in P.FACT_LABELS.items() if re.fullmatch(label + r"\s*:?", text, re.I)), None)


def _facts(lines: list[Line]) -> dict:
    """Level, credits, GLH and reference printed in a unit's lines; ``unpaired``: the facts
    whose label stands with no value read (key -> the label's line)."""
    facts: dict = {"unpaired": {}}
    for k, line in enumerate(lines):
        t = _with_value_below(lines, k)
        key = _unpaired_label(t)
        if key:
            facts["unpaired"].setdefault(key, line)
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


class _Found:
    """The units found so far, in order, and by reference and by local number: a unit is
    matched by its reference, then by its number."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.by_ref: dict[str, Unit] = {}
        self.by_number: dict[str, Unit] = {}
        self.printed: dict[int, Optional[str]] = {}  # id(unit) -> the title of the section that printed it

    def printed_apart(self, unit: Unit, sec: Section) -> bool:
        """Another section printed ``unit`` under another title: ``sec`` is not that unit."""
        return id(unit) in self.printed and not same_title(self.printed[id(unit)], sec.title)

    def by_title(self, title: Optional[str]) -> Optional[Unit]:
        """The one unit no section has printed yet whose listed title is ``title``."""
        hits = [u for u in self.units if id(u) not in self.printed and u.title and title
                and same_title(u.title, title)]
        return hits[0] if len(hits) == 1 else None

    def find(self, ref: Optional[str], number: Optional[str]) -> Optional[Unit]:
        """The unit of ``ref``, else of ``number``, but never one that has another reference."""
        if ref and ref in self.by_ref:
            return self.by_ref[ref]
        unit = self.by_number.get(number) if number else None
        return None if unit and ref and unit.reference and unit.reference != ref else unit

    def index(self, ref: Optional[str], number: Optional[str], unit: Unit) -> None:
        if ref:
            self.by_ref[ref] = unit
        if number:
            self.by_number[number] = unit

    def same_digits(self, ref: str) -> Optional[Unit]:
        """The one unit whose reference has the digits of ``ref`` (a reference failing its check)."""
        digits = ref[2:]
        twins = [u for u in self.units if u.reference and u.reference[2:] == digits]
        return twins[0] if len(twins) == 1 else None

    def group_entry(self, row: Row) -> str:
        """A group's entry for a structure row: the row's reference, else its unit's key."""
        if row.reference:
            return row.reference.value
        unit = self.by_number.get(row.number)
        return unit_key(unit.reference if unit else None, row.number)


def build_units(structure: Structure, sections: list[Section]) -> tuple[list[Unit], list[Group], list[Warning], list]:
    """Units from the structure and the sections; also each section with the unit it became."""
    warnings: list[Warning] = []
    found = _Found()
    for group in structure.groups:
        for row in group.rows:
            _add_listed(found, row, warnings)
    placed: list[tuple[Section, Unit]] = []
    document = DocumentPairs(sections)
    for sec in sections:
        unit = _place(found, sec, warnings)
        placed.append((sec, unit))
        los, w = parse_outcomes(sec.lines, unit_key(unit.reference, unit.number), document)
        if los:
            unit.learning_outcomes = los
            unit.location = _loc(sec.header)
        warnings.extend(w)
    groups = [
        Group(name=g.name, mandatory=g.mandatory, min_credits=g.min_credits, max_credits=g.max_credits,
              units=[found.group_entry(r) for r in g.rows])
        for g in structure.groups
    ]
    return found.units, groups, warnings, placed


def _add_listed(found: _Found, row: Row, warnings: list[Warning]) -> None:
    """A unit the structure lists, unless an earlier row listed it."""
    ref = row.reference.value if row.reference else None
    if found.find(ref, row.number):
        return
    if row.reference:
        _warn_reference(warnings, row.reference, row.line, ref)
    unit = Unit(reference=ref, number=row.number, title=row.title, level=row.level, credits=row.credits, glh=row.glh,
                location=_loc(row.line))
    found.units.append(unit)
    found.index(ref, row.number, unit)


def _place(found: _Found, sec: Section, warnings: list[Warning]) -> Unit:
    """The unit a section prints: the listed one it matches, or a new one; its own header and
    facts win over the structure."""
    facts = _facts(sec.lines)
    checked = sec.reference or facts.get("reference")
    ref = checked.value if checked else None
    unit = found.find(ref, sec.number)
    if unit is not None and ref is None and found.printed_apart(unit, sec):
        unit = _apart(found, sec, unit, warnings)
    if unit is None and checked and checked.status == "invalid":
        unit = found.same_digits(ref)
        if unit:
            warnings.append(Warning(code="reference_check_failed", unit=unit.reference, location=_loc(sec.header),
                                    message=f"unit header prints {checked.printed!r}, which fails its check character; "
                                            f"the qualification structure lists {unit.reference} with the same digits"))
            checked = None
    if checked and checked.status != "ok":
        _warn_reference(warnings, checked, sec.header, ref)
    if unit is None:
        unit = Unit(reference=ref, number=sec.number, location=_loc(sec.header))
        found.units.append(unit)
    _take_header(unit, sec, ref)
    _take_facts(unit, facts, sec.header, warnings)
    found.index(ref, unit.number, unit)
    found.printed[id(unit)] = sec.title
    if sec.headless:
        warnings.append(Warning(code="unit_header_missing", unit=unit_key(unit.reference, unit.number), location=_loc(sec.header),
                                message=f"unit {unit.number} has no header; named from the contents list"))
    return unit


def _apart(found: _Found, sec: Section, other: Unit, warnings: list[Warning]) -> Optional[Unit]:
    """A section without a readable reference whose local number is another printed unit's:
    the listed unit of its title, else (None) a unit of its own; a warning either way."""
    unit = found.by_title(sec.title)
    said = f"the unit with title {unit.title!r}, {unit_key(unit.reference, unit.number)}" if unit else "a unit of its own"
    warnings.append(Warning(code="unit_reference_unread", unit=unit_key(unit.reference, unit.number) if unit else sec.number,
                            location=_loc(sec.header),
                            message=f"unit {sec.number} {sec.title!r}: no reference could be read, and its number is "
                                    f"{unit_key(other.reference, other.number)}'s ({other.title!r}); read as {said}"))
    return unit


def _take_header(unit: Unit, sec: Section, ref: Optional[str]) -> None:
    """The section's reference and number where the unit has none; its title always."""
    if ref and not unit.reference:
        unit.reference = ref
    if sec.number and not unit.number:
        unit.number = sec.number
    if sec.title:
        unit.title = _title(sec.title)


def _take_facts(unit: Unit, facts: dict, header: Line, warnings: list[Warning]) -> None:
    """Level, credits and GLH printed on the unit page replace the structure's, with a
    warning where the two differ."""
    for field in ("level", "credits", "glh"):
        listed, printed = getattr(unit, field), facts.get(field)
        if printed is not None and listed is not None and printed != listed:
            warnings.append(Warning(code="unit_facts_disagree", unit=unit_key(unit.reference, unit.number), location=_loc(header),
                                    message=f"{field}: the unit page prints {printed}, the qualification structure {listed}; "
                                            f"the unit page is used"))
        if printed is not None:
            setattr(unit, field, printed)
    for field, line in facts["unpaired"].items():
        if getattr(unit, field) is None:
            warnings.append(Warning(code="facts_unpaired", unit=unit_key(unit.reference, unit.number), location=_loc(line),
                                    message=unpaired_message(field, line.text)))


def _warn_reference(warnings: list[Warning], checked, line: Line, unit_ref: str) -> None:
    """A reference whose check letter was repaired, or that fails its check character."""
    if checked.status == "repaired":
        warnings.append(Warning(code="reference_repaired", unit=unit_ref, location=_loc(line),
                                message=f"unit reference printed {checked.printed!r}, repaired to {checked.value} (check letter)"))
    elif checked.status == "invalid":
        warnings.append(Warning(code="reference_check_failed", unit=unit_ref, location=_loc(line),
                                message=f"unit reference {checked.printed!r} fails its check character"))
