"""Catalogue stage: one record per unit across documents and awarding bodies.

Reads the per-document outputs already in an output folder and writes ``<out>/catalogue/``
(``units.json``, ``qualifications.json``, ``conflicts.json``, ``possible_duplicates.json``, shaped
by ``catalogue_models.py``) plus the table exports (``export.py``)::

    documents -> copies per unit id -> canonical unit + conflicts -> possible duplicates -> files

* Copies of a unit are merged by Ofqual reference only (a unit printed without one is keyed
  ``<qualification id>#<local number>``); titles never merge units, so there are no false
  merges. A copy listed without outcomes (NCFE lists QCF units by reference only) merges with
  a full copy of the same reference (``documents.py``).
* Canonical values are chosen per field by a weighted vote after normalisation (case, quotes,
  whitespace, trailing punctuation): each copy weighs ``1 / (1 + penalty / 5)``, its ``penalty``
  the weighted sum of the warnings its document records for the unit (``documents.SEVERITY``), ties to
  the most trusted copy (lowest penalty). Copies flagged the same way (a misread level that
  contradicts their own structure table: ``unit_facts_disagree``) do not out-vote a clean copy,
  and every conflict lists each copy's penalty and whether it is ``suspect``. Outcome and criterion texts come from the copies whose outcomes are the
  same content as the base copy (``compatible``), so two different texts printed under one
  reference are never mixed into one unit; which copy won is recorded for every field (``choose.py``).
* ``conflicts``: every field or outcome/criterion whose copies still disagree, each copy's value.
* ``possible_duplicates``: units with different identities whose titles and content match
  closely, listed with the evidence and never merged (``duplicates.py``).

Only ``documents.load_documents`` and ``build_catalogue`` touch the disk.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .choose import merge_qualification, merge_unit
from .documents import Copy, load_documents, read_document
from .duplicates import possible_duplicates
from .models import CATALOGUE_SCHEMAS  # noqa: F401 (exposed here for models.SCHEMAS)
from .models import ConflictsFile, DuplicatesFile, QualificationsFile, UnitsFile
from ..emit import Batch


class CatalogueError(Exception):
    """The catalogue cannot be built at all (no output folder, no documents in it)."""


def _gather(documents: list[tuple[str, dict]]) -> tuple[dict[str, list[dict]], dict[str, list[Copy]]]:
    """Per-document outputs -> (qualification copies by qualification id, unit copies by unit id),
    each list in document order."""
    qualification_copies: dict[str, list[dict]] = defaultdict(list)
    unit_copies: dict[str, list[Copy]] = defaultdict(list)
    for order, (name, doc) in enumerate(documents):
        qualification, copies = read_document(name, order, doc)
        qualification_copies[qualification["qualification_id"]].append(qualification)
        for copy in copies:
            unit_copies[copy.unit_id].append(copy)
    return qualification_copies, unit_copies


def build(documents: list[tuple[str, dict]]) -> dict[str, dict]:
    """Per-document outputs ``(name, output dict)`` -> the catalogue files' contents by file stem
    (``catalogue_models.CATALOGUE_FILES``), validated against their models. Conflicts come unit by
    unit (sorted by id; fields, then outcomes and criteria in number order), then qualifications."""
    qualification_copies, unit_copies = _gather(documents)
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


def _summary(documents: list, failed: list[dict], files: dict[str, dict], folder: Path) -> dict:
    """What ``build_catalogue`` reports: counts of documents, units, shared units, qualifications,
    conflicts and possible duplicates, the outputs that failed and the folder written."""
    units = files["units"]["units"]
    return {"documents": len(documents), "units": len(units),
            "shared_units": sum(len({s["document"] for s in u["sources"]}) > 1 for u in units),
            "qualifications": len(files["qualifications"]["qualifications"]),
            "conflicts": len(files["conflicts"]["conflicts"]),
            "possible_duplicates": len(files["possible_duplicates"]["possible_duplicates"]),
            "failed": failed, "folder": str(folder)}


def build_catalogue(out_dir: Path) -> dict:
    """``specx catalogue``: build ``<out>/catalogue/`` and the exports from the per-document outputs
    in ``out_dir`` (every file renamed into place together, or none) -> a summary. Raises ``CatalogueError`` when the
    folder is missing or holds no readable document output."""
    from .export import write_exports

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
    return _summary(documents, failed, files, folder)
