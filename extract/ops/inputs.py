"""The inputs of a run: the files named and the input files below the folders named, each with
its output path (mirroring the folders) and fingerprint (size, sha256)."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Optional

from ..readers.source import PDF_SUFFIXES, TEXT_SUFFIXES
from .common import MANIFEST, MAX_NAME_BYTES, OWN_DIRS, OWN_NAMES

INPUT_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


@dataclass
class Input:
    path: Path
    display: str
    output: str  # output path relative to the output folder (posix): "ncfe/x.json"
    size: int
    sha256: Optional[str]  # None: unreadable (the extraction then reports why)

    @property
    def location(self) -> str:
        """The input's absolute path as recorded in the manifest (links in folders resolved,
        never the file itself: a symbolic link is not an input)."""
        return location(self.path)


def location(path: Path) -> str:
    return os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(path))), os.path.basename(path))


@dataclass
class Scan:
    files: list[tuple[Path, str]]  # (input, output path relative to the output folder)
    problems: list[tuple[str, str]]  # (path shown, reason): inputs refused, folders unreadable
    complete: bool = True  # every folder named was read completely and held an input


def _own_folders(out: Optional[Path]) -> set[str]:
    if out is None:
        return set()
    real = os.path.realpath(out)
    return {real} | {os.path.join(real, name) for name in OWN_DIRS}


def find_inputs(paths: list[str], out: Optional[Path] = None) -> Scan:
    """The files named, plus the input files anywhere below the folders named (hidden names,
    the output folder and specx's own folders skipped; symbolic links and files that are not
    regular refused, each named with the reason). FileNotFoundError for a path that does not exist."""
    scan = Scan([], [])
    skip = _own_folders(out)
    for p in map(Path, paths):
        try:
            info = os.lstat(p)
        except FileNotFoundError:
            raise FileNotFoundError(p) from None
        except OSError as e:
            scan.problems.append((display(p), f"cannot read: {e.strerror}"))
            scan.complete = False
            continue
        if stat.S_ISDIR(info.st_mode):
            _scan_folder(p, scan, skip)
        elif stat.S_ISLNK(info.st_mode) and os.path.isdir(p):
            _scan_folder(p, scan, skip)  # a folder named through a link: the user's choice
        else:
            scan.files.append((p, p.stem + ".json"))
    return scan


def _subfolders(here: Path, real: str, dirs: list[str], skip: set[str], scan: Scan) -> list[str]:
    """The folders below ``here`` to walk into: not hidden, not specx's own, not a link."""
    keep = []
    for d in sorted(dirs):
        if d.startswith(".") or os.path.join(real, d) in skip or (real in skip and d in OWN_DIRS):
            continue
        if os.path.islink(here / d):
            scan.problems.append((display(here / d), f"symbolic link to a folder (to {os.readlink(here / d)}): "
                                                     "not followed"))
            continue
        keep.append(d)
    return keep


def _add_file(root: Path, path: Path, scan: Scan) -> None:
    try:
        info = os.lstat(path)
    except OSError as e:
        scan.problems.append((display(path), f"cannot read: {e.strerror}"))
        return
    if stat.S_ISLNK(info.st_mode):
        scan.problems.append((display(path), f"symbolic link (to {os.readlink(path)}): not followed; "
                                             "name the file itself"))
    elif not stat.S_ISREG(info.st_mode):
        scan.problems.append((display(path), "not a regular file (a FIFO or device): not read"))
    else:
        relative = path.relative_to(root)
        scan.files.append((path, str(PurePosixPath(*relative.parts).with_suffix(".json"))))


def _scan_folder(root: Path, scan: Scan, skip: set[str]) -> None:
    found = 0

    def unreadable(error: OSError) -> None:
        scan.problems.append((display(Path(error.filename or root)),
                              f"cannot read folder: {error.strerror}; outputs of inputs there are kept, none retired"))
        scan.complete = False

    for folder, dirs, names in os.walk(root, onerror=unreadable):
        here = Path(folder)
        real = os.path.realpath(folder)
        dirs[:] = _subfolders(here, real, dirs, skip, scan)
        if real in skip and os.path.realpath(root) != real:
            continue  # the output folder inside an input folder
        for name in sorted(names):
            if name.startswith(".") or Path(name).suffix.lower() not in INPUT_SUFFIXES:
                continue
            found += 1
            _add_file(root, here / name, scan)
    if not found and scan.complete:
        scan.problems.append((display(root), "no input files in this folder (an unmounted share?): "
                                             "nothing was retired"))
        scan.complete = False


def display(path: Path) -> str:
    """The path as written into outputs and messages: relative to the working folder if inside it."""
    try:
        return str(Path(location(path)).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _fingerprint(path: Path) -> tuple[int, Optional[str]]:
    """Size and sha256 of a regular file (a link, FIFO or device is not read: ``None``)."""
    digest = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return 0, None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return 0, None
        size = 0
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
            size += len(chunk)
        return size, digest.hexdigest()
    except OSError:
        return 0, None
    finally:
        os.close(fd)


def output_problem(output: str) -> Optional[str]:
    """Why an input cannot have this output path, or None."""
    parts = PurePosixPath(output).parts
    if parts[0].casefold() in {n.casefold() for n in OWN_NAMES} and (len(parts) > 1 or parts[0] == MANIFEST):
        return (f"output {output} would take the name of specx's own {parts[0]}; rename the input"
                + (" folder" if len(parts) > 1 else ""))
    if parts[-1].startswith("."):
        return "hidden file name: specx writes no hidden outputs; rename the input"
    for part in parts:
        if len(os.fsencode(part)) > MAX_NAME_BYTES:
            return f"name too long for its output ({len(os.fsencode(part))} bytes, the limit is {MAX_NAME_BYTES}); rename it"
    return None


def plan_inputs(files: list[tuple[Path, str]]) -> tuple[list[Input], list[tuple[str, str]]]:
    """Inputs with their output paths and fingerprints, and the failures of inputs that cannot
    have an output (a reserved or too long name, or one another input already takes:
    ``a/spec.txt`` and ``b/spec.pdf`` both named -> ``spec.json``)."""
    if files and isinstance(files[0], Path):  # a plain list of files: outputs by stem
        files = [(p, p.stem + ".json") for p in files]
    items: dict[str, Input] = {}
    failures = []
    for path, output in files:
        shown = display(path)
        problem = output_problem(output)
        if problem:
            failures.append((shown, problem))
            continue
        key = output
        if key in items:
            failures.append((shown, f"output {output} is already written from {items[key].display}; rename one of them"))
            continue
        items[key] = Input(path, shown, output, *_fingerprint(path))
    return list(items.values()), failures
