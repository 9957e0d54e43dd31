"""``specx validate``: check files against the output contract.

Every JSON file specx writes is recognised by its shape and checked against its model: a
per-document output (``models.Document``) or a catalogue file (``catalogue_models``). The run
manifest, change reports and the CSV data package are specx files with no output schema: they
are named and skipped. A folder is checked recursively (hidden files and folders left out);
there, JSON that is not a specx file is skipped, while a file named explicitly must be one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from pydantic import ValidationError

SHOWN_ERRORS = 5


@dataclass
class Result:
    path: Path
    status: str  # "ok" | "invalid" | "skipped" | "missing"
    kind: Optional[str] = None
    detail: str = ""


def kind_of(data) -> Optional[str]:
    """What a JSON value is: a schema name (``models.SCHEMAS``), ``manifest``, ``changes``,
    ``datapackage``, or None when it is not a specx file."""
    from .catalogue.models import CATALOGUE_FILES

    if not isinstance(data, dict):
        return None
    if str(data.get("format", "")).startswith("specx-manifest/"):
        return "manifest"
    if str(data.get("format", "")).startswith("specx-changes/"):
        return "changes"
    if "resources" in data and "profile" in data:
        return "datapackage"
    if "schema_version" not in data:
        return None
    if {"source", "qualification"} & data.keys():
        return "document"
    for name in CATALOGUE_FILES:
        if name in data:
            return f"catalogue_{name}"
    return None


def _errors(e: ValidationError) -> str:
    shown = [f"{'.'.join(map(str, err['loc'])) or '<root>'}: {err['msg']}" for err in e.errors()[:SHOWN_ERRORS]]
    more = e.error_count() - len(shown)
    return f"{e.error_count()} error(s): " + "; ".join(shown) + (f"; … {more} more" if more > 0 else "")


def check_file(path: Path, explicit: bool = True) -> Result:
    from .models import SCHEMAS

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Result(path, "missing", detail="no such file or folder")
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return Result(path, "invalid", detail=f"not readable JSON: {e}")
    kind = kind_of(data)
    if kind is None:
        return Result(path, "invalid" if explicit else "skipped", detail="not a specx output")
    if kind not in SCHEMAS:
        return Result(path, "skipped", kind, f"{kind}: no output schema to check")
    try:
        SCHEMAS[kind].model_validate(data, strict=False)
    except ValidationError as e:
        return Result(path, "invalid", kind, _errors(e))
    return Result(path, "ok", kind)


def check_paths(paths: list[str]) -> list[Result]:
    """Files as named, folders recursively (``*.json``, hidden entries left out)."""
    results = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json")
                           if not any(part.startswith(".") for part in p.relative_to(path).parts))
            results += [check_file(p, explicit=False) for p in found]
        else:
            results.append(check_file(path))
    return results


def exit_code(results: list[Result]) -> int:
    """2 when a named path does not exist, else 1 when a file is invalid, else 0."""
    if any(r.status == "missing" for r in results):
        return 2
    return 1 if any(r.status == "invalid" for r in results) else 0
