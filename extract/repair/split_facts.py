"""Repair for text without geometry: a unit-details table read column by column.

Plain ``pdftotext`` (and OCR text) reads a two-column facts table as its label column, then --
often after the next table's first column -- its value column::

    Unit title / Unit reference / Level / Credit value / GLH   ...   Title text / A/615/5871 / 1 / 3 / 20

The labels give the order; the value column is found by its reference (a line holding only an
Ofqual reference), the numbers after it and the title before it (up to a blank line). The
label lines are rewritten as ``Label: value`` rows and the value lines emptied, so the facts
read like any other. Runs only where a block of bare labels is found, and every repair is a
``text_repaired`` warning naming the lines.
"""

from __future__ import annotations

import re

from ..layout.lines import Line

MIN_LABELS = 3  # bare fact labels in a row that make a column-split facts table
VALUE_REACH = 60  # lines after the labels searched for the value column
_LABEL = re.compile(r"^(unit\s+title|unit\s+reference(?:\s+number)?|(?:unit\s+)?level|credit\s+value|credits|glh|"
                    r"guided\s+learning\s+hours)$", re.I)
_REF = re.compile(r"^[A-Z]/\d{3}/\d{4}$")
_NUMBER = re.compile(r"^\d{1,3}$")


def repair_split_facts(lines: list[Line]) -> list[tuple[Line, str]]:
    """Rewrite column-split facts tables in place; returns (line, message) for each repair."""
    repairs = []
    i = 0
    while i < len(lines):
        block = _label_block(lines, i)
        if len(block) >= MIN_LABELS and _pair(lines, block, repairs):
            i = block[-1] + 1
        else:
            i += 1
    return repairs


def _label_block(lines: list[Line], i: int) -> list[int]:
    out = []
    while i < len(lines) and len(lines[i].cells) == 1 and _LABEL.match(lines[i].text):
        out.append(i)
        i += 1
    return out


def _pair(lines: list[Line], block: list[int], repairs: list) -> bool:
    labels = [lines[k].text for k in block]
    refs = [k for k, l in enumerate(labels) if re.match(r"unit\s+reference", l, re.I)]
    end = block[-1] + 1
    at = next((k for k in range(end, min(len(lines), end + VALUE_REACH)) if _REF.match(lines[k].text)), None)
    if not refs or at is None:
        return False
    after = labels[refs[0] + 1:]
    numbers = [k for k in range(at + 1, min(len(lines), at + 1 + len(after))) if _NUMBER.match(lines[k].text)]
    if len(numbers) != len(after):
        return False
    values = {refs[0]: [at]} | {refs[0] + 1 + j: [k] for j, k in enumerate(numbers)}
    title_at = next((j for j, l in enumerate(labels) if re.match(r"unit\s+title", l, re.I)), None)
    if title_at is not None:
        start = at
        while start - 1 >= end and not lines[start - 1].blank and not _LABEL.match(lines[start - 1].text):
            start -= 1
        if start == at:
            return False
        values[title_at] = list(range(start, at))
    for j, k in enumerate(block):
        if j not in values:
            continue
        value = " ".join(lines[v].text for v in values[j])
        repairs.append((lines[k], f"facts table read column by column: {labels[j]!r} paired with {value!r} "
                                  f"(line {lines[values[j][0]].number})"))
        lines[k].cells = [f"{labels[j]}: {value}"]
        lines[k].__dict__.pop("text", None)  # cached_property
        for v in values[j]:
            lines[v].cells = []
            lines[v].__dict__.pop("text", None)
    return True
