"""Scan images before OCR: coarse scans enlarged, skewed scans straightened (numpy and Pillow).

* **Upscale**: tesseract reads letters best at 10-pixel x-heights and more (about 300 dpi for
  10 pt text); a scan coarser than ``UPSCALE_BELOW_DPI`` is enlarged to ``UPSCALE_TO_DPI``
  (bicubic) before OCR. Lone ink pixels and lone holes (scanner specks) are cleared first:
  enlarged, a speck becomes a blob tesseract reads as a letter.
* **Deskew**: the skew is measured from the image itself, by projection: the ink pixels' rows are
  sheared by each candidate angle, and the angle whose row histogram is sharpest (text lines and
  table rules falling into the fewest rows) is the page's skew. Candidates span
  ``±MAX_SKEW_DEGREES``, coarse steps first and fine steps around the best; a skew under
  ``MIN_SKEW_DEGREES`` is left alone (rotating blurs a little). The page is rotated back about its
  centre (bicubic, white corners), before the table rules are looked for, so rules are
  axis-aligned and painted out exactly where they are.
"""

from __future__ import annotations

import math

UPSCALE_BELOW_DPI = 200  # scans coarser than this are enlarged before OCR
UPSCALE_TO_DPI = 300  # to this resolution
MAX_SKEW_DEGREES = 1.5  # skews searched, both ways (scanners and the specimens stay within 1 degree)
COARSE_STEP_DEGREES = 0.25  # first pass over the whole range
FINE_STEP_DEGREES = 0.05  # second pass, one coarse step either side of the best
MIN_SKEW_DEGREES = 0.1  # a measured skew smaller than this is not corrected
_INK = 160  # grey level below which a pixel is ink (as ocr._DARK)
_COLUMN_STEP = 4  # columns sampled to measure the skew (every row is kept: the histogram is over rows)
_MAX_POINTS = 100_000  # ink pixels used to measure the skew (every k-th beyond this)


def upscale(grey, dpi: int):
    """(image, dpi) enlarged to ``UPSCALE_TO_DPI`` when ``dpi`` is below ``UPSCALE_BELOW_DPI``."""
    if dpi >= UPSCALE_BELOW_DPI:
        return grey, dpi
    import numpy as np
    from PIL import Image

    factor = UPSCALE_TO_DPI / dpi
    h, w = grey.shape
    big = Image.fromarray(despeckle(grey)).resize((round(w * factor), round(h * factor)), Image.BICUBIC)
    return np.asarray(big).copy(), UPSCALE_TO_DPI


def despeckle(grey):
    """A copy of ``grey`` without lone ink pixels (no ink among their 8 neighbours) and lone
    holes (ink all around)."""
    import numpy as np

    ink = grey < _INK
    padded = np.pad(ink, 1)
    h, w = ink.shape
    neighbours = sum(padded[1 + dy : 1 + dy + h, 1 + dx : 1 + dx + w].astype(np.uint8)
                     for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx)
    clean = grey.copy()
    clean[ink & (neighbours == 0)] = 255
    clean[~ink & (neighbours == 8)] = 0
    return clean


def _sharpness(ys, xs, angle: float) -> float:
    import numpy as np

    rows = np.rint(ys - xs * math.tan(math.radians(angle))).astype(np.int64)
    rows -= rows.min()
    hist = np.bincount(rows).astype(np.float64)
    return float(np.dot(hist, hist))


def measure_skew(grey) -> float:
    """The page's skew in degrees: positive when text lines fall to the right (clockwise)."""
    import numpy as np

    ys, xs = np.nonzero(grey[:, ::_COLUMN_STEP] < _INK)  # every 4th column: a quarter of the work
    if len(ys) < 100:
        return 0.0
    step = max(1, len(ys) // _MAX_POINTS)
    ys, xs = ys[::step].astype(np.float64), xs[::step].astype(np.float64) * _COLUMN_STEP
    coarse = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1e-9, COARSE_STEP_DEGREES)
    best = max(coarse, key=lambda a: _sharpness(ys, xs, a))
    fine = np.arange(best - COARSE_STEP_DEGREES, best + COARSE_STEP_DEGREES + 1e-9, FINE_STEP_DEGREES)
    return float(round(max(fine, key=lambda a: _sharpness(ys, xs, a)), 3))


def deskew(grey):
    """(image straightened, skew in degrees that was measured); the image unchanged when the
    skew is under ``MIN_SKEW_DEGREES``."""
    import numpy as np
    from PIL import Image

    angle = measure_skew(grey)
    if abs(angle) < MIN_SKEW_DEGREES:
        return grey, angle
    turned = Image.fromarray(grey).rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    return np.asarray(turned).copy(), angle
