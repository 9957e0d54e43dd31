"""Stage 4 (units): one unit's lines -> learning outcomes and assessment criteria.

One mechanism serves every layout in the corpus:

* rows: ``1 Understand ...`` / ``1.1 Explain ...`` on one line or in a table row's cells;
* column-split tables: a run of criterion numbers, then a run of criterion texts (pages of
  ``11``, ``1.2``, ``13`` ... then paragraphs), paired in order, with missing numbers
  inferred by ``numbering.infer`` from the neighbouring columns;
* ``Outcome 1: ...`` headings (City & Guilds) and markdown lists (NCFE).

The lines are first turned into items (``items.tokenize``), then read into a draft by a small
state machine (``reading.Reader``; markers such as ``The learner can:`` switch between outcome
text and criterion text, ``patterns.STOP`` headings end the criteria). The draft's columns of
numbers are paired with their texts (``pairing.py``), outcomes numbered and the models built
(``assemble.py``), and what overlaid regions hid recovered from their copies (``overlaid.py``).
"""

from __future__ import annotations

from typing import Optional

from ..layout.lines import Line
from ..models import LearningOutcome, Warning
from .assemble import assemble, number_outcomes
from .drafts import Log
from .items import tokenize
from .lists import pair_number_column
from .overlaid import recover_overlaid
from .pairing import pair
from .reading import Reader


def parse_outcomes(lines: list[Line], unit: Optional[str], document=None) -> tuple[list[LearningOutcome], list[Warning]]:
    """``document``: the document's word pairs (``units.DocumentPairs``: ``within`` lines, for
    column splits, and ``phrases`` across line ends, repeated, for outcome text printed among
    criteria), counted only if the reading asks for them."""
    log = Log(unit)
    draft = Reader(log, document).feed(pair_number_column(tokenize(lines), log))
    acs = pair(draft.segments, log)
    number_outcomes(draft.los, log)
    los = assemble(draft.los, acs, log)
    if draft.garbled:
        recover_overlaid(los, draft, log)
    return los, log.warnings
