"""``specx`` command line: run, validate, schema.

Exit codes: 0 every input processed; 1 some input failed (each named with its reason on
stderr and in the summary); 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import __version__
from .source import PDF_SUFFIXES, TEXT_SUFFIXES, SourceError

INPUT_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


def _inputs(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES)
        elif p.exists():
            files.append(p)
        else:
            raise FileNotFoundError(p)
    return files


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _work(args: tuple[str, str]) -> tuple[str, str | None, str | None]:
    from .pipeline import run_one

    path, out = args
    try:
        target = run_one(Path(path), Path(out), _display(Path(path)))
        return path, str(target), None
    except SourceError as e:
        return path, None, e.reason
    except Exception as e:  # one input failing never stops the others
        return path, None, f"internal error: {type(e).__name__}: {e}"


def cmd_run(ns) -> int:
    try:
        files = _inputs(ns.inputs or ["raw"])
    except FileNotFoundError as e:
        print(f"specx: no such file or folder: {e}", file=sys.stderr)
        return 2
    out = Path(ns.out)
    jobs = ns.jobs or min(len(files), os.cpu_count() or 1) or 1
    started = time.monotonic()
    failures: list[tuple[str, str]] = []
    done = 0
    work = [(str(f), str(out)) for f in files]
    results = map(_work, work) if jobs == 1 else ProcessPoolExecutor(jobs).map(_work, work)
    for path, target, error in results:
        done += 1
        if error:
            failures.append((path, error))
            print(f"specx: {path}: {error}", file=sys.stderr)
        elif not ns.quiet:
            print(f"[{done}/{len(files)}] {path} -> {target}", file=sys.stderr)
    summary = {"inputs": len(files), "ok": len(files) - len(failures),
               "failed": [{"path": p, "reason": r} for p, r in failures],
               "seconds": round(time.monotonic() - started, 3)}
    print(json.dumps(summary))
    return 1 if failures else 0


def cmd_validate(ns) -> int:
    from pydantic import ValidationError

    from .models import Document

    bad = 0
    for name in ns.files:
        try:
            Document.model_validate_json(Path(name).read_text(encoding="utf-8"))
            print(f"{name}: ok")
        except (OSError, ValidationError, ValueError) as e:
            bad += 1
            print(f"{name}: INVALID: {e}", file=sys.stderr)
    return 1 if bad else 0


def cmd_schema(ns) -> int:
    from .emit import write_json
    from .models import SCHEMAS

    for name, model in SCHEMAS.items():
        target = Path(ns.out) / f"{name}.schema.json"
        write_json(target, model.model_json_schema())
        print(target)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="specx", description="Qualification specifications -> validated JSON")
    parser.add_argument("--version", action="version", version=f"specx {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract documents (default raw/ -> normalized/)")
    run.add_argument("inputs", nargs="*", help="files or folders (default: raw)")
    run.add_argument("--out", default="normalized", help="output folder (default: normalized)")
    run.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    run.add_argument("--quiet", action="store_true", help="no progress lines")
    run.set_defaults(func=cmd_run)
    val = sub.add_parser("validate", help="check output files against the schema")
    val.add_argument("files", nargs="+")
    val.set_defaults(func=cmd_validate)
    sch = sub.add_parser("schema", help="write JSON Schema files from the models")
    sch.add_argument("--out", default="schemas")
    sch.set_defaults(func=cmd_schema)
    ns = parser.parse_args(argv)
    return ns.func(ns)
