"""Table rules: vector drawings -> horizontal and vertical segments, and the column borders and
row cuts they give a table."""

from __future__ import annotations

from .model import Segment
from .settings import DEFAULT, LayoutSettings


def rules_from_drawings(drawings: list[dict], s: LayoutSettings = DEFAULT) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rules from ``page.get_cdrawings()``: stroked lines and box edges,
    and filled boxes thin enough to be lines. Shading (a wide filled box) is not a rule."""
    horizontal: list[Segment] = []
    vertical: list[Segment] = []
    for d in drawings:
        stroked = "s" in d.get("type", "")
        for item in d.get("items", ()):
            for seg in _item_segments(item, stroked, s):
                _add(horizontal, vertical, *seg, s=s)
    return horizontal, vertical


def _item_segments(item: tuple, stroked: bool, s: LayoutSettings) -> list[tuple]:
    """The candidate rule segments of one drawing item: a stroked line, a thin filled box, or
    the four edges of a stroked box."""
    kind = item[0]
    if kind == "l" and stroked:
        (x0, y0), (x1, y1) = item[1], item[2]
        return [(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))]
    if kind != "re":
        return []
    x0, y0, x1, y1 = item[1]
    x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    if x1 - x0 < s.thin or y1 - y0 < s.thin:
        return [(x0, y0, x1, y1)]
    if stroked:
        return [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
    return []


def _add(horizontal: list, vertical: list, x0: float, y0: float, x1: float, y1: float,
         s: LayoutSettings = DEFAULT) -> None:
    if x1 - x0 >= s.min_rule_length and y1 - y0 < s.thin:
        y = (y0 + y1) / 2
        horizontal.append((x0, y, x1, y))
    elif y1 - y0 >= s.min_rule_length and x1 - x0 < s.thin:
        x = (x0 + x1) / 2
        vertical.append((x, y0, x, y1))


def borders_at(vertical: list[Segment], top: float, bottom: float, s: LayoutSettings = DEFAULT) -> tuple[float, ...]:
    """x of the vertical rules that span the band ``top..bottom`` (snapped, sorted)."""
    slack = s.rule_span_slack
    xs = sorted(v[0] for v in vertical if v[1] <= top + slack and v[3] >= bottom - slack)
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > s.snap:
            out.append(x)
    return tuple(out)


def cuts(horizontal: list[Segment], borders: tuple[float, ...], s: LayoutSettings = DEFAULT) -> list[float]:
    """y of the horizontal rules inside the table's width: its row boundaries."""
    left, right = borders[0], borders[-1]
    return sorted({round(h[1], 1) for h in horizontal if h[0] < right - s.snap and h[2] > left + s.snap})
