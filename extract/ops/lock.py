"""The output folder's lock, and the checks made under it before anything is read or written."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from contextlib import contextmanager
from pathlib import Path

from ..emit import TEMP_NAME, UnsafeOutput, confined, write_text
from .changes import utc_now
from .common import LOCK, OWN_DIRS, OWN_NAMES, RunError, RunLocked
from .report import printable


@contextmanager
def run_lock(out: Path, wait: bool, on_wait):
    """Hold the output folder's lock: ``flock`` on an open descriptor of the folder itself, so
    the lock belongs to the folder, not to a path inside it that ``rm`` (``make clean``) could
    remove or a link could redirect; the kernel releases it when the run (and its workers) end,
    even by SIGKILL. ``.specx.lock`` only says who holds it (written atomically: a link planted
    there is replaced, never written through)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise RunError(f"cannot use output folder {out}: {e.strerror}") from None
    try:
        _take(fd, out, wait, on_wait)
        with confined(out):
            check_output_folder(out)
            try:
                write_text(out / LOCK, f"pid {os.getpid()}, started {utc_now()}\n")
            except OSError as e:
                raise RunError(f"cannot write to output folder {out}: {e.strerror}") from None
            yield
    finally:
        os.close(fd)


def _take(fd: int, out: Path, wait: bool, on_wait) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        if e.errno not in (errno.EACCES, errno.EAGAIN):
            raise RunError(f"cannot lock output folder {out}: {e.strerror}") from None
        holder = lock_holder(out)
        if not wait:
            raise RunLocked(f"another specx run ({holder}) is writing {out}; "
                            f"it was left alone: retry later or use --wait") from None
        on_wait(holder)
        fcntl.flock(fd, fcntl.LOCK_EX)


def lock_holder(out: Path) -> str:
    try:
        fd = os.open(out / LOCK, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            text = os.read(fd, 200).decode(errors="replace")
        finally:
            os.close(fd)
    except OSError:
        return "unknown process"
    return printable(text.strip()) or "unknown process"


def check_output_folder(out: Path) -> None:
    """``UnsafeOutput`` when one of specx's own names in the output folder is a symbolic link
    (or a folder of specx's is not a folder): nothing is then read, moved or deleted there."""
    for name in sorted(OWN_NAMES):
        path = out / name
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(info.st_mode):
            raise UnsafeOutput(f"{path} is a symbolic link (to {os.readlink(path)}); specx does not follow links "
                               "in its output folder: remove it")
        if name in OWN_DIRS and not stat.S_ISDIR(info.st_mode):
            raise UnsafeOutput(f"{path} is not a folder; specx keeps its {name} there: move it away")


def remove_stale_temps(out: Path) -> None:
    """Temporary files of a killed run: only names ``emit`` makes (``.<name>.specx-<random>.tmp``,
    and SQLite's ``-journal`` beside one), never following links."""
    for folder, dirs, names in os.walk(out):
        for name in names:
            if TEMP_NAME.match(name):
                try:
                    os.unlink(os.path.join(folder, name))
                except FileNotFoundError:
                    pass
