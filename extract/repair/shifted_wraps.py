"""Repair for text without geometry: a criterion's wrapped line printed before it.

Tesseract reading a table page-wise (and some converters) may print the second line of a
criterion's cell as a paragraph of its own just before the cell's first line::

    1.1 outline the causes of stock loss
    received notes
    1.2 analyse the benefits and limitations of bar-code scanners and goods

Read in order, "received notes" would continue 1.1. The document's own word pairs decide where
it goes: when the pair it makes with the next criterion's last word ("goods received") is one
the document prints at least ``MIN_READ_PAIRS`` times, and the pair with the criterion before
it ("loss received") is never printed, the line is moved after the next criterion (whose cell
has no other line), with a ``text_repaired`` warning. Without that evidence nothing moves.
"""

from __future__ import annotations

import re
from collections import Counter

from ..layout.lines import Line
from .vocabulary import junction, pairs

MIN_READ_PAIRS = 2  # a pair the document prints this often carries a criterion on into the line
MAX_WRAP_WORDS = 8  # a wrapped cell line printed apart is short
_CRITERION = re.compile(r"^(?:AC\s?)?\d{1,2}\.\d{1,2}\.?\s+\S")


def _paragraphs(lines: list[Line]) -> list[list[int]]:
    """Indexes of the runs of text lines (blank lines and furniture between them)."""
    out, current = [], []
    for k, line in enumerate(lines):
        if line.blank or line.noise:
            if current:
                out.append(current)
            current = []
        else:
            current.append(k)
    return out + ([current] if current else [])


def _shifted(lines: list[Line], before: list[int], wrap: list[int], after: list[int], read: Counter) -> bool:
    """``wrap`` (one short lower-case line) is the wrapped line of the one-line criterion
    ``after``, printed between it and the criterion ``before``."""
    text = lines[wrap[0]].text
    if len(wrap) != 1 or len(after) != 1 or not text[:1].islower() or len(text.split()) > MAX_WRAP_WORDS:
        return False
    if not (_CRITERION.match(lines[before[0]].text) and _CRITERION.match(lines[after[0]].text)):
        return False
    return (junction(read, lines[after[0]].text, text) >= MIN_READ_PAIRS
            and junction(read, lines[before[-1]].text, text) == 0)


def repair_shifted_wraps(lines: list[Line]) -> list[tuple[Line, str]]:
    """Move each criterion's wrapped line printed before it to after it (in place); returns
    (line, message) per move."""
    read = pairs([l.text for l in lines if not l.noise])
    repairs, paras, i = [], _paragraphs(lines), 0
    while i + 2 < len(paras):
        before, wrap, after = paras[i : i + 3]
        if _shifted(lines, before, wrap, after, read):
            line = lines.pop(wrap[0])
            lines.insert(after[0], line)  # after[0] moved up by one with the pop: right after it
            repairs.append((line, f"{line.text!r} printed before criterion {lines[after[0] - 1].text.split()[0]} "
                                  "read as its wrapped line (the word pairs carry it on)"))
            paras = _paragraphs(lines)  # the line joined the criterion's paragraph
        i += 1
    return repairs
