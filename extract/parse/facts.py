"""Unit facts printed as label/value rows: level, credit value, guided learning hours.

One row may carry one fact (``Level: 3``) or several (``Unit level 4 Credit value 5 GLH 40``,
a unit-details table flattened into one line). Only a row made of nothing but such pairs
counts, so a running header ``Level 3 Certificate in ...`` is no fact.
"""

from __future__ import annotations

from . import patterns as P


def row_facts(text: str) -> dict:
    """Facts of a label/value row (``Level: 3``, ``Unit level 4 Credit value 5 GLH 40``); empty
    for anything else, so a running header ``Level 3 Certificate in ...`` gives none."""
    if not P.FACT_ROW.match(text):
        return {}
    return {next(k for k in P.FACT_LABELS if m.group(k)): int(m.group(len(P.FACT_LABELS) + 2))
            for m in P.FACT_PAIR.finditer(text)}


def unpaired_message(field: str, label: str) -> str:
    """The ``facts_unpaired`` warning's text: a fact's label printed with no value read."""
    return f"{field}: the label {label!r} is printed with no value that could be read beside or below it; left empty"
