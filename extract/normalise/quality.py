"""Stage: how much of the document was read -- the quality section, and a warning for each gap.

A wrong value is worse than a missing one, and a missing one must be visible. The source is
scanned for what looks like specification content independently of how the parser read it:

* **criterion-like lines** (``1.1 Describe ...``, ``AC2.3 Explain ...``) in each unit's
  section; one that became no criterion of that unit (by its line, or by its text inside a
  criterion) is a ``criteria_not_extracted`` warning;
* **unit-heading-like lines** (``Unit 7 Title``, ``UNIT 12``, ``Unit 3A: ...``) followed by
  outcome or criterion rows that did not open a unit: ``unit_header_unrecognised``, because
  their content went to the unit before (or nowhere);
* **units without outcomes**: ``outcomes_not_found``, saying whether the document printed a
  unit section for it at all.

The figures go into ``Document.quality``; the run summary names documents whose criterion
coverage is below ``LOW_COVERAGE``.
"""

from __future__ import annotations

import re
from typing import Optional

from ..parse import patterns as P
from ..layout.lines import Line
from ..parse.identity import unit_key
from ..models import Location, Quality, Unit, Warning
from ..parse.sections import Section, Split

LOW_COVERAGE = 0.9  # criterion lines read / criterion-like lines seen, below which a run names the document
HEADING_LOOKAHEAD = 15  # lines under an unrecognised heading searched for outcome/criterion rows
HEADING_MAX_LENGTH = 140  # characters: a longer heading-like line is prose, not a heading
PROBE_LENGTH = 60  # characters of a criterion-like line's text looked for inside the extracted criteria
COVERAGE_DIGITS = 3  # decimal places of the criterion coverage
_CRITERION_LIKE = re.compile(r"^(?:AC\s*)?(\d{1,2}\.\d{1,2})\.?\s*[:)]?\s+([A-Za-z(].*)$", re.I)
_HEADING_LIKE = re.compile(r"^(?:unit|module)\s+(?:[A-Z]?\d{1,3}[A-Z]?|[A-Z]/\d{3}/\d{4})\b(?!\s*(?:is|are|has|covers)\b)", re.I)
_WORD = re.compile(r"[a-z0-9]+")


def _norm(text: str) -> str:
    """A text's lower-case words joined by single spaces: how lines and criteria are compared."""
    return " ".join(_WORD.findall(text.lower()))


def _loc(line: Line) -> Location:
    """A line's place in the source."""
    return Location(page=line.page, line=line.number)


def _criterion_cells(lines: list[Line]):
    """Criterion-like cells outside guidance regions: after a ``patterns.STOP`` heading
    (assessment guidance, range) numbered notes follow the criteria they explain, until the
    next outcome heading or column marker. A number not printed before in the section keys no
    criterion: in such a region it is criterion-like too (the criteria column going on after a
    third column's text)."""
    guidance, seen = False, set()
    for line in lines:
        if line.noise or line.blank:
            continue
        if P.STOP.match(line.text):
            guidance = True
        elif guidance and (P.LO_MARKER.search(line.text) or P.AC_MARKER.search(line.text)
                           or P.OUTCOME_LINE.match(line.text)):  # outside guidance, no marker changes anything
            guidance = False
        for cell in line.cells:
            m = _CRITERION_LIKE.match(cell)
            if m and not (guidance and m.group(1) in seen):
                yield line, m.group(1), m.group(2)
            if m:
                seen.add(m.group(1))


def _extracted(unit: Unit):
    """A unit's criteria as read: the (page, line) spots they were read from, their texts normalised."""
    spots, texts = set(), []
    for lo in unit.learning_outcomes:
        for ac in lo.assessment_criteria:
            if ac.location:
                spots.add((ac.location.page, ac.location.line))
            texts.append(_norm(ac.text or ""))
    return spots, texts


def _missed_criteria(sec: Section, unit: Unit, key: Optional[str]) -> tuple[int, int, list[Warning]]:
    """One unit's section -> (criterion-like lines seen, lines read, a ``criteria_not_extracted``
    warning per line seen and not read). A line is read when a criterion of the unit sits on it
    or holds the first ``PROBE_LENGTH`` characters of its text (normalised)."""
    spots, texts = _extracted(unit)
    seen = read = 0
    warnings = []
    for line, number, text in _criterion_cells(sec.lines):
        seen += 1
        probe = _norm(text)[:PROBE_LENGTH]
        if (line.page, line.number) in spots or (probe and any(probe in t for t in texts)):
            read += 1
            continue
        warnings.append(Warning(code="criteria_not_extracted", unit=key, location=_loc(line),
                                message=f"criterion-like line {number} {text[:60]!r} is in no criterion of this unit"))
    return seen, read, warnings


def _heading_candidate(line: Line, headers: set[int]) -> bool:
    """Whether a line looks like a unit heading that was not read as one: not noise, not a unit
    header already, heading-like and at most ``HEADING_MAX_LENGTH`` characters, neither a
    contents entry nor a sentence."""
    if line.noise or id(line) in headers or not _HEADING_LIKE.match(line.text) or len(line.text) > HEADING_MAX_LENGTH:
        return False
    return not (P.CONTENTS_ENTRY.match(line.text) or line.text.endswith("."))


def _outcome_rows_follow(below: list[Line]) -> bool:
    """Whether any cell of the lines holds an outcome or a criterion-like row."""
    return any(_CRITERION_LIKE.match(c) or P.OUTCOME_LINE.match(c) for l in below for c in l.cells)


def _unrecognised_headings(lines: list[Line], headers: set[int], key: Optional[str]) -> list[Warning]:
    """A ``unit_header_unrecognised`` warning for each heading-like line followed (within
    ``HEADING_LOOKAHEAD`` lines) by outcome or criterion rows: their content went to unit ``key``
    (None: before the first unit)."""
    out = []
    for i, line in enumerate(lines):
        if not _heading_candidate(line, headers) or not _outcome_rows_follow(lines[i + 1 : i + 1 + HEADING_LOOKAHEAD]):
            continue
        where = f"inside unit {key}'s section: its content may be filed under {key}" if key else "before the first unit"
        out.append(Warning(code="unit_header_unrecognised", unit=key, location=_loc(line),
                           message=f"{line.text[:70]!r} looks like a unit heading followed by outcomes, "
                                   f"but was not read as one ({where})"))
    return out


def _outcomes_not_found(units: list[Unit], placed: list[tuple[Section, Unit]]) -> tuple[list[Unit], list[Warning]]:
    """The units without outcomes and an ``outcomes_not_found`` warning for each, saying whether
    the document printed a unit section for it."""
    with_pages = {id(unit) for _, unit in placed}
    empty = [u for u in units if not u.learning_outcomes]
    warnings = []
    for u in empty:
        where = ("its unit section was found but no outcomes were recognised in it" if id(u) in with_pages
                 else "listed in the qualification structure; the document prints no unit section for it")
        warnings.append(Warning(code="outcomes_not_found", unit=unit_key(u.reference, u.number), location=u.location,
                                message=f"unit {unit_key(u.reference, u.number)}: no learning outcomes ({where})"))
    return empty, warnings


def _quality(units: list[Unit], empty: list[Unit], seen: int, read: int, warnings: list[Warning]) -> Quality:
    """The quality section: counts of units, outcomes and criteria, criterion coverage
    (lines read / criterion-like lines seen; None when none was seen), unrecognised headings."""
    return Quality(
        units=len(units), units_without_outcomes=[unit_key(u.reference, u.number) or "?" for u in empty],
        learning_outcomes=sum(len(u.learning_outcomes) for u in units),
        assessment_criteria=sum(len(lo.assessment_criteria) for u in units for lo in u.learning_outcomes),
        criterion_like_lines=seen, criterion_lines_read=read,
        criterion_coverage=round(read / seen, COVERAGE_DIGITS) if seen else None,
        unrecognised_unit_headings=sum(w.code == "unit_header_unrecognised" for w in warnings),
    )


def assess(split: Split, units: list[Unit], placed: list[tuple[Section, Unit]]) -> tuple[Quality, list[Warning]]:
    """The quality section and the warnings for its gaps: unrecognised headings before the first
    unit, then per placed unit its missed criteria and unrecognised headings, then units without
    outcomes."""
    headers = {id(sec.header) for sec, _ in placed}
    warnings: list[Warning] = _unrecognised_headings(split.front, headers, None)
    seen = read = 0
    for sec, unit in placed:
        key = unit_key(unit.reference, unit.number)
        s, r, w = _missed_criteria(sec, unit, key)
        seen, read, warnings = seen + s, read + r, warnings + w
        warnings += _unrecognised_headings(sec.lines, headers, key)
    empty, missing = _outcomes_not_found(units, placed)
    warnings += missing
    return _quality(units, empty, seen, read, warnings), warnings
