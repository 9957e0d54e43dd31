"""``specx`` command line: run, watch, diff, catalogue, validate, schema, review, debug-layout.

Exit codes: 0 every input processed; 1 some input failed (each named with its reason on
stderr and in the summary); 2 usage error; 3 (run) another run holds the output folder's lock;
4 (run) the run could not go on (unsafe or unwritable output folder, an OS error).
``specx diff`` exits 0 when the outputs have the same content and 1 when they differ.
``specx validate`` exits 0 when every file is valid, 1 when one is not, 2 when a path is missing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__


def _run_options(ns):
    from .ops.runner import RunOptions

    executor, scheduler = _executor(ns)
    return RunOptions(inputs=ns.inputs or ["raw"], out=Path(ns.out), jobs=ns.jobs or 0, force=ns.force,
                      wait=getattr(ns, "wait", False), quiet=ns.quiet, log_format=ns.log_format,
                      timeout=ns.timeout, memory_mb=ns.memory, executor=executor, scheduler=scheduler)


def _executor(ns) -> tuple[str, str | None]:
    """``--executor`` and ``--scheduler`` (or ``SPECX_SCHEDULER``): a scheduler means dask unless
    ``--executor local`` says otherwise (then the variable is ignored; ``--scheduler`` is refused)."""
    from .ops.common import SCHEDULER_ENV  # not ops.cluster: its imports (socket, uuid ...) serve dask runs only

    scheduler = ns.scheduler or (os.environ.get(SCHEDULER_ENV) or None if ns.executor != "local" else None)
    return ns.executor or ("dask" if scheduler else "local"), scheduler


def _executor_error(ns) -> bool:
    if ns.executor == "local" and ns.scheduler:
        print("specx: --scheduler needs --executor dask (or no --executor)", file=sys.stderr)
        return True
    return False


def _budget_error(ns) -> bool:
    if ns.timeout <= 0 or ns.memory < 0:
        print("specx: --timeout must be positive and --memory not negative", file=sys.stderr)
        return True
    return False


def _out_error(out: str):
    """Why ``--out`` cannot be the output folder (it exists and is not a folder), or None."""
    path = Path(out)
    try:
        if path.exists() and not path.is_dir():
            return f"--out {out}: exists and is not a folder"
        if any(p.exists() and not p.is_dir() for p in path.parents):
            return f"--out {out}: a parent is not a folder"
    except OSError:  # a name the OS refuses (too long): the run reports it as an OS error
        return None
    return None


def cmd_run(ns) -> int:
    """Incremental run with manifest, lock, change reports: see ``extract/ops/runner.py``."""
    from .ops.runner import run

    if (error := _out_error(ns.out)):
        print(f"specx: {error}", file=sys.stderr)
        return 2
    if _budget_error(ns) or _executor_error(ns):
        return 2
    code = run(_run_options(ns))
    if getattr(ns, "review", False) and code in (0, 1):
        from .review.report import write_review

        write_review(ns.out)
    return code


def cmd_review(ns) -> int:
    """Static HTML review reports (``extract/review/report.py``) into OUT_DIR/review/."""
    from pathlib import Path

    from .review.report import write_review

    if not Path(ns.out_dir).is_dir():
        print(f"specx: {ns.out_dir} is not a folder", file=sys.stderr)
        return 2
    for path in write_review(ns.out_dir, ns.docs):
        if not ns.quiet:
            print(path)
    return 0


def cmd_watch(ns) -> int:
    from .ops.watch import watch

    if (error := _out_error(ns.out)):
        print(f"specx: {error}", file=sys.stderr)
        return 2
    if _budget_error(ns) or _executor_error(ns):
        return 2
    if ns.interval <= 0:
        print("specx: --interval must be positive", file=sys.stderr)
        return 2
    return watch(_run_options(ns), ns.interval)


def cmd_diff(ns) -> int:
    """Exit 0 when the outputs have the same content, 1 when they differ, 2 when unreadable."""
    import json

    from .ops.changes import diff_outputs, is_empty, render_markdown

    try:
        report = diff_outputs(Path(ns.old), Path(ns.new))
    except (OSError, ValueError) as e:
        print(f"specx: diff: {e}", file=sys.stderr)
        return 2
    if ns.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_markdown(report))
    return 0 if is_empty(report) else 1


def cmd_catalogue(ns) -> int:
    """Catalogue and exports from the per-document outputs already in ``--out`` (issue 4).
    Exit 0 built from every output; 1 some output unreadable (named on stderr) or none at all;
    2 no such folder."""
    import json

    from .catalogue.build import CatalogueError, build_catalogue

    if not Path(ns.out).is_dir():
        print(f"specx: catalogue: no such output folder: {ns.out}", file=sys.stderr)
        return 2
    from .emit import UnsafeOutput, confined
    from .ops.lock import check_output_folder

    try:
        with confined(Path(ns.out)):  # no write through a link planted in the folder (issue 14)
            check_output_folder(Path(ns.out))
            summary = build_catalogue(Path(ns.out))
    except (CatalogueError, UnsafeOutput) as e:
        print(f"specx: catalogue: {e}", file=sys.stderr)
        return 1
    for failed in summary["failed"]:
        print(f"specx: {failed['path']}: {failed['reason']}", file=sys.stderr)
    print(json.dumps(summary))
    return 1 if summary["failed"] else 0


def cmd_validate(ns) -> int:
    """Exit 0 every file checked is valid; 1 some file is invalid (or, named explicitly, not a
    specx output); 2 a named path does not exist. See ``extract/check.py``."""
    from .check import check_paths, exit_code

    results = check_paths(ns.files)
    for r in results:
        if r.status == "ok":
            print(f"{r.path}: ok ({r.kind})")
        elif r.status == "skipped":
            print(f"{r.path}: skipped ({r.detail})")
        elif r.status == "missing":
            print(f"specx: validate: {r.path}: no such file or folder", file=sys.stderr)
        else:
            print(f"{r.path}: INVALID" + (f" {r.kind}" if r.kind else "") + f": {r.detail}", file=sys.stderr)
    if not results:
        print("specx: validate: no JSON files found", file=sys.stderr)
        return 1
    return exit_code(results)


def cmd_schema(ns) -> int:
    from .emit import write_json, write_text
    from .models import SCHEMAS, json_schema, with_warning_table

    for name, model in SCHEMAS.items():
        target = Path(ns.out) / f"{name}.schema.json"
        write_json(target, json_schema(name, model))
        print(target)
    for doc in map(Path, ns.docs):  # the warning-code table in the documentation
        text = doc.read_text(encoding="utf-8")
        if with_warning_table(text) != text:
            write_text(doc, with_warning_table(text))
            print(doc)
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _add_run_arguments(parser) -> None:
    parser.add_argument("--out", default="normalized", help="output folder (default: normalized)")
    parser.add_argument("--jobs", type=_positive, default=None,
                        help="worker processes, at least 1 (default: one for a small run, up to one per core by "
                             "the amount of input; with --executor dask and no scheduler: LocalCluster workers)")
    parser.add_argument("--executor", choices=["local", "dask"], default=None,
                        help="local: forked processes on this machine (default); dask: tasks on a Dask cluster "
                             "(--scheduler, or a LocalCluster started for the run; docs/cluster.md)")
    parser.add_argument("--scheduler", metavar="tcp://HOST:8786", default=None,
                        help="address of a running Dask scheduler (default: $SPECX_SCHEDULER); implies --executor dask")
    parser.add_argument("--force", action="store_true", help="re-extract every input, changed or not")
    parser.add_argument("--quiet", action="store_true", help="no progress or notices (errors still shown)")
    parser.add_argument("--log-format", choices=["text", "json"], default="text",
                        help="stderr messages as text or as one JSON object per line")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds one document may take before it fails (default: 600)")
    parser.add_argument("--memory", type=int, default=2048, metavar="MB",
                        help="memory one document's worker may add, in MB (default: 2048; 0: no limit)")


def cmd_debug_layout(ns) -> int:
    from .debug import layout_report, timings_report
    from .readers.source import SourceError

    path = Path(ns.file)
    try:
        for line in [*layout_report(path, ns.page), *timings_report(path)]:
            print(line)
    except SourceError as e:
        print(f"specx: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # | head: the reader has seen enough
        sys.stdout = open(os.devnull, "w")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="specx", description="Qualification specifications -> validated JSON")
    parser.add_argument("--version", action="version", version=f"specx {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract new and changed documents (default raw/ -> normalized/)")
    run.add_argument("inputs", nargs="*", help="files or folders (default: raw)")
    _add_run_arguments(run)
    run.add_argument("--wait", action="store_true", help="wait for another run on the same output folder")
    run.add_argument("--review", action="store_true", help="also write the HTML review reports (OUT/review/)")
    run.set_defaults(func=cmd_run)
    rev = sub.add_parser("review", help="static HTML reports: extracted values boxed on the source pages")
    rev.add_argument("out_dir", metavar="OUT_DIR", help="folder holding the per-document outputs")
    rev.add_argument("docs", nargs="*", metavar="DOC", help="source documents (default: each output's source.path)")
    rev.add_argument("--quiet", action="store_true")
    rev.set_defaults(func=cmd_review)
    wat = sub.add_parser("watch", help="poll a folder and run whenever its inputs change")
    wat.add_argument("inputs", nargs="?", default="raw", type=lambda folder: [folder], metavar="FOLDER",
                     help="folder to watch (default: raw)")
    wat.add_argument("--interval", type=float, default=60.0, help="seconds between polls (default: 60)")
    _add_run_arguments(wat)
    wat.set_defaults(func=cmd_watch)
    dif = sub.add_parser("diff", help="change report between two output folders or two output files")
    dif.add_argument("old", help="output folder or output file before")
    dif.add_argument("new", help="output folder or output file after")
    dif.add_argument("--format", choices=["md", "json"], default="md", help="report format (default: md)")
    dif.set_defaults(func=cmd_diff)
    val = sub.add_parser("validate", help="check outputs and catalogue files against their schemas")
    val.add_argument("files", nargs="+", metavar="PATH", help="files, or folders checked recursively")
    val.set_defaults(func=cmd_validate)
    sch = sub.add_parser("schema", help="write JSON Schema files from the models")
    sch.add_argument("--out", default="schemas")
    sch.add_argument("--docs", nargs="*", default=[], metavar="MARKDOWN",
                     help="also regenerate the warning-code table between the markers in these files")
    sch.set_defaults(func=cmd_schema)
    cat = sub.add_parser("catalogue", help="one record per unit across the outputs, with CSV/Parquet/SQLite exports")
    cat.add_argument("--out", default="normalized", help="folder holding the per-document outputs (default: normalized)")
    cat.set_defaults(func=cmd_catalogue)
    dbg = sub.add_parser("debug-layout", help="print what the layout stage saw in one file (rows, cells, furniture)")
    dbg.add_argument("file", metavar="FILE")
    dbg.add_argument("--page", type=int, default=None, help="only this page")
    dbg.set_defaults(func=cmd_debug_layout)
    ns = parser.parse_args(argv)
    return ns.func(ns)
