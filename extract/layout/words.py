"""Words -> visual lines -> gap-separated cells."""

from __future__ import annotations

from .model import VisualLine, Word
from .settings import DEFAULT, LayoutSettings


def visual_lines(words: list[Word], s: LayoutSettings = DEFAULT) -> list[list[Word]]:
    """Words -> lines top to bottom, each sorted left to right. Words of one text line (same
    block and line in PyMuPDF) stay together; text lines whose vertical middles are within
    ``same_line`` line heights of each other share a visual line (cells of one table row)."""
    pieces: dict[tuple, list[Word]] = {}
    for w in words:
        pieces.setdefault((w[5], w[6]), []).append(w)
    frags = sorted(pieces.values(), key=lambda ws: (ws[0][1] + ws[0][3]) / 2)
    lines: list[list[Word]] = []
    mid = height = None
    for ws in frags:
        m, h = (ws[0][1] + ws[0][3]) / 2, ws[0][3] - ws[0][1]
        if lines and abs(m - mid) < s.same_line * min(h, height):
            lines[-1].extend(ws)
        else:
            lines.append(list(ws))
            mid, height = m, h
    for line in lines:
        line.sort(key=lambda w: w[0])
    return lines


def page_lines(words: list[Word], s: LayoutSettings = DEFAULT) -> list[VisualLine]:
    """A page's words as numbered visual lines (the numbering every location refers to)."""
    return [VisualLine(k, ws, min(w[1] for w in ws), max(w[3] for w in ws))
            for k, ws in enumerate(visual_lines(words, s), start=1)]


def gap_cells(line: list[Word], s: LayoutSettings = DEFAULT) -> list[list[Word]]:
    """Split a line where the gap between words is wider than ``cell_gap`` line heights."""
    height = max(w[3] - w[1] for w in line)
    cells = [[line[0]]]
    for prev, w in zip(line, line[1:]):
        if w[0] - prev[2] > s.cell_gap * height:
            cells.append([w])
        else:
            cells[-1].append(w)
    return cells
