"""The per-document outputs in an output folder: ``<out>/<name>.json`` and, mirroring the input
folders, ``<out>/<sub>/<name>.json`` (named ``"<sub>/<name>"``). specx's own folders
(``catalogue``, ``changes``, ``retired``, ``.pending``), hidden names, symbolic links and
``manifest.json`` are not outputs."""

from __future__ import annotations

import os
from pathlib import Path

OWN = {"catalogue", "changes", "retired", "review", ".pending"}


def document_paths(out: Path) -> list[tuple[str, Path]]:
    """``(name, path)`` of every candidate output below ``out``, sorted by name."""
    found = []
    for folder, dirs, names in os.walk(out):
        here = Path(folder)
        top = here == Path(out)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (top and d in OWN)
                   and not os.path.islink(here / d)]
        for name in names:
            path = here / name
            if name.endswith(".json") and not name.startswith(".") and not (top and name == "manifest.json") \
                    and not os.path.islink(path):
                found.append((path.relative_to(out).as_posix()[:-5], path))
    return sorted(found)
