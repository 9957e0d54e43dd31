"""Stage: write outputs atomically (temp file in the same folder, fsync, rename), so a reader or
a killed run never sees a half-written output.

Inside ``confined(root)`` (what ``specx run`` and ``specx catalogue`` wrap their writes in) a
write whose folder reaches outside ``root`` through a symbolic link is refused with
``UnsafeOutput``: a link planted in the output folder (``catalogue -> /etc``) is never written
through. The final rename replaces a symbolic link at the target itself, never its target.
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from . import jsontext

TEMP_MARK = "specx-"  # every temporary name: .<target, shortened>.specx-<8 random>.tmp
TEMP_NAME = re.compile(r"^\..*\.specx-[a-z0-9_]{8}\.tmp(?:-journal|-wal|-shm)?$"  # SQLite adds -journal
                       r"|^\.specx\.sqlite\.[a-z0-9_]{8}\.tmp-journal$")  # the journal of an earlier version's export
_MAX_TEMP_STEM = 100  # bytes of the target's name kept in a temporary name (names are <= 255 bytes)
_ROOTS: list[tuple[str, str]] = []  # (absolute path, real path) of the folders being confined to


class UnsafeOutput(Exception):
    """A path in the output folder is a symbolic link (or not what specx made) and is not used."""


def json_text(data) -> str:
    """The text of every JSON file specx writes: 2-space indents, non-ASCII as is, a final newline."""
    return jsontext.dumps(data) + "\n"


def write_json(target: Path, data) -> None:
    write_text(target, json_text(data))


def write_text(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


@contextmanager
def confined(root: Path):
    """Refuse, until the block ends, writes below ``root`` through a symbolic link."""
    _ROOTS.append((os.path.abspath(root), os.path.realpath(root)))
    try:
        yield
    finally:
        _ROOTS.pop()


def check_confined(path: Path) -> None:
    """``UnsafeOutput`` when ``path`` lies below a confined root but a component between the root
    and it is a symbolic link (so writing there would land elsewhere)."""
    absolute = os.path.abspath(path)
    for root, real in _ROOTS:
        if absolute != root and not absolute.startswith(root.rstrip(os.sep) + os.sep):
            continue
        relative = os.path.relpath(absolute, root)
        expected = os.path.normpath(os.path.join(real, relative))
        if os.path.realpath(absolute) != expected:
            probe = root
            for part in Path(relative).parts:
                probe = os.path.join(probe, part)
                if os.path.islink(probe):
                    raise UnsafeOutput(f"{probe} is a symbolic link (to {os.readlink(probe)}); specx does not "
                                       "write through links in its output folder: remove it")
            raise UnsafeOutput(f"{path} leads outside the output folder {root}")


def safe_mkdir(folder: Path) -> None:
    """``mkdir -p`` that refuses a folder reached through a symbolic link (under ``confined``)."""
    check_confined(folder)
    Path(folder).mkdir(parents=True, exist_ok=True)


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside ``target`` for any writer (text, Parquet, SQLite); on
    success fsync it, give it the usual file mode and rename it into place."""
    target = Path(target)
    safe_mkdir(target.parent)
    tmp = None
    stem = os.fsencode(target.name)[:_MAX_TEMP_STEM].decode(errors="ignore")  # long names fit in 255 bytes
    try:  # from mkstemp on, so a signal at any point leaves no temporary file behind
        fd, tmp = tempfile.mkstemp(prefix=f".{stem}.{TEMP_MARK}", suffix=".tmp", dir=target.parent)
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
        self.write_text(target, json_text(data))

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
