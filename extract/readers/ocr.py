"""Scanned pages: the image tesseract reads, the table rules found in it, and its words.

OCR is the ``tesseract`` program (``ocr_pool`` runs one process per page, pages in parallel),
reading a greyscale rendering of the page at the scan's own resolution and writing TSV: words
with boxes and confidences, turned here into word tuples in page coordinates, exactly like a
text layer's, so the layout stage treats both the same (the confidence is appended as a ninth
element). It needs tesseract with English data (``eng.traineddata``), found through
``TESSDATA_PREFIX`` or the ``tesseract`` program; without it a scanned page fails with
``OcrUnavailable`` naming what to install, and the rest of the document is still read.

Table rules on a scan are long runs of dark pixels (numpy over the greyscale rendering), so a
ruled LO | AC table keeps its columns and rows after OCR too; they are painted out of the image
before tesseract reads it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from . import ocr_columns, ocr_image, ocr_words

INSTALL_HINT = "install tesseract with English data (apt-get install -y tesseract-ocr tesseract-ocr-eng)"
MIN_DPI, MAX_DPI = 150, 300  # OCR at the scan's own resolution, within tesseract's useful range
_DARK = 160  # grey level below which a pixel is ink
_RULE_DARK = 200  # grey level below which a pixel can be a table rule: rules are often printed grey
RULE_EDGE_ROWS = 2  # pixel rows beside a rule within which a shorter run is the rule's paler edge
_MIN_RULE_PT = 36.0  # a rule is at least half an inch long: no letter stroke is
_MAX_RULE_PT = 3.0  # and at most this thick: a thicker dark run is a filled (shaded) box
_JUNK = set("|[]{}_")  # table rules that OCR reads as characters
RULE_MARK_SLACK = 1.0
"""Points within which a table rule found in the image runs through a word box made only of
marks (``=``, ``—``, ``:``): such a word is the rule read as text, not a printed mark."""
SPECK_HEIGHT_PT = 2.0
"""A word whose own ink is less tall than this is a speck or a rule's trace tesseract read as
text (``ee``, ``Aase``, ``:`` 1.2 pt high): printed letters, digits and colons stand at least a
small font's x-height (about 3 pt at 7 pt). Dashes, full stops and commas are that flat in print
and are kept."""
_FLAT_MARKS = set("-\u2013\u2014_.,")
SPECK_CONFIDENCE = 50.0
"""A word of flat marks only (``.``, ``-``) read with a confidence below this is a speck of
scanner noise, not a printed mark: a printed full stop or comma is read with the word it
follows, and a printed dash on its own is read with confidence."""
MAX_PIXELS = 50_000_000  # a rendered page at most this big (A4 at 300 dpi is 8.7 million pixels)
MIN_USEFUL_DPI = 72  # a page that fits MAX_PIXELS only below this is not OCR'd (page_unreadable)
UPSCALE = True  # enlarge scans below ocr_image.UPSCALE_BELOW_DPI before OCR (measured: docs/pdf.md)
DESKEW = True  # measure each page's skew and turn it back before OCR (measured: docs/pdf.md)
COLUMNS = True  # read columns side by side each on its own (``ocr_columns``; measured: docs/accuracy.md)
PAGE_SECONDS = 120.0  # time budget of one page's tesseract process: over it, ocr_page_timeout and the page is skipped


class OcrUnavailable(Exception):
    """Tesseract or its English data is missing: the message says what to install."""


class PageTooLarge(Exception):
    """A page too large to render for OCR within ``MAX_PIXELS``: the message gives its size."""


def render_dpi(page) -> int:
    """The resolution to OCR ``page`` at: its scan's (``scan_dpi``), lowered so the rendering
    stays within ``MAX_PIXELS``; ``PageTooLarge`` when that is below ``MIN_USEFUL_DPI``."""
    dpi = scan_dpi(page)
    inches = abs(page.rect) / (72.0 * 72.0)  # square inches
    if inches * dpi * dpi > MAX_PIXELS:
        dpi = int((MAX_PIXELS / inches) ** 0.5)
        if dpi < MIN_USEFUL_DPI:
            raise PageTooLarge(f"{page.rect.width:.0f} x {page.rect.height:.0f} pt is too large to OCR "
                               f"within {MAX_PIXELS // 1_000_000} million pixels")
    return dpi


@lru_cache(maxsize=1)
def tessdata() -> Optional[str]:
    """The folder holding ``eng.traineddata``, or None when tesseract (the program or its
    English data) is not installed."""
    if shutil.which("tesseract") is None:
        return None
    candidates = [os.environ.get("TESSDATA_PREFIX")]
    try:
        import pymupdf

        candidates.append(pymupdf.get_tessdata())
    except Exception:  # PyMuPDF raises when it cannot run `tesseract --list-langs`
        pass
    for folder in filter(None, candidates):
        if (Path(folder) / "eng.traineddata").is_file():
            return str(folder)
    return None


@dataclass
class Scan:
    """A scanned page ready for tesseract: the cleaned greyscale image (PGM bytes), the
    resolution it was rendered at, the page's origin, and the table rules found in it."""

    image: bytes
    dpi: int
    origin: tuple[float, float]
    horizontal: list[tuple]
    vertical: list[tuple]
    skew: float = 0.0  # degrees the page was turned back by (``ocr_image.deskew``)
    strips: list = field(default_factory=list)  # columns moved below the page (``ocr_columns.compose``)


def prepare_scan(page) -> Scan:
    """Render one scanned page, find its table rules and paint them out of the image (text
    touching a table rule is otherwise often not read at all), and move columns that stand side
    by side apart (``ocr_columns``); the OCR itself is ``ocr_pool``'s."""
    import numpy as np
    import pymupdf

    dpi = render_dpi(page)
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    grey = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width].copy()
    if UPSCALE and grey.size * (ocr_image.UPSCALE_TO_DPI / dpi) ** 2 <= MAX_PIXELS:
        grey, dpi = ocr_image.upscale(grey, dpi)
    skew = 0.0
    if DESKEW:
        grey, skew = ocr_image.deskew(grey)
    min_len = int(_MIN_RULE_PT * dpi / 72)
    ink = grey < _RULE_DARK  # only long, thin runs of it are rules
    thick = int(_MAX_RULE_PT * dpi / 72) + 1
    across = [r for r in _runs(ink, min_len) if r[1] - r[0] < thick]  # a thicker run is a filled box
    down = [r for r in _runs(ink.T, min_len) if r[1] - r[0] < thick]
    for first, last, a, b in across:  # a shaded header row is no rule: it is left as printed
        grey[max(0, first - 2) : last + 3, a:b] = 255
    for first, last, a, b in down:
        grey[a:b, max(0, first - 2) : last + 3] = 255
    x0, y0 = page.rect.x0, page.rect.y0
    scale = 72.0 / dpi
    horizontal = [(x0 + a * scale, y0 + (f + l) / 2 * scale, x0 + b * scale, y0 + (f + l) / 2 * scale)
                  for f, l, a, b in across]
    vertical = [(x0 + (f + l) / 2 * scale, y0 + a * scale, x0 + (f + l) / 2 * scale, y0 + b * scale)
                for f, l, a, b in down]
    composite = ocr_columns.compose(grey, dpi) if COLUMNS else ocr_columns.Composite(grey)
    grey = composite.grey
    image = b"P5\n%d %d\n255\n" % (grey.shape[1], grey.shape[0]) + grey.tobytes()
    return Scan(image, dpi, (x0, y0), horizontal, vertical, skew, composite.strips)


def tsv_words(tsv: str, scan: Scan) -> list[tuple]:
    """Tesseract's TSV output -> PyMuPDF-style word tuples in page coordinates with the word's
    confidence (0-100) appended: ``(x0, y0, x1, y1, text, block, line, word_no, confidence)``.

    A word's top and bottom are its text line's (as a text layer's are, from the font), so the
    words of one line share a height whatever their letters' ascenders. Dropped: rules read as
    marks, specks (``SPECK_HEIGHT_PT``) and ink read twice (``ocr_words.ghosts``)."""
    scale = 72.0 / scan.dpi
    ox, oy = scan.origin
    lines: dict[tuple, tuple[int, int]] = {}
    words, boxes = [], []  # the words, and each one's own box (its ink, not its line's)
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        level, _, block, par, line, word = (int(c) for c in cols[:6])
        left, top, width, height = (int(c) for c in cols[6:10])
        top += ocr_columns.page_dy(scan.strips, top)  # a column read below the page goes back
        key = (block, par, line)
        if level == 4:
            lines[key] = (top, top + height)
        text = cols[11].strip()
        if level != 5 or not text:
            continue
        ltop, lbottom = lines.get(key, (top, top + height))
        box = (ox + left * scale, oy + top * scale, ox + (left + width) * scale, oy + (top + height) * scale)
        if _no_text(text, box, scan, float(cols[10])):
            continue
        words.append((box[0], oy + ltop * scale, box[2], oy + lbottom * scale,
                      text, block, par * 1000 + line, word, float(cols[10])))
        boxes.append(box)
    drop = ocr_words.ghosts(boxes, [w[5:7] for w in words], [w[8] for w in words])
    return [w for k, w in enumerate(words) if k not in drop]


def _no_text(text: str, box: tuple, scan: Scan, confidence: float) -> bool:
    """A word that is no printed text: a table rule read as ``|``/``_``, a mark a rule runs
    through, a speck less tall than ``SPECK_HEIGHT_PT`` (dashes and stops are that flat), or
    flat marks alone read less surely than ``SPECK_CONFIDENCE``."""
    if set(text) <= _JUNK or (not any(c.isalnum() for c in text) and _on_rule(box, scan)):
        return True
    if set(text) <= _FLAT_MARKS:
        return confidence < SPECK_CONFIDENCE
    return box[3] - box[1] < SPECK_HEIGHT_PT


def _on_rule(box: tuple, scan: Scan) -> bool:
    """A table rule found in the image runs through ``box`` (within ``RULE_MARK_SLACK``)."""
    x0, y0, x1, y1 = box[0] - RULE_MARK_SLACK, box[1] - RULE_MARK_SLACK, box[2] + RULE_MARK_SLACK, box[3] + RULE_MARK_SLACK
    return (any(x0 <= v[0] <= x1 and v[1] <= y1 and y0 <= v[3] for v in scan.vertical)
            or any(y0 <= h[1] <= y1 and h[0] <= x1 and x0 <= h[2] for h in scan.horizontal))


def scan_dpi(page) -> int:
    """The resolution the page was scanned at (its largest image), kept within MIN..MAX_DPI:
    rendering finer than the scan adds no detail, only OCR time."""
    best = 0.0
    for info in page.get_image_info():
        width = info["bbox"][2] - info["bbox"][0]
        if width > 0:
            best = max(best, info["width"] * 72.0 / width)
    return int(min(MAX_DPI, max(MIN_DPI, round(best) or MAX_DPI)))  # 199.99999 is a 200 dpi scan


def _runs(ink, min_len: int) -> list[tuple[int, int, int, int]]:
    """Long runs of ink along each row of ``ink`` -> (first row, last row, start, end), the
    neighbouring rows of one thick rule merged. One- or two-pixel breaks (noise, JPEG) are
    closed first. Only rows with at least a third of ``min_len`` ink pixels are looked at: closing
    two-pixel breaks at most triples a row's ink, so no other row can hold a long run."""
    import numpy as np

    candidates = np.flatnonzero(np.count_nonzero(ink, axis=1) >= min_len // 3)
    ink = ink[candidates]
    before = np.zeros_like(ink)  # ink one or two pixels to the left
    before[:, 1:] |= ink[:, :-1]
    before[:, 2:] |= ink[:, :-2]
    after = np.zeros_like(ink)  # ink one or two pixels to the right
    after[:, :-1] |= ink[:, 1:]
    after[:, :-2] |= ink[:, 2:]
    closed = ink | (before & after)
    padded = np.zeros((closed.shape[0], closed.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = closed
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)
    keep = ends - starts >= min_len
    segments: list[list[float]] = []  # [first row, last row, start, end]
    for r, a, b in zip(candidates[rows[keep]].tolist(), starts[keep].tolist(), ends[keep].tolist()):
        for seg in reversed(segments[-4:]):
            if r - seg[1] <= 1 and a < seg[3] and b > seg[2]:
                seg[1], seg[2], seg[3] = r, min(seg[2], a), max(seg[3], b)
                break
        else:
            segments.append([r, r, a, b])
    return _absorbed(segments)


def _absorbed(segments: list[list[float]]) -> list[tuple[int, int, int, int]]:
    """The segments with each one that lies along a longer one -- its rows next to that one's
    (within ``RULE_EDGE_ROWS``), its extent inside it -- taken into it: a grey rule's paler
    edge rows give shorter runs beside it, which are the same rule, not rules of their own
    (they would cut cells)."""
    kept: list[list[float]] = []
    for seg in sorted(segments, key=lambda s: s[2] - s[3]):  # longest first
        host = next((k for k in kept if seg[0] - k[1] <= RULE_EDGE_ROWS and k[0] - seg[1] <= RULE_EDGE_ROWS
                     and k[2] <= seg[2] and seg[3] <= k[3]), None)
        if host is None:
            kept.append(seg)
        else:
            host[0], host[1] = min(host[0], seg[0]), max(host[1], seg[1])
    return sorted(tuple(k) for k in kept)
