"""How wide a text prints, for the repairs of text without positions (plain ``pdftotext``,
OCR text) that compare a line with its column's width.

A proportional font fits more narrow letters on a line than wide ones: in the same outcome
column ``an individual's rights and duty of care`` (39 characters) fitted on a line where
``1 Understand how conflicts between an`` (37) did not. Counted in characters the two would
say the column is wider than it is; counted in the letters' widths they agree. The widths are
Helvetica's (the metrics of PDF's standard Helvetica, which Arial shares): other proportional
fonts differ in scale more than in proportion, and only ratios between lines of one document
are compared. The unit is an average character (``CHARACTER``), so a width reads as a count
of characters and the thresholds written in characters keep their meaning.
"""

from __future__ import annotations

from functools import lru_cache

_FIRST = 32  # the widths below are those of " " (32) to "~" (126), in thousandths of an em
_HELVETICA = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
    722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
    278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
CHARACTER = 500  # an average character's width in running English text, in thousandths of an em
OTHER = 556  # a character outside the table (accented letters, dashes, bullets)


@lru_cache(maxsize=65536)
def width(text: str) -> float:
    """``text``'s printed width, in average characters."""
    total = 0
    for ch in text:
        k = ord(ch) - _FIRST
        total += _HELVETICA[k] if 0 <= k < len(_HELVETICA) else OTHER
    return total / CHARACTER


SPACE = width(" ")
