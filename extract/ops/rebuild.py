"""The catalogue step of a run: rebuilt from the per-document outputs when they changed."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Optional

CATALOGUE = __package__.rpartition(".")[0] + ".catalogue"  # "extract.catalogue": beside ops/


def import_catalogue() -> None:
    """Import the catalogue stage and its libraries (pandas) ahead of ``build_catalogue``; a
    failure is left for ``build_catalogue`` to report."""
    for module in ("build", "export"):
        try:
            importlib.import_module(f"{CATALOGUE}.{module}")
        except Exception:
            return


def build_catalogue(out: Path) -> Optional[str]:
    """Rebuild the catalogue from the per-document outputs (``catalogue.build``); returns an
    error message, or None."""
    try:
        catalogue = importlib.import_module(f"{CATALOGUE}.build")
    except Exception as e:
        return f"catalogue: cannot import: {type(e).__name__}: {e}"
    try:
        catalogue.build_catalogue(out)
    except Exception as e:
        return f"catalogue: {type(e).__name__}: {e}"
    return None
