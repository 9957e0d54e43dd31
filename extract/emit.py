"""Stage: write outputs atomically (temp file in the same folder, fsync, rename), so a reader or
a killed run never sees a half-written output."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def write_json(target: Path, data) -> None:
    write_text(target, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_text(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside ``target`` for any writer (text, Parquet, SQLite); on
    success fsync it, give it the usual file mode and rename it into place."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = None
    try:  # from mkstemp on, so a signal at any point leaves no temporary file behind
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        yield Path(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; outputs are for other readers too
        os.replace(tmp, target)
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class Batch:
    """Several files written as one: each to a temporary file beside its target, renamed into
    place only when every one of them was written (``commit``). A failure while writing any file
    leaves every target as it was (no half-updated set of exports)."""

    def __init__(self):
        self._pending: list[tuple[Path, Path]] = []

    def path(self, target: Path) -> Path:
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        self._pending.append((Path(tmp), target))
        return Path(tmp)

    def write_text(self, target: Path, text: str) -> None:
        self.path(target).write_text(text, encoding="utf-8")

    def write_json(self, target: Path, data) -> None:
        self.write_text(target, json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    def commit(self) -> None:
        mode = 0o666 & ~_umask()
        for tmp, _ in self._pending:
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.chmod(tmp, mode)
        for tmp, target in self._pending:
            os.replace(tmp, target)
        self._pending = []

    def discard(self) -> None:
        for tmp, _ in self._pending:
            tmp.unlink(missing_ok=True)
        self._pending = []

    def __enter__(self):
        return self

    def __exit__(self, kind, *_):
        if kind is None:
            self.commit()
        else:
            self.discard()
        return False
