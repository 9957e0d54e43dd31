"""Repair for plain ``pdftotext`` text: hyphens it dropped where a compound word broke a line.

pdftotext (without ``-layout``) joins a word hyphenated at a line end and drops the hyphen, so
"cross-" / "contamination" comes out as "crosscontamination" and "high-street" as
"highstreet". The evidence is the document itself: where the same compound is printed with
its hyphen elsewhere (mid-line, where pdftotext leaves it), the joined form is written that
way too, unless the joined form is a word of its own ("online" as well as "on-line"). Without
such evidence nothing changes. Each repaired line is a ``text_repaired``
warning naming the words.
"""

from __future__ import annotations

import re
from collections import Counter

from ..layout.lines import Line
from .dictionary import is_english

_COMPOUND = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")
_WORD = re.compile(r"(?<![-\w])[A-Za-z]+(?![-\w])")


def _compounds(lines: list[Line]) -> dict[str, str]:
    """Joined lower-case form -> the hyphenated form the document prints most often."""
    seen: Counter = Counter(m.group(0).lower() for line in lines for c in line.cells for m in _COMPOUND.finditer(c))
    out: dict[str, str] = {}
    for form, _ in seen.most_common():
        out.setdefault(form.replace("-", ""), form)
    return out


def _restore(word: str, form: str) -> str:
    """``form`` with the case of ``word``'s first letter."""
    return form[0].upper() + form[1:] if word[0].isupper() else form


def repair_lost_hyphens(lines: list[Line]) -> list[tuple[Line, str]]:
    """Write joined compounds as the document prints them elsewhere; (line, message) per line."""
    compounds = _compounds(lines)
    if not compounds:
        return []
    repairs = []
    for line in lines:
        fixed: list[str] = []

        def sub(m: re.Match) -> str:
            form = compounds.get(m.group(0).lower())
            if form is None or is_english(m.group(0)):  # "online" is a word as well as "on-line"
                return m.group(0)
            fixed.append(f"{m.group(0)} -> {_restore(m.group(0), form)}")
            return _restore(m.group(0), form)

        cells = [_WORD.sub(sub, c) for c in line.cells]
        if fixed:
            line.cells = cells
            line.__dict__.pop("text", None)  # cached_property
            repairs.append((line, "hyphen lost at a line break restored as printed elsewhere: " + ", ".join(fixed)))
    return repairs
