"""The pipeline version recorded in the manifest and checked on every cluster worker."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from .. import __version__

PACKAGE = Path(__file__).resolve().parent.parent  # extract/


@functools.cache
def pipeline_version() -> str:
    """``extract.__version__`` plus a hash of the package's code and data files, taken once per
    process (the code it runs): any change to either re-processes every input."""
    digest = hashlib.sha256()
    for f in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(f.relative_to(PACKAGE).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:16]}"
