"""``specx run`` as a scheduled job: manifest, incremental runs, retirement, the lock, progress
and logs, crash isolation, and runs killed mid-way then completed by the next run."""

import hashlib
import io
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
import types
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from conftest import RAW, ROOT
from test_cli import specx

from extract import __version__
from extract.ops import common, executors, lock, report, runner, version

SMALL = RAW / "003_c75e736c7d0ad4f6.txt"
CORPUS = sorted(RAW.glob("*.txt"))


def summary_of(result) -> dict:
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_in(cwd: Path, *args: str) -> dict:
    """``specx run in --out out`` in ``cwd``; returns the summary (asserting it ran)."""
    result = specx("run", "in", "--out", "out", "--quiet", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return summary_of(result)


def run_here(inputs: list[Path], out: Path, **options) -> tuple[int, dict, str]:
    """The runner in this process (for monkeypatching): exit code, summary, stderr."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = runner.run(runner.RunOptions(inputs=[str(p) for p in inputs], out=out, **{"jobs": 1, **options}))
    return code, json.loads(stdout.getvalue().strip().splitlines()[-1]), stderr.getvalue()


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.json")) if p.name != common.MANIFEST}


def stamps(out: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.glob("*.json")}


def leftovers(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture
def corpus_in(tmp_path):
    (tmp_path / "in").mkdir()
    for path in CORPUS:
        shutil.copy(path, tmp_path / "in")
    return tmp_path


def test_manifest_then_second_run_extracts_nothing_and_an_edited_input_only_itself(corpus_in):
    out = corpus_in / "out"
    assert run_in(corpus_in)["extracted"] == len(CORPUS)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["format"] == common.MANIFEST_FORMAT
    assert manifest["pipeline_version"].startswith(__version__ + "+")
    assert sorted(manifest["inputs"]) == [p.stem + ".json" for p in CORPUS]
    for path in CORPUS:
        entry = manifest["inputs"][path.stem + ".json"]
        data = path.read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size"] == len(data)
        assert entry["input"] == str((corpus_in / "in" / path.name).resolve())
        assert entry["pipeline_version"] == manifest["pipeline_version"]
        assert (entry["status"], entry["error"], entry["output"]) == ("ok", None, path.stem + ".json")

    before = stamps(out)
    second = run_in(corpus_in)
    assert (second["extracted"], second["skipped"], second["changes"]) == (0, len(CORPUS), None)
    assert stamps(out) == before  # not even rewritten

    edited = corpus_in / "in" / SMALL.name
    os.utime(edited, ns=(0, 0))  # a new time on the same bytes is not a change
    assert run_in(corpus_in)["extracted"] == 0
    edited.write_bytes(SMALL.read_bytes() + b"\n")
    third = run_in(corpus_in)
    assert (third["extracted"], third["skipped"], third["ok"]) == (1, len(CORPUS) - 1, len(CORPUS))
    after = stamps(out)
    changed = {name for name in before if after.get(name) != before[name]}
    assert changed == {SMALL.stem + ".json", "manifest.json"}
    # the extra blank line changes the source hash but no content
    report = json.loads((corpus_in / third["changes"]).read_text())
    [entry] = report["documents"]["changed"]
    assert entry["document"] == SMALL.stem and entry["also_changed"] == ["source"]
    assert entry["units"] == {"added": [], "removed": [], "changed": []} and entry["qualification"] == {}


def test_pipeline_version_change_or_force_extracts_everything(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(3):
        shutil.copy(SMALL, inputs / f"spec{i}.txt")
    out = tmp_path / "out"
    assert run_here([inputs], out)[1]["extracted"] == 3
    assert run_here([inputs], out)[1]["extracted"] == 0
    assert run_here([inputs], out, force=True)[1]["extracted"] == 3
    monkeypatch.setattr(version, "pipeline_version", lambda: "9.9.9+changed")
    code, summary, _ = run_here([inputs], out)
    assert (code, summary["extracted"], summary["changes"]) == (0, 3, None)  # same outputs: no report
    assert {e["pipeline_version"] for e in json.loads((out / "manifest.json").read_text())["inputs"].values()} \
        == {"9.9.9+changed"}


def test_pipeline_version_changes_with_any_code_or_data_file(tmp_path):
    shutil.copytree(ROOT / "extract", tmp_path / "extract", ignore=shutil.ignore_patterns("__pycache__"))

    def version_there() -> str:
        code = "from extract.ops import version; print(version.__file__, version.pipeline_version())"
        where, value = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                                      text=True, check=True).stdout.split()
        assert Path(where).parent == tmp_path / "extract" / "ops"
        return value

    original = version_there()
    assert original == version.pipeline_version()  # the same files give the same version
    data = next((tmp_path / "extract" / "data").glob("*.json"))
    data.write_bytes(data.read_bytes() + b" ")
    after_data = version_there()
    (tmp_path / "extract" / "emit.py").write_text((ROOT / "extract" / "emit.py").read_text() + "# edit\n")
    after_code = version_there()
    assert len({original, after_data, after_code}) == 3 and original.startswith(__version__ + "+")


def test_failed_input_keeps_its_output_is_recorded_and_retried(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(SMALL, inputs / "spec.txt")
    shutil.copy(SMALL, inputs / "other.txt")
    run_here([inputs], out)
    good = (out / "spec.json").read_bytes()
    (inputs / "spec.txt").write_bytes(b"")
    for _ in range(2):  # a failed input is tried again on every run, so the failure stays visible
        code, summary, stderr = run_here([inputs], out)
        assert code == 1 and summary["failed"] == [{"path": str(inputs / "spec.txt"), "reason": "empty file"}]
        assert summary["extracted"] == 0 and summary["skipped"] == 1 and "spec.txt: empty file" in stderr
        assert (out / "spec.json").read_bytes() == good
        entry = json.loads((out / "manifest.json").read_text())["inputs"]["spec.json"]
        assert (entry["status"], entry["error"], entry["output"]) == ("failed", "empty file", "spec.json")
        assert entry["sha256"] == hashlib.sha256(b"").hexdigest()
    shutil.copy(SMALL, inputs / "spec.txt")
    code, summary, _ = run_here([inputs], out)
    assert (code, summary["extracted"], summary["failed"]) == (0, 1, [])


def test_disappeared_input_is_retired_not_deleted(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(SMALL, inputs / "kept.txt")
    shutil.copy(SMALL, inputs / "gone.txt")
    run_here([inputs], out)
    output = (out / "gone.json").read_bytes()

    run_here([inputs / "kept.txt"], out)  # an input not named in a run has not disappeared
    assert (out / "gone.json").exists()

    (inputs / "gone.txt").unlink()
    code, summary, _ = run_here([inputs], out)
    assert code == 0 and summary["retired"] == [str(out / "retired" / "gone.json")]
    assert not (out / "gone.json").exists() and (out / "retired" / "gone.json").read_bytes() == output
    assert list(json.loads((out / "manifest.json").read_text())["inputs"]) == ["kept.json"]
    report = json.loads(Path(summary["changes"]).read_text())
    assert [d["document"] for d in report["documents"]["removed"]] == ["gone"]

    shutil.copy(SMALL, inputs / "gone.txt")  # it comes back, and goes again: both copies kept
    run_here([inputs], out)
    (inputs / "gone.txt").unlink()
    run_here([inputs], out)
    assert sorted(p.name for p in (out / "retired").iterdir()) == ["gone.2.json", "gone.json"]


def test_moved_input_with_the_same_bytes_is_not_extracted_again(tmp_path):
    out = tmp_path / "out"
    (tmp_path / "a").mkdir()
    shutil.copy(SMALL, tmp_path / "a" / "spec.txt")
    run_here([tmp_path / "a"], out)
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "spec.txt").rename(tmp_path / "b" / "spec.txt")
    code, summary, _ = run_here([tmp_path / "b"], out)
    assert (code, summary["extracted"], summary["retired"]) == (0, 0, [])
    entry = json.loads((out / "manifest.json").read_text())["inputs"]["spec.json"]
    assert entry["input"] == str((tmp_path / "b" / "spec.txt").resolve())


def test_two_inputs_for_one_output_name(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SMALL, tmp_path / folder / "spec.txt")
    code, summary, _ = run_here([tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    assert code == 1 and summary["ok"] == 1 and summary["inputs"] == 2
    [failure] = summary["failed"]
    assert failure["path"] == str(tmp_path / "b" / "spec.txt") and "already written from" in failure["reason"]


def test_a_second_run_on_the_same_folder_exits_or_waits(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SMALL, tmp_path / "in")
    out = tmp_path / "out"
    with lock.run_lock(out, False, None):
        busy = specx("run", "in", "--out", "out", cwd=tmp_path)
        assert busy.returncode == common.EXIT_LOCKED
        assert "another specx run" in busy.stderr and f"pid {os.getpid()}" in busy.stderr and "--wait" in busy.stderr
        assert not list(out.glob("*.json"))

        waiting = subprocess.Popen([sys.executable, "-m", "extract", "run", "in", "--out", "out", "--wait",
                                    "--log-format", "json"], cwd=tmp_path, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        ready, _, _ = select.select([waiting.stderr], [], [], 60)
        assert ready, "no message from the waiting run"
        assert json.loads(waiting.stderr.readline())["event"] == "waiting"
        time.sleep(0.3)
        assert waiting.poll() is None and not list(out.glob("*.json"))
    stdout, stderr = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, stderr
    assert summary_of(types.SimpleNamespace(stdout=stdout))["extracted"] == 1


def test_stale_temporary_files_are_removed_and_no_other_file(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(SMALL, inputs)
    (out / "changes").mkdir(parents=True)
    ours = (out / ".spec.json.specx-k2j3ab_9.tmp", out / "changes" / ".x.md.specx-abcdefgh.tmp",
            out / ".specx.sqlite.specx-abcdefgh.tmp-journal",  # SQLite's journal of a killed export
            out / ".specx.sqlite.ab3_efgh.tmp-journal")  # the same, left by an earlier version
    for stale in ours:
        stale.write_text("{half")
    (out / "sub").mkdir()
    foreign = (out / ".notes.tmp", out / "sub" / ".dl.pdf.tmp", out / ".spec.json.k2j3.tmp")
    for path in foreign:
        path.write_text("not specx's")
    run_here([inputs], out)
    assert not any(p.exists() for p in ours)
    assert all(p.read_text() == "not specx's" for p in foreign)  # files specx did not create stay


EXTRACT = executors._extract


def crash_on_marker(path: str, shown: str):
    """Stands in for ``executors._extract`` in worker processes: dies like a native crash would."""
    if Path(path).name == "crash.txt":
        os._exit(70)
    return EXTRACT(path, shown)


def test_a_crashing_worker_fails_only_its_input(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a.txt", "crash.txt", "b.txt", "c.txt"):
        shutil.copy(SMALL, inputs / name)
    monkeypatch.setattr(executors, "_extract", crash_on_marker)
    code, summary, _ = run_here([inputs], tmp_path / "out", jobs=2)
    assert code == 1 and summary["extracted"] == 3
    [failure] = summary["failed"]
    assert failure["path"].endswith("crash.txt") and "process died" in failure["reason"]
    assert sorted(outputs(tmp_path / "out")) == ["a.json", "b.json", "c.json"]


def test_catalogue_is_rebuilt_after_outputs_change(tmp_path, monkeypatch):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(SMALL, inputs / "spec.txt")
    calls = []
    fake = types.ModuleType("extract.catalogue.build")
    fake.build_catalogue = lambda folder: calls.append(sorted(outputs(Path(folder))))
    monkeypatch.setitem(sys.modules, "extract.catalogue.build", fake)
    run_here([inputs], out)
    assert calls == [["spec.json"]]  # after the per-document outputs were written
    run_here([inputs], out)
    assert len(calls) == 1  # nothing changed: not rebuilt

    def broken(folder):
        raise RuntimeError("disk full")

    fake.build_catalogue = broken
    (inputs / "spec.txt").write_bytes(SMALL.read_bytes() + b"\n")
    code, summary, stderr = run_here([inputs], out)
    assert code == 1 and summary["catalogue_error"] == "catalogue: RuntimeError: disk full" and "disk full" in stderr
    fake.build_catalogue = lambda folder: calls.append("again")
    run_here([inputs], out)  # the failed rebuild is retried by the next run
    assert calls[-1] == "again"


def test_json_logs_and_quiet(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SMALL, tmp_path / "in")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    r = specx("run", "in", "--out", "out", "--log-format", "json", cwd=tmp_path)
    events = [json.loads(line) for line in r.stderr.splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds[0] == "started" and kinds[-1] == "finished" and "changes" in kinds
    assert {(e["event"], e["level"]) for e in events} >= {("extracted", "info"), ("failed", "error")}
    [failed] = [e for e in events if e["event"] == "failed"]
    assert failed["input"] == "in/empty.txt" and failed["reason"] == "empty file"
    quiet = specx("run", "in", "--out", "out", "--log-format", "json", "--quiet", cwd=tmp_path)
    assert [json.loads(line)["event"] for line in quiet.stderr.splitlines()] == ["failed"]
    text = specx("run", "in", "--out", "out", cwd=tmp_path)  # not a terminal: errors only
    assert text.stderr.splitlines() == ["specx: in/empty.txt: empty file"]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_line_on_a_terminal_only(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    shown = report.Reporter(False, "text", Terminal())
    shown.start(4, 4000)
    shown.line.progress.refresh()
    assert "0/4 documents" in shown.stream.getvalue()  # drawn at once, not after the first document
    shown.started -= 2.0  # two seconds in
    shown.advance(1000, 12, "raw/a.pdf")
    line = shown.stream.getvalue()
    assert "1/4 documents, 12 pages" in line and "docs/s" in line and "ETA 0:06" in line and "raw/a.pdf" in line
    shown.event("info", "retired", "input gone")  # printed above the live line
    assert "specx: input gone" in shown.stream.getvalue()
    shown.finish()
    assert shown.line is None

    for reporter in (report.Reporter(True, "text", Terminal()), report.Reporter(False, "text", io.StringIO())):
        reporter.start(1, 1)
        reporter.advance(1, 0, "x")
        assert reporter.stream.getvalue() == "" and reporter.line is None
    monkeypatch.setenv("CI", "true")
    assert not report.Reporter(False, "text", Terminal()).live


def test_the_live_line_moves_before_the_first_document_finishes(monkeypatch):
    """The clock ticks on its own (rich refreshes it), so a long first document is no blank screen."""
    monkeypatch.delenv("CI", raising=False)
    shown = report.Reporter(False, "text", Terminal())
    shown.start(2, 2000)
    try:
        deadline = time.monotonic() + 3
        while shown.stream.getvalue().count("0:00:0") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert shown.stream.getvalue().count("0/2 documents") >= 2  # redrawn with no document done
    finally:
        shown.finish()


# --- runs killed mid-way ------------------------------------------------------------------------

COPIES = 6  # the catalogue rebuild after each completed run grows fast with the document count


def _write_version(folder: Path, shift: int) -> None:
    for i in range(COPIES):
        shutil.copy(CORPUS[(i + shift) % len(CORPUS)], folder / f"doc{i:02}.txt")


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """``in/`` holds version B of the inputs; ``a_out`` is a finished run over version A (each
    input a different corpus document), ``b_ref`` a clean run over version B."""
    base = tmp_path_factory.mktemp("versions")
    (base / "in").mkdir()
    _write_version(base / "in", 0)
    assert specx("run", "in", "--out", "a_out", "--quiet", "--jobs", "2", cwd=base).returncode == 0
    _write_version(base / "in", 1)
    assert specx("run", "in", "--out", "b_ref", "--quiet", "--jobs", "2", cwd=base).returncode == 0
    return base


def _b_done(out: Path, base: Path) -> int:
    try:
        entries = json.loads((out / "manifest.json").read_text())["inputs"]
    except (OSError, ValueError, KeyError):
        return 0
    return sum(e["sha256"] == hashlib.sha256((base / "in" / (name[:-5] + ".txt")).read_bytes()).hexdigest()
               for name, e in entries.items())


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=lambda s: s.name)
def test_killed_run_leaves_old_or_new_outputs_and_the_next_run_completes(two_versions, sig):
    base = two_versions
    out = base / f"out_{sig.name}"
    shutil.copytree(base / "a_out", out)
    old, new = outputs(base / "a_out"), outputs(base / "b_ref")
    reports_before = set((out / "changes").glob("*.json"))

    proc = subprocess.Popen([sys.executable, "-m", "extract", "run", "in", "--out", out.name, "--quiet",
                             "--jobs", "1"], cwd=base, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _b_done(out, base) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    assert proc.returncode == (-9 if sig == signal.SIGKILL else 128 + sig)
    assert 2 <= _b_done(out, base) < COPIES, "the signal did not arrive mid-way"

    now = outputs(out)
    assert sorted(now) == sorted(new)
    assert all(now[name] in (old[name], new[name]) for name in now)  # each old or new, never partial
    assert any(now[name] == old[name] for name in now) and any(now[name] == new[name] for name in now)
    if sig == signal.SIGTERM:
        assert not leftovers(out)  # a terminated run removes its own temporary file

    result = specx("run", "in", "--out", out.name, "--quiet", cwd=base)
    assert result.returncode == 0, result.stderr
    assert outputs(out) == new
    assert not leftovers(out) and not (out / common.PENDING).exists()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["catalogue_current"] and all(e["status"] == "ok" for e in manifest["inputs"].values())
    # the interrupted run's changes are reported by the run that completed it, once
    [report] = set((out / "changes").glob("*.json")) - reports_before
    changed = json.loads(report.read_text())["documents"]["changed"]
    assert sorted(d["document"] for d in changed) == [f"doc{i:02}" for i in range(COPIES)]
    assert summary_of(specx("run", "in", "--out", out.name, "--quiet", cwd=base))["extracted"] == 0


def test_watch_runs_when_the_folder_changes_and_stops_on_sigterm(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SMALL, tmp_path / "in" / "first.txt")
    proc = subprocess.Popen([sys.executable, "-m", "extract", "watch", "in", "--out", "out", "--interval", "0.1",
                             "--log-format", "json"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)

    def wait_for(path: Path) -> None:
        deadline = time.monotonic() + 60
        while not path.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert path.exists(), proc.stderr.read() if proc.poll() is not None else "timed out"

    try:
        wait_for(tmp_path / "out" / "first.json")
        shutil.copy(SMALL, tmp_path / "in" / "second.txt")
        wait_for(tmp_path / "out" / "second.json")
        deadline = time.monotonic() + 60  # that run's catalogue and change report done (slow on a loaded machine)
        while (tmp_path / "out" / ".pending").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # ten polls with nothing changed
    finally:
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    summaries = [json.loads(line) for line in stdout.splitlines()]
    assert [(s["extracted"], s["skipped"]) for s in summaries] == [(1, 0), (1, 1)]


def test_watch_of_a_missing_folder_is_a_usage_error(tmp_path):
    r = specx("watch", "nowhere", "--interval", "1", cwd=tmp_path)
    assert r.returncode == 2 and "no such file or folder: nowhere" in r.stderr
