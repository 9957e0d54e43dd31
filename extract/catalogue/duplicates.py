"""Possible duplicates: units with different identities that may be one unit, never merged.

Two kinds of evidence (``catalogue_models.PossibleDuplicate``): ``content`` -- close titles and,
over any two of their copies, closely matching outcome texts; ``title`` -- a unit printed without
a reference and without outcomes to compare has exactly the title of another unit, and their
level and credits do not contradict.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import combinations

from .compare import comparable, items, set_dice, word_set, words
from .documents import Copy

DUPLICATE_TITLE = 0.8
"""Title word overlap (Dice) for a content-based possible duplicate ..."""
DUPLICATE_CONTENT = 0.7
"""... and the outcome-text overlap it needs (different units sharing a title score <= 0.55)."""
SCORE_DIGITS = 3
"""Decimal places of the similarities a possible duplicate reports."""

Contents = dict[str, list[tuple[str, list[str]]]]  # unit id -> (document, its copy's texts) per copy with texts


def content_match(a: list[str], b: list[str]) -> tuple[float, int, int]:
    """Two copies' outcome and criterion texts -> (similarity, identical, compared): each text
    matched to the text of the other copy sharing most words (Dice over word sets), the lower of the two mean
    scores; how many texts of the shorter copy the other prints identically (normalised)."""
    bags_a, bags_b = [word_set(t) for t in a], [word_set(t) for t in b]
    sized_b = [(y, len(y)) for y in bags_b]
    scores = [[2 * len(x & y) / (n + m) if n + m else 0.0 for y, m in sized_b] for x, n in ((x, len(x)) for x in bags_a)]
    best_a = sum(map(max, scores)) / len(a)  # every text of a against its best match in b
    best_b = sum(map(max, zip(*scores))) / len(b)
    shorter, longer = sorted(([comparable(t) for t in a], [comparable(t) for t in b]), key=len)
    printed = set(longer)
    return min(best_a, best_b), sum(t in printed for t in shorter), len(shorter)


def _index(titles: dict[str, frozenset[str]], threshold: float) -> dict[str, list[str]]:
    """Each title's rarest words -> the ids holding them: as many words as a title can miss and
    still reach ``threshold`` with another, plus one (prefix filtering)."""
    frequency = Counter(w for ws in titles.values() for w in ws)
    index: dict[str, list[str]] = defaultdict(list)
    for uid, ws in titles.items():
        ordered = sorted(ws, key=lambda w: (frequency[w], w))
        overlap = math.ceil(threshold * len(ordered) / (2 - threshold))  # fewest words a match shares
        for w in ordered[:len(ordered) - overlap + 1]:
            index[w].append(uid)
    return index


def similar_titles(titles: dict[str, frozenset[str]], threshold: float) -> list[tuple[str, str, float]]:
    """Pairs of ids whose title word sets have a Dice coefficient >= ``threshold``. Candidates
    come from an index of each title's rarest words (prefix filtering: two sets that similar must
    share one of them), not from comparing every pair."""
    index = _index(titles, threshold)
    candidates = sorted({tuple(sorted(pair)) for ids in index.values() for pair in combinations(ids, 2)})
    scored = [(a, b, set_dice(titles[a], titles[b])) for a, b in candidates]
    return [(a, b, score) for a, b, score in scored if score >= threshold]


def _contradicts(a: dict, b: dict) -> bool:
    """Whether two units both state a level or credit value and the values differ."""
    return any(a[f] is not None and b[f] is not None and a[f] != b[f] for f in ("level", "credits"))


def _contents(by_id: dict[str, dict], copies: dict[str, list[Copy]]) -> Contents:
    """Per unit, the non-empty outcome and criterion texts of each copy that prints some."""
    return {uid: [(c.document, texts) for c in copies[uid] if (texts := [t for t in items(c.unit).values() if t])]
            for uid in by_id}


def _content_duplicates(by_id: dict[str, dict], contents: Contents) -> list[dict]:
    """``content`` duplicates: close titles, and the best-matching two copies' texts match closely."""
    found = []
    with_content = {uid: frozenset(words(by_id[uid]["title"])) for uid in by_id if contents[uid]}
    for a, b, title in similar_titles(with_content, DUPLICATE_TITLE):
        (score, identical, compared), da, db = max(
            (content_match(ta, tb), da, db) for da, ta in contents[a] for db, tb in contents[b])
        if score >= DUPLICATE_CONTENT:
            found.append({"units": [a, b], "titles": [by_id[a]["title"], by_id[b]["title"]], "basis": "content",
                          "title_similarity": round(title, SCORE_DIGITS),
                          "content_similarity": round(score, SCORE_DIGITS),
                          "documents": [da, db], "identical_texts": identical, "compared_texts": compared,
                          "note": f"{identical} of {compared} outcome/criterion texts identical between "
                                  f"{a} in {da} and {b} in {db}"})
    return found


def _same_title_candidate(a: dict, b: dict, contents: Contents) -> bool:
    """Whether two units of one title are a ``title`` duplicate: one lacks a reference, one has no
    outcome texts to compare, and their level and credits do not contradict."""
    both_referenced = a["reference"] and b["reference"]
    both_printed = contents[a["unit_id"]] and contents[b["unit_id"]]
    return not (both_referenced or both_printed or _contradicts(a, b))


def _title_duplicates(by_id: dict[str, dict], contents: Contents) -> list[dict]:
    """``title`` duplicates: exactly one title (after normalisation), nothing that tells them apart."""
    found = []
    same_title: dict[str, list[dict]] = defaultdict(list)
    for uid in sorted(by_id):
        same_title[comparable(by_id[uid]["title"])].append(by_id[uid])
    for group in same_title.values():
        for a, b in combinations(group, 2):
            if not _same_title_candidate(a, b, contents):
                continue
            bare = " and ".join(u["unit_id"] for u in (a, b) if not u["reference"])
            found.append({"units": [a["unit_id"], b["unit_id"]], "titles": [a["title"], b["title"]],
                          "basis": "title", "title_similarity": 1.0,
                          "documents": [a["chosen_from"]["title"], b["chosen_from"]["title"]],
                          "note": f"same title; {bare} printed without an Ofqual reference, no outcomes to "
                                  f"compare, level and credits do not contradict"})
    return found


def possible_duplicates(units: list[dict], copies: dict[str, list[Copy]]) -> list[dict]:
    """Pairs of catalogue units that may be one unit (see ``catalogue_models.PossibleDuplicate``):
    close titles and, over any two of their copies, closely matching outcome texts; or, where a
    unit has no reference and no outcomes to compare, the same title and no contradicting level
    or credits."""
    by_id = {u["unit_id"]: u for u in units if u["title"]}
    contents = _contents(by_id, copies)
    found = _content_duplicates(by_id, contents) + _title_duplicates(by_id, contents)
    return sorted(found, key=lambda d: d["units"])
