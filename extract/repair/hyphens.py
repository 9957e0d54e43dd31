"""Repair for plain ``pdftotext`` text: hyphens it dropped where a compound word broke a line.

pdftotext (without ``-layout``) joins a word hyphenated at a line end and drops the hyphen, so
"cross-" / "contamination" comes out as "crosscontamination", "point-of-" / "sale" as
"point-ofsale", and "e-" / "mails" as "emails". The evidence is the document itself: where
the same compound is printed with its hyphen elsewhere (mid-line, where pdftotext leaves it),
the joined form is written that way too. A joined form that is a word of its own ("online" as
well as "on-line", "emails" as well as "e-mails") is written so only where the line shows the
join: pdftotext moved the whole next line up, so the line is longer than the lines of text around it
by ``JOINED_SLACK`` characters while the part up to the hyphen fits them (by
``JOINED_SLACK_ONCE`` where the document prints the joined form nowhere else: only the
hyphenated one, and the width only from lines that wrapped). Without such evidence nothing
changes. Each repaired line is a ``text_repaired`` warning naming the words.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from ..layout.lines import Line
from .dictionary import is_english

_COMPOUND = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")
_TOKEN = re.compile(r"(?<![-\w])[A-Za-z]+(?:-[A-Za-z]+)*(?![-\w])")
JOINED_SLACK = 6  # characters a joined line runs past the longest line of text around it
JOINED_SLACK_ONCE = 0  # the same, where the joined form is printed nowhere else in the document
NEIGHBOURS = 4  # lines of text either side whose lengths show the column's width


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


def _width(lines: list[Line], i: int, wrapped: bool = False) -> Optional[int]:
    """The longest of the ``NEIGHBOURS`` lines of text either side of line ``i`` (blank lines
    and running headers skipped: a column's paragraphs share its width), or None; with
    ``wrapped``, of those whose sentence goes on on the next line (it starts lower case): a
    line that wrapped was full, one that ended its sentence may be short."""
    lengths = []
    for step in (-1, 1):
        k, seen = i + step, 0
        while 0 <= k < len(lines) and seen < NEIGHBOURS:
            if not (lines[k].blank or lines[k].noise):
                if not wrapped or _wraps(lines, k):
                    lengths.append(len(lines[k].text))
                seen += 1
            k += step
    return max(lengths) if lengths else None


def _wraps(lines: list[Line], k: int) -> bool:
    after = lines[k + 1] if k + 1 < len(lines) else None
    return after is not None and not (after.blank or after.noise) and after.text[:1].islower()


def _joined_at(text: str, m: re.Match, form: str, width: Optional[int], slack: int) -> bool:
    """The line was joined at this word: the text up to the form's first hyphen fits the
    width of the lines around it (by ``JOINED_SLACK``), the whole line does not (by ``slack``)."""
    if width is None or len(text) <= width + slack:
        return False
    return m.start() + form.index("-") + 1 <= width + JOINED_SLACK


def _form_for(m: re.Match, text: str, compounds: dict[str, str], widths: tuple, seen: Counter) -> Optional[str]:
    """The hyphenated form to write for token ``m``, or None to leave it; ``widths``: the
    line's column width from its neighbours and from those that wrapped; ``seen``: how often
    the document prints each word (lower case)."""
    token = m.group(0)
    form = compounds.get(token.replace("-", "").lower())
    if form is None or form.count("-") <= token.count("-"):
        return None
    once = seen[token.lower()] == 1
    width, slack = (widths[1], JOINED_SLACK_ONCE) if once else (widths[0], JOINED_SLACK)
    if "-" in token or not is_english(token) or _joined_at(text, m, form, width, slack):
        return form
    return None  # "online" is a word as well as "on-line"


def repair_lost_hyphens(lines: list[Line]) -> list[tuple[Line, str]]:
    """Write joined compounds as the document prints them elsewhere; (line, message) per line."""
    compounds = _compounds(lines)
    if not compounds:
        return []
    seen = Counter(m.group(0).lower() for line in lines for c in line.cells for m in _TOKEN.finditer(c))
    repairs = []
    for i, line in enumerate(lines):
        fixed: list[str] = []
        plain = len(line.cells) == 1 and not line.blank  # a plain line: its column's width
        widths = (_width(lines, i), _width(lines, i, wrapped=True)) if plain else (None, None)

        def sub(m: re.Match, cell: str) -> str:
            form = _form_for(m, cell, compounds, widths, seen)
            if form is None:
                return m.group(0)
            fixed.append(f"{m.group(0)} -> {_restore(m.group(0), form)}")
            return _restore(m.group(0), form)

        cells = [_TOKEN.sub(lambda m, c=c: sub(m, c), c) for c in line.cells]
        if fixed:
            line.cells = cells
            line.__dict__.pop("text", None)  # cached_property
            repairs.append((line, "hyphen lost at a line break restored as printed elsewhere: " + ", ".join(fixed)))
    return repairs
