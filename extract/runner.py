"""``specx run``: incremental, interruptible, locked runs over a set of inputs.

One run, in order:

1. take the output folder's lock (``.specx.lock``; a second run waits with ``--wait`` or exits 3);
2. remove temporary files a killed run left behind;
3. read ``manifest.json`` and pick the inputs to extract: new ones, changed ones (sha256), failed
   ones, ones whose output is missing, all of them when the pipeline version changed or with
   ``--force``; an input whose file disappeared has its output moved to ``retired/``;
4. extract in worker processes; the parent writes every output (temp file + rename, ``emit``)
   and rewrites the manifest after each document, so a run killed at any moment leaves each
   output old or new and the next run finishes the work;
5. rebuild the catalogue (``extract.catalogue.build_catalogue``, when that module exists);
6. write a change report for every output the run replaced (``changes.py``): the version each
   output had before is kept in ``.pending/`` until the report is written, so the report of an
   interrupted run is written by the run that completes it.

The JSON summary is the last line on stdout. Exit codes: 0 every input ok, 1 some input (or the
catalogue) failed, 2 usage error, 3 another run holds the lock, 128+N killed by signal N.
"""

from __future__ import annotations

import errno
import fcntl
import functools
import hashlib
import importlib
import json
import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from . import __version__
from .changes import build_report, is_empty, load_document, utc_now, write_report
from .emit import write_json, write_text
from .source import PDF_SUFFIXES, TEXT_SUFFIXES, SourceError

INPUT_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "specx-manifest/1"
LOCK = ".specx.lock"
PENDING = ".pending"
RETIRED = "retired"
EXIT_LOCKED = 3


@dataclass
class RunOptions:
    inputs: list[str]
    out: Path
    jobs: int = 0
    force: bool = False
    wait: bool = False
    quiet: bool = False
    log_format: str = "text"


@dataclass
class Input:
    path: Path
    display: str
    output: str  # file name in the output folder
    size: int
    sha256: Optional[str]  # None: unreadable (the extraction then reports why)


class RunLocked(Exception):
    """Another run holds the output folder's lock."""


class Interrupted(BaseException):
    """SIGTERM during a run; a BaseException so no per-input ``except Exception`` swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


# --- inputs and version ---------------------------------------------------------------------

def find_inputs(paths: list[str]) -> list[Path]:
    """Files named, plus the input files directly inside folders named; FileNotFoundError otherwise."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES)
        elif p.exists():
            files.append(p)
        else:
            raise FileNotFoundError(p)
    return files


def display(path: Path) -> str:
    """The path as written into outputs and messages: relative to the working folder if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
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
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            size = 0
            while chunk := f.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
        return size, digest.hexdigest()
    except OSError:
        return 0, None


def plan_inputs(files: list[Path]) -> tuple[list[Input], list[tuple[str, str]]]:
    """Inputs with their output names and fingerprints, and the failures of inputs whose output
    name another input already takes (``a/spec.txt`` and ``b/spec.pdf`` both -> ``spec.json``)."""
    items: dict[str, Input] = {}
    failures = []
    for path in files:
        name, shown = path.stem + ".json", display(path)
        if name in items:
            failures.append((shown, f"output {name} is already written from {items[name].display}; rename one of them"))
            continue
        items[name] = Input(path, shown, name, *_fingerprint(path))
    return list(items.values()), failures


# --- manifest -------------------------------------------------------------------------------

@dataclass
class Manifest:
    """``manifest.json``: an entry per output name (its input's path, sha256 and size, the
    pipeline version, output, status and last error), and whether the catalogue reflects the
    outputs (cleared before any output changes, set after a rebuild, so a killed run's
    catalogue is rebuilt by the next run)."""

    entries: dict[str, dict]
    catalogue_current: bool = False


def load_manifest(out: Path) -> Manifest:
    """An absent or unreadable manifest means every input is new."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Manifest({})
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return Manifest({})
    return Manifest(data.get("inputs", {}), bool(data.get("catalogue_current")))


def save_manifest(out: Path, manifest: Manifest) -> None:
    write_json(out / MANIFEST, {"format": MANIFEST_FORMAT, "pipeline_version": pipeline_version(),
                                "updated": utc_now(), "catalogue_current": manifest.catalogue_current,
                                "inputs": dict(sorted(manifest.entries.items()))})


def manifest_entry(item: Input, out: Path, error: Optional[str]) -> dict:
    return {"input": str(item.path.resolve()), "sha256": item.sha256, "size": item.size,
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
    """Hold ``<out>/.specx.lock``: a POSIX record lock, which the kernel releases when the run
    ends or is killed, and which worker processes do not inherit."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno not in (errno.EACCES, errno.EAGAIN):
                raise
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "unknown process"
            if not wait:
                raise RunLocked(f"another specx run ({holder}) is writing {out}; "
                                f"it was left alone: retry later or use --wait") from None
            on_wait(holder)
            fcntl.lockf(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {utc_now()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def remove_stale_temps(out: Path) -> None:
    """Temporary files of a killed run (``emit`` names them ``.<target>.<random>.tmp``)."""
    for tmp in out.rglob(".*.tmp"):
        tmp.unlink(missing_ok=True)


def keep_baseline(out: Path, name: str) -> None:
    """Before an output is replaced or retired, keep the version the next change report compares
    against: a hard link in ``.pending/`` (``<name>.absent`` if there was none). Kept until a
    report is written, so an interrupted run's changes are reported by the run that completes it."""
    pending = out / PENDING
    kept, absent, current = pending / name, pending / (name + ".absent"), out / name
    if kept.exists() or absent.exists():
        return
    pending.mkdir(exist_ok=True)
    if not current.exists():
        write_text(absent, "")
        return
    try:
        os.link(current, kept)
    except OSError:  # a filesystem without hard links
        write_text(kept, current.read_text(encoding="utf-8"))


def _document_or_none(path: Path) -> Optional[dict]:
    try:
        return load_document(path) if path.exists() else None
    except (OSError, ValueError):
        return None


def report_pending(out: Path) -> Optional[Path]:
    """Write the change report for every output with a kept baseline (if anything changed), then
    drop the baselines. Returns the report's path, or None when nothing changed."""
    pending = out / PENDING
    kept = sorted(pending.iterdir()) if pending.is_dir() else []
    pairs = []
    for f in kept:
        name = f.name.removesuffix(".absent")
        old = None if f.name.endswith(".absent") else _document_or_none(f)
        pairs.append((Path(name).stem, old, _document_or_none(out / name)))
    report = build_report(pairs, f"{out} before the run", f"{out} after the run")
    target = None if is_empty(report) else write_report(report, out)
    for f in kept:
        f.unlink(missing_ok=True)
    if pending.is_dir():
        pending.rmdir()
    return target


def disappeared(entries: dict[str, dict], claimed: set[str]) -> list[str]:
    """Outputs whose input is gone: its file no longer exists and no current input writes that
    output. (An input that exists but was not named in this run is left alone.)"""
    return [name for name, entry in entries.items()
            if name not in claimed and not Path(entry["input"]).exists()]


def retire(out: Path, entries: dict[str, dict], names: list[str]) -> list[str]:
    """Move these outputs to ``retired/`` (never deleted: a name retired before gets ``.2``,
    ``.3``… so every copy is kept) and drop their manifest entries. Returns the new paths."""
    retired = []
    for name in names:
        source = out / name
        if source.exists():
            keep_baseline(out, name)
            (out / RETIRED).mkdir(exist_ok=True)
            target, n = out / RETIRED / name, 1
            while target.exists():
                n += 1
                target = out / RETIRED / f"{source.stem}.{n}.json"
            os.replace(source, target)
            retired.append(str(target))
        del entries[name]
    return retired


def import_catalogue() -> None:
    """Import the catalogue stage and its libraries (pandas) ahead of ``build_catalogue``; a
    failure is left for ``build_catalogue`` to report."""
    for module in ("catalogue", "export"):
        try:
            importlib.import_module(f"{__package__}.{module}")
        except Exception:
            return


def build_catalogue(out: Path) -> Optional[str]:
    """Rebuild the catalogue from the per-document outputs if ``extract.catalogue`` provides
    ``build_catalogue``; returns an error message, or None."""
    name = f"{__package__}.catalogue"
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


# --- extraction -----------------------------------------------------------------------------

def _extract(path: str, shown: str) -> tuple[Optional[dict], Optional[str]]:
    """Worker: one input -> (output data, None) or (None, reason). Never raises an Exception."""
    from .pipeline import extract_document

    try:
        return extract_document(Path(path), shown).model_dump(mode="json"), None
    except SourceError as e:
        return None, e.reason
    except Exception as e:  # one input failing never stops the others
        return None, f"internal error: {type(e).__name__}: {e}"


def _init_worker(parent: int) -> None:
    """Worker initializer: SIGTERM ends a worker outright (the run's handler is for the run), and
    the kernel kills the worker when the run that started it dies, even by SIGKILL, so no orphan
    keeps computing (Linux ``prctl``; elsewhere an orphaned worker may linger)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the run died before prctl took effect
        os._exit(1)


def _preload(todo: list[Input]) -> None:
    """Import the pipeline (and the PDF library when there are PDFs) before the workers fork, so
    each worker inherits them instead of paying the imports again."""
    from . import pipeline  # noqa: F401

    if any(i.path.suffix.lower() == ".pdf" for i in todo):
        import pymupdf  # noqa: F401


def extract_all(todo: list[Input], jobs: int, meanwhile: Optional[Callable[[], None]] = None):
    """Yield ``(input, data, error)`` as documents finish. With ``jobs`` > 1 each runs in a worker
    process; an input whose worker dies (a crash in a native library) is retried alone, so only
    that input fails. ``meanwhile`` runs in this process once the workers are busy (the run
    imports the catalogue's libraries there instead of after the last document)."""
    if jobs <= 1 or len(todo) <= 1:
        for item in todo:
            yield item, *_extract(str(item.path), item.display)
        return
    _preload(todo)
    crashed = []
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(_extract, str(i.path), i.display): i for i in todo}
        if meanwhile is not None:  # the workers were forked at the first submit: safe to import now
            meanwhile()
        try:
            for future in as_completed(futures):
                try:
                    result = future.result()
                except BrokenProcessPool:
                    crashed.append(futures[future])
                    continue
                yield futures[future], *result
        finally:
            for future in futures:
                future.cancel()
    for item in crashed:
        with ProcessPoolExecutor(1, initializer=_init_worker, initargs=(os.getpid(),)) as solo:
            try:
                result = solo.submit(_extract, str(item.path), item.display).result()
            except BrokenProcessPool:
                result = None, "the extracting process died (crash in a native library?)"
        yield item, *result


# --- progress and logs ----------------------------------------------------------------------

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
                self.line.print(f"specx: {message}")
            else:
                print(f"specx: {message}", file=self.stream, flush=True)

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
            self.line.update(self.done, self.total, self.pages, rate, left, name)

    def finish(self) -> None:
        if self.line is not None:
            self.line.stop()
            self.line = None
        self.stream.flush()


# --- the run --------------------------------------------------------------------------------

def run(opts: RunOptions) -> int:
    """One ``specx run``; returns the exit code (see the module docstring)."""
    reporter = Reporter(opts.quiet, opts.log_format)
    try:
        files = find_inputs(opts.inputs)
    except FileNotFoundError as e:
        reporter.event("error", "usage", f"no such file or folder: {e}")
        return 2
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        with run_lock(Path(opts.out), opts.wait,
                      lambda holder: reporter.event("info", "waiting", f"waiting for another run ({holder})")):
            try:
                return _run_locked(files, Path(opts.out), opts, reporter)
            except (Interrupted, KeyboardInterrupt):
                remove_stale_temps(Path(opts.out))  # under the lock: every temporary here is ours
                raise
    except RunLocked as e:
        reporter.event("error", "locked", str(e))
        return EXIT_LOCKED
    except (Interrupted, KeyboardInterrupt) as e:
        reporter.finish()
        signum = e.signum if isinstance(e, Interrupted) else signal.SIGINT
        reporter.event("error", "interrupted", "interrupted: every output is complete (old or new); "
                       "the next run finishes the work", signal=int(signum))
        return 128 + int(signum)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupted(signum, frame):
    raise Interrupted(signum)


def _run_locked(files: list[Path], out: Path, opts: RunOptions, reporter: Reporter) -> int:
    started = time.monotonic()
    remove_stale_temps(out)
    manifest = load_manifest(out)
    items, failures = plan_inputs(files)
    for path, reason in failures:
        reporter.event("error", "failed", f"{path}: {reason}", input=path, reason=reason)
    todo = [i for i in items if opts.force or not is_current(manifest.entries.get(i.output), i, out)]
    extracting = {i.output for i in todo}
    moved = [i for i in items if i.output not in extracting
             and manifest.entries[i.output]["input"] != str(i.path.resolve())]
    for item in moved:  # same bytes at a new path: nothing to extract
        manifest.entries[item.output]["input"] = str(item.path.resolve())
    gone = disappeared(manifest.entries, {i.output for i in items})
    if todo or gone:  # recorded before any output changes
        manifest.catalogue_current = False
    if todo or gone or moved:  # a run that changes nothing writes nothing
        save_manifest(out, manifest)
    retired = retire(out, manifest.entries, gone)
    for path in retired:
        reporter.event("info", "retired", f"input gone, output moved to {path}", output=path)
    if gone:
        save_manifest(out, manifest)

    extracted = _extract_into(out, todo, manifest, opts, reporter, failures)

    catalogue_error = None
    if not manifest.catalogue_current and any(e.get("output") for e in manifest.entries.values()):
        reporter.event("info", "catalogue", "rebuilding the catalogue")
        catalogue_error = build_catalogue(out)
        if catalogue_error:
            reporter.event("error", "catalogue_failed", catalogue_error)
        manifest.catalogue_current = catalogue_error is None
        save_manifest(out, manifest)
    changes = report_pending(out)
    if changes:
        reporter.event("info", "changes", f"change report {changes}", report=str(changes))
    summary = {"inputs": len(files), "ok": len(files) - len(failures), "extracted": extracted,
               "skipped": len(items) - len(todo),
               "failed": [{"path": p, "reason": r} for p, r in failures],
               "retired": retired, "changes": str(changes) if changes else None,
               "catalogue_error": catalogue_error,
               "seconds": round(time.monotonic() - started, 3)}
    reporter.event("info", "finished", f"{extracted} extracted, {summary['skipped']} unchanged, "
                   f"{len(failures)} failed", **summary)
    print(json.dumps(summary), flush=True)
    return 1 if failures or catalogue_error else 0


def _extract_into(out: Path, todo: list[Input], manifest: Manifest, opts: RunOptions, reporter: Reporter,
                  failures: list[tuple[str, str]]) -> int:
    """Extract ``todo``, writing each output and then the manifest as each document finishes;
    failures are appended to ``failures``. Returns how many were extracted."""
    for item in todo:
        keep_baseline(out, item.output)
    reporter.event("info", "started", f"{len(todo)} inputs to extract", to_extract=len(todo),
                   version=pipeline_version())
    reporter.start(len(todo), sum(i.size for i in todo))
    extracted = 0
    jobs = opts.jobs or min(len(todo), os.cpu_count() or 1) or 1
    for item, data, error in extract_all(todo, jobs, meanwhile=import_catalogue):
        if data is not None:
            write_json(out / item.output, data)
            extracted += 1
            reporter.event("info", "extracted", f"{item.display} -> {out / item.output}",
                           input=item.display, output=str(out / item.output))
        else:
            failures.append((item.display, error))
            reporter.event("error", "failed", f"{item.display}: {error}", input=item.display, reason=error)
        manifest.entries[item.output] = manifest_entry(item, out, error)
        save_manifest(out, manifest)
        reporter.advance(item.size, (data or {}).get("source", {}).get("pages") or 0, item.display)
    reporter.finish()
    return extracted
