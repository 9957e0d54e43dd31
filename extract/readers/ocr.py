"""Scanned pages: words by OCR and table rules found in the image.

OCR is tesseract, through PyMuPDF's built-in OCR (``Page.get_textpage_ocr``): no extra Python
package, and the words come back with boxes in page coordinates, exactly like a text layer, so
``pdf_layout`` treats both the same. It needs tesseract's English data (``eng.traineddata``),
found through ``TESSDATA_PREFIX`` or the ``tesseract`` program; without it a scanned page fails
with ``OcrUnavailable`` naming what to install, and the rest of the document is still read.

Table rules on a scan are long runs of dark pixels (numpy over a greyscale rendering), so a ruled
LO | AC table keeps its columns and rows after OCR too.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Optional

INSTALL_HINT = "install tesseract with English data (apt-get install -y tesseract-ocr tesseract-ocr-eng)"
MIN_DPI, MAX_DPI = 150, 300  # OCR at the scan's own resolution, within tesseract's useful range
_DARK = 160  # grey level below which a pixel is ink
_MIN_RULE_PT = 36.0  # a rule is at least half an inch long: no letter stroke is
_MAX_RULE_PT = 3.0  # and at most this thick: a thicker dark run is a filled (shaded) box
_JUNK = set("|[]{}_")  # table rules that OCR reads as characters
MAX_PIXELS = 50_000_000  # a rendered page at most this big (A4 at 300 dpi is 8.7 million pixels)
MIN_USEFUL_DPI = 72  # a page that fits MAX_PIXELS only below this is not OCR'd (page_unreadable)
PAGE_SECONDS = 120.0  # time budget of one page's OCR (each page is OCR'd in its own process)


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
    """The folder holding ``eng.traineddata``, or None when tesseract is not installed."""
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


def read_scan(page) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """OCR one scanned page -> (words, horizontal rules, vertical rules) in page coordinates.

    Words are PyMuPDF-style tuples. The rules are found first and painted out of the image
    before tesseract sees it: text touching a table rule is otherwise often not read at all.
    """
    import numpy as np
    import pymupdf

    folder = tessdata()
    if folder is None:
        raise OcrUnavailable(f"tesseract is not available: {INSTALL_HINT}")
    dpi = render_dpi(page)
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    grey = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width].copy()
    min_len = int(_MIN_RULE_PT * dpi / 72)
    ink = grey < _DARK
    thick = int(_MAX_RULE_PT * dpi / 72) + 1
    across = [r for r in _runs(ink, min_len) if r[1] - r[0] < thick]  # a thicker run is a filled box
    down = [r for r in _runs(ink.T, min_len) if r[1] - r[0] < thick]
    for first, last, a, b in across:  # a shaded header row is no rule: it is left as printed
        grey[max(0, first - 2) : last + 3, a:b] = 255
    for first, last, a, b in down:
        grey[a:b, max(0, first - 2) : last + 3] = 255
    rgb = np.repeat(grey[:, :, None], 3, axis=2)  # MuPDF's OCR reads RGB pixmaps only
    clean = pymupdf.Pixmap(pymupdf.csRGB, pix.width, pix.height, rgb.tobytes(), 0)
    clean.set_dpi(dpi, dpi)
    with _quiet_stderr():  # tesseract prints its own notes ("Image too small to scale!!")
        ocr_pdf = clean.pdfocr_tobytes(compress=False, language="eng", tessdata=folder)
    ocr_page = pymupdf.open("pdf", ocr_pdf)[0]
    flags = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_PRESERVE_LIGATURES
    sx, sy = page.rect.width / ocr_page.rect.width, page.rect.height / ocr_page.rect.height
    x0, y0 = page.rect.x0, page.rect.y0
    words = [(x0 + w[0] * sx, y0 + w[1] * sy, x0 + w[2] * sx, y0 + w[3] * sy) + tuple(w[4:])
             for w in ocr_page.get_text("words", flags=flags) if not set(w[4]) <= _JUNK]
    scale = 72.0 / dpi
    horizontal = [(x0 + a * scale, y0 + (f + l) / 2 * scale, x0 + b * scale, y0 + (f + l) / 2 * scale)
                  for f, l, a, b in across]
    vertical = [(x0 + (f + l) / 2 * scale, y0 + a * scale, x0 + (f + l) / 2 * scale, y0 + b * scale)
                for f, l, a, b in down]
    return words, horizontal, vertical


@contextmanager
def _quiet_stderr():
    """Silence file descriptor 2 (tesseract writes there directly, bypassing Python)."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def scan_dpi(page) -> int:
    """The resolution the page was scanned at (its largest image), kept within MIN..MAX_DPI:
    rendering finer than the scan adds no detail, only OCR time."""
    best = 0.0
    for info in page.get_image_info():
        width = info["bbox"][2] - info["bbox"][0]
        if width > 0:
            best = max(best, info["width"] * 72.0 / width)
    return int(min(MAX_DPI, max(MIN_DPI, best or MAX_DPI)))


def _runs(ink, min_len: int) -> list[tuple[int, int, int, int]]:
    """Long runs of ink along each row of ``ink`` -> (first row, last row, start, end), the
    neighbouring rows of one thick rule merged. One- or two-pixel breaks (noise, JPEG) are
    closed first."""
    import numpy as np

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
    for r, a, b in zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist()):
        for seg in reversed(segments[-4:]):
            if r - seg[1] <= 1 and a < seg[3] and b > seg[2]:
                seg[1], seg[2], seg[3] = r, min(seg[2], a), max(seg[3], b)
                break
        else:
            segments.append([r, r, a, b])
    return [tuple(s) for s in segments]
