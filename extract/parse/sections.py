"""Stage 3: clean lines -> front matter and one section per unit.

A unit section starts at a unit header (``Unit D/506/2153``, ``Unit 401``,
``Unit 01 Title (A/506/2130) (cont'd)``) and runs to the next header. Page-break repeats and
``(cont'd)`` headers carry the same key and are merged. A section that holds the facts of two
units (a header the document lost, as in City & Guilds' unit 403) is split where the second
unit's facts begin, and the lost unit is named from the contents list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from . import patterns as P
from .identity import unit_key
from ..normalise.identifiers import Checked, check_unit_reference
from ..layout.lines import Line


@dataclass
class Section:
    key: str
    number: Optional[str]
    reference: Optional[Checked]
    title: Optional[str]
    header: Line
    lines: list[Line] = field(default_factory=list)
    headless: bool = False  # the document lost this unit's header
    consumed: int = 0  # lines after the header that belong to it (a wrapped title or reference)
    title_row: bool = False  # opened by a "Unit title: ..." row


@dataclass
class Split:
    front: list[Line]
    sections: list[Section]
    contents: dict[str, str]  # local number -> title, from the contents list


def parse_ref(text: str) -> Checked:
    letter, block, serial = re.sub(r"\s", "", text).split("/")
    return check_unit_reference(letter, block, serial)


def _header(lines: list[Line], i: int, in_units: bool) -> Optional[Section]:
    line = lines[i]
    text = line.text
    m = P.UNIT_HEADER_NUMBER_REF.search(text)
    if m:
        ref = parse_ref(m.group(3))
        sec = Section(ref.value, m.group(1), ref, _HEADING_DASH.sub("", m.group(2)), line)
        if m.group(4):  # "... (cont'd)Assessment guidance": the rest belongs to the section
            sec.lines.append(Line(line.number, line.page, [m.group(4)]))
        return sec
    m = P.UNIT_HEADER_REF.match(text)
    if m:
        ref = parse_ref(m.group(1))
        title = m.group(2) or _next_text(lines, i)
        return Section(ref.value, None, ref, title, line)
    m = P.UNIT_HEADER_BARE_REF.match(text) if in_units and len(line.cells) == 1 else None
    if m:
        ref = parse_ref(m.group(1))
        return Section(ref.value, None, ref, m.group(2), line)
    m = P.UNIT_HEADER_NUMBER.match(text)
    if m:
        return Section(unit_key(None, m.group(1)), m.group(1), None, _next_text(lines, i), line)
    m = P.UNIT_HEADING.match(text) if _heading_shape(lines, i) else None
    if m:
        return _numbered_heading(lines, i, m)
    title = _title_row(lines, i)
    if title:
        ref = _reference_below(lines, i)
        sec = Section(ref.value if ref else "title:" + title.lower(), None, ref, title, line)
        sec.title_row = True
        return sec
    return None


def _take_title_heading(before: list[Line], sec: Section) -> None:
    """The unit's title printed as a heading just before its header or ``Unit title:`` row
    belongs to the new unit, not to the end of the one before."""
    k = len(before) - 1
    while k >= 0 and (before[k].blank or before[k].noise):
        k -= 1
    if k >= 0 and sec.title and before[k].text.lower() == sec.title.lower():
        del before[k]


def _title_row(lines: list[Line], i: int) -> Optional[str]:
    """``Unit title: X`` as a line, ``Unit title X`` with the reference under it (OCR lost
    the cell border), or a ``Unit title | X`` table row."""
    line = lines[i]
    cells = [c for c in line.cells if c]
    if len(line.cells) >= 2 and P.UNIT_TITLE_LABEL.match(line.cells[0]):
        # a label | value row; a structure table's header row ("Unit title | Level | Credits") is none
        return cells[1] if len(cells) == 2 and not _COLUMN_NAMES.search(cells[1]) else None
    m = P.UNIT_TITLE_ROW.match(line.text) or P.UNIT_TITLE_BARE.match(line.text)
    if m and m.re is P.UNIT_TITLE_BARE and not _reference_below(lines, i, reach=2):
        return None  # "Unit title and number": prose, not a row without its colon
    return m.group(1) if m else None


_HEADING_DASH = re.compile(r"^[:.\u2013\u2014-]\s*")  # "Unit 302 - Title": the separator is no title
_COLUMN_NAMES = re.compile(r"\b(?:level|credits?|glh|guided learning|reference|unit no)\b", re.I)
TITLE_ROW_REACH = 3  # a "Unit title:" row this close under a unit heading belongs to that heading
_HEADING_MAX_CHARS = 140  # a unit heading is a line, not a paragraph
_REF_LOOKAHEAD = 8  # lines under a heading where its facts (and reference) are printed


def _heading_shape(lines: list[Line], i: int) -> bool:
    """A ``Unit N Title`` line is a heading, not a structure row, contents entry or list item:
    one cell, short, no trailing number or full stop, no credits, and not followed at once
    by another line of the same shape (a list of units)."""
    line = lines[i]
    t = line.text
    if len(line.cells) > 1 or len(t) > _HEADING_MAX_CHARS or t.endswith(".") or re.search(r"\d$", t.split("(")[0].strip()):
        return False
    if re.search(r"\bcredits?\b|\.{4,}", t, re.I):
        return False
    nxt = next((l for l in lines[i + 1 : i + 4] if not l.blank and not l.noise), None)
    return not (nxt and P.UNIT_HEADING.match(nxt.text) and not nxt.text.endswith("."))


def _numbered_heading(lines: list[Line], i: int, m: re.Match) -> Section:
    """``Unit 301: Title`` with its reference in parentheses, wrapped onto the next line, or
    printed in the facts under it."""
    number, title, ref_text = m.group(1), m.group(2).strip(), m.group(3)
    consumed = 0
    if not ref_text:
        for k, line in enumerate(lines[i + 1 : i + 3], start=1):
            if line.blank or line.noise:
                continue
            tail = P.REF_TAIL.match(line.text)
            if tail and (not tail.group(1) or tail.group(1)[:1].islower() or line.text.lstrip().startswith("(")):
                title = f"{title} {tail.group(1)}".strip()
                ref_text, consumed = tail.group(2), k
            elif k == 1 and _title_wrapped(line.text):
                title, consumed = f"{title} {line.text}", k
            break
    ref = parse_ref(ref_text) if ref_text else _reference_below(lines, i + consumed)
    title = re.sub(r"\s*\($", "", title) or _next_text(lines, i + consumed)
    sec = Section(unit_key(ref.value if ref else None, number), number, ref, title, lines[i])
    sec.consumed = consumed
    return sec


MAX_WRAPPED_WORDS = 4  # a heading's title wrapped onto the next line leaves a few words there


def _title_wrapped(text: str) -> bool:
    """The line right under a heading is the end of its title: a few lower-case words, no
    digits, no full stop, no marker ("Unit 1 - Promote ... in care" / "settings")."""
    return (text[:1].islower() and len(text.split()) <= MAX_WRAPPED_WORDS and not re.search(r"\d|[.:;]$", text)
            and not (P.LO_MARKER.search(text) or P.AC_MARKER.search(text)))


def _reference_below(lines: list[Line], i: int, reach: int = _REF_LOOKAHEAD) -> Optional[Checked]:
    """The unit reference printed in the facts under a heading, before the next heading."""
    for line in lines[i + 1 : i + 1 + reach]:
        if P.UNIT_HEADING.match(line.text) or P.UNIT_HEADER_REF.match(line.text):
            return None
        m = P.FACT_REF.search(line.text)
        if m:
            return parse_ref(m.group(1))
    return None


def _next_text(lines: list[Line], i: int) -> Optional[str]:
    """The unit title under a bare header: the next non-blank line(s) up to a blank line."""
    parts = []
    for line in lines[i + 1 : i + 6]:
        if line.noise:
            continue
        if line.blank:  # a title may wrap across a blank line (lower-case continuation)
            continue
        if parts and not line.text[:1].islower():
            break
        if P.LO_MARKER.search(line.text) or P.AC_MARKER.search(line.text):
            break
        parts.append(line.text)
    return " ".join(parts) or None


def split_sections(lines: list[Line]) -> Split:
    front: list[Line] = []
    sections: list[Section] = []
    contents: dict[str, str] = {}
    current: Optional[Section] = None
    skip = 0
    for i, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        listed = current is None and _contents_entry(line, contents)
        sec = None if listed else _header(lines, i, current is not None)
        if sec and current and _title_row_under(current, sec, lines, i):
            current.title = sec.title  # "Unit D/506/2153" then "Unit title: ...": one heading
            continue
        if sec:
            _take_title_heading(current.lines if current else front, sec)
            current = sec
            sections.append(sec)
            skip = sec.consumed
            continue
        (current.lines if current else front).append(line)
    merged = _merge(sections)
    return Split(front, [s for part in merged for s in _split_lost_headers(part, contents, merged)], contents)


def _contents_entry(line: Line, contents: dict[str, str]) -> bool:
    """A contents list entry (before the first unit): its number and title are recorded."""
    m = P.CONTENTS_ENTRY.match(line.text)
    if m:
        contents[m.group(1)] = m.group(2)
    return bool(m)


def _title_row_under(current: Section, sec: Section, lines: list[Line], i: int) -> bool:
    """A ``Unit title:`` row close under the current unit's heading belongs to that heading."""
    return sec.title_row and i - lines.index(current.header) <= TITLE_ROW_REACH


def _split_lost_headers(sec: Section, contents: dict[str, str], all_sections: list[Section]) -> list[Section]:
    """Split a section holding a second unit's facts (Level/Credit value/reference)."""
    refs = [(k, P.FACT_REF.search(l.text)) for k, l in enumerate(sec.lines)]
    refs = [(k, m) for k, m in refs if m]
    distinct = []
    for k, m in refs:
        if not distinct or parse_ref(m.group(1)).value != parse_ref(distinct[-1][1].group(1)).value:
            distinct.append((k, m))
    if len(distinct) < 2:
        return [sec]
    out = [sec]
    for k, m in distinct[1:]:
        start = _level_start(sec, k)
        number = _next_number(out[-1].number, contents, all_sections)
        ref = parse_ref(m.group(1))
        out.append(Section(ref.value, number, ref, contents.get(number or ""), sec.lines[start], headless=True))
    bounds = [0] + [_level_start(sec, k) for k, _ in distinct[1:]] + [len(sec.lines)]
    all_lines = list(sec.lines)
    for s, (a, b) in zip(out, zip(bounds, bounds[1:])):
        s.lines = all_lines[a:b]
    return out


def _level_start(sec: Section, k: int) -> int:
    """Back from a reference line to the "Level:" line that opens its fact block."""
    for j in range(k, max(k - 8, -1), -1):
        if P.FACT_LEVEL.match(sec.lines[j].text):
            return j
    return k


def _next_number(prev: Optional[str], contents: dict[str, str], sections: list[Section]) -> Optional[str]:
    """The contents entry after ``prev`` that has no header of its own."""
    numbers = list(contents)
    if prev not in numbers:
        return None
    have = {s.number for s in sections}
    for n in numbers[numbers.index(prev) + 1 :]:
        if n not in have:
            return n
    return None


def _merge(sections: list[Section]) -> list[Section]:
    """Page-break repeats and (cont'd) headers: one section per key, lines in order."""
    merged: dict[str, Section] = {}
    for s in sections:
        if s.key in merged:
            merged[s.key].lines.extend(s.lines)
        else:
            merged[s.key] = s
    return list(merged.values())
