"""Repair for OCR text: what tesseract makes of a list bullet.

A printed bullet (``•``) reaches tesseract's text as another glyph at the start of the line:
``¢``, ``«``, ``»``, ``+``, ``©``, ``■``, ``.`` ... followed by a space (or glued to its word,
for a glyph no word opens with: ``«roles``), or two of them for one bullet (``*«``). OCR'd
pages of a scan (no text layer) get the same repair as OCR text files.
Reading knows a bullet as the start of a list item (a criterion printed without a number, or a
sub-point of one), so a list whose bullets OCR misread loses its items. The evidence that a glyph stands for a bullet is its
repetition: it opens at least ``MIN_BULLET_LINES`` lines of the document (a one-off ``© ProQual
2025`` is not a list). Each such line gets the bullet back (``raw``) and loses the glyph (its
cell); so does a glyph that opens a line in such a list (a bullet line at most ``LIST_WINDOW`` lines
away). One ``text_repaired`` warning per glyph names the lines.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..layout.lines import Line

OCR_BULLETS = "•¢«»*+■▪●◦·©."
"""The bullet and the glyphs tesseract reads it as (shared with ``other_column``)."""
READ_AS_BULLETS = "•*"
"""Glyphs line clean-up already reads as bullets: nothing to repair."""
MIN_BULLET_LINES = 2
"""Lines a glyph must open before it is read as a bullet."""
LIST_WINDOW = 3
"""Lines between a one-off glyph's line and a bullet line of the same list."""
REPEATED_ONLY = "©"
"""Glyphs that also open lines of their own ("© ProQual 2025" beside a front page's list): read
as bullets where repeated; a one-off inside a list only before a lower-case word (an item)."""
SHOWN_LINES = 5
"""Line numbers a warning names before it says how many more."""
STRAY = ".,:;'"
"""Specks OCR reads beside a bullet ("*. carry out"): part of the bullet, not of the text."""
BULLET_GLYPHS = 2
"""Glyphs OCR may read one bullet as ("*«", "¢«")."""
GLUED_BULLETS = "•¢«■▪●◦"
"""Glyphs no English word opens with: a bullet even where OCR glued it to its word
(``«roles and responsibilities``), where the others need a space after them (``*word`` is
emphasis, ``.5`` a number, ``©2025`` a date)."""
_OPENING = re.compile(r"^\s*([%s]{1,%d})([%s]?)(?:\s+|(?<=[%s]))(?=[A-Za-z(])"
                      % (re.escape(OCR_BULLETS), BULLET_GLYPHS, re.escape(STRAY), re.escape(GLUED_BULLETS)))


def _glyph_lines(lines: list[Line]) -> dict[str, list[Line]]:
    """Glyph (the first of the opening) -> the one-cell lines it opens (then a space and a word)."""
    found: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        m = _OPENING.match(line.raw) if len(line.cells) == 1 and not line.noise else None
        if m and (m.group(1) not in READ_AS_BULLETS or m.group(2) or not line.raw[m.end() - 1].isspace()):
            found[m.group(1)[0]].append(line)
    return found


def _in_a_list(lines: list[Line], line: Line, bullets: set[int]) -> bool:
    """A bullet line (by index) lies at most ``LIST_WINDOW`` lines before or after ``line``."""
    k = next(i for i, l in enumerate(lines) if l is line)
    return any(j in bullets for j in range(k - LIST_WINDOW, k + LIST_WINDOW + 1) if j != k)


def _bullet_glyphs(lines: list[Line]) -> dict[str, list[Line]]:
    """Glyph -> the lines where it stands for a bullet: repeated, or inside a list (a list of
    one-off readings is found line by line, each next to one found before)."""
    found = _glyph_lines(lines)
    chosen = {g: opened for g, opened in found.items() if len(opened) >= MIN_BULLET_LINES}
    ids = {id(l) for opened in chosen.values() for l in opened}
    bullets = {i for i, l in enumerate(lines) if id(l) in ids or l.raw.lstrip()[:1] in READ_AS_BULLETS}
    while _grow(lines, found, chosen, ids, bullets):
        pass
    return chosen


def _grow(lines: list[Line], found: dict, chosen: dict, ids: set, bullets: set) -> bool:
    """One pass adding the one-off glyph lines next to a bullet line found so far (in place);
    True when any was added."""
    grown = False
    for glyph, opened in found.items():
        one_off = glyph in REPEATED_ONLY and glyph not in chosen
        near = [l for l in opened if id(l) not in ids and _in_a_list(lines, l, bullets)
                and (not one_off or _item_start(l))]
        if near:
            chosen[glyph] = chosen.get(glyph, []) + near
            ids |= {id(l) for l in near}
            bullets |= {i for i, l in enumerate(lines) if id(l) in ids}
            grown = True
    return grown


def _item_start(line: Line) -> bool:
    """The text after the glyph starts lower-case, as a list item can and a line of its own
    (``© ProQual 2025``) does not."""
    rest = line.raw[_OPENING.match(line.raw).end():]
    return rest[:1].islower()


def repair_bullets(lines: list[Line]) -> list[tuple[Line, str]]:
    """Read OCR's bullet glyphs as bullets; returns (line, message) per glyph."""
    repairs = []
    for glyph, opened in _bullet_glyphs(lines).items():
        for line in opened:
            m = _OPENING.match(line.raw)
            line.raw = "\u2022 " + line.raw[m.end():]
            line.cells = [_OPENING.sub("", line.cells[0], count=1) if _OPENING.match(line.cells[0])
                          else line.cells[0].lstrip(STRAY + " ")]  # clean-up took the bullet, left the speck
            line.__dict__.pop("text", None)  # cached_property
        numbers = ", ".join(str(l.number) for l in opened[:SHOWN_LINES])
        more = f" and {len(opened) - SHOWN_LINES} more" if len(opened) > SHOWN_LINES else ""
        repairs.append((opened[0], f"{len(opened)} line(s) open with {glyph!r}, OCR's reading of a bullet: "
                                   f"read as bullets (lines {numbers}{more})"))
    return repairs
