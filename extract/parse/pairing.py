"""Pairing: a draft's criteria in order -> one numbered criterion per text.

Column-split tables print a run of criterion numbers, then a run of criterion texts; here each
column of numbers (a ``Block``) is paired with its paragraphs in order, the paragraphs are
merged or split to match the count, and numbers the column lost are inferred by
``numbering.infer`` from the criteria before and after it. Then criteria printed without a
number, or with a number printed twice, are numbered from their predecessor.
"""

from __future__ import annotations

from typing import Optional

from ..repair import numbering
from .boundaries import split_paragraph_at_verbs
from .drafts import AC, Block, Log


def pair(segments: list[object], log: Log) -> list[AC]:
    """Pair each column of numbers with its paragraphs; infer lost numbers."""
    out: list[AC] = []
    for k, seg in enumerate(segments):
        if isinstance(seg, AC):
            out.append(seg)
            continue
        before = next((a.number for a in reversed(out) if a.number), None)
        out.extend(_pair_column(seg, before, _first_number(segments[k + 1 :]), log))
    _number_in_order(out, log)
    return [a for a in out if a.number]


def _first_number(segments: list[object]) -> Optional[tuple[int, int]]:
    """The first criterion number printed in these segments."""
    for later in segments:
        nums = [later] if isinstance(later, AC) else later.numbers
        after = next((a.number for a in nums if a.number), None)
        if after:
            return after
    return None


def _pair_column(seg: Block, before, after, log: Log) -> list[AC]:
    """One column of numbers and its paragraphs -> criteria, numbered where the texts allow."""
    numbers = [a.number for a in seg.numbers]
    texts = _fit_paragraphs(seg.paragraphs, len(numbers))
    if len(texts) != len(numbers) or None in numbers:
        numbers = _fill_numbers(seg, numbers, len(texts), before, after, log)
    anchors = list(seg.numbers)
    for a in anchors:
        _note_misread(a, log)
    out = []
    for j, text in enumerate(texts):
        number = numbers[j] if j < len(numbers) else None
        line = anchors[j].line if j < len(anchors) and anchors[j].number == number else seg.lines[min(j, len(seg.lines) - 1)]
        out.append(AC(None, text, line, number))
    for j in range(len(texts), len(numbers)):
        if numbers[j]:
            log.warn("criterion_text_missing", f"criterion {numbering.fmt(numbers[j])}: text not found",
                     anchors[j].line if j < len(anchors) else None)
    return out


def _fill_numbers(seg: Block, numbers: list, count: int, before, after, log: Log) -> list:
    """The column's numbers with the lost ones inferred, or as printed when they cannot be."""
    filled = numbering.infer(numbers, count, before, after)
    if filled is None:
        log.warn("criteria_unpaired", f"{len(numbers)} criterion numbers but {count} texts; paired in order", _where(seg))
        return [n for n in numbers]
    added = [numbering.fmt(n) for n in filled if n not in numbers]
    if added:
        log.warn("number_inferred", f"criteria {', '.join(added)}: number not printed; inferred from neighbours", _where(seg))
    return filled


def _where(seg: Block):
    return seg.numbers[0].line if seg.numbers else seg.lines[0]


def _note_misread(ac: AC, log: Log) -> None:
    if ac.token and ac.number and not numbering.AC_NUMBER.match(ac.token):
        log.warn("numbering_repaired", f"criterion number {ac.token!r} read as {numbering.fmt(ac.number)}", ac.line)


def _number_in_order(out: list[AC], log: Log) -> None:
    """Criteria printed without a number: the successor of the previous one. A number printed
    twice for two different texts: the first is the number missing before it
    (``numbering.first_of_twice``), or else the second is the next criterion, misnumbered."""
    prev = None
    for k, ac in enumerate(out):
        nxt = out[k + 1] if k + 1 < len(out) else None
        _first_of_twice(ac, nxt, prev, log)
        _second_of_twice(ac, out[k - 1] if k else None, prev, log)
        if ac.number is None and ac.token is None and prev:
            ac.number = (prev[0], prev[1] + 1)
            log.warn("number_inferred", f"criterion {numbering.fmt(ac.number)}: number not printed; inferred from neighbours", ac.line)
        _between_neighbours(ac, prev, nxt.number if nxt else None, log)
        prev = ac.number or prev


def _first_of_twice(ac: AC, nxt: Optional[AC], prev: Optional[tuple[int, int]], log: Log) -> None:
    twice = nxt and ac.number and nxt.number == ac.number and not _same_text(ac.parts, nxt.parts)
    first = numbering.first_of_twice(ac.number, prev) if twice else None
    if first:
        log.warn("numbering_repaired", f"criterion {numbering.fmt(ac.number)} printed twice; the first, where "
                                       f"{numbering.fmt(first)} is missing, read as {numbering.fmt(first)}", ac.line)
        ac.number = first


def _second_of_twice(ac: AC, before: Optional[AC], prev: Optional[tuple[int, int]], log: Log) -> None:
    if ac.number and prev == ac.number and before and not _same_text(before.parts, ac.parts):
        ac.number = (prev[0], prev[1] + 1)
        log.warn("number_inferred", f"criterion {numbering.fmt(prev)} printed twice; the second read as {numbering.fmt(ac.number)}", ac.line)


def _between_neighbours(ac: AC, prev: Optional[tuple[int, int]], nxt: Optional[tuple[int, int]], log: Log) -> None:
    between = numbering.between(ac.token, ac.number, prev, nxt)
    if between:
        log.warn("numbering_repaired", f"criterion number {ac.token!r} read as {numbering.fmt(ac.number)}, but its "
                 f"neighbours say {numbering.fmt(between)}", ac.line)
        ac.number = between
    else:
        _note_misread(ac, log)


def _same_text(a: list[str], b: list[str]) -> bool:
    """One text is a (truncated) copy of the other."""
    x, y = " ".join(a).strip(), " ".join(b).strip()
    return bool(x and y) and (x.startswith(y) or y.startswith(x))


def _fit_paragraphs(paragraphs: list[list[str]], count: int) -> list[list[str]]:
    """Adjust paragraphs to ``count`` criteria: lower-case starts continue the previous one;
    too few -> split where a line opens with a command verb (then with any capital)."""
    if len(paragraphs) == count:
        return paragraphs
    merged: list[list[str]] = []
    for p in paragraphs:
        if merged and p and p[0][:1].islower():
            merged[-1].extend(p)
        else:
            merged.append(list(p))
    if len(merged) >= count:
        return merged
    for strict in (True, False):
        out: list[list[str]] = []
        for p in merged:
            out.extend(split_paragraph_at_verbs(p, strict))
        if len(out) >= count:
            # split only as much as needed: prefer the splits inside the longest paragraphs
            return out if len(out) == count else merged if strict is False else out
        merged_try = out
    return merged_try
