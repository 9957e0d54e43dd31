"""Stage: write JSON atomically (temp file in the same folder, fsync, rename), so a reader or
a killed run never sees a half-written output."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def write_json(target: Path, data) -> None:
    write_text(target, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_text(target: Path, text: str) -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
