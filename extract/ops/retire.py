"""Outputs that change place: baselines kept for the change report (``.pending/``), outputs
moved with their input, retired when it is gone, and the change report written at the end."""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Optional

from ..emit import check_confined, safe_mkdir, write_json, write_text
from .changes import build_report, is_empty, load_document, utc_now, write_report
from .common import ABSENT, CATALOGUE_DIRS, PENDING, RETIRED
from .inputs import Input
from .manifest import Manifest


def keep_baseline(out: Path, name: str) -> None:
    """Before an output is replaced, moved or retired, keep the version the next change report
    compares against: a hard link ``.pending/<output>`` (``.pending/.absent/<output>`` if there was
    none). Kept until a report is written, so an interrupted run's changes are reported by the
    run that completes it."""
    pending = out / PENDING
    kept, absent, current = pending / name, pending / ABSENT / name, out / name
    if kept.exists() or absent.exists() or (pending / (name + ".absent")).exists():
        return
    if not current.exists():
        write_text(absent, "")
        return
    safe_mkdir(kept.parent)
    try:
        os.link(current, kept)
    except OSError:  # a filesystem without hard links
        write_text(kept, current.read_text(encoding="utf-8"))


def _document_or_none(path: Path) -> Optional[dict]:
    try:
        return load_document(path) if path.is_file() and not path.is_symlink() else None
    except (OSError, ValueError):
        return None


def _walk_files(folder: Path) -> list[Path]:
    return sorted(Path(d) / n for d, _, names in os.walk(folder) for n in names)


def document_name(output: str) -> str:
    """An output's name in change reports and the catalogue: its path without ``.json``."""
    return output[:-5] if output.endswith(".json") else output


def report_pending(out: Path) -> Optional[Path]:
    """Write the change report for every output with a kept baseline (if anything changed), then
    drop the baselines. Returns the report's path, or None when nothing changed."""
    pending = out / PENDING
    if not pending.is_dir() or pending.is_symlink():
        return None
    kept = _walk_files(pending)
    pairs = []
    for f in kept:
        relative = f.relative_to(pending).as_posix()
        if relative.startswith(ABSENT + "/"):
            name, old = relative[len(ABSENT) + 1:], None
        elif relative.endswith(".json.absent"):  # the layout before 0.1.0's reliability work
            name, old = relative.removesuffix(".absent"), None
        else:
            name, old = relative, _document_or_none(f)
        pairs.append((document_name(name), old, _document_or_none(out / name)))
    report = build_report(pairs, f"{out} before the run", f"{out} after the run")
    target = None if is_empty(report) else write_report(report, out)
    for f in kept:
        f.unlink(missing_ok=True)
    for folder, _, _ in sorted(os.walk(pending), key=lambda w: -len(w[0])):
        os.rmdir(folder)
    return target


def retire(out: Path, entries: dict[str, dict], names: list[str]) -> list[str]:
    """Move these outputs to ``retired/`` (same relative path; never deleted: a name retired
    before gets ``.2``, ``.3``… so every copy is kept) and drop their manifest entries."""
    retired = []
    for name in names:
        source = out / name
        check_confined(source.parent)  # never move a file in from outside through a linked folder
        if source.exists():
            keep_baseline(out, name)
            target, n = out / RETIRED / name, 1
            safe_mkdir(target.parent)
            while target.exists():
                n += 1
                target = out / RETIRED / str(PurePosixPath(name).with_name(f"{Path(name).stem}.{n}.json"))
            check_confined(target)
            os.replace(source, target)
            retired.append(str(target))
        del entries[name]
    return retired


def move_output(out: Path, manifest: Manifest, old: str, item: Input) -> None:
    """An input moved or renamed with the same bytes: its output moves from ``old`` to the new
    path (``source.path`` updated), not extracted again."""
    check_confined((out / old).parent)
    keep_baseline(out, old)
    keep_baseline(out, item.output)
    doc = json.loads((out / old).read_text(encoding="utf-8"))
    doc["source"]["path"] = item.display
    write_json(out / item.output, doc)
    (out / old).unlink()
    entry = manifest.entries.pop(old)
    manifest.entries[item.output] = {**entry, "input": item.location, "output": item.output}


def update_source_path(out: Path, item: Input) -> None:
    """Same output, input at a new path: the output's ``source.path`` follows it."""
    target = out / item.output
    doc = json.loads(target.read_text(encoding="utf-8"))
    if doc.get("source", {}).get("path") != item.display:
        keep_baseline(out, item.output)
        doc["source"]["path"] = item.display
        write_json(target, doc)


def retire_catalogue(out: Path) -> list[str]:
    """No output left: the catalogue and exports (which still list the retired units) move to
    ``retired/catalogue-<time>/``."""
    present = [out / n for n in (*CATALOGUE_DIRS, "specx.sqlite") if os.path.lexists(out / n)]
    if not present:
        return []
    folder = out / RETIRED / f"catalogue-{utc_now().replace(':', '').replace('-', '')}"
    safe_mkdir(folder)
    for path in present:
        os.replace(path, folder / path.name)
    return [str(folder)]
