"""Stage 3b: front matter -> qualification profile and rules of combination.

Reads the profile (title, number, level, TQT, GLH), the credit rules in prose ("a minimum of
20 credits from Optional Group B") and the group tables or lists, whatever their layout:
``patterns.ROW_*`` name the row shapes (reference first, City & Guilds number first, title then
reference, "Unit 01 Title (5 credits)").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from . import patterns as P
from ..normalise.identifiers import check_qualification_number
from ..layout.lines import Line, clean_cell
from .sections import parse_ref
from ..normalise.text import clean_text


@dataclass
class Row:
    """A unit as the structure lists it."""

    reference: Optional[object]  # identifiers.Checked
    number: Optional[str]
    title: Optional[str]
    level: Optional[int]
    credits: Optional[int]
    glh: Optional[int]
    line: Line
    group: Optional[int] = None


@dataclass
class GroupSpec:
    name: str
    mandatory: bool
    min_credits: Optional[int] = None
    max_credits: Optional[int] = None
    rows: list[Row] = field(default_factory=list)


@dataclass
class Structure:
    title: Optional[str] = None
    number: Optional[object] = None  # identifiers.Checked
    level: Optional[int] = None
    tqt: Optional[int] = None
    glh: Optional[int] = None
    min_credits: Optional[int] = None
    awarding_body: Optional[str] = None
    groups: list[GroupSpec] = field(default_factory=list)
    unpaired: dict = field(default_factory=dict)  # field -> the profile's label line printed with no value read


def _int(m: Optional[re.Match], group: int = 1) -> Optional[int]:
    return int(m.group(group)) if m and m.group(group) else None


def _title(text: str) -> str:
    cleaned, _ = clean_text([P.NOS_CODE.sub("", text.strip())])
    return cleaned or text.strip()


def parse_structure(front: list[Line], full_text: str, running: tuple = ()) -> Structure:
    """The qualification's profile and groups from the front matter; ``full_text`` (and the
    ``running`` headers the layout stage removed) are evidence for the number, body and title."""
    s = Structure()
    text = "\n".join(l.text for l in front)
    s.awarding_body = _awarding_body(full_text)
    s.number = check_qualification_number(full_text)
    m = next((P.QUAL_TITLE_LINE.match(l.text) for l in front if P.QUAL_TITLE_LINE.match(l.text)), None)
    title = (P.QUAL_TITLE.search(m.group(1)) if m else None) or P.QUAL_TITLE.search(text)
    s.title = _completed(title.group(0), "\n".join([full_text, *running])) if title else None
    s.level = _int(re.search(r"Level\s+(\d)", s.title or ""))
    s.tqt = _int(P.TQT.search(text))
    s.glh = _int(P.QUAL_GLH.search(text))
    s.unpaired = _unpaired(front, s)
    credit_lines = _credit_lines([l.text for l in front if not l.blank])
    s.min_credits = _qualification_credits(credit_lines)
    s.groups = _groups(front)
    _apply_credit_rules(s.groups, credit_lines)
    return s


_PROFILE_LABELS = (("tqt", re.compile(r"^total\s+qualification\s+time(?:\s*\(tqt\))?:?$|^tqt:?$", re.I)),
                   ("glh", re.compile(r"^guided\s+learning\s+hours(?:\s*\(glh\))?:?$|^glh:?$", re.I)))


def _unpaired(front: list[Line], s: Structure) -> dict:
    """The profile's TQT / GLH labels printed alone (a label column whose values were not
    read) where the value is still empty: reported, not left a silent gap."""
    out = {}
    for name, label in _PROFILE_LABELS:
        line = next((l for l in front if len(l.cells) == 1 and label.match(l.text)), None)
        if line is not None and getattr(s, name) is None:
            out[name] = line
    return out


MIN_TITLE_WITNESSES = 2  # lines printing a longer form of the title before it is taken


def _completed(title: str, full_text: str) -> str:
    """The title as the document prints it whole elsewhere: a title found where it wrapped
    ("... in Supporting Individuals" / "with Learning Disabilities") is completed by the
    longest form that starts with it and stands on at least ``MIN_TITLE_WITNESSES`` lines
    (the running header of every page)."""
    longer: dict[str, int] = {}
    for line in full_text.splitlines():
        if title not in line:
            continue
        for m in P.QUAL_TITLE.finditer(line):
            at = m.group(0).find(title)
            if at >= 0 and len(m.group(0)) - at > len(title):
                form = m.group(0)[at:]
                longer[form] = longer.get(form, 0) + 1
    seen = [form for form, n in longer.items() if n >= MIN_TITLE_WITNESSES]
    return max(seen, key=len) if seen else title


def _credit_lines(texts: list[str]) -> list[str]:
    """The lines that speak of credits; a rule wrapped around its amount is joined back ("... a
    minimum of 34" / "credits:", "... a minimum of" / "37 credits:", "... a minimum" / "of 27 credits.")."""
    out = []
    for text, below in zip(texts, texts[1:] + [""]):
        if (_WRAPPED_AMOUNT.search(text) and below.lower().startswith("credit")) or _AMOUNT_BELOW.match(below):
            out.append(f"{text} {below}")
        elif "credit" in text.lower():
            out.append(text)
    return out


_WRAPPED_AMOUNT = re.compile(r"\b\d{1,3}$")
_AMOUNT_BELOW = re.compile(r"^(?:of\s+)?\d{1,3}\s+credits?\b", re.I)  # "... a minimum of" / "37 credits:"


def _qualification_credits(lines: list[str]) -> Optional[int]:
    """The first minimum that is not one group's share ("a minimum of 4 credits from Group B")."""
    for text in lines:
        for m in P.MIN_CREDITS.finditer(text):
            if not P.GROUP_SHARE.match(text, m.end()):
                return int(m.group(1))
    return None


_BODY_NAMES = re.compile(rf"\b(?:{'|'.join(map(re.escape, P.AWARDING_BODIES))})\b")


def _awarding_body(text: str) -> Optional[str]:
    """The awarding body named most often; a mention of "Pearson BTEC" also counts for
    "Pearson", and a tie goes to the earlier (more specific) name in ``AWARDING_BODIES``."""
    found = Counter(_BODY_NAMES.findall(text))
    counts = {b: sum(n for name, n in found.items() if re.search(rf"\b{re.escape(b)}\b", name))
              for b in P.AWARDING_BODIES}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


_COLUMN_NAMES = (  # a structure table's header cells name its columns, in any order
    ("reference", re.compile(r"^(?:(?:ofqual\s+)?unit\s+)?(?:ref(?:erence)?|code|accreditation\s+number|uan|urn)\b", re.I)),
    ("number", re.compile(r"^(?:unit\s+)?(?:no\.?|number|#)$", re.I)),
    ("title", re.compile(r"^(?:unit\s+)?(?:title|name)$|^units?$", re.I)),
    ("level", re.compile(r"^(?:unit\s+)?level$", re.I)),
    ("credits", re.compile(r"^credits?(?:\s+value)?$", re.I)),
    ("glh", re.compile(r"^glh$|^guided\s+learning(?:\s+hours)?(?:\s*\(glh\))?$", re.I)),
)


def _column_roles(line: Line) -> Optional[dict[int, str]]:
    """A structure table's header row -> column index: role. None unless it names a title
    column and the reference or number column."""
    roles = {}
    for k, cell in enumerate(line.cells):
        role = next((r for r, pattern in _COLUMN_NAMES if pattern.match(cell.strip())), None)
        if role and role not in roles.values():
            roles[k] = role
    named = set(roles.values())
    return roles if "title" in named and named & {"reference", "number"} and len(named) >= 3 else None


def _row_by_roles(line: Line, roles: dict[int, str]) -> Optional[Row]:
    """A row of a table whose header named its columns; None when a number stands in a column
    the header did not name (a header wrapped over two lines): the row shapes read it then."""
    if any(k not in roles and re.fullmatch(r"\d{1,3}", c.strip()) for k, c in enumerate(line.cells)):
        return None
    values = {role: line.cells[k].strip() for k, role in roles.items() if k < len(line.cells)}
    ref = re.fullmatch(P.REF, values.get("reference", ""))
    number = values.get("number") if re.fullmatch(r"\d{1,3}[A-Z]?", values.get("number", "")) else None
    if not values.get("title") or not (ref or number):
        return None
    ints = {k: int(values[k]) if re.fullmatch(r"\d{1,3}", values.get(k, "")) else None for k in ("level", "credits", "glh")}
    return Row(parse_ref(ref.group(0)) if ref else None, number, _title(values["title"]),
               ints["level"], ints["credits"], ints["glh"], line)


def _groups(front: list[Line]) -> list[GroupSpec]:
    groups: list[GroupSpec] = []
    last: Optional[Row] = None
    roles: Optional[dict[int, str]] = None
    for line in front:
        heading = _group_heading(line)
        if heading:
            groups.append(heading)
            last = None
            continue
        header = _column_roles(line) if len(line.cells) > 2 else None
        if header:
            roles = header
            continue
        if not groups:
            continue
        row = _structure_row(line, roles)
        if row:
            row.group = len(groups) - 1
            groups[-1].rows.append(row)
            last = row
        elif last and _wrapped_title(line):
            last.title = _title(f"{last.title} {line.text}")
        elif line.text:
            last = None
    return [g for g in groups if g.rows]


def _structure_row(line: Line, roles: Optional[dict[int, str]]) -> Optional[Row]:
    """A unit row: by the header's column roles where it named them, else by the row shapes."""
    return (_row_by_roles(line, roles) if roles and len(line.cells) > 2 else None) or _row(line)


def _wrapped_title(line: Line) -> bool:
    """A short lower-case line without digits under a row: the row's title wrapped in its cell."""
    return line.text[:1].islower() and len(line.text) < 40 and not re.search(r"\d", line.text)


def _group_heading(line: Line) -> Optional[GroupSpec]:
    # A cell boundary inside a word ("Optiona<TAB>l Units") is a converter artefact.
    joined = clean_cell(re.sub(r"(?<=[a-z])\t(?=[a-z])", "", line.raw))
    for cell in [joined] + [c for c in line.cells if c]:
        cell = re.sub(r"\s*\t\s*", " ", cell).strip()
        m = P.GROUP_HEADING.match(cell)
        if not m or len(cell) > 90:
            continue
        name, rule = m.group(1).strip(), (m.group(2) or "").strip()
        if rule and not P.GROUP_RULE_WORDS.search(rule):
            name, rule = cell, ""
        g = GroupSpec(name=name, mandatory="mandatory" in name.lower())
        g.min_credits = _int(re.search(r"minimum of\s+(\d+)\s+credits", rule, re.I))
        g.max_credits = _int(re.search(r"maximum of\s+(\d+)\s+credits", rule, re.I))
        return g
    return None


def _row(line: Line) -> Optional[Row]:
    t = line.text
    m = P.ROW_REF_FIRST.match(t)
    if m:
        return Row(parse_ref(m.group(1)), None, _title(m.group(2)), int(m.group(3)), int(m.group(4)), None, line)
    m = P.ROW_NUMBER_FIRST.match(t)
    if m:
        return Row(None, m.group(1), _title(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5)), line)
    m = P.ROW_UNIT_CREDITS.match(t)
    if m:
        return Row(None, m.group(1), _title(m.group(2)), None, int(m.group(3)), None, line)
    m = P.ROW_TITLE_REF.match(t)
    if m:
        return Row(parse_ref(m.group(2)), None, _title(m.group(1)), None, None, None, line)
    return None


def _apply_credit_rules(groups: list[GroupSpec], lines: list[str]) -> None:
    """"a minimum of 20 credits from Optional Group B" -> group B's min_credits."""
    for text in lines:
        for m in P.CREDIT_RULE.finditer(text):
            kind, amount, letter = (m.group(1) or "").lower(), int(m.group(2)), m.group(3)
            if letter:
                targets = [g for g in groups if re.match(rf"group\s+{letter}\b", g.name, re.I)]
            else:
                targets = [g for g in groups if g.mandatory]
            if len(targets) != 1:
                continue
            g = targets[0]
            if "maximum" in kind:
                g.max_credits = amount
            else:
                g.min_credits = amount
                if "total" in kind:
                    g.max_credits = amount
