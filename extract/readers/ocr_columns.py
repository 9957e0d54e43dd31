"""Columns of a scanned page read on their own: one tesseract pass, no line across a gutter.

Tesseract reads a page (``--psm 6``) as one block of lines, so where a table's columns stand
side by side without a rule between them, a line of one column and the nearest line of the
next are read as one line, and the shorter column's words come out as garbage ("for sReaHInie
With HARA E BETIVETES"). Here the page image is cut where a **gutter** runs down it: a white
band at least ``GUTTER_PT`` wide through ``MIN_GUTTER_LINES`` text lines or more, with at least
``MIN_SIDE_PT`` of ink on each side of it in ``MIN_SIDE_LINES`` of them, whose two sides' lines
do not line up (``ALIGNED_SHARE``: rows printed side by side are left to tesseract, which reads
them rightly). In each such region every column right of a gutter is moved off the page, below
its bottom edge (``compose``), so tesseract reads each column's lines alone in the same single
pass; ``page_dy`` moves the words it finds there back to where they are printed. A line that
crosses the band ends a region, so no word is ever cut, and a page without such gutters is
read exactly as before.

The search runs on a coarse grid of ``CELL_PT`` cells, where a cell is inked when at least
``CELL_INK`` of its pixels are ink and a neighbour cell in its row is inked too (a lone inked
cell is a speck, not a letter).
"""

from __future__ import annotations

from dataclasses import dataclass, field

CELL_PT = 2.0  # side of one cell of the grid gutters are searched on
CELL_INK = 0.12
"""Share of a cell's pixels that must be ink for the cell to be inked: a letter's stroke
through a 2 pt cell covers a third of it; scanner noise a few pixels."""
GUTTER_PT = 9.0
"""Narrowest gutter: wider than any space between words of one line (about a third of the
font size, 3-4 pt), narrower than a table's padding on both sides of its column border."""
MIN_GUTTER_LINES = 3  # text lines a gutter runs through at least
MIN_SIDE_LINES = 2  # of those, lines with ink left of it, and lines with ink right of it
MIN_SIDE_PT = 16.0
"""Ink a line must hold on one side of a gutter to count for that side: words, not a speck
of scanner noise, a list's number ("1.", "2.3") hanging left of its text or a table's short
value ("77", "Level 3"). Tesseract reads those with their line; what it garbles is two
columns of running text whose lines do not line up."""
ALIGNED_SHARE = 0.75
"""Two lines either side of a gutter whose heights overlap by at least this share of the
lower one's are one row: tesseract reads them as one line, rightly (a facts table's label and
value). A gutter is cut only where some lines overlap by less (but do overlap): the columns'
lines drift apart, and tesseract would join a line of one to the wrong line of the other."""
LINE_ROW_PT = 0.5  # height of the cells lines are told apart on for ``ALIGNED_SHARE``: the space between two lines is 2-3 pt
STRIP_GAP_PT = 18.0  # white space between the page and a column moved below it, and between columns
_INK = 160  # grey level below which a pixel is ink (as ``ocr._DARK``)


@dataclass(frozen=True)
class Strip:
    """A part of the page image moved in the composite: columns ``x0:x1`` of pixel rows
    ``y0:y1``, drawn with its top at pixel row ``to_y`` (same columns)."""

    y0: int
    y1: int
    x0: int
    x1: int
    to_y: int


@dataclass
class Composite:
    """The image tesseract reads and the strips moved in it (none: the page image itself)."""

    grey: object  # numpy array
    strips: list[Strip] = field(default_factory=list)


def page_dy(strips: list[Strip], y: float) -> int:
    """What to add to pixel row ``y`` of the composite to put it back on the page: a strip's
    rows go back where they were printed; the page's own rows stay."""
    for s in strips:
        if s.to_y <= y < s.to_y + (s.y1 - s.y0):
            return s.y0 - s.to_y
    return 0


def _cells(grey, dpi: int, tall: float = CELL_PT):
    """The page's inked cells, ``CELL_PT`` wide and ``tall`` points high (``CELL_INK``),
    specks without an inked neighbour in their row dropped; and the cells' width and height
    in pixels."""
    import numpy as np

    size, rows = max(2, round(CELL_PT * dpi / 72)), max(1, round(tall * dpi / 72))
    h, w = (grey.shape[0] // rows) * rows, (grey.shape[1] // size) * size
    ink = (grey[:h, :w] < _INK).reshape(h // rows, rows, w // size, size).sum(axis=(1, 3))
    inked = ink >= CELL_INK * size * rows
    beside = np.zeros_like(inked)
    beside[:, 1:] |= inked[:, :-1]
    beside[:, :-1] |= inked[:, 1:]
    return inked & beside, size, rows


def _lines(inked) -> list[tuple[int, int]]:
    """Text lines as runs of grid rows holding ink, an empty row between two lines:
    (first row, last row + 1)."""
    import numpy as np

    rows = np.flatnonzero(inked.any(axis=1))
    lines: list[list[int]] = []
    for r in rows.tolist():
        if lines and r == lines[-1][1]:
            lines[-1][1] = r + 1
        else:
            lines.append([r, r + 1])
    return [tuple(l) for l in lines]


def _white_runs(lines_ink: list, width: int) -> list[tuple[int, int]]:
    """Runs of cells at least ``width`` wide that no line of the group inks: (first, last + 1)."""
    import numpy as np

    white = ~np.logical_or.reduce(lines_ink)
    step = np.diff(np.concatenate(([0], white.astype(np.int8), [0])))
    runs = zip(np.flatnonzero(step == 1).tolist(), np.flatnonzero(step == -1).tolist())
    return [(a, b) for a, b in runs if b - a >= width]


def _holds_text(ink) -> bool:
    """A line's inked cells on one side of a gutter make at least ``MIN_SIDE_PT`` of ink."""
    return int(ink.sum()) * CELL_PT >= MIN_SIDE_PT


def _gutters(lines_ink: list, width: int) -> list[tuple[int, int]]:
    """White runs through every line of a group with text left and right of them in
    ``MIN_SIDE_LINES`` of its lines."""
    return [(a, b) for a, b in _white_runs(lines_ink, width)
            if sum(_holds_text(l[:a]) for l in lines_ink) >= MIN_SIDE_LINES
            and sum(_holds_text(l[b:]) for l in lines_ink) >= MIN_SIDE_LINES]


def _open(lines_ink: list, width: int) -> bool:
    """A group of lines still has a white run with text on both sides of it in some line."""
    return any(any(_holds_text(l[:a]) for l in lines_ink) and any(_holds_text(l[b:]) for l in lines_ink)
               for a, b in _white_runs(lines_ink, width))


def _drifting(fine, gutter: tuple[int, int]) -> bool:
    """The text lines left and right of ``gutter`` do not line up (``ALIGNED_SHARE``), on
    ``fine``: the region's cells ``LINE_ROW_PT`` high, so that lines of one column stand apart."""
    left, right = _lines(fine[:, : gutter[0]]), _lines(fine[:, gutter[1] :])
    for a0, a1 in left:
        for b0, b1 in right:
            overlap = min(a1, b1) - max(a0, b0)
            if 0 < overlap < ALIGNED_SHARE * min(a1 - a0, b1 - b0):
                return True
    return False


def regions(grey, dpi: int) -> list[tuple[int, int, list[int]]]:
    """Regions of the page cut by gutters: (first pixel row, last + 1, the pixel columns of
    the cuts, one in the middle of each gutter), top to bottom."""
    inked, size, _ = _cells(grey, dpi)
    fine, _, row = _cells(grey, dpi, LINE_ROW_PT)
    width = max(1, round(GUTTER_PT / CELL_PT))
    lines = _lines(inked)
    ink = [inked[a:b].any(axis=0) for a, b in lines]
    def group(i: int) -> tuple[int, list[tuple[int, int]]]:
        """The lines from ``i`` on that a gutter runs through, and the gutters cut there."""
        j = i + 1
        while j < len(lines) and _open(ink[i : j + 1], width):
            j += 1
        found = _gutters(ink[i:j], width) if j - i >= MIN_GUTTER_LINES else []
        return j, [g for g in found if _drifting(fine[lines[i][0] * size // row : lines[j - 1][1] * size // row], g)]

    out, i = [], 0
    while i < len(lines):
        j, found = group(i)
        if found and i + 1 < len(lines) and len(group(i + 1)[1]) > len(found):
            found = []  # line i only passes one gutter by chance (". The" is as wide): begin below it
        if found:  # from midway to the line above to midway to the line below: ascenders and descenders
            top = (lines[i - 1][1] + lines[i][0] + 1) // 2 if i else 0
            bottom = (lines[j - 1][1] + lines[j][0] + 1) // 2 if j < len(lines) else inked.shape[0]
            out.append((top * size, bottom * size, [(a + b) // 2 * size for a, b in found]))
            i = j
        else:
            i += 1
    return out


def compose(grey, dpi: int) -> Composite:
    """The page image with every column right of a gutter moved below the page
    (``Composite``); the page image itself when it has no gutters."""
    import numpy as np

    found = regions(grey, dpi)
    if not found:
        return Composite(grey)
    gap = round(STRIP_GAP_PT * dpi / 72)
    strips, y = [], grey.shape[0] + gap
    for y0, y1, cuts in found:
        for x0, x1 in zip(cuts, cuts[1:] + [grey.shape[1]]):
            strips.append(Strip(y0, y1, x0, x1, y))
            y += (y1 - y0) + gap
    out = np.full((y, grey.shape[1]), 255, dtype=grey.dtype)
    out[: grey.shape[0]] = grey
    for s in strips:
        out[s.to_y : s.to_y + (s.y1 - s.y0), s.x0 : s.x1] = grey[s.y0 : s.y1, s.x0 : s.x1]
        out[s.y0 : s.y1, s.x0 : s.x1] = 255
    return Composite(out, strips)
