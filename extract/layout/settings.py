"""Every tolerance of the layout stage, named and documented in one settings object.

As pdfplumber's table settings: a threshold is a field here, never a bare number in a
condition, and an unknown name is an error (``LayoutSettings.with_(cell_gap=2)`` raises, so a
typo cannot silently fall back to the default). Distances are in the page's units (PDF
points, or the character grid of ``readers.layout_text``); ratios are to the line height
unless the name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Optional


@dataclass(frozen=True)
class LayoutSettings:
    # rules (table borders)
    snap: float = 1.5  # rules (or a word edge and a rule) closer than this are at one place
    thin: float = 2.0  # a filled box thinner than this is a rule, not shading
    min_rule_length: float = 5.0  # shorter strokes are marks, not rules
    rule_span_slack: float = 2.0  # a vertical rule spans a line when it reaches this near its top and bottom
    # words -> visual lines -> cells
    same_line: float = 0.5  # text lines whose middles are closer than this many heights share a visual line
    cell_gap: float = 1.5  # a gap wider than this many line heights separates two cells
    word_space_ratio: float = 2.0  # a gap this many times the line's median word space is a cell gap
    crossing_gap: float = 0.8  # a gap under this many heights at a column border is running text across it
    # rows of tables
    row_gap: float = 0.6  # a vertical gap over this many heights starts a new table row (and a heading over a header row is nearer)
    # text whose columns stray over the header's borders (pdftotext -layout shifts them): only a
    # line whose first run goes from the table's left edge over a border ends the table; with
    # False (PDF text layers) any line that crosses a border does
    strays: bool = False
    # ... and (with strays) a run that starts more than this share of its column's width right of
    # where the open row's cell in that column starts belongs to the next column: cell text is
    # left-aligned, and pdftotext moved the next column left on this row (past the header's border)
    stray_next_share: float = 0.5
    # ... and (with strays) a list item's wrapped line starts this near the item's text (x units):
    # a criterion's lines wrap to its text, not to its number, give or take the text grid's column
    item_wrap_slack: float = 1.5
    # furniture (running headers, footers, page numbers)
    edge_lines: int = 2  # lines at the top and at the bottom of a page that can be furniture
    same_place: Optional[float] = 3.0  # furniture stands this near the same distance from the page edge (None: no positions)
    furniture_share: float = 0.4  # ... on at least this share of the pages
    furniture_min_pages: int = 2  # ... and on at least this many pages
    # a bare number that is not the page's own number is its page number at the page's first or
    # last line, or beside a running footer (unnumbered cover pages shift the count); False where
    # the pages were inferred from what the text prints, whose edges a criterion number read
    # without its dot ("11") can stand at
    other_page_numbers: bool = True
    # OCR'd pages: a repeated edge line read this alike (difflib ratio) is the same line, as a
    # footer OCR reads a little differently on each page ("ncfe.org.uk", "nefe.org.uk"); None: exact
    furniture_similarity: Optional[float] = None
    header_similarity: float = 0.8  # a table header repeated after a page break matches the last one this closely (OCR)
    # paragraphs
    reflow_gap: float = 0.4  # wrapped lines of one paragraph are nearer than this many heights
    reflow_word: float = 0.4  # a word space, in heights, when asking whether the next word would have fitted
    # wrapped lines of one paragraph share a font size: line heights differing by more than this
    # share are two paragraphs (a bold heading over an italic line); None: not compared (OCR word
    # boxes grow and shrink with the letters they hold)
    reflow_height: Optional[float] = 0.05
    paragraph_gap: float = 0.8  # a gap over this many heights between text lines is a paragraph break

    def with_(self, **changes) -> "LayoutSettings":
        """A copy with ``changes``; an unknown setting name raises ``TypeError``."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise TypeError(f"unknown layout setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return replace(self, **changes)


DEFAULT = LayoutSettings()
