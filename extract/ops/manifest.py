"""``manifest.json``: what each output was made from, by which pipeline, and how it went."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Optional

from ..emit import write_json
from . import version
from .changes import utc_now
from .common import MANIFEST, MANIFEST_FORMAT, RunError
from .inputs import Input, output_problem


@dataclass
class Manifest:
    """``manifest.json``: an entry per output path (its input's path, sha256 and size, the
    pipeline version, output, status and last error), and whether the catalogue reflects the
    outputs (cleared before any output changes, set after a rebuild, so a killed run's
    catalogue is rebuilt by the next run). ``set_aside``: where a damaged manifest was moved."""

    entries: dict[str, dict]
    catalogue_current: bool = False
    set_aside: Optional[str] = None


_ENTRY_FIELDS = {"input": str, "sha256": (str, type(None)), "size": int, "pipeline_version": str,
                 "output": (str, type(None)), "status": str, "error": (str, type(None))}


def _valid_entry(name, entry) -> bool:
    return (isinstance(name, str) and output_problem(name) is None and isinstance(entry, dict)
            and all(isinstance(entry.get(k), t) for k, t in _ENTRY_FIELDS.items())
            and entry["status"] in ("ok", "failed") and ".." not in PurePosixPath(name).parts
            and not PurePosixPath(name).is_absolute())


def load_manifest(out: Path) -> Manifest:
    """An absent manifest means every input is new. A damaged one (not JSON, not a specx
    manifest, or entries of the wrong shape) is moved aside to ``manifest.json.damaged-<time>``
    and the run starts from an empty one (every input extracted again); an unreadable one is a
    ``RunError``."""
    path = out / MANIFEST
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT or not isinstance(data.get("inputs"), dict):
            raise ValueError("not a specx manifest")
        bad = [name for name, entry in data["inputs"].items() if not _valid_entry(name, entry)]
        if bad:
            raise ValueError(f"{len(bad)} entries of the wrong shape, first {bad[0][:80]!r}")
        return Manifest(data["inputs"], data.get("catalogue_current") is True)
    except FileNotFoundError:
        return Manifest({})
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        reason = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
        target = out / f"{MANIFEST}.damaged-{utc_now().replace(':', '').replace('-', '')}"
        os.replace(path, target)
        return Manifest({}, set_aside=f"{target} ({reason})")
    except OSError as e:
        raise RunError(f"cannot read {path}: {e.strerror}") from None


def save_manifest(out: Path, manifest: Manifest) -> None:
    write_json(out / MANIFEST, {"format": MANIFEST_FORMAT, "pipeline_version": version.pipeline_version(),
                                "updated": utc_now(), "catalogue_current": manifest.catalogue_current,
                                "inputs": dict(sorted(manifest.entries.items()))})


def manifest_entry(item: Input, out: Path, error: Optional[str], sha256: Optional[str] = None) -> dict:
    return {"input": item.location, "sha256": sha256 or item.sha256, "size": item.size,
            "pipeline_version": version.pipeline_version(),
            "output": item.output if (out / item.output).exists() else None,
            "status": "failed" if error else "ok", "error": error, "processed": utc_now()}


def is_current(entry: Optional[dict], item: Input, out: Path) -> bool:
    """True when the output is the good result of these exact bytes under this pipeline."""
    return bool(entry and item.sha256 and entry["status"] == "ok" and entry["sha256"] == item.sha256
                and entry["pipeline_version"] == version.pipeline_version() and (out / item.output).exists())
