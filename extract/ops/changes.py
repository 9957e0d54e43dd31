"""Change reports: what changed between two sets of specx outputs, for downstream systems.

A report compares documents by output name (``<input stem>``): documents added, removed or
changed; within a changed document the qualification fields, the groups (added, removed,
fields and unit lists changed) and the units (added, removed, and per changed unit its fields
and every learning outcome / assessment criterion added, removed or reworded, with old and new
text). Units are matched by Ofqual reference (else local number, else title), outcomes and
criteria by number. Locations, warnings and the source hash are not content: when only they
differ the document is still listed as changed, with ``also_changed`` naming them. The input's
path is not a change at all: two output folders made from two copies of the same inputs are the
same.

``diff_outputs`` builds a report from two folders or two files (``specx diff OLD NEW``);
``runner`` builds one from the outputs a run replaced. ``change_markdown.render_markdown`` is
the readable form; ``write_report`` stores both under ``<out>/changes/``.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from ..emit import write_json, write_text
from ..parse import identity
from .change_markdown import render_markdown

FORMAT = "specx-changes/1"
QUALIFICATION_FIELDS = ("title", "number", "level", "tqt", "glh", "min_credits")
GROUP_FIELDS = ("mandatory", "min_credits", "max_credits")
UNIT_FIELDS = ("number", "title", "level", "credits", "glh")


# --- matching -------------------------------------------------------------------------------

def _keyed(items: list, key) -> dict:
    """Items by key, in order; a repeated key gets `` (2)``, `` (3)``… so nothing is lost."""
    out: dict = {}
    for item in items:
        k = base = key(item)
        n = 1
        while k in out:
            n += 1
            k = f"{base} ({n})"
        out[k] = item
    return out


def unit_key(unit: dict) -> str:
    """How a unit is matched across versions: the one identity rule (``parse.identity``:
    reference, else local number, labelled ``unit N``), else, for a unit with neither, its title."""
    key = identity.unit_key(unit.get("reference"), unit.get("number"))
    if key is None:
        return unit.get("title") or "untitled unit"
    return key if unit.get("reference") else f"unit {key}"


def _number_order(number: str) -> tuple:
    head = number.split(" ")[0]
    return tuple(int(p) if p.isdigit() else 0 for p in head.split(".")), number


def _fields(old: dict, new: dict, names) -> dict:
    return {f: {"old": old.get(f), "new": new.get(f)} for f in names if old.get(f) != new.get(f)}


def _locations(value) -> list:
    """Every ``location`` in a document, in order (to tell whether only positions moved)."""
    if isinstance(value, dict):
        own = [value["location"]] if "location" in value else []
        return own + [l for k, v in value.items() if k != "location" for l in _locations(v)]
    if isinstance(value, list):
        return [l for v in value for l in _locations(v)]
    return []


# --- per level ------------------------------------------------------------------------------

def _text_changes(old: list[dict], new: list[dict]) -> list[dict]:
    """Numbered texts (LOs or ACs) added, removed or reworded, in number order."""
    a = _keyed(old, lambda i: i["number"])
    b = _keyed(new, lambda i: i["number"])
    changes = []
    for number in sorted(a.keys() | b.keys(), key=_number_order):
        before, after = a.get(number), b.get(number)
        if before is None:
            changes.append({"number": number, "change": "added", "old": None, "new": after["text"]})
        elif after is None:
            changes.append({"number": number, "change": "removed", "old": before["text"], "new": None})
        elif before["text"] != after["text"]:
            changes.append({"number": number, "change": "reworded", "old": before["text"], "new": after["text"]})
    return changes


def _criteria(unit: dict) -> list[dict]:
    return [ac for lo in unit.get("learning_outcomes", []) for ac in lo.get("assessment_criteria", [])]


def _unit_summary(key: str, unit: dict) -> dict:
    return {"unit": key, "reference": unit.get("reference"), "number": unit.get("number"),
            "title": unit.get("title")}


def diff_unit(key: str, old: dict, new: dict) -> Optional[dict]:
    """One unit's changed fields and LO/AC changes, or None when its content is the same."""
    fields = _fields(old, new, UNIT_FIELDS)
    outcomes = _text_changes(old.get("learning_outcomes", []), new.get("learning_outcomes", []))
    criteria = _text_changes(_criteria(old), _criteria(new))
    if not (fields or outcomes or criteria):
        return None
    return {**_unit_summary(key, new), "fields": fields, "learning_outcomes": outcomes,
            "assessment_criteria": criteria}


def _diff_units(old: list[dict], new: list[dict]) -> dict:
    a, b = _keyed(old, unit_key), _keyed(new, unit_key)
    changed = [c for k in b if k in a for c in [diff_unit(k, a[k], b[k])] if c]
    return {"added": [_unit_summary(k, u) for k, u in b.items() if k not in a],
            "removed": [_unit_summary(k, u) for k, u in a.items() if k not in b],
            "changed": changed}


def _diff_groups(old: list[dict], new: list[dict]) -> dict:
    a, b = _keyed(old, lambda g: g["name"]), _keyed(new, lambda g: g["name"])
    changed = []
    for name in (k for k in b if k in a):
        fields = _fields(a[name], b[name], GROUP_FIELDS)
        before, after = a[name].get("units", []), b[name].get("units", [])
        added = [u for u in after if u not in before]
        removed = [u for u in before if u not in after]
        if fields or added or removed:
            changed.append({"name": name, "fields": fields, "units_added": added, "units_removed": removed})
    return {"added": [g for k, g in b.items() if k not in a],
            "removed": [g for k, g in a.items() if k not in b],
            "changed": changed}


def _without_path(doc: dict) -> dict:
    return {**doc, "source": {k: v for k, v in doc["source"].items() if k != "path"}}


def diff_document(name: str, old: Optional[dict], new: Optional[dict]) -> tuple[str, Optional[dict]]:
    """``("added" | "removed" | "changed", entry)`` for one document, or ``("same", None)``."""
    if old == new or (old is not None and new is not None and _without_path(old) == _without_path(new)):
        return "same", None  # where the input was read from is not a change of the document
    if old is None or new is None:
        doc = new if old is None else old
        return ("added" if old is None else "removed"), {
            "document": name, "source": doc["source"]["path"], "units": len(doc.get("units", []))}
    qualification = _fields({"awarding_body": old.get("awarding_body"), **old["qualification"]},
                            {"awarding_body": new.get("awarding_body"), **new["qualification"]},
                            ("awarding_body",) + QUALIFICATION_FIELDS)
    also = [part for part, differs in [
        ("source", _without_path(old)["source"] != _without_path(new)["source"]),
        ("warnings", old.get("warnings") != new.get("warnings")),
        ("locations", _locations(old) != _locations(new))] if differs]
    return "changed", {
        "document": name, "source": new["source"]["path"],
        "qualification": qualification,
        "groups": _diff_groups(old["qualification"].get("groups", []), new["qualification"].get("groups", [])),
        "units": _diff_units(old.get("units", []), new.get("units", [])),
        "also_changed": also,
    }


# --- reports --------------------------------------------------------------------------------

def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_report(pairs, old_label: str, new_label: str) -> dict:
    """A report from ``(name, old document | None, new document | None)`` triples."""
    documents: dict[str, list] = {"added": [], "removed": [], "changed": []}
    for name, old, new in sorted(pairs, key=lambda p: p[0]):
        kind, entry = diff_document(name, old, new)
        if entry:
            documents[kind].append(entry)
    changed = documents["changed"]
    summary = {f"documents_{k}": len(v) for k, v in documents.items()}
    summary.update({f"units_{k}": sum(len(d["units"][k]) for d in changed) for k in ("added", "removed", "changed")})
    return {"format": FORMAT, "generated": utc_now(), "old": old_label, "new": new_label,
            "summary": summary, "documents": documents}


def is_empty(report: dict) -> bool:
    """No document added, removed or changed."""
    return not any(report["documents"].values())


def load_document(path: Path) -> Optional[dict]:
    """A specx output as a dict; None for JSON that is not a document (manifest, catalogue…)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict) and "schema_version" in data and "source" in data and "qualification" in data:
        return data
    return None


def _folder_documents(folder: Path) -> dict[str, dict]:
    from .outputs import document_paths

    found = {}
    for name, path in document_paths(folder):
        doc = load_document(path)
        if doc is not None:
            found[name] = doc
    return found


def diff_outputs(old: Path, new: Path) -> dict:
    """``specx diff``: two output folders (documents matched by file name) or two files."""
    old, new = Path(old), Path(new)
    for path in (old, new):
        if not path.exists():
            raise ValueError(f"{path}: no such file or folder")
    if old.is_dir() != new.is_dir():
        raise ValueError("compare two folders or two files, not one of each")
    if old.is_dir():
        a, b = _folder_documents(old), _folder_documents(new)
        pairs = [(name, a.get(name), b.get(name)) for name in a.keys() | b.keys()]
    else:
        docs = [load_document(p) for p in (old, new)]
        for path, doc in zip((old, new), docs):
            if doc is None:
                raise ValueError(f"{path}: not a specx document output")
        pairs = [(new.stem, *docs)]
    return build_report(pairs, str(old), str(new))


def write_report(report: dict, out_dir: Path) -> Path:
    """``<out>/changes/<UTC time>.json`` and the ``.md`` beside it (atomic writes); the JSON path."""
    folder = Path(out_dir) / "changes"
    stamp = report["generated"].replace("-", "").replace(":", "")
    target, n = folder / f"{stamp}.json", 1
    while target.exists():
        n += 1
        target = folder / f"{stamp}-{n}.json"
    write_text(target.with_suffix(".md"), render_markdown(report))
    write_json(target, report)
    return target
