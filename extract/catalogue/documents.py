"""Reading per-document outputs into copies: one qualification copy and one copy per unit.

A copy carries the unit as its document printed it and its ``UnitSource`` record: where it came
from and its ``penalty``, the weighted warnings its document records for it, which decides how
much the copy weighs in every vote (``choose.py``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from pydantic import ValidationError

from ..models import Document
from ..normalise.quality import LOW_COVERAGE  # one threshold for the run summary and the votes

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
"""Weight of a warning against the copy it concerns; any other code weighs ``OTHER_SEVERITY``."""
OTHER_SEVERITY = 1
"""Weight of a warning ``SEVERITY`` does not list: repairs such as ``text_repaired``,
``numbering_repaired``, ``number_inferred``, ``reference_repaired``."""
SUSPECT = 5
"""A copy carrying a warning of at least this weight is ``suspect``: its vote is small and every
conflict it takes part in says so."""
LOW_QUALITY = 3
"""Added to every copy from a document whose criterion coverage (its quality section) is below
``quality.LOW_COVERAGE``: a document read badly is trusted less in every vote."""

QUALIFICATION_FIELDS = ("title", "awarding_body", "level", "tqt", "glh", "min_credits")
REFERENCE = re.compile(r"[A-Z]/\d{3}/\d{4}")


@dataclass(frozen=True, eq=False)
class Copy:
    """One document's copy of a unit: the output's unit dict and its ``UnitSource`` record."""

    unit_id: str
    order: int
    unit: dict
    source: dict

    @property
    def document(self) -> str:
        """The name of the document this copy comes from."""
        return self.source["document"]

    @property
    def penalty(self) -> int:
        """The copy's weighted warnings (``SEVERITY``, plus ``LOW_QUALITY`` for a poorly read document)."""
        return self.source["penalty"]

    @property
    def suspect(self) -> bool:
        """Whether one of the copy's warnings weighs ``SUSPECT`` or more."""
        return suspect(self.source["warnings"])


def penalty(codes: list[str]) -> int:
    """The weighted sum of warning codes (``SEVERITY``, else ``OTHER_SEVERITY``)."""
    return sum(SEVERITY.get(code, OTHER_SEVERITY) for code in codes)


def suspect(codes: list[str]) -> bool:
    """Whether any of the warning codes weighs ``SUSPECT`` or more."""
    return any(SEVERITY.get(code, OTHER_SEVERITY) >= SUSPECT for code in codes)


def _stub(entry: str) -> dict:
    """A unit a group lists but the document does not print."""
    is_reference = bool(REFERENCE.fullmatch(entry))
    return {"reference": entry if is_reference else None, "number": None if is_reference else entry,
            "title": None, "level": None, "credits": None, "glh": None, "learning_outcomes": []}


def _codes_by_unit(warnings: list[dict]) -> dict[Optional[str], list[str]]:
    """A document's warning codes by the unit key they name (None: the document itself)."""
    codes: dict[Optional[str], list[str]] = defaultdict(list)
    for w in warnings:
        codes[w["unit"]].append(w["code"])
    return codes


def _coverage_penalty(doc: dict) -> int:
    """``LOW_QUALITY`` when the document's criterion coverage is below ``LOW_COVERAGE``, else 0."""
    coverage = (doc.get("quality") or {}).get("criterion_coverage")
    return LOW_QUALITY if coverage is not None and coverage < LOW_COVERAGE else 0


def _with_stubs(units: list[dict], groups: list[dict]) -> list[dict]:
    """The printed units, then a stub for every group entry that no printed unit answers to, so
    a unit listed only by reference still becomes a copy (and merges with other documents')."""
    units = list(units)
    printed = {k for u in units for k in (u["reference"], u["number"]) if k}
    for entry in dict.fromkeys(e for g in groups for e in g["units"]):
        if entry not in printed:
            units.append(_stub(entry))
    return units


def _group_of(groups: list[dict]) -> dict[str, str]:
    """Group entry -> the name of the first group listing it."""
    group_of: dict[str, str] = {}
    for g in groups:
        for entry in g["units"]:
            group_of.setdefault(entry, g["name"])
    return group_of


def _unit_source(name: str, doc: dict, qid: str, unit: dict, group: Optional[str], codes: list[str],
                 poor: int) -> dict:
    """The ``UnitSource`` record of one document's copy of a unit."""
    return {"document": name, "path": doc["source"]["path"], "awarding_body": doc["awarding_body"],
            "qualification": qid, "number": unit["number"], "group": group,
            "title": unit["title"], "level": unit["level"], "credits": unit["credits"], "glh": unit["glh"],
            "outcomes": len(unit["learning_outcomes"]),
            "criteria": sum(len(lo["assessment_criteria"]) for lo in unit["learning_outcomes"]),
            "warnings": codes, "penalty": penalty(codes) + poor}


def _unit_copies(name: str, order: int, doc: dict, qid: str) -> tuple[list[Copy], dict[str, str]]:
    """A document's unit copies and its unit keys (reference, local number) -> unit ids. A unit
    printed without a reference is ``<qualification id>#<local number or position>``."""
    codes = _codes_by_unit(doc["warnings"])
    poor = _coverage_penalty(doc)
    groups = doc["qualification"]["groups"]
    group_of = _group_of(groups)
    ids: dict[str, str] = {}
    copies = []
    for position, u in enumerate(_with_stubs(doc["units"], groups), 1):
        uid = u["reference"] or f"{qid}#{u['number'] or position}"
        keys = [k for k in (u["reference"], u["number"]) if k]
        for k in keys:
            ids.setdefault(k, uid)
        unit_codes = sorted(c for k in dict.fromkeys(keys) for c in codes.get(k, []))
        group = next((group_of[k] for k in keys if k in group_of), None)
        copies.append(Copy(uid, order, u, _unit_source(name, doc, qid, u, group, unit_codes, poor)))
    return copies, ids


def _qualification_copy(name: str, order: int, doc: dict, qid: str, ids: dict[str, str]) -> dict:
    """A document's copy of its qualification, group entries resolved to unit ids."""
    q = doc["qualification"]
    return {
        "qualification_id": qid, "order": order, "document": name,
        "penalty": penalty(_codes_by_unit(doc["warnings"])[None]),
        "number": q["number"], "awarding_body": doc["awarding_body"],
        **{f: q[f] for f in QUALIFICATION_FIELDS if f != "awarding_body"},
        "groups": [{"name": g["name"], "mandatory": g["mandatory"], "min_credits": g["min_credits"],
                    "max_credits": g["max_credits"], "units": list(dict.fromkeys(ids[e] for e in g["units"]))}
                   for g in q["groups"]],  # a unit listed twice in a group is one link
        "source": {"document": name, "path": doc["source"]["path"], "sha256": doc["source"]["sha256"]},
    }


def read_document(name: str, order: int, doc: dict) -> tuple[dict, list[Copy]]:
    """One per-document output -> its qualification copy and its unit copies (unit ids, group
    entries resolved to unit ids, warnings per unit)."""
    qid = doc["qualification"]["number"] or name
    copies, ids = _unit_copies(name, order, doc, qid)
    return _qualification_copy(name, order, doc, qid, ids), copies


def _read_output(path: Path) -> Optional[dict]:
    """A per-document output file, validated and dumped; None for JSON that is not one
    (``manifest.json``). Raises what reading or validating raised."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not (isinstance(data, dict) and {"schema_version", "source", "qualification"} <= data.keys()):
        return None
    return Document.model_validate(data).model_dump(mode="json")


def _invalid_reason(e: ValidationError) -> str:
    """Why an output failed its schema: the number of errors and the first one."""
    first = e.errors()[0]
    return (f"not a valid document output: {e.error_count()} error(s), "
            f"first: {'.'.join(map(str, first['loc']))}: {first['msg']}")


def load_documents(out_dir: Path) -> tuple[list[tuple[str, dict]], list[dict]]:
    """The per-document outputs in ``out_dir`` (top level, by name) -> ``(documents, failed)``.
    JSON that is not a document output (``manifest.json``) is skipped; a document output that
    cannot be read or fails the schema is named in ``failed`` with the reason, the others are used."""
    documents, failed = [], []
    from ..ops.outputs import document_paths

    for name, path in document_paths(Path(out_dir)):  # mirrored subfolders too (ncfe/x.json -> "ncfe/x")
        try:
            doc = _read_output(path)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            failed.append({"path": str(path), "reason": f"unreadable: {e}"})
        except ValidationError as e:
            failed.append({"path": str(path), "reason": _invalid_reason(e)})
        else:
            if doc is not None:
                documents.append((name, doc))
    return documents, failed
