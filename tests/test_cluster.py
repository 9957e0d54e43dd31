"""``specx run`` on a Dask cluster (issue 12), on this machine only: a ``LocalCluster`` of 2 worker
processes gives the same outputs as a local run, survives a worker killed mid-run, and refuses
workers that run another specx."""

from __future__ import annotations

import functools
import logging
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RAW, ROOT

distributed = pytest.importorskip("distributed")
import cloudpickle  # noqa: E402 (a dependency of distributed)

from extract.ops import cluster, common, runner  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
INPUTS = [*sorted(RAW.glob("*.txt"))[:2], FIXTURES / "proqual_retail.pdf", FIXTURES / "cg_warehousing.pdf",
          FIXTURES / "bad_truncated.pdf"]  # text, text-layer PDFs, and one that fails
TIMESTAMPS = ("processed", "updated")


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of 2 worker processes for this module's runs: its scheduler's address."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    for path in INPUTS:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def local_run(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "out"
    code, summary = run_into(inputs, out, executor="local", jobs=1)
    return out, code, summary


def run_into(inputs: Path, out: Path, **options) -> tuple[int, dict]:
    from contextlib import redirect_stdout
    from io import StringIO

    printed = StringIO()
    with redirect_stdout(printed):
        code = runner.run(runner.RunOptions(inputs=[str(inputs)], out=out, quiet=True, **options))
    return code, json.loads(printed.getvalue().splitlines()[-1])


def contents(out: Path) -> dict[str, bytes]:
    """Every output and catalogue file by relative path; the manifest without its timestamps."""
    found = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()
        if name.startswith(("changes/", ".pending/")) or name == common.LOCK:
            continue
        if name == common.MANIFEST:
            manifest = json.loads(path.read_text())
            for entry in [manifest, *manifest["inputs"].values()]:
                for key in TIMESTAMPS:
                    entry.pop(key, None)
            found[name] = json.dumps(manifest, sort_keys=True).encode()
        else:
            found[name] = path.read_bytes()
    return found


def failures(summary: dict) -> list[tuple[str, str]]:
    return sorted((Path(f["path"]).name, f["reason"]) for f in summary["failed"])


def test_a_cluster_run_writes_what_a_local_run_writes(scheduler, inputs, local_run, tmp_path):
    local_out, local_code, local_summary = local_run
    code, summary = run_into(inputs, tmp_path / "out", executor="dask", scheduler=scheduler)
    assert (code, summary["extracted"]) == (local_code, local_summary["extracted"]) == (1, 4)
    assert failures(summary) == failures(local_summary) and failures(summary)[0][0] == "bad_truncated.pdf"
    ours, theirs = contents(tmp_path / "out"), contents(local_out)
    assert sorted(ours) == sorted(theirs) and any(n.startswith("catalogue/") for n in ours)
    assert [n for n in ours if ours[n] != theirs[n]] == []
    again, summary = run_into(inputs, tmp_path / "out", executor="dask", scheduler=scheduler)
    assert (again, summary["extracted"], summary["skipped"], len(summary["failed"])) == (1, 0, 4, 1)  # incremental


def kill_once(marker: str, path: str, shown: str, data: bytes, budget) -> tuple:
    """Stands in for ``cluster.extract_task`` on the workers: the first task to find the marker
    removes it and kills its own worker process, as an out-of-memory kill would."""
    if os.path.basename(path) == "proqual_retail.pdf":
        try:
            os.unlink(marker)
        except FileNotFoundError:
            pass
        else:
            os.kill(os.getpid(), signal.SIGKILL)
    return cluster.extract_task(path, shown, data, budget)  # on the worker: the real task


def test_a_worker_killed_mid_run_costs_nothing(inputs, local_run, tmp_path, monkeypatch):
    marker = tmp_path / "kill-a-worker"
    marker.write_text("")
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    monkeypatch.setattr(cluster, "extract_task", functools.partial(kill_once, str(marker)))
    code, summary = run_into(inputs, tmp_path / "out", executor="dask", jobs=2)  # a LocalCluster of its own
    assert not marker.exists()  # a worker was killed
    assert (code, summary["extracted"], failures(summary)) == (1, 4, failures(local_run[2]))
    assert contents(tmp_path / "out") == contents(local_run[0])


def test_workers_running_another_specx_are_refused(scheduler, inputs, tmp_path):
    shutil.copytree(ROOT / "extract", tmp_path / "extract", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "extract" / "emit.py").write_text((ROOT / "extract" / "emit.py").read_text() + "# edited\n")
    r = subprocess.run([sys.executable, "-m", "extract", "run", str(inputs), "--out", "out", "--scheduler", scheduler],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == common.EXIT_ERROR, r.stderr
    assert "2 of 2 Dask workers run another specx" in r.stderr and "install the same version" in r.stderr
    summary = json.loads(r.stdout.splitlines()[-1])
    assert "another specx" in summary["error"]
    assert not list((tmp_path / "out").glob("*.json"))  # refused before anything was written, the manifest too


def test_scheduler_with_the_local_executor_is_a_usage_error(tmp_path):
    from extract import cli

    assert cli.main(["run", str(tmp_path), "--executor", "local", "--scheduler", "tcp://127.0.0.1:1"]) == 2


def test_an_unreachable_scheduler_is_named_at_once(tmp_path):
    import socket
    import time

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    (tmp_path / "in").mkdir()
    shutil.copy(INPUTS[0], tmp_path / "in")
    started = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "extract", "run", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                        "--scheduler", address], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == common.EXIT_ERROR, r.stderr
    assert f"cannot reach the Dask scheduler at {address}" in r.stderr
    assert address in json.loads(r.stdout.splitlines()[-1])["error"]
    assert time.monotonic() - started < cluster.CONNECT_SECONDS  # not Dask's own connect timeout
    assert not list((tmp_path / "out").glob("*.json"))


def test_a_scan_is_spread_over_the_cluster_page_by_page(scheduler, tmp_path):
    from extract.readers import ocr

    if ocr.tessdata() is None:
        pytest.skip("tesseract not installed")
    (tmp_path / "in").mkdir()
    shutil.copy(FIXTURES / "proqual_retail_scanned.pdf", tmp_path / "in")
    shutil.copy(INPUTS[2], tmp_path / "in")  # and a text-layer PDF: one task, as before
    local = run_into(tmp_path / "in", tmp_path / "local", executor="local", jobs=1)
    with distributed.Client(scheduler) as client, distributed.get_task_stream(client=client) as stream:
        spread = run_into(tmp_path / "in", tmp_path / "dask", executor="dask", scheduler=scheduler)
    keys = [str(task["key"]) for task in stream.data]
    pages = sorted(k.split("-")[2] for k in keys if k.startswith("specx-page-"))
    assert pages == ["1", "2", "3", "4"]  # every page of the scan OCR'd by a task of its own
    assert (spread[0], spread[1]["extracted"]) == (local[0], local[1]["extracted"]) == (0, 2)
    assert contents(tmp_path / "dask") == contents(tmp_path / "local")
