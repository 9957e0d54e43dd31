"""Catalogue stage: one record per unit across documents and awarding bodies.

Reads the per-document outputs already in an output folder and writes ``<out>/catalogue/``
(``units.json``, ``qualifications.json``, ``conflicts.json``, ``possible_duplicates.json``, shaped
by ``catalogue_models.py``) plus the table exports (``export.py``)::

    documents -> copies per unit id -> canonical unit + conflicts -> possible duplicates -> files

* Copies of a unit are merged by Ofqual reference only (a unit printed without one is keyed
  ``<qualification id>#<local number>``); titles never merge units, so there are no false
  merges. A copy listed without outcomes (NCFE lists QCF units by reference only) merges with
  a full copy of the same reference.
* Canonical values are chosen per field by a weighted vote after normalisation (case, quotes,
  whitespace, trailing punctuation): each copy weighs ``1 / (1 + penalty / 5)``, its ``penalty``
  the weighted sum of the warnings its document records for the unit (``SEVERITY``), ties to
  the most trusted copy (lowest penalty). Copies flagged the same way (a misread level that
  contradicts their own structure table: ``unit_facts_disagree``) do not out-vote a clean copy,
  and every conflict lists each copy's penalty and whether it is ``suspect``. Outcome and criterion texts come from the copies whose outcomes are the
  same content as the base copy (``compatible``), so two different texts printed under one
  reference are never mixed into one unit; which copy won is recorded for every field.
* ``conflicts``: every field or outcome/criterion whose copies still disagree, each copy's value.
* ``possible_duplicates``: units with different identities whose titles and content match
  closely, listed with the evidence and never merged.

Only ``load_documents`` and ``build_catalogue`` touch the disk.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Optional

from .normalise.quality import LOW_COVERAGE  # one threshold for the run summary and the votes

from pydantic import ValidationError

from .catalogue.models import CATALOGUE_SCHEMAS  # noqa: F401 (exposed here for models.SCHEMAS)
from .catalogue.models import ConflictsFile, DuplicatesFile, QualificationsFile, UnitsFile
from .emit import Batch
from .models import Document

SEVERITY = {
    "garbled_text": 5,            # the copy's text comes from an overlaid / repeated region
    "reference_check_failed": 5,  # the printed reference is wrong: the text may belong to another unit
    "outcome_text_missing": 3,    # parts of the copy are lost
    "criterion_text_missing": 3,
    "criteria_unpaired": 3,
    "numbering_gap": 3,
    "unit_header_missing": 3,
    "page_unreadable": 3,
    "unit_facts_disagree": 5,     # the copy's level/credits/GLH contradict its own structure table
    "criteria_not_extracted": 3,  # the copy's criteria are incomplete (quality section)
    "unit_header_unrecognised": 5,  # another unit's content may be mixed into this copy
}
"""Weight of a warning against the copy it concerns; any other code (repairs such as
``text_repaired``, ``numbering_repaired``, ``number_inferred``, ``reference_repaired``) weighs 1."""
SUSPECT = 5
LOW_QUALITY = 3
"""Added to every copy from a document whose criterion coverage (its quality section) is below
``quality.LOW_COVERAGE``: a document read badly is trusted less in every vote."""
"""A copy carrying a warning of at least this weight is ``suspect``: its vote is small and every
conflict it takes part in says so."""

COMPATIBLE_SHARE = 0.5    # two copies are one content when this share of their common items are the same text
DUPLICATE_TITLE = 0.8     # title word overlap (Dice) for a content-based possible duplicate ...
DUPLICATE_CONTENT = 0.7   # ... and the outcome-text overlap it needs (different same-title units: <= 0.55)

UNIT_FIELDS = ("title", "level", "credits", "glh")
QUALIFICATION_FIELDS = ("title", "awarding_body", "level", "tqt", "glh", "min_credits")
REFERENCE = re.compile(r"[A-Z]/\d{3}/\d{4}")
_QUOTES = str.maketrans({c: "'" for c in "\"“”„‘’‚`´"})
_WHITE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")


class CatalogueError(Exception):
    """The catalogue cannot be built at all (no output folder, no documents in it)."""


# --- comparing texts ------------------------------------------------------------------------

def comparable(value):
    """A value as copies are compared: text lower-cased, quotes unified, whitespace collapsed,
    trailing punctuation dropped; numbers as they are."""
    return _comparable_text(value) if isinstance(value, str) else value


@lru_cache(maxsize=65536)
def _comparable_text(value: str) -> str:  # the same texts are compared many times over
    return _WHITE.sub(" ", value.translate(_QUOTES).lower()).strip().rstrip(" .,;:!?")


def spelling_key(text: str) -> str:
    """Letters and digits only: copies that differ in spaces, hyphens or apostrophes compare equal."""
    return re.sub(r"[^a-z0-9]", "", comparable(text))


def conflict_kind(values: list) -> str:
    """How copies that differ after normalisation differ (see ``catalogue_models.Conflict``)."""
    if not all(isinstance(v, str) for v in values):
        return "value"
    if len({spelling_key(v) for v in values}) == 1:
        return "spelling"
    tokens = [comparable(v).split() for v in values]
    longest = max(tokens, key=len)
    if all(t == longest[:len(t)] for t in tokens):
        return "truncated"
    return "wording"


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
    best = min(groups.values(), key=lambda g: (-round(sum(w for _, _, w in g), 9), min(r for r, _, _ in g)))
    rank, value, _ = min(best, key=lambda rv: rv[0])
    return value, rank


# --- reading documents into copies ----------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Copy:
    """One document's copy of a unit: the output's unit dict and its ``UnitSource`` record."""

    unit_id: str
    order: int
    unit: dict
    source: dict

    @property
    def document(self) -> str:
        return self.source["document"]

    @property
    def penalty(self) -> int:
        return self.source["penalty"]

    @property
    def suspect(self) -> bool:
        return suspect(self.source["warnings"])


def penalty(codes: list[str]) -> int:
    return sum(SEVERITY.get(code, 1) for code in codes)


def suspect(codes: list[str]) -> bool:
    return any(SEVERITY.get(code, 1) >= SUSPECT for code in codes)


def _stub(entry: str) -> dict:
    """A unit a group lists but the document does not print."""
    is_reference = bool(REFERENCE.fullmatch(entry))
    return {"reference": entry if is_reference else None, "number": None if is_reference else entry,
            "title": None, "level": None, "credits": None, "glh": None, "learning_outcomes": []}


def read_document(name: str, order: int, doc: dict) -> tuple[dict, list[Copy]]:
    """One per-document output -> its qualification copy and its unit copies (unit ids, group
    entries resolved to unit ids, warnings per unit)."""
    q = doc["qualification"]
    qid = q["number"] or name
    codes: dict[Optional[str], list[str]] = defaultdict(list)
    for w in doc["warnings"]:
        codes[w["unit"]].append(w["code"])
    coverage = (doc.get("quality") or {}).get("criterion_coverage")
    poor = LOW_QUALITY if coverage is not None and coverage < LOW_COVERAGE else 0
    units = list(doc["units"])
    printed = {k for u in units for k in (u["reference"], u["number"]) if k}
    for entry in dict.fromkeys(e for g in q["groups"] for e in g["units"]):
        if entry not in printed:
            units.append(_stub(entry))
    group_of: dict[str, str] = {}
    for g in q["groups"]:
        for entry in g["units"]:
            group_of.setdefault(entry, g["name"])
    ids: dict[str, str] = {}
    copies = []
    for position, u in enumerate(units, 1):
        uid = u["reference"] or f"{qid}#{u['number'] or position}"
        keys = [k for k in (u["reference"], u["number"]) if k]
        for k in keys:
            ids.setdefault(k, uid)
        unit_codes = sorted(c for k in dict.fromkeys(keys) for c in codes.get(k, []))
        source = {"document": name, "path": doc["source"]["path"], "awarding_body": doc["awarding_body"],
                  "qualification": qid, "number": u["number"],
                  "group": next((group_of[k] for k in keys if k in group_of), None),
                  "title": u["title"], "level": u["level"], "credits": u["credits"], "glh": u["glh"],
                  "outcomes": len(u["learning_outcomes"]),
                  "criteria": sum(len(lo["assessment_criteria"]) for lo in u["learning_outcomes"]),
                  "warnings": unit_codes, "penalty": penalty(unit_codes) + poor}
        copies.append(Copy(uid, order, u, source))
    qualification = {
        "qualification_id": qid, "order": order, "document": name, "penalty": penalty(codes[None]),
        "number": q["number"], "awarding_body": doc["awarding_body"],
        **{f: q[f] for f in QUALIFICATION_FIELDS if f != "awarding_body"},
        "groups": [{"name": g["name"], "mandatory": g["mandatory"], "min_credits": g["min_credits"],
                    "max_credits": g["max_credits"], "units": list(dict.fromkeys(ids[e] for e in g["units"]))}
                   for g in q["groups"]],  # a unit listed twice in a group is one link
        "source": {"document": name, "path": doc["source"]["path"], "sha256": doc["source"]["sha256"]},
    }
    return qualification, copies


# --- canonical values and conflicts ---------------------------------------------------------

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


Item = tuple[str, Optional[str]]  # (outcome number, criterion number or None for the outcome itself)


def items(unit: dict) -> dict[Item, Optional[str]]:
    """A unit's outcomes and criteria as ``{(lo, ac | None): text}``."""
    found: dict[Item, Optional[str]] = {}
    for lo in unit["learning_outcomes"]:
        found[(lo["number"], None)] = lo["text"]
        for ac in lo["assessment_criteria"]:
            found[(lo["number"], ac["number"])] = ac["text"]
    return found


def _item_order(item: Item) -> tuple[int, int]:
    lo, ac = item
    return int(lo), -1 if ac is None else int(ac.split(".")[1])


def compatible(a: dict[Item, Optional[str]], b: dict[Item, Optional[str]]) -> bool:
    """Whether two copies' outcomes are one content: at least ``COMPATIBLE_SHARE`` of the items
    both print with text are the same text. Two versions of a unit reworded throughout (a level 2
    and a level 3 unit under one title) are not; a copy damaged in a few places is."""
    common = [(spelling_key(a[k]), spelling_key(b[k])) for k in a.keys() & b.keys() if a[k] and b[k]]
    return sum(x == y for x, y in common) >= COMPATIBLE_SHARE * len(common)


def choose_outcomes(unit_id: str, copies: list[Copy]) -> tuple[list[dict], Optional[str], list[dict]]:
    """-> (canonical outcomes, base document, conflicts). The base copy is the one most copies
    are compatible with, then the most trusted, then the most complete; each item's text is
    chosen among the copies compatible with it."""
    printed = [c for c in copies if c.unit["learning_outcomes"]]
    if not printed:
        return [], None, []
    found = {c.document: items(c.unit) for c in printed}
    agree = {c.document: [d for d in printed if compatible(found[c.document], found[d.document])] for c in printed}
    ranked = sorted(printed, key=lambda c: (-len(agree[c.document]), c.penalty, -len(found[c.document]), c.order))
    cluster = [c for c in ranked if c in agree[ranked[0].document]]
    chosen: dict[Item, tuple[Optional[str], str]] = {}
    for item in sorted({k for c in cluster for k in found[c.document]}, key=_item_order):
        holders = [(rank, c) for rank, c in enumerate(cluster) if item in found[c.document]]
        picked = _pick([(found[c.document][item], rank, c.penalty) for rank, c in holders])
        chosen[item] = (picked[0], cluster[picked[1]].document) if picked else (None, holders[0][1].document)
    outcomes: list[dict] = []
    for (lo, ac), (text, document) in chosen.items():
        if ac is None:
            outcomes.append({"number": lo, "text": text, "source": document, "assessment_criteria": []})
        else:
            outcomes[-1]["assessment_criteria"].append({"number": ac, "text": text, "source": document})
    conflicts = []
    trust = {c.document: (c.penalty, c.suspect) for c in printed}
    by_order = sorted(printed, key=lambda c: c.order)
    for item in sorted({k for c in printed for k in found[c.document]}, key=_item_order):
        valued = [(c.document, found[c.document][item]) for c in by_order if found[c.document].get(item)]
        missing = tuple(c.document for c in by_order if item not in found[c.document])
        winner = chosen.get(item, (None, None))
        conflict = _conflict("unit", unit_id, "outcome" if item[1] is None else "criterion", valued,
                             winner[1] if winner[0] is not None else None, item[1] or item[0], missing, trust)
        if conflict:
            conflicts.append(conflict)
    return outcomes, ranked[0].document, conflicts


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


# --- possible duplicates --------------------------------------------------------------------

def words(text: str) -> list[str]:
    return _WORD.findall(comparable(text))


@lru_cache(maxsize=65536)
def word_set(text: str) -> frozenset[str]:
    return frozenset(words(text))


def dice(a: Counter, b: Counter) -> float:
    """Dice coefficient of two word multisets: 1 for the same words, 0 for none in common."""
    if len(a) > len(b):
        a, b = b, a
    total = a.total() + b.total()
    return 2 * sum(min(n, b[w]) for w, n in a.items() if w in b) / total if total else 0.0


def content_match(a: list[str], b: list[str]) -> tuple[float, int, int]:
    """Two copies' outcome and criterion texts -> (similarity, identical, compared): each text
    matched to the text of the other copy sharing most words (Dice over word sets), the lower of the two mean
    scores; how many texts of the shorter copy the other prints identically (normalised)."""
    bags_a, bags_b = [word_set(t) for t in a], [word_set(t) for t in b]
    scores = [[2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0 for y in bags_b] for x in bags_a]
    best_a = sum(map(max, scores)) / len(a)  # every text of a against its best match in b
    best_b = sum(map(max, zip(*scores))) / len(b)
    shorter, longer = sorted(([comparable(t) for t in a], [comparable(t) for t in b]), key=len)
    printed = set(longer)
    return min(best_a, best_b), sum(t in printed for t in shorter), len(shorter)


def similar_titles(titles: dict[str, frozenset[str]], threshold: float) -> list[tuple[str, str, float]]:
    """Pairs of ids whose title word sets have a Dice coefficient >= ``threshold``. Candidates
    come from an index of each title's rarest words (prefix filtering: two sets that similar must
    share one of them), not from comparing every pair."""
    frequency = Counter(w for ws in titles.values() for w in ws)
    index: dict[str, list[str]] = defaultdict(list)
    for uid, ws in titles.items():
        ordered = sorted(ws, key=lambda w: (frequency[w], w))
        overlap = math.ceil(threshold * len(ordered) / (2 - threshold))  # fewest words a match shares
        for w in ordered[:len(ordered) - overlap + 1]:
            index[w].append(uid)
    candidates = sorted({tuple(sorted(pair)) for ids in index.values() for pair in combinations(ids, 2)})
    scored = [(a, b, dice(Counter(titles[a]), Counter(titles[b]))) for a, b in candidates]
    return [(a, b, score) for a, b, score in scored if score >= threshold]


def _contradicts(a: dict, b: dict) -> bool:
    return any(a[f] is not None and b[f] is not None and a[f] != b[f] for f in ("level", "credits"))


def possible_duplicates(units: list[dict], copies: dict[str, list[Copy]]) -> list[dict]:
    """Pairs of catalogue units that may be one unit (see ``catalogue_models.PossibleDuplicate``):
    close titles and, over any two of their copies, closely matching outcome texts; or, where a
    unit has no reference and no outcomes to compare, the same title and no contradicting level
    or credits."""
    by_id = {u["unit_id"]: u for u in units if u["title"]}
    contents = {uid: [(c.document, texts) for c in copies[uid] if (texts := [t for t in items(c.unit).values() if t])]
                for uid in by_id}
    found = []
    with_content = {uid: frozenset(words(by_id[uid]["title"])) for uid in by_id if contents[uid]}
    for a, b, title in similar_titles(with_content, DUPLICATE_TITLE):
        (score, identical, compared), da, db = max(
            (content_match(ta, tb), da, db) for da, ta in contents[a] for db, tb in contents[b])
        if score >= DUPLICATE_CONTENT:
            found.append({"units": [a, b], "titles": [by_id[a]["title"], by_id[b]["title"]], "basis": "content",
                          "title_similarity": round(title, 3), "content_similarity": round(score, 3),
                          "documents": [da, db], "identical_texts": identical, "compared_texts": compared,
                          "note": f"{identical} of {compared} outcome/criterion texts identical between "
                                  f"{a} in {da} and {b} in {db}"})
    same_title: dict[str, list[dict]] = defaultdict(list)
    for uid in sorted(by_id):
        same_title[comparable(by_id[uid]["title"])].append(by_id[uid])
    for group in same_title.values():
        for a, b in combinations(group, 2):
            if (a["reference"] and b["reference"]) or (contents[a["unit_id"]] and contents[b["unit_id"]]) \
                    or _contradicts(a, b):
                continue
            bare = " and ".join(u["unit_id"] for u in (a, b) if not u["reference"])
            found.append({"units": [a["unit_id"], b["unit_id"]], "titles": [a["title"], b["title"]],
                          "basis": "title", "title_similarity": 1.0,
                          "documents": [a["chosen_from"]["title"], b["chosen_from"]["title"]],
                          "note": f"same title; {bare} printed without an Ofqual reference, no outcomes to "
                                  f"compare, level and credits do not contradict"})
    return sorted(found, key=lambda d: d["units"])


# --- the catalogue --------------------------------------------------------------------------

def build(documents: list[tuple[str, dict]]) -> dict[str, dict]:
    """Per-document outputs ``(name, output dict)`` -> the catalogue files' contents by file stem
    (``catalogue_models.CATALOGUE_FILES``), validated against their models. Conflicts come unit by
    unit (sorted by id; fields, then outcomes and criteria in number order), then qualifications."""
    qualification_copies: dict[str, list[dict]] = defaultdict(list)
    unit_copies: dict[str, list[Copy]] = defaultdict(list)
    for order, (name, doc) in enumerate(documents):
        qualification, copies = read_document(name, order, doc)
        qualification_copies[qualification["qualification_id"]].append(qualification)
        for copy in copies:
            unit_copies[copy.unit_id].append(copy)
    units, qualifications, conflicts = [], [], []
    for uid in sorted(unit_copies):
        unit, found = merge_unit(uid, unit_copies[uid])
        units.append(unit)
        conflicts += found
    for qid in sorted(qualification_copies):
        qualification, found = merge_qualification(qid, qualification_copies[qid])
        qualifications.append(qualification)
        conflicts += found
    payloads = {"units": UnitsFile(units=units), "qualifications": QualificationsFile(qualifications=qualifications),
                "conflicts": ConflictsFile(conflicts=conflicts),
                "possible_duplicates": DuplicatesFile(possible_duplicates=possible_duplicates(units, unit_copies))}
    return {name: model.model_dump(mode="json") for name, model in payloads.items()}


def load_documents(out_dir: Path) -> tuple[list[tuple[str, dict]], list[dict]]:
    """The per-document outputs in ``out_dir`` (top level, by name) -> ``(documents, failed)``.
    JSON that is not a document output (``manifest.json``) is skipped; a document output that
    cannot be read or fails the schema is named in ``failed`` with the reason, the others are used."""
    documents, failed = [], []
    from .ops.outputs import document_paths

    for name, path in document_paths(Path(out_dir)):  # mirrored subfolders too (ncfe/x.json -> "ncfe/x")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not (isinstance(data, dict) and {"schema_version", "source", "qualification"} <= data.keys()):
                continue
            documents.append((name, Document.model_validate(data).model_dump(mode="json")))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            failed.append({"path": str(path), "reason": f"unreadable: {e}"})
        except ValidationError as e:
            first = e.errors()[0]
            failed.append({"path": str(path), "reason": f"not a valid document output: {e.error_count()} error(s), "
                                                        f"first: {'.'.join(map(str, first['loc']))}: {first['msg']}"})
    return documents, failed


def build_catalogue(out_dir: Path) -> dict:
    """``specx catalogue``: build ``<out>/catalogue/`` and the exports from the per-document outputs
    in ``out_dir`` (every file renamed into place together, or none) -> a summary. Raises ``CatalogueError`` when the
    folder is missing or holds no readable document output."""
    from .catalogue.export import write_exports

    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise CatalogueError(f"{out_dir}: no such output folder")
    documents, failed = load_documents(out_dir)
    if not documents:
        reasons = "; ".join(f"{f['path']}: {f['reason']}" for f in failed)
        raise CatalogueError(f"{out_dir}: no per-document output to build a catalogue from" + (f" ({reasons})" if reasons else ""))
    files = build(documents)
    folder = out_dir / "catalogue"
    with Batch() as batch:  # every file or none: a failing export leaves the previous set whole
        write_exports(files, folder, out_dir / "specx.sqlite", batch)
        for name, payload in files.items():
            batch.write_json(folder / f"{name}.json", payload)
    units = files["units"]["units"]
    return {"documents": len(documents), "units": len(units),
            "shared_units": sum(len({s["document"] for s in u["sources"]}) > 1 for u in units),
            "qualifications": len(files["qualifications"]["qualifications"]),
            "conflicts": len(files["conflicts"]["conflicts"]),
            "possible_duplicates": len(files["possible_duplicates"]["possible_duplicates"]),
            "failed": failed, "folder": str(folder)}
