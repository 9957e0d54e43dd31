"""The specimen generator and scorer (``specimens/``, ``make accuracy``).

Fast checks only: no OCR, no LibreOffice, no pdftotext. Nothing here asserts how accurate specx
is; these tests check that the truth is right by construction and that the scorer counts right.
"""

from __future__ import annotations

import copy
import os
import json
import re

import pytest

pytest.importorskip("reportlab")

from specimens import content  # noqa: E402
from specimens.producers import render_markdown, render_plain, render_reportlab  # noqa: E402
from specimens.render import build, render, text_form  # noqa: E402
from specimens.score import compare, f1, norm, score, summary  # noqa: E402
from specimens.styles import STYLES  # noqa: E402

SEEDS = (1, 2, 3)
LETTERS = "ADFHJKLMRTY"


def _check(digits: str) -> int:  # the published rule, written out again here
    return sum(w * int(d) for w, d in zip(range(8, 1, -1), digits)) % 11


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


def _truth_texts(truth: dict):
    for u in truth["units"]:
        yield u["title"]
        for lo in u["learning_outcomes"]:
            yield lo["text"]
            for ac in lo["assessment_criteria"]:
                yield ac["text"]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_deterministic(style):
    a = build(1, style, 0)
    b = build(1, style, 0)
    assert a[3] == b[3]  # truth
    assert a[1] == b[1]  # layout choices
    assert render_plain(a[2]) == render_plain(b[2])
    assert render_markdown(a[2]) == render_markdown(b[2])
    assert text_form(style, a[2], a[1]) == text_form(style, b[2], b[1])


@pytest.mark.parametrize("seed", SEEDS)
def test_check_characters(seed):
    for style in STYLES:
        truth = build(seed, style, 0)[3]
        block, serial, check = truth["qualification"]["number"].split("/")
        assert int(check) == _check(block + serial) != 10
        for u in truth["units"]:
            if u["reference"]:
                letter, block, serial = u["reference"].split("/")
                assert len(block) == 3 and len(serial) == 4
                assert letter == LETTERS[_check(block + serial)], u["reference"]


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("seed", SEEDS)
def test_truth_is_printed(style, seed):
    spec, lay, doc, truth = build(seed, style, 1)
    for text in (render_plain(doc), render_markdown(doc), text_form(style, doc, lay) or render_plain(doc)):
        flat = _flat(text)
        assert truth["qualification"]["title"] in flat
        assert truth["qualification"]["number"] in flat
        for u in truth["units"]:
            if u["reference"]:
                assert u["reference"] in flat
            if u["number"]:
                assert f"Unit {u['number']}" in flat
        for t in _truth_texts(truth):
            assert t == _flat(t) and not t.endswith(".") and t[0].isupper()
            assert (t in flat) or (t[0].lower() + t[1:] in flat), (style, seed, t)
        assert len(truth["units"]) >= 3
        for u in truth["units"]:
            assert 2 <= len(u["learning_outcomes"]) <= 5
            for i, lo in enumerate(u["learning_outcomes"], start=1):
                assert lo["number"] == str(i)
                assert [ac["number"] for ac in lo["assessment_criteria"]] == [
                    f"{i}.{j}" for j in range(1, len(lo["assessment_criteria"]) + 1)]


def test_truth_words_in_pdf(tmp_path):
    pymupdf = pytest.importorskip("pymupdf")
    for style in ("cityguilds", "ncfe", "handbook"):
        spec, lay, doc, truth = build(1, style, 0)
        target = tmp_path / f"{style}.pdf"
        render_reportlab(doc, target)
        words = set(re.findall(r"[\w'’-]+", " ".join(p.get_text() for p in pymupdf.open(target)).replace("’", "'")))
        for t in _truth_texts(truth):
            for w in re.findall(r"[\w'-]+", t):
                assert w in words or w.lower() in words or w.capitalize() in words, (style, w, t)


def test_seeds_differ():
    differ_layout = 0
    for style in STYLES:
        a, b = build(1, style, 0), build(2, style, 0)
        assert a[3]["units"] != b[3]["units"]
        assert a[3]["qualification"]["number"] != b[3]["qualification"]["number"]
        differ_layout += a[1] != b[1]
    assert differ_layout == len(STYLES)
    sectors = {content.generate(s).sector for s in range(40)}
    assert len(sectors) >= 6
    verbs = {ac["text"].split()[0] for s in SEEDS for st in STYLES for u in build(s, st, 0)[3]["units"]
             for lo in u["learning_outcomes"] for ac in lo["assessment_criteria"]}
    assert {"Describe", "Explain", "Identify"} <= verbs and len(verbs) >= 10


# --- scorer ---------------------------------------------------------------------------------------

TRUTH = {
    "qualification": {"title": "Level 2 Award in Testing", "number": "600/1234/5", "level": 2, "tqt": 100,
                      "glh": 60, "min_credits": 10, "groups": []},
    "units": [
        {"reference": "D/506/2153", "number": "201", "title": "Test things", "level": 2, "credits": 4, "glh": 30,
         "learning_outcomes": [
             {"number": "1", "text": "Understand tests", "assessment_criteria": [
                 {"number": "1.1", "text": "Describe a test"}, {"number": "1.2", "text": "Explain a result"}]},
             {"number": "2", "text": "Be able to test", "assessment_criteria": [
                 {"number": "2.1", "text": "Carry out a test"}]}]},
        {"reference": None, "number": "202", "title": "Report things", "level": 2, "credits": 6, "glh": 30,
         "learning_outcomes": [
             {"number": "1", "text": "Know reports", "assessment_criteria": [
                 {"number": "1.1", "text": "State a fact"}]}]},
    ],
}


def test_perfect_output():
    c, diffs = compare(TRUTH, copy.deepcopy(TRUTH))
    s = summary(c)
    assert diffs == []
    assert s["unit_f1"] == s["lo_f1"] == s["ac_f1"] == s["lo_num_f1"] == s["ac_num_f1"] == 1.0
    assert s["qual_acc"] == s["unit_fields_acc"] == 1.0


def test_wrong_text_is_miss_and_false_positive():
    out = copy.deepcopy(TRUTH)
    out["units"][0]["learning_outcomes"][0]["assessment_criteria"][1]["text"] = "Explain a resul"
    out["units"][0]["learning_outcomes"][0]["assessment_criteria"][0]["text"] = "describe  a test."  # only case/space/stop
    c, diffs = compare(TRUTH, out)
    assert c["ac"] == [3, 1, 1]
    assert c["ac_num"] == [4, 0, 0]
    assert f1(*c["ac"]) == pytest.approx(0.75)
    assert [d["kind"] for d in diffs] == ["ac wrong"]
    assert diffs[0]["expected"] == norm("Explain a result") and diffs[0]["got"] == norm("Explain a resul")


def test_not_more_lenient():
    out = copy.deepcopy(TRUTH)
    out["units"][0]["learning_outcomes"][0]["text"] = "Understand tests;"
    out["units"][0]["learning_outcomes"][1]["text"] = "Be able to test, ok"
    c, _ = compare(TRUTH, out)
    assert c["lo"] == [1, 2, 2]


def test_unit_matching_and_missing():
    out = copy.deepcopy(TRUTH)
    out["units"][0]["number"] = None  # matched by reference
    out["units"][1]["reference"] = "H/615/8201"  # truth has none: matched by local number
    out["units"][1]["credits"] = 5
    out["units"].append({"reference": "K/506/1111", "number": None, "title": "Extra", "level": 2, "credits": 1,
                         "glh": 5, "learning_outcomes": [{"number": "1", "text": "Know extra", "assessment_criteria": [
                             {"number": "1.1", "text": "State more"}]}]})
    c, _ = compare(TRUTH, out)
    assert c["unit"] == [2, 1, 0]
    assert c["ac"] == [4, 1, 0] and c["lo"] == [3, 1, 0]
    assert c["unit_fields"]["credits"] == [1, 2]
    c, _ = compare(TRUTH, {"qualification": TRUTH["qualification"], "units": out["units"][:1]})
    assert c["unit"] == [1, 0, 1] and c["ac"] == [3, 0, 1]
    assert c["unit_fields"]["title"] == [1, 2]  # the missed unit is wrong on every field


def test_failed_document_counts_all_missed():
    c, _ = compare(TRUTH, None)
    s = summary(c)
    assert c["failed"] == 1 and c["unit"] == [0, 0, 2] and c["ac"] == [0, 0, 4] and c["lo"] == [0, 0, 3]
    assert s["unit_f1"] == 0.0 and s["qual_acc"] == 0.0


def test_render_and_score_without_specx(tmp_path):
    index = render(5, tmp_path / "set", styles=["markdown", "handbook"], variants=["md"], per_style=1,
                   log=lambda *a: None)
    assert [sorted(d["inputs"]) for d in index["documents"]] == [["md"], ["md"]]
    out = tmp_path / "out"
    out.mkdir()
    # a perfect output for one document, nothing for the other
    first = index["documents"][0]
    truth = json.loads((tmp_path / "set" / first["dir"] / "truth.json").read_text())
    (out / f"{first['id']}--md.json").write_text(json.dumps(truth))
    report = score(tmp_path / "set", out, run=False, log=lambda *a: None)
    assert report["by_style"]["markdown"]["ac_f1"] == 1.0
    assert report["by_style"]["handbook"]["ac_f1"] == 0.0 and report["by_style"]["handbook"]["failed"] == 1
    assert (tmp_path / "set" / "accuracy.json").exists()


def test_scoring_runs_the_code_of_the_checkout_it_belongs_to(monkeypatch, tmp_path):
    """``score`` runs specx from this source tree (first on ``PYTHONPATH``), not whichever
    specx is installed: a second checkout of another commit scores its own code."""
    import subprocess
    import sys
    from pathlib import Path

    from specimens import score as scoring

    seen = {}

    def fake_run(cmd, **kw):
        seen["cmd"], seen["env"] = cmd, kw["env"]
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(scoring.subprocess, "run", fake_run)
    scoring.run_specx([tmp_path / "a.txt"], tmp_path / "out", 1)
    assert seen["cmd"][:3] == [sys.executable, "-m", "extract"]
    assert seen["env"]["PYTHONPATH"].split(os.pathsep)[0] == str(Path(scoring.__file__).resolve().parents[1])
