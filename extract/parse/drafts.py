"""Drafts of one unit's outcomes and criteria as they are read, before the output models.

``reading.py`` fills a ``Draft`` from the unit's items; ``pairing.py``, ``assemble.py`` and
``overlaid.py`` turn it into ``LearningOutcome`` models. Every step writes its warnings to one
``Log``, so each warning names the unit and the warnings keep the order the steps found them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..layout.lines import Line
from ..models import Location, Warning


@dataclass
class AC:
    """A criterion: its number as printed (``token``), its text lines, and the parsed number."""

    token: Optional[str]
    parts: list[str]
    line: Line
    number: Optional[tuple[int, int]] = None


@dataclass
class LO:
    """An outcome: its number (None while not printed) and its text lines."""

    number: Optional[int]
    parts: list[str]
    line: Line


@dataclass
class Block:
    """A column of numbers and the paragraphs of text printed after it."""

    numbers: list[AC] = field(default_factory=list)
    paragraphs: list[list[str]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    open_paragraph: bool = False

    def add_text(self, text: str, line: Line) -> None:
        """A line of text: the next line of the open paragraph, or the first of a new one."""
        if self.open_paragraph:
            self.paragraphs[-1].append(text)
        else:
            self.paragraphs.append([text])
            self.lines.append(line)
            self.open_paragraph = True


@dataclass
class Draft:
    """What reading found: outcomes, criteria in order (``AC`` rows or ``Block`` columns), the
    overlaid cells (never text, but evidence for ``overlaid.py``) and the lower-case lines that
    continued a criterion in a criteria column (``orphans``: a lost criterion's first line may
    have been its continuation)."""

    los: list[LO] = field(default_factory=list)
    segments: list[object] = field(default_factory=list)  # AC (paired) or Block
    garbled: list[str] = field(default_factory=list)
    garbled_at: Optional[Line] = None
    orphans: list[tuple[AC, str]] = field(default_factory=list)
    other_of: Optional[AC] = None  # the criterion after which lines were read as another column's


@dataclass
class Log:
    """The warnings about one unit, in the order they were found."""

    unit: Optional[str]
    warnings: list[Warning] = field(default_factory=list)

    def warn(self, code: str, message: str, line: Optional[Line] = None) -> None:
        loc = Location(page=line.page, line=line.number) if line else None
        self.warnings.append(Warning(code=code, message=message, unit=self.unit, location=loc))

    def has(self, code: str) -> bool:
        return any(w.code == code for w in self.warnings)
