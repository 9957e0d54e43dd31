"""Change reports: a revised corpus document against the hand-written golden report
(``golden/changes/``), ``specx diff``, and the comparison rules on small documents."""

import json
import re
import shutil

from conftest import GOLDEN, RAW
from test_cli import specx

from extract.ops.changes import build_report, diff_document, diff_outputs, is_empty, render_markdown

DOC = "004_1843c058c36d64e5.txt"
UNIT_38 = "**Unit 38 Negotiate in a business environment (H/506/1912)**"
UNIT_39 = "**Unit 39 Bespoke software (F/502/4396)**"


def _once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _cut_section(text: str, start: str, end: str) -> str:
    """Delete from the first ``start`` up to (not including) the next ``end``."""
    a = text.index(start)
    return text[:a] + text[text.index(end, a):]


def revise(text: str) -> str:
    """The three edits described in ``golden/changes/README.md``."""
    text = _once(text, "- 1.3 Describe the characteristics of challenging customers",
                 "- 1.3 Describe the behaviour of challenging customers")
    text = _once(text, "- Unit 39 Bespoke software (3 credits)", "- Unit 39 Bespoke software (4 credits)")
    summary = text.index(UNIT_39)  # the unit summary, before the outcomes section
    credit = text.index("Credit value: 3", summary)
    assert credit < text.index("---", summary)
    text = text[:credit] + "Credit value: 4" + text[credit + len("Credit value: 3"):]
    text = _once(text, "- Unit 38 Negotiate in a business environment (4 credits)\n", "")
    text = _cut_section(text, UNIT_38, UNIT_39)  # unit summary
    text = _cut_section(text, UNIT_38, UNIT_39)  # outcomes and criteria
    assert "H/506/1912" not in text and "Unit 38" not in text
    return text


def test_revised_document_change_report_matches_golden(tmp_path):
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / DOC
    original = (RAW / DOC).read_bytes().decode("utf-8")
    source.write_bytes(original.encode("utf-8"))
    assert specx("run", "in", "--out", "out", "--quiet", cwd=tmp_path).returncode == 0
    shutil.copytree(tmp_path / "out", tmp_path / "before")

    source.write_bytes(revise(original).encode("utf-8"))
    r = specx("run", "in", "--out", "out", "--quiet", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert summary["extracted"] == 1
    report_path = tmp_path / summary["changes"]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    expected = json.loads((GOLDEN / "changes" / "004_revised.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", report["generated"])
    stamp = report["generated"].replace("-", "").replace(":", "")
    assert re.fullmatch(rf"{stamp}(-\d+)?\.json", report_path.name)  # -2: a second report in the same second
    assert {**report, "generated": expected["generated"]} == expected

    markdown = report_path.with_suffix(".md").read_text(encoding="utf-8")
    expected_md = (GOLDEN / "changes" / "004_revised.md").read_text(encoding="utf-8")
    assert markdown.replace(report["generated"], expected["generated"]) == expected_md

    # `specx diff` on the two folders and on the two files gives the same documents
    for old, new in [("before", "out"), (f"before/{source.stem}.json", f"out/{source.stem}.json")]:
        r = specx("diff", old, new, "--format", "json", cwd=tmp_path)
        assert r.returncode == 1, r.stderr
        diffed = json.loads(r.stdout)
        assert (diffed["old"], diffed["new"]) == (old, new)
        assert diffed["documents"] == expected["documents"] and diffed["summary"] == expected["summary"]
    r = specx("diff", "before", "out", cwd=tmp_path)
    assert r.stdout.split("\n", 3)[3] == expected_md.split("\n", 3)[3]  # markdown after the header line


def test_diff_of_identical_outputs_and_usage_errors(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(RAW / "003_c75e736c7d0ad4f6.txt", tmp_path / "in")
    specx("run", "in", "--out", "out", "--quiet", cwd=tmp_path)
    same = specx("diff", "out", "out", cwd=tmp_path)
    assert same.returncode == 0 and "No changes." in same.stdout
    assert specx("diff", "out", "out/003_c75e736c7d0ad4f6.json", cwd=tmp_path).returncode == 2
    bad = specx("diff", "out/manifest.json", "out/003_c75e736c7d0ad4f6.json", cwd=tmp_path)
    assert bad.returncode == 2 and "manifest.json: not a specx document output" in bad.stderr
    missing = specx("diff", "out", "missing", cwd=tmp_path)
    assert missing.returncode == 2 and "missing: no such file or folder" in missing.stderr


# --- comparison rules -------------------------------------------------------------------------

def _doc(units, groups=(), **qualification):
    return {"schema_version": "1.0",
            "source": {"path": "raw/x.txt", "sha256": "0" * 64, "format": "text", "pages": None},
            "awarding_body": "NCFE",
            "qualification": {"title": "Diploma", "number": None, "level": 2, "tqt": None, "glh": None,
                              "min_credits": None, "groups": list(groups), **qualification},
            "units": list(units), "warnings": []}


def _unit(reference, outcomes=(), number=None, title="Unit", credits=3, line=1):
    return {"reference": reference, "number": number, "title": title, "level": 2, "credits": credits,
            "glh": 10, "location": {"page": None, "line": line},
            "learning_outcomes": [{"number": n, "text": t, "location": {"page": None, "line": line},
                                   "assessment_criteria": [{"number": a, "text": at} for a, at in acs]}
                                  for n, t, acs in outcomes]}


def test_outcomes_and_criteria_added_removed_reworded():
    old = _doc([_unit("A/000/0001", [("1", "Know things", [("1.1", "Describe a"), ("1.2", "Explain b")]),
                                     ("2", "Do things", [("2.1", "Carry out c")])])])
    new = _doc([_unit("A/000/0001", [("1", "Know things well", [("1.1", "Describe a"), ("1.3", "List d")]),
                                     ("10", "Lost text", [("10.1", None)])])])
    kind, entry = diff_document("x", old, new)
    [unit] = entry["units"]["changed"]
    assert kind == "changed" and unit["fields"] == {}
    assert unit["learning_outcomes"] == [
        {"number": "1", "change": "reworded", "old": "Know things", "new": "Know things well"},
        {"number": "2", "change": "removed", "old": "Do things", "new": None},
        {"number": "10", "change": "added", "old": None, "new": "Lost text"}]
    assert unit["assessment_criteria"] == [  # in number order; a removed LO's criteria are listed too
        {"number": "1.2", "change": "removed", "old": "Explain b", "new": None},
        {"number": "1.3", "change": "added", "old": None, "new": "List d"},
        {"number": "2.1", "change": "removed", "old": "Carry out c", "new": None},
        {"number": "10.1", "change": "added", "old": None, "new": None}]
    markdown = render_markdown(build_report([("x", old, new)], "a", "b"))
    assert "- LO 1 reworded\n  - old: Know things\n  - new: Know things well" in markdown
    assert "- AC 1.2 removed: Explain b" in markdown and "- LO 10 added: Lost text" in markdown


def test_units_matched_by_reference_else_local_number():
    old = _doc([_unit(None, number="301", title="Old title"), _unit("A/000/0001", title="Gone")])
    new = _doc([_unit(None, number="301", title="New title", credits=5), _unit("B/000/0002", title="New")])
    _, entry = diff_document("x", old, new)
    units = entry["units"]
    assert [u["unit"] for u in units["added"]] == ["B/000/0002"]
    assert [u["unit"] for u in units["removed"]] == ["A/000/0001"]
    [changed] = units["changed"]
    assert changed["unit"] == "unit 301"
    assert changed["fields"] == {"title": {"old": "Old title", "new": "New title"}, "credits": {"old": 3, "new": 5}}


def test_qualification_and_group_changes():
    group = {"name": "Group A", "mandatory": True, "min_credits": 10, "max_credits": None, "units": ["A/000/0001"]}
    old = _doc([], [group], title="Diploma")
    new = _doc([], [{**group, "min_credits": 12, "units": ["B/000/0002"]},
                    {"name": "Group B", "mandatory": False, "min_credits": None, "max_credits": None, "units": []}],
               title="Extended Diploma", tqt=500)
    _, entry = diff_document("x", old, new)
    assert entry["qualification"] == {"title": {"old": "Diploma", "new": "Extended Diploma"},
                                      "tqt": {"old": None, "new": 500}}
    assert [g["name"] for g in entry["groups"]["added"]] == ["Group B"] and entry["groups"]["removed"] == []
    assert entry["groups"]["changed"] == [{"name": "Group A", "fields": {"min_credits": {"old": 10, "new": 12}},
                                           "units_added": ["B/000/0002"], "units_removed": ["A/000/0001"]}]


def test_only_locations_moved_is_a_change_without_content():
    old, new = _doc([_unit("A/000/0001", [("1", "Know", [])], line=5)]), _doc([_unit("A/000/0001", [("1", "Know", [])], line=9)])
    kind, entry = diff_document("x", old, new)
    assert kind == "changed" and entry["also_changed"] == ["locations"]
    assert entry["units"] == {"added": [], "removed": [], "changed": []} and entry["qualification"] == {}
    assert diff_document("x", old, old) == ("same", None)


def test_report_lists_added_and_removed_documents():
    a, b = _doc([_unit("A/000/0001")]), _doc([])
    report = build_report([("new", None, a), ("old", b, None), ("same", a, a)], "before", "after")
    assert report["documents"]["added"] == [{"document": "new", "source": "raw/x.txt", "units": 1}]
    assert report["documents"]["removed"] == [{"document": "old", "source": "raw/x.txt", "units": 0}]
    assert report["summary"] == {"documents_added": 1, "documents_removed": 1, "documents_changed": 0,
                                 "units_added": 0, "units_removed": 0, "units_changed": 0}
    markdown = render_markdown(report)
    assert "## Added\n\n- new (`raw/x.txt`, 1 units)" in markdown and "## Removed\n\n- old" in markdown


def test_only_the_input_path_differs_is_no_change(tmp_path):
    """Two folders extracted from the same inputs at two paths: nothing to report (was: every
    document listed as changed)."""
    old = _doc([_unit("A/000/0001", [("1", "Know", [])])])
    new = json.loads(json.dumps(old))
    new["source"]["path"] = "/elsewhere/x.txt"
    assert diff_document("x", old, new) == ("same", None)
    for folder, doc in (("a", old), ("b", new)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.json").write_text(json.dumps(doc))
    assert is_empty(diff_outputs(tmp_path / "a", tmp_path / "b"))
    new["source"]["sha256"] = "f" * 64  # other bytes, same content: still listed, as documented
    kind, entry = diff_document("x", old, new)
    assert kind == "changed" and entry["also_changed"] == ["source"]
