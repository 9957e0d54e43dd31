"""The catalogue step of a run: rebuilt from the per-document outputs when they changed."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Optional

PACKAGE = __package__.rpartition(".")[0]  # "extract": the catalogue stage lives beside ops/


def import_catalogue() -> None:
    """Import the catalogue stage and its libraries (pandas) ahead of ``build_catalogue``; a
    failure is left for ``build_catalogue`` to report."""
    for module in ("catalogue", "export"):
        try:
            importlib.import_module(f"{PACKAGE}.{module}")
        except Exception:
            return


def build_catalogue(out: Path) -> Optional[str]:
    """Rebuild the catalogue from the per-document outputs if ``extract.catalogue`` provides
    ``build_catalogue``; returns an error message, or None."""
    name = f"{PACKAGE}.catalogue"
    try:
        catalogue = importlib.import_module(name)
    except ModuleNotFoundError as e:
        if e.name == name:
            return None
        return f"catalogue: cannot import: {e}"
    except Exception as e:
        return f"catalogue: cannot import: {type(e).__name__}: {e}"
    if not hasattr(catalogue, "build_catalogue"):
        return None
    try:
        catalogue.build_catalogue(out)
    except Exception as e:
        return f"catalogue: {type(e).__name__}: {e}"
    return None
