"""``specx run``: incremental, interruptible, locked runs over a set of inputs.

One run, in order:

1. take the output folder's lock (``flock`` on the folder itself; a second run waits with
   ``--wait`` or exits 3) and refuse an output folder whose own names (``.pending``,
   ``catalogue``, ``changes``, ``retired``, ``manifest.json``…) are symbolic links;
2. remove temporary files a killed run left behind (only names specx's ``emit`` makes);
3. read ``manifest.json`` (a damaged one is set aside and rebuilt) and pick the inputs to
   extract: new ones, changed ones (sha256), failed ones, ones whose output is missing, all of
   them when the pipeline version changed or with ``--force``; an input moved or renamed with the
   same bytes has its output moved, not extracted again; an input whose file disappeared has its
   output moved to ``retired/`` (never when a folder could not be read completely or held no input);
4. extract each document in its own worker process with a time and memory budget
   (``isolate.py``); the parent writes every output (temp file + rename, ``emit``) and rewrites
   the manifest after each document, so a run killed at any moment leaves each output old or
   new and the next run finishes the work;
5. rebuild the catalogue (``extract.catalogue.build.build_catalogue``, when that module exists);
6. write a change report for every output the run replaced (``changes.py``): the version each
   output had before is kept in ``.pending/`` until the report is written, so the report of an
   interrupted run is written by the run that completes it.

Inputs: the files named, and the input files (``.txt``, ``.md``, ``.text``, ``.pdf``) anywhere
below the folders named, hidden names skipped; outputs mirror the folders (``raw/ncfe/x.pdf`` ->
``<out>/ncfe/x.json``). Limits and defaults: ``docs/reliability.md``.

The JSON summary is the last line on stdout. Exit codes: 0 every input ok, 1 some input (or the
catalogue) failed, 2 usage error, 3 another run holds the lock, 4 the run could not go on (an
unsafe or unwritable output folder, an OS error: ``error`` in the summary), 128+N killed by
signal N.
"""

from __future__ import annotations

import errno
import fcntl
import functools
import hashlib
import importlib
import json
import os
import re
import signal
import stat
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Optional

from . import __version__, isolate
from .changes import build_report, is_empty, load_document, utc_now, write_report
from .emit import TEMP_NAME, UnsafeOutput, check_confined, confined, safe_mkdir, write_json, write_text
from .readers.source import PDF_SUFFIXES, TEXT_SUFFIXES, SourceError

INPUT_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "specx-manifest/1"
LOCK = ".specx.lock"
PENDING = ".pending"
ABSENT = ".absent"  # .pending/.absent/<output>: the output did not exist before the run
RETIRED = "retired"
CATALOGUE_DIRS = ("catalogue",)
OWN_DIRS = {PENDING, RETIRED, "changes", *CATALOGUE_DIRS}  # specx's folders inside the output folder
OWN_NAMES = OWN_DIRS | {MANIFEST, LOCK, "specx.sqlite"}
EXIT_LOCKED = 3
EXIT_ERROR = 4
DEFAULT_TIMEOUT = 600.0  # seconds per document
DEFAULT_MEMORY_MB = 2048  # address space a document's worker may add
MAX_NAME_BYTES = 255


@dataclass
class RunOptions:
    inputs: list[str]
    out: Path
    jobs: int = 0
    force: bool = False
    wait: bool = False
    quiet: bool = False
    log_format: str = "text"
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB


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


class RunLocked(Exception):
    """Another run holds the output folder's lock."""


class RunError(Exception):
    """The run cannot go on (the message says why): exit 4 with the reason in the summary."""


class Interrupted(BaseException):
    """SIGTERM during a run; a BaseException so no per-input ``except Exception`` swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


# --- inputs and version ---------------------------------------------------------------------

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


def _scan_folder(root: Path, scan: Scan, skip: set[str]) -> None:
    found = 0

    def unreadable(error: OSError) -> None:
        scan.problems.append((display(Path(error.filename or root)),
                              f"cannot read folder: {error.strerror}; outputs of inputs there are kept, none retired"))
        scan.complete = False

    for folder, dirs, names in os.walk(root, onerror=unreadable):
        here = Path(folder)
        real = os.path.realpath(folder)
        keep = []
        for d in sorted(dirs):
            if d.startswith(".") or os.path.join(real, d) in skip or (real in skip and d in OWN_DIRS):
                continue
            if os.path.islink(here / d):
                scan.problems.append((display(here / d), f"symbolic link to a folder (to {os.readlink(here / d)}): "
                                                         "not followed"))
                continue
            keep.append(d)
        dirs[:] = keep
        if real in skip and os.path.realpath(root) != real:
            continue  # the output folder inside an input folder
        for name in sorted(names):
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in INPUT_SUFFIXES:
                continue
            found += 1
            try:
                info = os.lstat(path)
            except OSError as e:
                scan.problems.append((display(path), f"cannot read: {e.strerror}"))
                continue
            if stat.S_ISLNK(info.st_mode):
                scan.problems.append((display(path), f"symbolic link (to {os.readlink(path)}): not followed; "
                                                     "name the file itself"))
            elif not stat.S_ISREG(info.st_mode):
                scan.problems.append((display(path), "not a regular file (a FIFO or device): not read"))
            else:
                relative = path.relative_to(root)
                scan.files.append((path, str(PurePosixPath(*relative.parts).with_suffix(".json"))))
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


@functools.cache
def pipeline_version() -> str:
    """``extract.__version__`` plus a hash of the package's code and data files, taken once per
    process (the code it runs): any change to either re-processes every input."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for f in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(f.relative_to(package).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:16]}"


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


# --- manifest -------------------------------------------------------------------------------

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
    write_json(out / MANIFEST, {"format": MANIFEST_FORMAT, "pipeline_version": pipeline_version(),
                                "updated": utc_now(), "catalogue_current": manifest.catalogue_current,
                                "inputs": dict(sorted(manifest.entries.items()))})


def manifest_entry(item: Input, out: Path, error: Optional[str], sha256: Optional[str] = None) -> dict:
    return {"input": item.location, "sha256": sha256 or item.sha256, "size": item.size,
            "pipeline_version": pipeline_version(),
            "output": item.output if (out / item.output).exists() else None,
            "status": "failed" if error else "ok", "error": error, "processed": utc_now()}


def is_current(entry: Optional[dict], item: Input, out: Path) -> bool:
    """True when the output is the good result of these exact bytes under this pipeline."""
    return bool(entry and item.sha256 and entry["status"] == "ok" and entry["sha256"] == item.sha256
                and entry["pipeline_version"] == pipeline_version() and (out / item.output).exists())


# --- output folder housekeeping -------------------------------------------------------------

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
        with confined(out):
            check_output_folder(out)
            try:
                write_text(out / LOCK, f"pid {os.getpid()}, started {utc_now()}\n")
            except OSError as e:
                raise RunError(f"cannot write to output folder {out}: {e.strerror}") from None
            yield
    finally:
        os.close(fd)


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


def keep_baseline(out: Path, name: str) -> None:
    """Before an output is replaced, moved or retired, keep the version the next change report
    compares against: a hard link ``.pending/<output>`` (``.pending/.absent/<output>`` if there was
    none). Kept until a report is written, so an interrupted run's changes are reported by the
    run that completes it."""
    pending = out / PENDING
    kept, absent, current = pending / name, pending / ABSENT / name, out / name
    if kept.exists() or absent.exists() or (pending / (name + ".absent")).exists():
        return
    if not current.exists():
        write_text(absent, "")
        return
    safe_mkdir(kept.parent)
    try:
        os.link(current, kept)
    except OSError:  # a filesystem without hard links
        write_text(kept, current.read_text(encoding="utf-8"))


def _document_or_none(path: Path) -> Optional[dict]:
    try:
        return load_document(path) if path.is_file() and not path.is_symlink() else None
    except (OSError, ValueError):
        return None


def _walk_files(folder: Path) -> list[Path]:
    return sorted(Path(d) / n for d, _, names in os.walk(folder) for n in names)


def document_name(output: str) -> str:
    """An output's name in change reports and the catalogue: its path without ``.json``."""
    return output[:-5] if output.endswith(".json") else output


def report_pending(out: Path) -> Optional[Path]:
    """Write the change report for every output with a kept baseline (if anything changed), then
    drop the baselines. Returns the report's path, or None when nothing changed."""
    pending = out / PENDING
    if not pending.is_dir() or pending.is_symlink():
        return None
    kept = _walk_files(pending)
    pairs = []
    for f in kept:
        relative = f.relative_to(pending).as_posix()
        if relative.startswith(ABSENT + "/"):
            name, old = relative[len(ABSENT) + 1:], None
        elif relative.endswith(".json.absent"):  # the layout before 0.1.0's reliability work
            name, old = relative.removesuffix(".absent"), None
        else:
            name, old = relative, _document_or_none(f)
        pairs.append((document_name(name), old, _document_or_none(out / name)))
    report = build_report(pairs, f"{out} before the run", f"{out} after the run")
    target = None if is_empty(report) else write_report(report, out)
    for f in kept:
        f.unlink(missing_ok=True)
    for folder, _, _ in sorted(os.walk(pending), key=lambda w: -len(w[0])):
        os.rmdir(folder)
    return target


def disappeared(entries: dict[str, dict], claimed: set[str]) -> list[str]:
    """Outputs whose input is gone: its file no longer exists and no current input writes that
    output. (An input that exists but was not named in this run is left alone.)"""
    return [name for name, entry in entries.items()
            if name not in claimed and not os.path.lexists(entry["input"])]


def retire(out: Path, entries: dict[str, dict], names: list[str]) -> list[str]:
    """Move these outputs to ``retired/`` (same relative path; never deleted: a name retired
    before gets ``.2``, ``.3``… so every copy is kept) and drop their manifest entries."""
    retired = []
    for name in names:
        source = out / name
        check_confined(source.parent)  # never move a file in from outside through a linked folder
        if source.exists():
            keep_baseline(out, name)
            target, n = out / RETIRED / name, 1
            safe_mkdir(target.parent)
            while target.exists():
                n += 1
                target = out / RETIRED / str(PurePosixPath(name).with_name(f"{Path(name).stem}.{n}.json"))
            check_confined(target)
            os.replace(source, target)
            retired.append(str(target))
        del entries[name]
    return retired


def move_output(out: Path, manifest: Manifest, old: str, item: Input) -> None:
    """An input moved or renamed with the same bytes: its output moves from ``old`` to the new
    path (``source.path`` updated), not extracted again."""
    check_confined((out / old).parent)
    keep_baseline(out, old)
    keep_baseline(out, item.output)
    doc = json.loads((out / old).read_text(encoding="utf-8"))
    doc["source"]["path"] = item.display
    write_json(out / item.output, doc)
    (out / old).unlink()
    entry = manifest.entries.pop(old)
    manifest.entries[item.output] = {**entry, "input": item.location, "output": item.output}


def update_source_path(out: Path, item: Input) -> None:
    """Same output, input at a new path: the output's ``source.path`` follows it."""
    target = out / item.output
    doc = json.loads(target.read_text(encoding="utf-8"))
    if doc.get("source", {}).get("path") != item.display:
        keep_baseline(out, item.output)
        doc["source"]["path"] = item.display
        write_json(target, doc)


def import_catalogue() -> None:
    """Import the catalogue stage and its libraries (pandas) ahead of ``build_catalogue``; a
    failure is left for ``build_catalogue`` to report."""
    for module in ("catalogue.build", "catalogue.export"):
        try:
            importlib.import_module(f"{__package__}.{module}")
        except Exception:
            return


def build_catalogue(out: Path) -> Optional[str]:
    """Rebuild the catalogue from the per-document outputs if ``extract.catalogue.build`` provides
    ``build_catalogue``; returns an error message, or None."""
    name = f"{__package__}.catalogue.build"
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


def retire_catalogue(out: Path) -> list[str]:
    """No output left: the catalogue and exports (which still list the retired units) move to
    ``retired/catalogue-<time>/``."""
    present = [out / n for n in (*CATALOGUE_DIRS, "specx.sqlite") if os.path.lexists(out / n)]
    if not present:
        return []
    folder = out / RETIRED / f"catalogue-{utc_now().replace(':', '').replace('-', '')}"
    safe_mkdir(folder)
    for path in present:
        os.replace(path, folder / path.name)
    return [str(folder)]


# --- extraction -----------------------------------------------------------------------------

def _extract(path: str, shown: str) -> tuple[Optional[dict], Optional[str]]:
    """Worker: one input -> (output data, None) or (None, reason). Never raises an Exception."""
    from .pipeline import extract_document

    try:
        return extract_document(Path(path), shown).model_dump(mode="json"), None
    except SourceError as e:
        return None, e.reason
    except MemoryError:
        raise  # the worker reports it as over its memory budget
    except Exception as e:  # one input failing never stops the others
        return None, f"internal error: {type(e).__name__}: {e}"


def _preload(todo: list[Input]) -> None:
    """Import the pipeline (and the PDF library when there are PDFs) before the workers fork, so
    each worker inherits them instead of paying the imports again."""
    from . import pipeline  # noqa: F401

    if any(i.path.suffix.lower() == ".pdf" for i in todo):
        import pymupdf  # noqa: F401

        from .readers import ocr

        ocr.tessdata()  # found once, inherited by every worker


def extract_all(todo: list[Input], jobs: int, meanwhile: Optional[Callable[[], None]] = None,
                budget: isolate.Budget = isolate.Budget(DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB << 20)):
    """Yield ``(input, data, error)`` as documents finish, each document extracted in its own
    worker process (``isolate``) within ``budget``: a crash, a kill, memory or time over budget
    fail that input only. ``meanwhile`` runs in this process once the first workers are busy
    (the run imports the catalogue's libraries there instead of after the last document)."""
    _preload(todo)
    calls = ((item, _extract, (str(item.path), item.display)) for item in todo)
    results = isolate.run_all(calls, jobs, budget)
    first = True
    try:
        for item, kind, value in results:
            if kind == "ok":
                yield item, *value
            elif kind == "memory":
                yield item, None, f"needed more than the memory budget ({budget.memory >> 20} MB, --memory)"
            elif kind == "timeout":
                yield item, None, f"{value} (--timeout)"
            elif kind == "raised":
                yield item, None, f"internal error: {type(value).__name__}: {value}"
            else:
                yield item, None, value
            if first and meanwhile is not None:
                first = False
                meanwhile()
    finally:
        results.close()


# --- progress and logs ----------------------------------------------------------------------

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Control characters (newline, ESC…) and bidirectional overrides escaped (``\\x1b``), so a
    file name cannot forge or hide log lines on a terminal."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


class Reporter:
    """Messages on stderr. Text logs: errors always; a live progress line (``progress.LiveLine``:
    documents, pages, rate, ETA) and notices only on a terminal outside CI without ``--quiet``.
    JSON logs (``--log-format json``): one object per event; ``--quiet`` keeps only errors."""

    SHOWN_BY_PROGRESS = frozenset({"started", "extracted", "finished"})  # the live line and summary say it

    def __init__(self, quiet: bool, log_format: str, stream=None):
        self.stream = stream or sys.stderr
        self.json = log_format == "json"
        self.quiet = quiet
        self.live = not (quiet or self.json or os.environ.get("CI")) and self.stream.isatty()
        self.total = self.total_bytes = self.done = self.done_bytes = self.pages = 0
        self.started = 0.0
        self.line = None  # the live line while extracting

    def event(self, level: str, event: str, message: str, **fields) -> None:
        if self.json:
            if level == "error" or not self.quiet:
                record = {"time": utc_now(), "level": level, "event": event, "message": message, **fields}
                print(json.dumps(record, ensure_ascii=False), file=self.stream, flush=True)
        elif level == "error" or (self.live and event not in self.SHOWN_BY_PROGRESS):
            if self.line is not None:
                self.line.print(f"specx: {printable(message)}")
            else:
                print(f"specx: {printable(message)}", file=self.stream, flush=True)

    def start(self, documents: int, size: int) -> None:
        self.total, self.total_bytes, self.started = documents, size, time.monotonic()
        if self.live and documents:
            from .progress import LiveLine

            self.line = LiveLine(self.stream, documents)

    def advance(self, size: int, pages: int, name: str) -> None:
        self.done += 1
        self.done_bytes += size
        self.pages += pages
        if self.line is not None:
            elapsed = time.monotonic() - self.started
            rate = self.done / elapsed if elapsed > 0 else 0.0
            left = elapsed * (self.total_bytes - self.done_bytes) / self.done_bytes if self.done_bytes else 0.0
            self.line.update(self.done, self.total, self.pages, rate, left, printable(name))

    def finish(self) -> None:
        if self.line is not None:
            self.line.stop()
            self.line = None
        self.stream.flush()


# --- the run --------------------------------------------------------------------------------

def run(opts: RunOptions) -> int:
    """One ``specx run``; returns the exit code (see the module docstring)."""
    reporter = Reporter(opts.quiet, opts.log_format)
    out = Path(opts.out)
    try:
        scan = find_inputs(opts.inputs, out)
    except FileNotFoundError as e:
        reporter.event("error", "usage", f"no such file or folder: {e}")
        return 2
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    state = {"started": time.monotonic()}
    try:
        with run_lock(out, opts.wait,
                      lambda holder: reporter.event("info", "waiting", f"waiting for another run ({holder})")):
            try:
                return _run_locked(scan, out, opts, reporter, state)
            except (Interrupted, KeyboardInterrupt):
                remove_stale_temps(out)  # under the lock: every temporary here is ours
                raise
    except RunLocked as e:
        reporter.event("error", "locked", str(e))
        return EXIT_LOCKED
    except (RunError, UnsafeOutput, OSError) as e:
        reporter.finish()
        message = str(e) if not isinstance(e, OSError) else _os_error(e)
        reporter.event("error", "run_failed", f"run stopped: {message}", reason=message)
        print(json.dumps({"inputs": len(scan.files), "error": message, **state.get("summary", {}),
                          "seconds": round(time.monotonic() - state["started"], 3)}), flush=True)
        return EXIT_ERROR
    except (Interrupted, KeyboardInterrupt) as e:
        reporter.finish()
        signum = e.signum if isinstance(e, Interrupted) else signal.SIGINT
        reporter.event("error", "interrupted", "interrupted: every output is complete (old or new); "
                       "the next run finishes the work", signal=int(signum))
        return 128 + int(signum)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _os_error(e: OSError) -> str:
    where = f" ({e.filename})" if e.filename else ""
    return f"{e.strerror or e}{where}; every output already written is complete, the next run finishes the work"


def _raise_interrupted(signum, frame):
    raise Interrupted(signum)


def _run_locked(scan: Scan, out: Path, opts: RunOptions, reporter: Reporter, state: dict) -> int:
    started = state["started"]
    remove_stale_temps(out)
    manifest = load_manifest(out)
    if manifest.set_aside:
        reporter.event("error", "manifest_damaged", f"the manifest was damaged and is set aside as "
                       f"{manifest.set_aside}; it is rebuilt (every input extracted again)")
    failures = list(scan.problems)
    for path, reason in failures:
        reporter.event("error", "failed", f"{path}: {reason}", input=path, reason=reason)
    items, refused = plan_inputs(scan.files)
    items = _claim(items, manifest, refused)
    for path, reason in refused:
        reporter.event("error", "failed", f"{path}: {reason}", input=path, reason=reason)
    failures += refused
    todo = [i for i in items if opts.force or not is_current(manifest.entries.get(i.output), i, out)]
    claimed = {i.output for i in items}
    moves = [] if opts.force else _moves(todo, manifest, out, claimed)
    moved_here = {item.output for _, item in moves}
    todo = [i for i in todo if i.output not in moved_here]
    extracting = {i.output for i in todo}
    relocated = [i for i in items if i.output not in extracting and i.output not in moved_here
                 and manifest.entries[i.output]["input"] != i.location]
    moved_away = {old for old, _ in moves}
    gone = [n for n in disappeared(manifest.entries, claimed) if n not in moved_away] if scan.complete else []
    if todo or gone or moves:  # recorded before any output changes
        manifest.catalogue_current = False
    if todo or gone or moves or relocated or manifest.set_aside:  # a run that changes nothing writes nothing
        save_manifest(out, manifest)
    for old, item in moves:
        move_output(out, manifest, old, item)
        reporter.event("info", "moved", f"{item.display}: same bytes as before, output moved from "
                       f"{out / old} to {out / item.output}", input=item.display, output=str(out / item.output))
    for item in relocated:  # same bytes at a new path, same output: nothing to extract
        update_source_path(out, item)
        manifest.entries[item.output]["input"] = item.location
    if moves or relocated:
        save_manifest(out, manifest)
    retired = retire(out, manifest.entries, gone)
    for path in retired:
        reporter.event("info", "retired", f"input gone, output moved to {path}", output=path)
    if gone:
        save_manifest(out, manifest)

    state["summary"] = {"retired": retired}
    low: list[dict] = []
    extracted = _extract_into(out, todo, manifest, opts, reporter, failures, low)

    catalogue_error = None
    if not manifest.catalogue_current:
        if any(e.get("output") for e in manifest.entries.values()):
            reporter.event("info", "catalogue", "rebuilding the catalogue")
            catalogue_error = build_catalogue(out)
            if catalogue_error:
                reporter.event("error", "catalogue_failed", catalogue_error)
        else:
            for path in retire_catalogue(out):
                reporter.event("info", "retired", f"no output left, catalogue moved to {path}", output=path)
        manifest.catalogue_current = catalogue_error is None
        save_manifest(out, manifest)
    changes = report_pending(out)
    if changes:
        reporter.event("info", "changes", f"change report {changes}", report=str(changes))
    inputs = len(scan.files) + len(scan.problems)
    summary = {"inputs": inputs, "ok": inputs - len(failures), "extracted": extracted,
               "skipped": len(items) - len(todo), "moved": len(moves),
               "failed": [{"path": p, "reason": r} for p, r in failures], "low_coverage": low,
               "retired": retired, "changes": str(changes) if changes else None,
               "catalogue_error": catalogue_error, "error": None,
               "seconds": round(time.monotonic() - started, 3)}
    reporter.event("info", "finished", f"{extracted} extracted, {summary['skipped']} unchanged, "
                   f"{len(failures)} failed", **summary)
    print(json.dumps(summary), flush=True)
    return 1 if failures or catalogue_error else 0


def low_coverage(display: str, doc: dict) -> Optional[dict]:
    """A document whose quality section shows gaps: criterion coverage below
    ``quality.LOW_COVERAGE``, or units with outcomes nowhere in it."""
    from .normalise.quality import LOW_COVERAGE

    q = doc.get("quality") or {}
    coverage, empty = q.get("criterion_coverage"), q.get("units_without_outcomes") or []
    if (coverage is not None and coverage < LOW_COVERAGE) or (empty and not q.get("learning_outcomes")):
        return {"path": display, "criterion_coverage": coverage, "units_without_outcomes": empty}
    return None


def _claim(items: list[Input], manifest: Manifest, refused: list[tuple[str, str]]) -> list[Input]:
    """Inputs whose output another input still owns (recorded in the manifest, its file still
    there and not named in this run) are refused: a same-named file never silently replaces
    another file's output."""
    named = {i.location for i in items}
    kept = []
    for item in items:
        entry = manifest.entries.get(item.output)
        other = entry["input"] if entry else None
        if other and other != item.location and other not in named and os.path.lexists(other):
            refused.append((item.display, f"output {item.output} belongs to {other}, which still exists; "
                                          "use another --out, or move or delete one of them"))
            continue
        kept.append(item)
    return kept


def _moves(todo: list[Input], manifest: Manifest, out: Path, claimed: set[str]) -> list[tuple[str, Input]]:
    """Inputs to extract whose bytes an existing good output was made from, at a path whose
    input is gone (moved or renamed), or whose output path changed: ``(old output, input)``."""
    spare: dict[str, list[str]] = {}
    for name, entry in manifest.entries.items():
        if (name not in claimed and entry["status"] == "ok" and entry["sha256"]
                and entry["pipeline_version"] == pipeline_version() and (out / name).is_file()):
            spare.setdefault(entry["sha256"], []).append(name)
    moves = []
    for item in todo:
        for name in spare.get(item.sha256, []):
            other = manifest.entries[name]["input"]
            if other == item.location or not os.path.lexists(other):
                spare[item.sha256].remove(name)
                moves.append((name, item))
                break
    return moves


def _extract_into(out: Path, todo: list[Input], manifest: Manifest, opts: RunOptions, reporter: Reporter,
                  failures: list[tuple[str, str]], low: list[dict]) -> int:
    """Extract ``todo``, writing each output and then the manifest as each document finishes;
    failures are appended to ``failures``, documents read poorly (their quality section) to
    ``low``. Returns how many were extracted."""
    for item in todo:
        keep_baseline(out, item.output)
    reporter.event("info", "started", f"{len(todo)} inputs to extract", to_extract=len(todo),
                   version=pipeline_version())
    reporter.start(len(todo), sum(i.size for i in todo))
    extracted = 0
    jobs = opts.jobs or min(len(todo), os.cpu_count() or 1) or 1
    budget = isolate.Budget(opts.timeout, opts.memory_mb << 20)
    for item, data, error in extract_all(todo, jobs, meanwhile=import_catalogue, budget=budget):
        read = (data or {}).get("source", {}).get("sha256")
        if data is not None and read != item.sha256:
            data, error = None, ("the file changed while it was being read (still being copied?); "
                                 "it is read again by the next run")
        if data is not None:
            try:
                write_json(out / item.output, data)
            except OSError as e:
                data, error = None, f"cannot write {out / item.output}: {e.strerror}"
        if data is not None:
            extracted += 1
            reporter.event("info", "extracted", f"{item.display} -> {out / item.output}",
                           input=item.display, output=str(out / item.output))
            poor = low_coverage(item.display, data)
            if poor:
                low.append(poor)
                reporter.event("warning", "low_coverage", f"{item.display}: read poorly (criterion coverage "
                               f"{poor['criterion_coverage']}, {len(poor['units_without_outcomes'])} units without "
                               "outcomes); see its warnings", **poor)
        else:
            failures.append((item.display, error))
            reporter.event("error", "failed", f"{item.display}: {error}", input=item.display, reason=error)
        manifest.entries[item.output] = manifest_entry(item, out, error)
        save_manifest(out, manifest)
        reporter.advance(item.size, (data or {}).get("source", {}).get("pages") or 0, item.display)
    reporter.finish()
    return extracted
