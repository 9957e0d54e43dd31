"""A line's runs of words in an unruled table: where a run is cut, and which column it joins.

Plain functions over PyMuPDF-style word tuples and the table's ``Columns``: a run is cut
where a word-space gap falls on a border (``split_at_borders``); it goes to the column holding
most of its width (``home_column``), or with ``strays`` to the column whose cell starts where
it starts (``run_column``, ``shifted_left``); ``crosses`` says whether running text crosses a
border (which ends the table).
"""

from __future__ import annotations

import re

from .model import Columns, Word
from .settings import DEFAULT, LayoutSettings

CRITERION_NUMBER = re.compile(r"^(?:AC)?\d{1,2}\.\d{1,2}\.?$")
BULLETS = frozenset("\u2022\u25cf\u25aa\u25e6\u25a0")  # a bullet word opens a cell's list item


def split_at_borders(cell: list[Word], borders: list[float], s: LayoutSettings) -> list[list[Word]]:
    """A gap-separated run of words, cut where a word-space gap falls on a border (two cells
    only a word space apart) and before a criterion number or a bullet inside it (``... importance
    1.1 list ...``, ``... and how • Understand ...``: two cells squeezed a space apart); a run
    straddling a border in mid-text stays whole, and so does a criterion number opening a run
    with its text (pdftotext moved the criterion left, its number over the border). A bullet
    just before a cut goes with the text after it (the border fell on the item's first word)."""
    runs = [[cell[0]]]
    for prev, w in zip(cell, cell[1:]):
        numbered = len(runs[-1]) == 1 and CRITERION_NUMBER.match(prev[4])
        if (any(prev[2] <= b <= w[0] + s.snap for b in borders) and not numbered) or CRITERION_NUMBER.match(w[4]) \
                or w[4] in BULLETS:
            bullet = prev[4] in BULLETS and len(runs[-1]) > 1  # a cell's bullet goes with its text
            runs.append([runs[-1].pop(), w] if bullet else [w])
        else:
            runs[-1].append(w)
    return runs


def split_before_start(run: list[Word], k: int, columns: Columns, s: LayoutSettings) -> list[tuple[int, list[Word]]]:
    """A run of column ``k`` on a later line of the open row (``strays``), cut before a word that a
    word space parts from the one before it and that starts where a cell of a column right of
    ``k`` starts in the row, give or take ``item_wrap_slack`` (pdftotext printed the next column a
    character left on this line, a space from the text before it); the rest goes to that column.
    Not where a criterion's number starts: its lines wrap to its text, never to its number."""
    numbers = {w[0] for ws in columns.lines for w in ws if CRITERION_NUMBER.match(w[4])}
    for n in range(1, len(run)):
        prev, word = run[n - 1], run[n]
        right = [c for c, x in columns.starts()
                 if c > k and x not in numbers and prev[2] <= x <= word[0] + s.item_wrap_slack]
        if right:
            return [(k, run[:n])] + split_before_start(run[n:], min(right), columns, s)
    return [(k, run)]


def run_column(run: list[Word], columns: Columns, s: LayoutSettings) -> int:
    """A run that starts where a cell of the open row starts (``strays``) continues that cell,
    else one that starts where a cell of an earlier row of the table started (pdftotext shifts
    a column the same way row after row); any other goes to the column holding most of its width."""
    if s.strays and columns.open is not None:
        aligned = [k for k, x in columns.starts() if abs(run[0][0] - x) <= s.snap]
        aligned = aligned or [k for k, xs in sorted(columns.seen.items()) if any(abs(run[0][0] - x) <= s.snap for x in xs)]
        if aligned:
            return aligned[0]
        return shifted_left(run, home_column(run, columns.borders), columns, s)
    return home_column(run, columns.borders)


def wraps_before_item(before: tuple[int, list[Word]], k: int, run: list[Word], columns: Columns, s: LayoutSettings) -> bool:
    """``before`` (column, run) and ``run`` both go to column ``k`` of a row's later line, ``before``
    where the cell's list item has its number and ``run`` where the item's text wraps
    (``... duty of | care | of medication``). Where the row's other lines show the item's
    lines hanging under its text (``Columns.hanging``), no line of the item starts at its
    number, so ``before`` is the end of the line of the column on the left, which pdftotext
    squeezed a space from the next column (its last word landing on the number's place); an
    item whose lines wrap under its number gives no such evidence."""
    k0, words = before
    if k0 != k or k == 0 or words[0][4] in BULLETS or CRITERION_NUMBER.match(words[0][4]):
        return False
    starts = sorted(x for c, x in columns.items if c == k)
    at = [x for x in starts if abs(words[0][0] - x) <= s.snap]
    hanging = [x for c, x in columns.hanging if c == k and x > at[0]] if at else []
    return any(abs(run[0][0] - x) <= s.item_wrap_slack for x in hanging)


def shifted_left(run: list[Word], k: int, columns: Columns, s: LayoutSettings) -> int:
    """Column ``k``, or the next one when the run starts far right of where the open row's cell
    in ``k`` starts (``stray_next_share``): the next column, printed left of the header's border.
    Where the open row has no cell in ``k`` yet (the first line of a page), the table's earlier
    cells in ``k`` show where it starts: the nearest start left of the run."""
    start = columns.lefts.get(k)
    if start is None:
        start = max((x for x in columns.seen.get(k, ()) if x <= run[0][0]), default=None)
    if start is None or k >= len(columns.borders) or columns.borders[k] <= start:
        return k
    return k + 1 if run[0][0] - start > s.stray_next_share * (columns.borders[k] - start) else k


def home_column(run: list[Word], borders: list[float]) -> int:
    """The column holding most of a run's width."""
    x0, x1 = run[0][0], run[-1][2]
    edges = [float("-inf")] + list(borders) + [float("inf")]
    overlap = [max(0.0, min(x1, b) - max(x0, a)) for a, b in zip(edges, edges[1:])]
    return max(range(len(overlap)), key=lambda k: (overlap[k], -k))


def crosses(line: list[Word], borders: list[float], s: LayoutSettings = DEFAULT) -> bool:
    """Running text across a column border ends an unruled table: a word straddles the
    border, or the words either side of it are only a word space apart: as close as the
    line's own word spaces (a cell gap, however narrow, is wider than those)."""
    height = max(w[3] - w[1] for w in line)
    gaps = sorted(w[0] - p[2] for p, w in zip(line, line[1:]))
    word_space = gaps[len(gaps) // 2] if gaps else 0.0
    return any(_crosses_at(line, b, height, word_space, s) for b in borders)


def _crosses_at(line: list[Word], b: float, height: float, word_space: float, s: LayoutSettings) -> bool:
    for prev, w in zip([None] + line, line):
        if w[0] < b - s.snap < b + s.snap < w[2]:
            return True
        gap = w[0] - prev[2] if prev is not None else None
        if (gap is not None and prev[2] <= b <= w[0] + s.snap and gap < s.crossing_gap * height
                and gap < s.word_space_ratio * word_space):
            return True
    return False
