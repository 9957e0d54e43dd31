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
4. extract each document with a time and memory budget, by the executor chosen
   (``executors.py``: a forked worker process per document here, ``isolate.py``, or a task on a
   Dask cluster, ``cluster.py``); this process writes every output (temp file + rename, ``emit``) and rewrites
   the manifest after each document, so a run killed at any moment leaves each output old or
   new and the next run finishes the work;
5. rebuild the catalogue (``rebuild.py``: ``extract.catalogue.build_catalogue``);
6. write a change report for every output the run replaced (``changes.py``): the version each
   output had before is kept in ``.pending/`` until the report is written, so the report of an
   interrupted run is written by the run that completes it.

Inputs: the files named, and the input files (``.txt``, ``.md``, ``.text``, ``.pdf``) anywhere
below the folders named, hidden names skipped; outputs mirror the folders (``raw/ncfe/x.pdf`` ->
``<out>/ncfe/x.json``). Limits and defaults: ``docs/reliability.md``. The steps live beside this
module: ``inputs.py`` (3, the scan), ``manifest.py``, ``plan.py`` (3, what to do), ``lock.py`` (1,
2), ``retire.py`` (3, 6), ``report.py`` (stderr and the progress line).

The JSON summary is the last line on stdout. Exit codes: 0 every input ok, 1 some input (or the
catalogue) failed, 2 usage error, 3 another run holds the lock, 4 the run could not go on (an
unsafe or unwritable output folder, an OS error: ``error`` in the summary), 128+N killed by
signal N.
"""

from __future__ import annotations

import json
import signal
import time
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..emit import UnsafeOutput, json_text, write_text
from . import executors, version
from .common import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, EXIT_ERROR, EXIT_LOCKED, Interrupted, RunError, RunLocked
from .inputs import Input, Scan, find_inputs, plan_inputs
from .lock import remove_stale_temps, run_lock
from .manifest import Manifest, load_manifest, manifest_entry, save_manifest
from .plan import Plan, claim, make_plan
from .rebuild import build_catalogue, import_catalogue
from .report import Reporter, low_coverage
from .retire import keep_baseline, move_output, report_pending, retire, retire_catalogue, update_source_path


@dataclass
class RunOptions:
    inputs: list[str]
    out: Path
    jobs: int = 0  # local worker processes; 0: chosen by the amount of work (executors.auto_jobs)
    force: bool = False
    wait: bool = False
    quiet: bool = False
    log_format: str = "text"
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    executor: str = "local"  # local | dask (executors.EXECUTORS)
    scheduler: Optional[str] = None  # dask: tcp://host:8786 of a running scheduler; None: a LocalCluster


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


def _plan(scan: Scan, out: Path, opts: RunOptions, reporter: Reporter,
          manifest: Manifest, failures: list[tuple[str, str]]) -> Plan:
    """The scan's problems and refused inputs reported and added to ``failures``; the plan."""
    if manifest.set_aside:
        reporter.event("error", "manifest_damaged", f"the manifest was damaged and is set aside as "
                       f"{manifest.set_aside}; it is rebuilt (every input extracted again)")
    failures += scan.problems
    for path, reason in scan.problems:
        reporter.failed(path, reason)
    items, refused = plan_inputs(scan.files)
    items = claim(items, manifest, refused)
    for path, reason in refused:
        reporter.failed(path, reason)
    failures += refused
    return make_plan(scan, items, manifest, out, opts.force)


def _rearrange(plan: Plan, out: Path, manifest: Manifest, reporter: Reporter) -> list[str]:
    """Outputs moved with their inputs, source paths followed, outputs of inputs gone retired,
    the manifest saved before and after; returns the retired paths."""
    if plan.changes_outputs:  # recorded before any output changes
        manifest.catalogue_current = False
    if plan.changes_outputs or plan.relocated or manifest.set_aside:  # a run that changes nothing writes nothing
        save_manifest(out, manifest)
    for old, item in plan.moves:
        move_output(out, manifest, old, item)
        reporter.event("info", "moved", f"{item.display}: same bytes as before, output moved from "
                       f"{out / old} to {out / item.output}", input=item.display, output=str(out / item.output))
    for item in plan.relocated:  # same bytes at a new path, same output: nothing to extract
        update_source_path(out, item)
        manifest.entries[item.output]["input"] = item.location
    if plan.moves or plan.relocated:
        save_manifest(out, manifest)
    retired = retire(out, manifest.entries, plan.gone)
    for path in retired:
        reporter.event("info", "retired", f"input gone, output moved to {path}", output=path)
    if plan.gone:
        save_manifest(out, manifest)
    return retired


def _run_locked(scan: Scan, out: Path, opts: RunOptions, reporter: Reporter, state: dict) -> int:
    remove_stale_temps(out)
    manifest = load_manifest(out)
    failures: list[tuple[str, str]] = []
    plan = _plan(scan, out, opts, reporter, manifest, failures)
    low: list[dict] = []
    notice = lambda message: reporter.event("info", "executor", message)  # noqa: E731
    with executors.session(opts, notice) if plan.todo else nullcontext() as extract:  # before any change
        retired = _rearrange(plan, out, manifest, reporter)
        state["summary"] = {"retired": retired}
        extracted = _extract_into(out, plan.todo, manifest, extract, reporter, failures, low)
    catalogue_error = _catalogue(out, manifest, reporter)
    changes = report_pending(out)
    if changes:
        reporter.event("info", "changes", f"change report {changes}", report=str(changes))
    inputs = len(scan.files) + len(scan.problems)
    summary = {"inputs": inputs, "ok": inputs - len(failures), "extracted": extracted,
               "skipped": len(plan.items) - len(plan.todo), "moved": len(plan.moves),
               "failed": [{"path": p, "reason": r} for p, r in failures], "low_coverage": low,
               "retired": retired, "changes": str(changes) if changes else None,
               "catalogue_error": catalogue_error, "error": None,
               "seconds": round(time.monotonic() - state["started"], 3)}
    reporter.event("info", "finished", f"{extracted} extracted, {summary['skipped']} unchanged, "
                   f"{len(failures)} failed", **summary)
    print(json.dumps(summary), flush=True)
    return 1 if failures or catalogue_error else 0


def _catalogue(out: Path, manifest: Manifest, reporter: Reporter) -> Optional[str]:
    """Rebuild the catalogue when the outputs changed (or retire it when none is left); the error."""
    if manifest.catalogue_current:
        return None
    catalogue_error = None
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
    return catalogue_error


def _write_output(out: Path, item: Input, data: Optional[dict], error: Optional[str], text: Optional[str]):
    """The output (``text``: the document's JSON, made by the worker) written (temp file +
    rename) if the document was read from the bytes the scan saw: ``(data, error)`` after writing."""
    read = (data or {}).get("source", {}).get("sha256")
    if data is not None and read != item.sha256:
        data, error = None, ("the file changed while it was being read (still being copied?); "
                             "it is read again by the next run")
    if data is not None:
        try:
            write_text(out / item.output, json_text(data) if text is None else text)
        except OSError as e:
            data, error = None, f"cannot write {out / item.output}: {e.strerror}"
    return data, error


def _extract_into(out: Path, todo: list[Input], manifest: Manifest, extract: Optional[executors.Extract],
                  reporter: Reporter, failures: list[tuple[str, str]], low: list[dict]) -> int:
    """Extract ``todo`` (with the executor's ``extract``; None when there is nothing to do),
    writing each output and then the manifest as each document finishes;
    failures are appended to ``failures``, documents read poorly (their quality section) to
    ``low``. Returns how many were extracted."""
    for item in todo:
        keep_baseline(out, item.output)
    reporter.event("info", "started", f"{len(todo)} inputs to extract", to_extract=len(todo),
                   version=version.pipeline_version())
    reporter.start(len(todo), sum(i.size for i in todo))
    extracted = 0
    for item, data, error, text in extract(todo, import_catalogue) if todo else ():
        data, error = _write_output(out, item, data, error, text)
        if data is not None:
            extracted += 1
            reporter.event("info", "extracted", f"{item.display} -> {out / item.output}",
                           input=item.display, output=str(out / item.output))
            _note_low_coverage(item, data, low, reporter)
        else:
            failures.append((item.display, error))
            reporter.failed(item.display, error)
        manifest.entries[item.output] = manifest_entry(item, out, error)
        save_manifest(out, manifest)
        reporter.advance(item.size, (data or {}).get("source", {}).get("pages") or 0, item.display)
    reporter.finish()
    return extracted


def _note_low_coverage(item: Input, data: dict, low: list[dict], reporter: Reporter) -> None:
    poor = low_coverage(item.display, data)
    if poor:
        low.append(poor)
        reporter.event("warning", "low_coverage", f"{item.display}: read poorly (criterion coverage "
                       f"{poor['criterion_coverage']}, {len(poor['units_without_outcomes'])} units without "
                       "outcomes); see its warnings", **poor)
