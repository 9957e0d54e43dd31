"""Repair for text without geometry: the bulleted cells of a third column set apart.

An LO | AC table with a third column (indicative content, unit amplification, guidance …)
read without geometry (plain ``pdftotext``, OCR text) prints that column's bullet lists as
paragraphs between the criteria; read as text they continue the criterion above. Where the
table's header names such a column and the criteria are numbered, a paragraph that opens with
a bullet (``•``, or what OCR makes of one: ``¢``, ``«``, ``*``, ``+`` …) is that column's, not a
criterion's: its lines are set apart (``Line.noise``) with one ``text_repaired`` warning per
table; so is a bullet with a few words after it at the end of a line (the column's first words
beside a criterion's line), and the words ending a later criteria line that the column prints
elsewhere right after that item, left open (``legal,`` ... ``store``); so are the column's
lines the reading order wove between the criteria's: one opening with a bullet, or one the
column prints word for word in those paragraphs elsewhere in the document (the column repeats
itself), where it goes on from the column's line before it, or the criterion before it is
finished (it does not end on a word such as "the") and does not read on into it (its last
word and the line's first are no pair the document prints outside the column: "in the care" /
"setting" is the criterion's). Where the criteria themselves are bullets (unnumbered), nothing
is touched.
"""

from __future__ import annotations

import re
from collections import Counter

from ..layout.lines import Line
from ..parse import patterns as P
from .bullets import GLUED_BULLETS, OCR_BULLETS
from .column_tails import Column, cut_known_tails, cut_open_tails, finished, printed_in
from .vocabulary import junction, pairs

_OTHER = dict(P.COLUMN_HEADINGS)["other"]
_AC = dict(P.COLUMN_HEADINGS)["ac"]
_AC_IN_LINE = re.compile(r"\bassessment\s+criteri|\blearner\s+can\b", re.I)  # the heading among the others on one line
# "•", and OCR's readings of it; a bullet opens the paragraph and a space follows
_BULLET = re.compile(r"^[%s]\s+\S" % re.escape(OCR_BULLETS))
# "3.1 Follow the organisation's « types": the third column's first words beside a criterion line
# ... or glued to its first word, for a glyph no word opens with ("... limitations of «types")
_INLINE = re.compile(r"\s(?:\|\s)?(?:[%s]\s+|[%s])(\S+(?:\s\S+){0,3})$" % (re.escape(OCR_BULLETS), re.escape(GLUED_BULLETS)))
_CRITERION = re.compile(r"^(?:AC\s?)?\d{1,2}\.\d{1,2}\.?\s")
_ROW = re.compile(r"^\d{1,2}\.?\s+(\S.*?)\s+\d{1,2}\.\d{1,2}\.?\s+(\S.*)$")  # "1 Understand ... 1.1 identify ..."
_ENDS = (P.UNIT_HEADER_REF, P.UNIT_HEADER_NUMBER, P.UNIT_HEADING, P.STOP)
_REST_OF_WORD = re.compile(r"^\S*\s*")
HEADER_WINDOW = 6  # lines from the criteria column's heading to the third column's
MAX_HEADING_WORDS = 4  # a column heading on its own line is short
MIN_READ_PAIRS = 2  # a pair the document prints outside the column this often reads on (once may be a woven line)


def _names_other(lines: list[Line], i: int) -> bool:
    """Line ``i`` is a table header naming the criteria column, with a third column named on
    it or within the next few lines."""
    if not (_AC.search(lines[i].text) or _AC_IN_LINE.search(lines[i].text)):
        return False
    near = lines[i : i + HEADER_WINDOW]
    return (any(_other_heading(l.text) for l in near) or any(_OTHER.search(c) for c in _words_after_ac(lines[i].text))
            or bool(_lone_headings(lines, i, _region(lines, i))))


def _lone_headings(lines: list[Line], start: int, end: int) -> list[Line]:
    """The third column's headings standing alone among the table's lines."""
    return [lines[k] for k in range(start + 1, end) if _alone(lines, k) and _other_heading(lines[k].text)]


def _alone(lines: list[Line], k: int) -> bool:
    """Line ``k`` is a paragraph of its own: plain pdftotext prints a third column's heading
    where the reading order reaches it, after the first criteria, between blank lines."""
    return (not lines[k].blank and lines[k - 1].blank
            and (k + 1 == len(lines) or lines[k + 1].blank))


def _other_heading(text: str) -> bool:
    return bool(_OTHER.match(text)) and len(text.split()) <= MAX_HEADING_WORDS


def _words_after_ac(text: str) -> list[str]:
    """"Learning outcomes Assessment criteria Indicative content": what follows the criteria
    heading's last word."""
    rest = _REST_OF_WORD.sub("", text[(_AC.search(text) or _AC_IN_LINE.search(text)).end():])
    return [rest] if rest else []


def _region(lines: list[Line], start: int) -> int:
    """Where the table that starts at ``start`` ends: the next unit heading or end of criteria."""
    for k in range(start + 1, len(lines)):
        if any(p.match(lines[k].text) for p in _ENDS) and not _other_heading(lines[k].text):
            return k
    return len(lines)


def _bullet_paragraphs(lines: list[Line]) -> list[list[Line]]:
    """The paragraphs (runs of non-blank lines after a blank) that open with a bullet and hold
    no criterion number."""
    out, current = [], None
    for prev, line in zip([None] + lines, lines):
        if line.blank:
            current = None
        elif (prev is None or prev.blank) and _BULLET.match(line.raw.strip()):  # raw: clean-up drops "•", "*"
            current = [line]
            out.append(current)
        elif current is not None:
            current.append(line)
    return [p for p in out if not any(_CRITERION.match(l.text) for l in p)]


def _cut_inline(table: list[Line]) -> dict[int, str]:
    """Cut a bullet and the few words after it off the end of a line (one-cell lines only);
    returns line id -> the words cut (the column's text there)."""
    cut = {}
    for line in table:
        m = _INLINE.search(line.text) if len(line.cells) == 1 and not line.noise else None
        if m and not _BULLET.match(line.raw.strip()):
            line.cells = [line.text[: m.start()].rstrip()]
            line.__dict__.pop("text", None)  # cached_property
            cut[id(line)] = m.group(1)
    return cut


def _tables(lines: list[Line]) -> list[tuple[int, int]]:
    """(start, end) of each LO | AC table with a named third column and numbered criteria."""
    out, i = [], 0
    while i < len(lines):
        if not _names_other(lines, i):
            i += 1
            continue
        end = _region(lines, i)
        if any(_CRITERION.match(l.text) for l in lines[i:end]):
            out.append((i, end))
        i = end
    return out


def _set_apart(lines: list[Line], i: int, end: int) -> list[Line]:
    """The table's bullet paragraphs and lone third-column headings, set apart."""
    moved = [l for p in _bullet_paragraphs(lines[i:end]) for l in p if not l.noise]
    # a heading the parser stops at (``Indicative content``) stays: after it the criteria
    # column resumes with the next number; any other ("Amplification") is set apart
    moved += [l for l in _lone_headings(lines, i, end) if not (l.noise or l in moved or P.STOP.match(l.text))]
    for line in moved:
        line.noise = True
    return moved


def _interleaved(table: list[Line], known: Column, moved: list[Line], read: Counter) -> list[Line]:
    """Third-column lines the reading order wove between the criteria's: a line opening with
    a bullet, or one printed word for word in the column's bullet paragraphs elsewhere (``printed_in``: the
    column repeats itself: "purposes, requirements") where it is not the criterion's
    (``_the_column_s``). ``moved``: the column's paragraphs already set apart; ``known``: what the
    column prints elsewhere; ``read``: the
    word pairs of the document's other lines."""
    out, last, after_column, woven_from, column_line = [], (), False, None, None
    apart = {id(line) for line in moved}
    for line in table:
        if line.noise or line.blank:
            after_column = id(line) in apart or (after_column and line.noise)
            column_line = line.text if id(line) in apart else column_line
            continue
        bullet = _bulleted(line)
        woven = not after_column and (woven_from, line.text) in known.follows
        if bullet or _the_column_s(line, known, last, after_column or woven, read):
            # woven one for one, a criterion line comes next ("in the" / "office" / "office")
            line.noise, after_column, column_line, woven_from = True, bullet or not woven, line.text, None
            out.append(line)
        else:
            # the column's next line may come after this one: woven one for one, or beside it
            # at its end ("2.1 carry out checks ... • Manage their: types,")
            woven_from = column_line if after_column else None
            last, after_column = _left_open(line), _column_beside_end(line)
    return out


def _bulleted(line: Line) -> bool:
    """A line opening with a bullet that is no numbered criterion."""
    return bool(_BULLET.match(line.raw.strip())) and not _CRITERION.match(line.text)


def _column_beside_end(line: Line) -> bool:
    """The column's text opens at the end of this one-cell criteria line (``_INLINE``)."""
    return bool(_INLINE.search(line.text)) and len(line.cells) == 1


def _left_open(line: Line) -> tuple[str, ...]:
    """The texts a criteria-column line leaves open: its own, or an outcome's and its first
    criterion's printed side by side on it ("1 Understand ... in the 1.1 identify ...")."""
    beside = _ROW.match(line.text)
    return (beside.group(1), beside.group(2)) if beside else (line.text,)


def _the_column_s(line: Line, known: Column, last: tuple[str, ...], goes_on: bool, read: Counter) -> bool:
    """A line the column prints elsewhere (and no criterion) is the column's here when it goes
    on from the column's line before it (just before it, beside the criterion's line before it, or one
    criterion line back where the column prints the two lines one after the other), or when
    the texts the line before left open (the criterion's; an outcome's beside it) are finished
    and do not read on into it: the last word and the line's first are no pair the document
    prints outside the column ``MIN_READ_PAIRS`` times ("... found in the care" / "setting" is
    the criterion's wrap)."""
    text = line.text
    if not printed_in(text, known) or _CRITERION.match(text):
        return False
    if goes_on:
        return True
    return bool(last) and all(finished(t) and junction(read, t, text) < MIN_READ_PAIRS for t in last)


def repair_other_column(lines: list[Line]) -> list[tuple[Line, str]]:
    """Set apart the third column's bullet paragraphs, its lines woven between the criteria
    and its line tails; returns (line, message) per table."""
    tables = _tables(lines)
    moved = {start: _set_apart(lines, start, end) for start, end in tables}
    column = [l.text for ls in moved.values() for l in ls if l.text]  # the column's own lines, document-wide
    runs = [[l.text for l in ls if l.text] for ls in moved.values()]
    known = Column(set(column), f" {' '.join(column)} ", {pair for run in runs for pair in zip(run, run[1:])})
    read = pairs([l.text for l in lines if not l.noise]) if tables else Counter()
    repairs = []
    for start, end in tables:
        found = _repair_table(lines[start:end], known, moved[start], read)
        if found:
            repairs.append((lines[start], f"{len(found)} line(s) with bulleted third-column content (indicative "
                                          "content, amplification) set apart from the criteria"))
    return repairs


def _repair_table(table: list[Line], known: Column, moved: list[Line], read: Counter) -> list[Line]:
    """One table's column lines and tails set apart (after its paragraphs, ``moved``): the
    lines changed."""
    found = moved + _interleaved(table, known, moved, read)
    inline = _cut_inline(table)
    found += [l for l in table if id(l) in inline] + cut_known_tails(table, known)
    return found + [l for l in cut_open_tails(table, known, inline) if l not in found]
