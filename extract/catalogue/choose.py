"""Canonical values and conflicts: all copies of a unit or qualification -> one record.

Per field a weighted vote among the copies after normalisation (``compare.comparable``): each
copy weighs ``1 / (1 + penalty / SUSPECT)``, ties to the most trusted copy (lowest penalty).
Outcome and criterion texts come only from the copies whose outcomes are the same content as the
base copy (``compatible``), so two different texts printed under one reference are never mixed
into one unit. Whatever wins, every disagreement left is a conflict record listing each copy.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Optional

from .compare import Item, comparable, conflict_kind, item_order, items, spelling_key
from .documents import QUALIFICATION_FIELDS, SUSPECT, Copy

COMPATIBLE_SHARE = 0.5
"""Two copies are one content when this share of their common items are the same text."""
VOTE_DIGITS = 9
"""Decimal places vote totals are compared at: sums of the same weights in another order are a tie."""

UNIT_FIELDS = ("title", "level", "credits", "glh")


def vote_weight(penalty: int) -> float:
    """A copy's weight in a vote: 1 for a clean copy, less the more its document warns about it
    (``1 / (1 + penalty / SUSPECT)``): two lightly repaired copies that agree still out-vote a
    clean one (0.83 each), two suspect copies (0.5 each) flagged the same way do not."""
    return 1.0 / (1 + penalty / SUSPECT)


def _pick(candidates: list[tuple[object, int, int]]) -> Optional[tuple[object, int]]:
    """``(value, rank, penalty)`` triples, rank 0 the most trusted copy -> ``(value, rank)``: the
    value with the largest total vote weight (after normalisation), ties to the most trusted
    copy, as printed by its most trusted copy."""
    groups: dict[object, list[tuple[int, object, float]]] = defaultdict(list)
    for value, rank, cost in candidates:
        if value is not None:
            groups[comparable(value)].append((rank, value, vote_weight(cost)))
    if not groups:
        return None
    best = min(groups.values(),
               key=lambda g: (-round(sum(w for _, _, w in g), VOTE_DIGITS), min(r for r, _, _ in g)))
    rank, value, _ = min(best, key=lambda rv: rv[0])
    return value, rank


def _conflict(entity: str, ident: str, field: str, valued: list[tuple[str, object]], chosen: Optional[str],
              number: Optional[str] = None, missing_in: tuple = (), trust: Optional[dict] = None) -> Optional[dict]:
    """A conflict record when the valued copies differ after normalisation or some copies lack
    the item; else None. ``trust``: document -> (penalty, suspect) of its copy."""
    if len({comparable(v) for _, v in valued}) > 1:
        kind = conflict_kind([v for _, v in valued])
    elif missing_in:
        kind = "absent"
    else:
        return None
    return {"entity": entity, "id": ident, "field": field, "number": number, "kind": kind,
            "copies": [{"document": d, "value": v, "penalty": (trust or {}).get(d, (None, False))[0],
                        "suspect": (trust or {}).get(d, (None, False))[1]} for d, v in valued],
            "missing_in": list(missing_in),
            "chosen": chosen}


def choose_fields(entity: str, ident: str, trusted: list[dict], fields) -> tuple[dict, dict, list[dict]]:
    """Per field, the canonical value from copies (dicts with ``document`` and the fields) ranked
    most trusted first -> (values, winning document per field, conflicts)."""
    values, chosen, conflicts = {}, {}, []
    trust = {c["document"]: (c["penalty"], c.get("suspect", False)) for c in trusted}
    for field in fields:
        picked = _pick([(c[field], rank, c["penalty"]) for rank, c in enumerate(trusted)])
        values[field], chosen[field] = (picked[0], trusted[picked[1]]["document"]) if picked else (None, None)
        valued = [(c["document"], c[field]) for c in sorted(trusted, key=lambda c: c["order"]) if c[field] is not None]
        conflict = _conflict(entity, ident, field, valued, chosen[field], trust=trust)
        if conflict:
            conflicts.append(conflict)
    return values, chosen, conflicts


def compatible(a: dict[Item, Optional[str]], b: dict[Item, Optional[str]]) -> bool:
    """Whether two copies' outcomes are one content: at least ``COMPATIBLE_SHARE`` of the items
    both print with text are the same text. Two versions of a unit reworded throughout (a level 2
    and a level 3 unit under one title) are not; a copy damaged in a few places is."""
    if a is b:  # a copy against itself: every text the same
        return True
    common = [(spelling_key(a[k]), spelling_key(b[k])) for k in a.keys() & b.keys() if a[k] and b[k]]
    return sum(x == y for x, y in common) >= COMPATIBLE_SHARE * len(common)


Found = dict[str, dict[Item, Optional[str]]]  # document -> its copy's items


def _base_cluster(printed: list[Copy], found: Found) -> tuple[Copy, list[Copy]]:
    """The base copy and the copies compatible with it, base first: the base is the copy most
    copies are compatible with, then the most trusted, then the most complete."""
    agree = {c.document: [d for d in printed if compatible(found[c.document], found[d.document])] for c in printed}
    ranked = sorted(printed, key=lambda c: (-len(agree[c.document]), c.penalty, -len(found[c.document]), c.order))
    return ranked[0], [c for c in ranked if c in agree[ranked[0].document]]


def _all_items(copies: list[Copy], found: Found) -> list[Item]:
    """Every item any of the copies prints, in number order."""
    return sorted({k for c in copies for k in found[c.document]}, key=item_order)


def _choose_items(cluster: list[Copy], found: Found) -> dict[Item, tuple[Optional[str], str]]:
    """Per item the cluster prints, in number order: (chosen text, document it came from)."""
    chosen: dict[Item, tuple[Optional[str], str]] = {}
    for item in _all_items(cluster, found):
        holders = [(rank, c) for rank, c in enumerate(cluster) if item in found[c.document]]
        picked = _pick([(found[c.document][item], rank, c.penalty) for rank, c in holders])
        chosen[item] = (picked[0], cluster[picked[1]].document) if picked else (None, holders[0][1].document)
    return chosen


def _nest(chosen: dict[Item, tuple[Optional[str], str]]) -> list[dict]:
    """Chosen items in number order -> outcomes, each holding its criteria, each with its source."""
    outcomes: list[dict] = []
    for (lo, ac), (text, document) in chosen.items():
        if ac is None:
            outcomes.append({"number": lo, "text": text, "source": document, "assessment_criteria": []})
        else:
            outcomes[-1]["assessment_criteria"].append({"number": ac, "text": text, "source": document})
    return outcomes


def _outcome_conflicts(unit_id: str, printed: list[Copy], found: Found,
                       chosen: dict[Item, tuple[Optional[str], str]]) -> list[dict]:
    """A conflict for every outcome or criterion whose copies differ or that some copies lack."""
    conflicts = []
    trust = {c.document: (c.penalty, c.suspect) for c in printed}
    by_order = sorted(printed, key=lambda c: c.order)
    for item in _all_items(printed, found):
        valued = [(c.document, found[c.document][item]) for c in by_order if found[c.document].get(item)]
        missing = tuple(c.document for c in by_order if item not in found[c.document])
        winner = chosen.get(item, (None, None))
        conflict = _conflict("unit", unit_id, "outcome" if item[1] is None else "criterion", valued,
                             winner[1] if winner[0] is not None else None, item[1] or item[0], missing, trust)
        if conflict:
            conflicts.append(conflict)
    return conflicts


def choose_outcomes(unit_id: str, copies: list[Copy]) -> tuple[list[dict], Optional[str], list[dict]]:
    """-> (canonical outcomes, base document, conflicts). The base copy is the one most copies
    are compatible with, then the most trusted, then the most complete; each item's text is
    chosen among the copies compatible with it."""
    printed = [c for c in copies if c.unit["learning_outcomes"]]
    if not printed:
        return [], None, []
    found = {c.document: items(c.unit) for c in printed}
    base, cluster = _base_cluster(printed, found)
    chosen = _choose_items(cluster, found)
    return _nest(chosen), base.document, _outcome_conflicts(unit_id, printed, found, chosen)


def merge_unit(unit_id: str, copies: list[Copy]) -> tuple[dict, list[dict]]:
    """All copies of one unit -> (catalogue unit, conflicts)."""
    by_order = sorted(copies, key=lambda c: c.order)
    trusted = sorted(copies, key=lambda c: (c.penalty, c.order))
    values, chosen, conflicts = choose_fields(
        "unit", unit_id, [{**c.unit, "document": c.document, "order": c.order, "penalty": c.penalty,
                           "suspect": c.suspect} for c in trusted], UNIT_FIELDS)
    outcomes, base, outcome_conflicts = choose_outcomes(unit_id, by_order)
    unit = {"unit_id": unit_id, "reference": by_order[0].unit["reference"], **values,
            "learning_outcomes": outcomes, "chosen_from": {**chosen, "learning_outcomes": base},
            "sources": [c.source for c in by_order]}
    return unit, conflicts + outcome_conflicts


def merge_qualification(qid: str, copies: list[dict]) -> tuple[dict, list[dict]]:
    """All documents of one qualification -> (catalogue qualification, conflicts). Groups come
    whole from the most trusted document; documents whose groups differ are a conflict."""
    trusted = sorted(copies, key=lambda c: (c["penalty"], c["order"]))
    values, chosen, conflicts = choose_fields("qualification", qid, trusted, QUALIFICATION_FIELDS)
    shapes = [(c["document"], json.dumps(c["groups"], ensure_ascii=False)) for c in sorted(copies, key=lambda c: c["order"])]
    if len({comparable(s) for _, s in shapes}) > 1:
        conflicts.append(_conflict("qualification", qid, "groups", shapes, trusted[0]["document"],
                                   trust={c["document"]: (c["penalty"], False) for c in copies}))
    record = {"qualification_id": qid, "number": trusted[0]["number"], **values, "groups": trusted[0]["groups"],
              "chosen_from": {**chosen, "groups": trusted[0]["document"]},
              "sources": [c["source"] for c in sorted(copies, key=lambda c: c["order"])]}
    return record, conflicts
