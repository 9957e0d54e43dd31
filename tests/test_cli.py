"""End-to-end CLI behaviour: outputs, schema validity, bad input, exit codes."""

import json
import shutil
import subprocess
import sys

import jsonschema
import pytest

from conftest import RAW, ROOT


def specx(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    r = specx("run", str(RAW), "--out", str(out), "--quiet")
    assert r.returncode == 0, r.stderr
    return out


def test_every_output_validates_against_generated_schema(corpus_out, tmp_path):
    assert specx("schema", "--out", str(tmp_path)).returncode == 0
    schema = json.loads((tmp_path / "document.schema.json").read_text())
    outputs = sorted(p for p in corpus_out.glob("*.json") if p.name != "manifest.json")
    assert len(outputs) == len(list(RAW.glob("*.txt")))
    for out in outputs:
        jsonschema.validate(json.loads(out.read_text()), schema)
    assert specx("validate", *map(str, outputs)).returncode == 0


def test_committed_schema_is_up_to_date(tmp_path):
    specx("schema", "--out", str(tmp_path))
    for generated in tmp_path.glob("*.json"):
        assert (ROOT / "schemas" / generated.name).read_text() == generated.read_text(), "run `make schema`"


def test_locations_point_at_the_value(corpus_out):
    """The line an LO or AC points at holds its number or the first word of its text."""
    checked = 0
    for out in (p for p in corpus_out.glob("*.json") if p.name != "manifest.json"):
        doc = json.loads(out.read_text())
        lines = (ROOT / doc["source"]["path"]).read_text(encoding="utf-8").splitlines()
        for unit in doc["units"]:
            for lo in unit["learning_outcomes"]:
                for item in [lo] + lo["assessment_criteria"]:
                    line = lines[item["location"]["line"] - 1]
                    first = (item["text"] or "").split(" ")[0][:4].lower()
                    num = item["number"]
                    assert num in line or num.replace(".", "") in line or (first and first in line.lower()) \
                        or not item["text"], (out.name, num, line)
                    checked += 1
    assert checked > 1000


def test_bad_inputs_fail_clearly_and_others_still_run(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "003_c75e736c7d0ad4f6.txt", src)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (src / "notaspec.txt").write_text("Dear colleague,\nThe meeting is on Tuesday.\n")
    (src / "fake.pdf").write_bytes(b"this is not a pdf")
    out = tmp_path / "out"
    r = specx("run", str(src), "--out", str(out))
    assert r.returncode == 1
    for name, reason in [("empty.txt", "empty"), ("binary.txt", "binary"), ("notaspec.txt", "not a qualification"),
                         ("fake.pdf", "not a PDF")]:
        assert name in r.stderr and reason in r.stderr, r.stderr
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert summary["ok"] == 1 and len(summary["failed"]) == 4
    assert (out / "003_c75e736c7d0ad4f6.json").exists()
    assert not list(out.glob(".*tmp"))


def test_usage_errors_exit_2(tmp_path):
    assert specx("run", str(tmp_path / "missing")).returncode == 2
    assert specx("frobnicate").returncode == 2
    afile = tmp_path / "afile"
    afile.write_text("x")
    for out in (afile, afile / "sub"):  # was a traceback and exit 1
        r = specx("run", str(RAW), "--out", str(out))
        assert r.returncode == 2 and "Traceback" not in r.stderr and "not a folder" in r.stderr, r.stderr
        r = specx("watch", str(RAW), "--out", str(out))
        assert r.returncode == 2 and "not a folder" in r.stderr, r.stderr
    for jobs in ("0", "-1", "two"):  # were accepted silently
        r = specx("run", str(RAW), "--out", str(tmp_path / "out"), "--jobs", jobs)
        assert r.returncode == 2 and "--jobs" in r.stderr, r.stderr
    assert not (tmp_path / "out").exists()


def test_failed_run_keeps_previous_output(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(RAW / "003_c75e736c7d0ad4f6.txt", src / "spec.txt")
    assert specx("run", str(src), "--out", str(out)).returncode == 0
    before = (out / "spec.json").read_text()
    (src / "spec.txt").write_bytes(b"")
    assert specx("run", str(src), "--out", str(out)).returncode == 1
    assert (out / "spec.json").read_text() == before


def test_validate_knows_every_output_takes_a_folder_and_has_documented_exit_codes(corpus_out, tmp_path):
    r = specx("validate", str(corpus_out))  # documents, catalogue files, manifest, change reports
    assert r.returncode == 0, r.stderr
    assert "units.json: ok (catalogue_units)" in r.stdout and "manifest.json: skipped" in r.stdout
    assert r.stdout.count(": ok (document)") == len(list(RAW.glob("*.txt")))
    outputs = sorted(map(str, corpus_out.glob("*.json")))  # a shell glob includes manifest.json
    assert any(o.endswith("manifest.json") for o in outputs) and specx("validate", *outputs).returncode == 0
    units = json.loads((corpus_out / "catalogue" / "units.json").read_text())
    units["units"][0]["sources"][0]["warnings"] = ["made_up_code"]
    (tmp_path / "units.json").write_text(json.dumps(units))
    r = specx("validate", str(tmp_path / "units.json"))
    assert r.returncode == 1 and "INVALID catalogue_units: 1 error(s)" in r.stderr and len(r.stderr) < 2000, r.stderr
    r = specx("validate", str(tmp_path / "missing.json"))
    assert r.returncode == 2 and "no such file or folder" in r.stderr and "Errno" not in r.stderr, r.stderr
    (tmp_path / "other.json").write_text('{"hello": 1}')
    assert specx("validate", str(tmp_path / "other.json")).returncode == 1  # named: must be a specx output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`specx validate`: **0**" in readme


def test_run_summary_names_documents_read_poorly(tmp_path):
    from test_shapes import FRONT, R1, rows

    (tmp_path / "in").mkdir()
    body = rows().replace("2.1 Carry out", "1.1 Carry out").replace("2.2 Use", "1.2 Use")
    (tmp_path / "in" / "poor.txt").write_text(FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + body)
    (tmp_path / "in" / "good.txt").write_text(FRONT + f"Unit 301: Receive goods into a warehouse ({R1})\n\n" + rows())
    r = specx("run", "in", "--out", "out", "--quiet", cwd=tmp_path)
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert r.returncode == 0 and [d["path"] for d in summary["low_coverage"]] == ["in/poor.txt"]
    assert summary["low_coverage"][0]["criterion_coverage"] == 0.5
