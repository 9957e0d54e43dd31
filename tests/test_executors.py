"""``--jobs 0`` (the default) chooses the worker processes by the amount of work (issue 12)."""

from pathlib import Path

from conftest import RAW

from extract.ops import executors
from extract.ops.inputs import find_inputs, plan_inputs

FIXTURES = Path(__file__).parent / "fixtures"


def inputs(paths):
    return plan_inputs(find_inputs([str(p) for p in paths]).files)[0]


def test_small_runs_get_one_worker_and_large_ones_up_to_every_core():
    raw = inputs([RAW])
    pdfs = inputs(sorted(FIXTURES.glob("[!b]*.pdf"))[:4])  # text-layer fixtures, no scan
    assert len(raw) == 5 and sum(i.size for i in raw) < executors.PARALLEL_MIN_BYTES
    assert executors.auto_jobs(raw, cpus=8) == executors.auto_jobs(pdfs, cpus=8) == 1
    many = raw * 20  # the same inputs many times over: over the threshold
    total = sum(i.size for i in many)
    assert total >= executors.PARALLEL_MIN_BYTES
    assert executors.auto_jobs(many, cpus=2) == 2
    assert executors.auto_jobs(many, cpus=64) == min(len(many), total // executors.PARALLEL_BYTES_PER_JOB) < 64


def test_the_default_run_uses_the_chosen_number_of_workers(monkeypatch, tmp_path):
    seen = []
    real = executors.extract_all
    monkeypatch.setattr(executors, "extract_all", lambda todo, jobs, **kw: seen.append(jobs) or real(todo, jobs, **kw))
    from test_runner import run_here

    code, summary, _ = run_here([RAW], tmp_path / "out", jobs=0)
    assert (code, summary["extracted"], seen) == (0, 5, [1])
