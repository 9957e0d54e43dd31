"""Which of tesseract's words are no printed text: a speck or a rule's trace read as letters,
or the same ink read twice.

Tesseract sometimes builds a text line that runs through another one (a tall line over two
rows of a table) and reads a letter of that other line again as a word of its own: the ``g`` of
``hazardous goods`` comes back as ``6`` on the next row's line, and the outcome reads
``hazardous goods 6``. Such a ghost is read with low confidence and stands inside the span of
another line's confidently read words, level with them; printed text never puts two lines'
words in one place.
"""

from __future__ import annotations

from collections import defaultdict

GHOST_CONFIDENCE = 90.0
"""Below this confidence a word standing inside another line's words is a ghost; a word read
as surely as its neighbours is kept wherever it stands."""
GHOST_OVERLAP = 0.5
"""Share of the word's height that other lines' words must cover, level with it."""


def ghosts(boxes: list[tuple], lines: list[tuple], confidences: list[float]) -> set[int]:
    """Indexes of the ghost words, given each word's own box (x0, y0, x1, y1), its OCR line's
    key and its confidence."""
    spans: dict[tuple, list[float]] = defaultdict(lambda: [float("inf"), float("inf"), float("-inf"), float("-inf")])
    for box, line, conf in zip(boxes, lines, confidences):
        if conf >= GHOST_CONFIDENCE:  # a line's place: the words it read surely
            span = spans[line]
            span[0], span[1] = min(span[0], box[0]), min(span[1], box[1])
            span[2], span[3] = max(span[2], box[2]), max(span[3], box[3])
    return {k for k, (box, line, conf) in enumerate(zip(boxes, lines, confidences))
            if conf < GHOST_CONFIDENCE and _covered(box, [span for key, span in spans.items() if key != line])}


def _covered(box: tuple, spans: list[list[float]]) -> bool:
    """Other lines' spans across the word's middle cover ``GHOST_OVERLAP`` of its height (a
    ghost may stand between two lines, half in each)."""
    middle = (box[0] + box[2]) / 2
    covered = sum(max(0.0, min(box[3], s[3]) - max(box[1], s[1])) for s in spans if s[0] <= middle <= s[2])
    return covered >= GHOST_OVERLAP * (box[3] - box[1])
