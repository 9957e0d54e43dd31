"""Issue 14: an untrusted output folder, hostile inputs, OS errors, budgets and signals.

The security tests plant symbolic links in ``--out`` and check that nothing outside it changes."""

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from test_cli import specx
from test_runner import EXTRACT, SMALL, run_here

from extract.ops import common, executors, lock, runner, watch
from extract.catalogue.export import csv_safe
from extract.pipeline import extract_document
from extract.readers.source import MAX_TEXT_BYTES, decode_text, read_source, split_lines


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def done(tmp_path):
    """``in/spec.txt`` extracted into ``out/``, and ``victim/`` outside it holding two files."""
    (tmp_path / "in").mkdir()
    shutil.copy(SMALL, tmp_path / "in" / "spec.txt")
    assert run_here([tmp_path / "in"], tmp_path / "out")[0] == 0
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "a.txt").write_text("keep me")
    (victim / "spec.json").write_text("keep me too")
    return tmp_path


# --- 1-3: links and files in the output folder ------------------------------------------------

@pytest.mark.parametrize("name", [".pending", "catalogue", "changes", "retired"])
def test_a_planted_folder_link_is_never_followed(done, name):
    out, victim = done / "out", done / "victim"
    before = tree(victim)
    if (out / name).exists():
        shutil.rmtree(out / name)
    (out / name).symlink_to(victim)
    (done / "in" / "spec.txt").write_bytes(SMALL.read_bytes() + b"\n")  # something to do
    code, summary, stderr = run_here([done / "in"], out)
    assert code == common.EXIT_ERROR and "symbolic link" in summary["error"] and name in stderr
    assert tree(victim) == before


def test_specx_catalogue_does_not_write_through_a_planted_link(done):
    out, victim = done / "out", done / "victim"
    before = tree(victim)
    shutil.rmtree(out / "catalogue")
    (out / "catalogue").symlink_to(victim)
    r = specx("catalogue", "--out", str(out))
    assert r.returncode == 1 and "symbolic link" in r.stderr and tree(victim) == before


def test_a_planted_lock_link_is_not_written_through(done):
    out, victim = done / "out", done / "victim"
    (out / common.LOCK).unlink()
    (out / common.LOCK).symlink_to(victim / "a.txt")
    code, summary, _ = run_here([done / "in"], out)
    assert code == common.EXIT_ERROR and (victim / "a.txt").read_text() == "keep me"


def test_the_lock_belongs_to_the_folder_not_the_lock_file(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SMALL, tmp_path / "in")
    out = tmp_path / "out"
    with lock.run_lock(out, False, None):
        (out / common.LOCK).unlink()  # what `make clean` does mid-run
        second = specx("run", "in", "--out", "out", cwd=tmp_path)
        assert second.returncode == common.EXIT_LOCKED, second.stderr
        assert not list(out.glob("*.json"))


# --- 4-6: inputs and the outputs they own -------------------------------------------------------

def rewrite_then_extract(path: str, shown: str):
    """Stands in for ``executors._extract``: the input is being copied over while the worker reads."""
    if Path(path).name == "changing.txt":
        data = Path(path).read_bytes()
        Path(path).write_bytes(data[: len(data) * 4 // 10])
    return EXTRACT(path, shown)


def test_an_input_rewritten_while_read_is_not_recorded_as_done(tmp_path, monkeypatch):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(SMALL, inputs / "changing.txt")
    shutil.copy(SMALL, inputs / "other.txt")
    monkeypatch.setattr(executors, "_extract", rewrite_then_extract)
    code, summary, _ = run_here([inputs], out)
    assert code == 1 and [f["path"] for f in summary["failed"]] == [str(inputs / "changing.txt")]
    assert "changed while it was being read" in summary["failed"][0]["reason"]
    assert not (out / "changing.json").exists() and (out / "other.json").exists()
    monkeypatch.setattr(executors, "_extract", EXTRACT)
    shutil.copy(SMALL, inputs / "changing.txt")  # the copy completes: the next run extracts it
    code, summary, _ = run_here([inputs], out)
    assert (code, summary["extracted"]) == (0, 1)
    entry = json.loads((out / "manifest.json").read_text())["inputs"]["changing.json"]
    document = json.loads((out / "changing.json").read_text())
    assert entry["status"] == "ok" and entry["sha256"] == document["source"]["sha256"]


def test_a_same_named_file_never_replaces_another_files_output(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    shutil.copy(SMALL, tmp_path / "a" / "x.txt")
    (tmp_path / "b" / "x.txt").write_bytes(SMALL.read_bytes() + b"\nother\n")
    out = tmp_path / "out"
    run_here([tmp_path / "a" / "x.txt"], out)
    kept = (out / "x.json").read_bytes()
    code, summary, _ = run_here([tmp_path / "b" / "x.txt"], out)
    assert code == 1 and "belongs to" in summary["failed"][0]["reason"] and str(tmp_path / "a" / "x.txt") in summary["failed"][0]["reason"]
    assert (out / "x.json").read_bytes() == kept


def test_reserved_and_hidden_names(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(SMALL, inputs / "spec.txt")
    shutil.copy(SMALL, inputs / "manifest.txt")
    shutil.copy(SMALL, inputs / ".hidden.txt")
    code, summary, _ = run_here([inputs], out)
    assert code == 1 and [f["path"] for f in summary["failed"]] == [str(inputs / "manifest.txt")]
    assert json.loads((out / "manifest.json").read_text())["format"] == common.MANIFEST_FORMAT
    assert not list(out.glob(".*.json"))  # a hidden input in a folder is skipped, like `ls` does
    code, summary, _ = run_here([inputs / ".hidden.txt"], out)
    assert code == 1 and "hidden" in summary["failed"][0]["reason"]


# --- mirrored folders, moves and renames --------------------------------------------------------

def test_outputs_mirror_input_folders_and_moves_are_not_extracted_again(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    for body in ("ncfe", "pearson"):
        (raw / body).mkdir(parents=True)
    shutil.copy(SMALL, raw / "ncfe" / "x.txt")
    (raw / "pearson" / "x.txt").write_bytes(SMALL.read_bytes() + b"\n")
    code, summary, _ = run_here([raw], out)
    assert (code, summary["extracted"]) == (0, 2)
    assert (out / "ncfe" / "x.json").exists() and (out / "pearson" / "x.json").exists()
    (raw / "ncfe" / "old").mkdir()
    (raw / "ncfe" / "x.txt").rename(raw / "ncfe" / "old" / "renamed.txt")  # moved into a subfolder and renamed
    code, summary, _ = run_here([raw], out)
    assert (code, summary["extracted"], summary["moved"], summary["retired"]) == (0, 0, 1, [])
    moved = json.loads((out / "ncfe" / "old" / "renamed.json").read_text())
    assert moved["source"]["path"].endswith("ncfe/old/renamed.txt") and not (out / "ncfe" / "x.json").exists()
    assert sorted(json.loads((out / "manifest.json").read_text())["inputs"]) == ["ncfe/old/renamed.json", "pearson/x.json"]


# --- 7, 9 and the smaller ones: text decoding and lines -------------------------------------------

def test_one_stray_byte_is_read_alone_and_warned():
    warnings = []
    text = decode_text("the customer’s needs\n".encode() + b"caf\xe9 \x92quoted\x92\n", Path("x.txt"), warnings)
    assert text == "the customer’s needs\ncafé ’quoted’\n"
    assert warnings == [("text_not_utf8", "line 2: bytes that are not UTF-8 were read as Windows-1252")]


def test_stray_byte_and_nul_after_4kb_in_a_document(tmp_path):
    data = SMALL.read_bytes()
    path = tmp_path / "spec.txt"
    path.write_bytes(data[:6000] + b"\x00\x92" + data[6000:])
    doc = extract_document(path).model_dump(mode="json")
    dumped = json.dumps(doc, ensure_ascii=False)
    assert "\\u0000" not in dumped and "â€" not in dumped
    assert {"text_not_utf8", "control_characters_removed"} <= {w["code"] for w in doc["warnings"]}


def test_lines_are_counted_like_grep_n(tmp_path):
    text = "one\r\ntwo\fstill two\x0bthree\u2028four\x85five\n\u202esix\x1b[0m\n"
    path = tmp_path / "x.txt"
    path.write_bytes(text.encode())
    grep = subprocess.run(["grep", "-n", "", str(path)], capture_output=True).stdout.decode().split("\n")[:-1]
    lines = read_source(path).lines
    assert [n for _, n, _ in lines] == [int(g.split(":")[0]) for g in grep] == [1, 2, 3]
    assert [t for _, _, t in lines] == ["one", "two\fstill two three four five", "six[0m"]  # \f kept for the parser


def test_file_names_are_escaped_in_text_logs(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "evil\nspecx: forged\x1b[2K.txt").write_bytes(b"")
    r = specx("run", "in", "--out", "out", cwd=tmp_path)
    assert r.stderr.splitlines() == ["specx: in/evil\\nspecx: forged\\x1b[2K.txt: empty file"]


# --- 8: an empty or unreadable input folder retires nothing ------------------------------------

def test_an_empty_input_folder_retires_nothing(done):
    out = done / "out"
    (done / "in" / "spec.txt").unlink()  # the share is not mounted
    code, summary, stderr = run_here([done / "in"], out)
    assert code == 1 and summary["retired"] == [] and "no input files" in stderr
    assert (out / "spec.json").exists() and not (out / "retired").exists()


# --- 10: CSV injection -------------------------------------------------------------------------

def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised():
    import pandas as pd

    df = pd.DataFrame({"text": ["=HYPERLINK(\"x\")", "+cmd|' /C calc'!A0", "-1", "@SUM(A1)", "plain", None],
                       "level": pd.array([-1, 2, 3, 4, 5, None], dtype="Int64")})
    safe = csv_safe(df)
    assert safe["text"].tolist()[:5] == ["'=HYPERLINK(\"x\")", "'+cmd|' /C calc'!A0", "'-1", "'@SUM(A1)", "plain"]
    assert safe["level"].tolist()[0] == -1 and df["text"][0] == "=HYPERLINK(\"x\")"  # numbers and the input untouched


# --- crashes and hangs -------------------------------------------------------------------------

def test_long_names_fifos_devices_and_links_fail_alone(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(SMALL, inputs / ("a" * 240 + ".txt"))  # fits, but its temporary name would not
    shutil.copy(SMALL, inputs / ("b" * 251 + ".txt"))  # its output name would be 256 bytes
    os.mkfifo(inputs / "fifo.txt")
    (inputs / "link.txt").symlink_to(SMALL)
    started = time.monotonic()
    code, summary, _ = run_here([inputs, "/dev/zero", inputs / "fifo.txt"], out)
    assert time.monotonic() - started < 60
    reasons = {Path(f["path"]).name: f["reason"] for f in summary["failed"]}
    assert (out / ("a" * 240 + ".json")).exists() and summary["extracted"] == 1
    assert "too long" in reasons["b" * 251 + ".txt"] and "symbolic link" in reasons["link.txt"]
    assert "not a regular file" in reasons["zero"] and "not a regular file" in reasons["fifo.txt"]
    manifest = json.dumps(json.loads((out / "manifest.json").read_text()))
    assert str(SMALL) not in manifest  # a link's target is not recorded


def test_an_oversized_text_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * (MAX_TEXT_BYTES // 5 + 1))
    code, summary, _ = run_here([path], tmp_path / "out")
    assert code == 1 and "too large" in summary["failed"][0]["reason"]


def slow_or_greedy(path: str, shown: str):
    name = Path(path).name
    if name == "slow.txt":
        time.sleep(120)
    if name == "greedy.txt":
        hog = bytearray(3 << 30)  # 3 GB
        return None, str(len(hog))
    if name == "crash.txt":
        os._exit(70)
    return EXTRACT(path, shown)


@pytest.mark.parametrize("jobs", [1, 2])
def test_time_and_memory_budgets_and_crashes_fail_one_document(tmp_path, monkeypatch, jobs):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("good.txt", "slow.txt", "greedy.txt", "crash.txt"):
        shutil.copy(SMALL, inputs / name)
    monkeypatch.setattr(executors, "_extract", slow_or_greedy)
    started = time.monotonic()
    code, summary, _ = run_here([inputs], tmp_path / "out", jobs=jobs, timeout=2, memory_mb=256)
    assert time.monotonic() - started < 30
    reasons = {Path(f["path"]).name: f["reason"] for f in summary["failed"]}
    assert code == 1 and summary["extracted"] == 1 and (tmp_path / "out" / "good.json").exists()
    assert "time budget" in reasons["slow.txt"] and "memory budget" in reasons["greedy.txt"]
    assert "process died" in reasons["crash.txt"]


def test_a_huge_scanned_page_is_not_rendered():
    import pymupdf

    from extract.readers import ocr

    doc = pymupdf.open()
    page = doc.new_page(width=14400, height=14400)
    page.insert_image(page.rect, pixmap=pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 1, 1), 0))
    with pytest.raises(ocr.PageTooLarge):
        ocr.render_dpi(page)
    assert ocr.render_dpi(doc.new_page(width=595, height=842)) >= ocr.MIN_DPI  # A4 unchanged


def test_a_damaged_manifest_is_set_aside_and_rebuilt(done):
    out = done / "out"
    (out / "manifest.json").write_text('{"format": "specx-manifest/1", "inputs": {"spec.json": 3}}')
    for _ in range(2):
        code, summary, stderr = run_here([done / "in"], out)
        assert code == 0, stderr
    assert "set aside" in stderr or list(out.glob("manifest.json.damaged-*"))
    assert len(list(out.glob("manifest.json.damaged-*"))) == 1
    assert json.loads((out / "manifest.json").read_text())["inputs"]["spec.json"]["status"] == "ok"


def test_an_os_error_is_a_message_and_a_summary(done, monkeypatch):
    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device", "manifest.json")

    monkeypatch.setattr(runner, "save_manifest", full)
    (done / "in" / "spec.txt").write_bytes(SMALL.read_bytes() + b"\n")
    code, summary, stderr = run_here([done / "in"], done / "out")
    assert code == common.EXIT_ERROR and "No space left on device" in summary["error"]
    assert "Traceback" not in stderr and "No space left" in stderr


SLOW_RUN = """
import sys, time
from extract import cli
from extract.ops import executors
real = executors._extract
def slow(path, shown):
    time.sleep(60)
    return real(path, shown)
executors._extract = slow
sys.exit(cli.main(sys.argv[1:]))
"""


def test_sigterm_to_the_run_alone_stops_it_within_a_second(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SMALL, tmp_path / "in")
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RUN, "run", "in", "--out", "out", "--log-format", "json"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert json.loads(proc.stderr.readline())["event"] == "started"
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    sent = time.monotonic()
    proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM and time.monotonic() - sent < 5


def test_watch_survives_a_folder_it_cannot_read(monkeypatch):
    def unreadable(paths, out=None):
        raise PermissionError(errno.EACCES, "Permission denied", paths[0])

    monkeypatch.setattr(watch, "find_inputs", unreadable)
    assert watch.snapshot(["in"]) is None  # "waiting for in to exist and be readable"


def test_split_lines_only_on_newlines():
    assert split_lines("a\fb\x0bc\u2028d\x85e\x1b\r\nf") == ["a\fb c d e", "f"]


# --- adversarial: hostile names, folders and bytes through whole runs (hypothesis) ---------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_name = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=60) \
    .filter(lambda n: n not in (".", "..") and len(n.encode()) < 200)
_content = st.one_of(st.binary(max_size=300), st.just(SMALL.read_bytes()), st.just(SMALL.read_bytes()[:3000]),
                     st.sampled_from([b"\xff\xfe" + "x".encode("utf-16-le"), b"%PDF-1.7\n", b"\x00" * 10]))
_entry = st.tuples(st.lists(_name, max_size=2), _name, st.sampled_from([".txt", ".md", ".pdf", ".TXT", ""]), _content)


@settings(max_examples=12, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow,
                                                                                HealthCheck.function_scoped_fixture])
@given(st.lists(_entry, min_size=1, max_size=5), st.booleans())
def test_hostile_input_trees_never_crash_a_run_or_touch_anything_outside_out(tmp_path, entries, out_inside):
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp_path) as base:
        base = Path(base)
        inputs, outside = base / "in", base / "outside"
        inputs.mkdir()
        outside.mkdir()
        (outside / "x.json").write_text("keep")
        for folders, name, suffix, content in entries:
            folder = inputs.joinpath(*folders)
            try:
                folder.mkdir(parents=True, exist_ok=True)
                (folder / (name + suffix)).write_bytes(content)
            except OSError:
                continue  # a name the filesystem refuses (a file where a folder was wanted)
        out = inputs / "out" if out_inside else base / "out"
        before = tree(outside)
        code, summary, stderr = run_here([inputs], out, quiet=True)
        assert code in (0, 1) and summary["error"] is None, stderr
        assert "Traceback" not in stderr and "internal error" not in stderr, stderr
        assert tree(outside) == before
        for failure in summary["failed"]:
            assert failure["reason"].strip()
        for output in json.loads((out / "manifest.json").read_text())["inputs"]:
            assert (out / output).resolve().is_relative_to(out.resolve())
        assert run_here([inputs], out, quiet=True)[1]["extracted"] == 0  # a second run has nothing to do


def test_a_tiny_pdf_with_a_huge_scanned_page_fails_fast(tmp_path):
    import pymupdf

    from extract.readers.source import SourceError

    doc = pymupdf.open()
    page = doc.new_page(width=14400, height=14400)  # the largest page PDF allows, one 1-pixel image
    page.insert_image(page.rect, pixmap=pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 1, 1), 0))
    path = tmp_path / "huge.pdf"
    path.write_bytes(doc.tobytes(garbage=4, deflate=True))
    started = time.monotonic()
    with pytest.raises(SourceError) as failure:
        extract_document(path)
    assert time.monotonic() - started < 20 and "page 1" in failure.value.reason


def test_an_output_folder_that_cannot_be_made_is_a_message_and_a_summary(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SMALL, tmp_path / "in")
    out = "o" * 300  # the OS refuses the name (a file as parent is a usage error, exit 2: test_cli)
    r = specx("run", "in", "--out", out, cwd=tmp_path)
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert r.returncode == common.EXIT_ERROR and "Traceback" not in r.stderr
    assert f"cannot use output folder {out}" in summary["error"] and summary["error"] in r.stderr


def test_an_unreadable_subfolder_retires_nothing(done, monkeypatch):
    out = done / "out"
    real_walk = os.walk

    def walk(top, onerror=None, **kw):  # the tests run as root, which chmod cannot lock out
        if onerror is not None:  # the input scan, not the output folder's housekeeping
            onerror(PermissionError(errno.EACCES, "Permission denied", str(Path(top) / "locked")))
        yield from real_walk(top, onerror=onerror, **kw)

    (done / "in" / "spec.txt").rename(done / "in" / "spec2.txt")  # as if spec.txt were in the locked folder
    (done / "in" / "spec2.txt").write_bytes(SMALL.read_bytes() + b"\n")
    monkeypatch.setattr(os, "walk", walk)
    code, summary, stderr = run_here([done / "in"], out)
    assert code == 1 and summary["retired"] == [] and "cannot read folder" in stderr
    assert (out / "spec.json").exists() and (out / "spec2.json").exists()


def test_a_planted_manifest_cannot_reach_outside_out(done):
    out, victim = done / "out", done / "victim"
    before = tree(victim)
    manifest = json.loads((out / "manifest.json").read_text())
    entry = manifest["inputs"]["spec.json"]
    manifest["inputs"]["../victim/a.txt"] = {**entry, "input": str(done / "gone.txt")}
    (out / "manifest.json").write_text(json.dumps(manifest))
    code, _, stderr = run_here([done / "in"], out)
    assert code == 0 and "set aside" in stderr and tree(victim) == before
