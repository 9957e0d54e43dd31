"""The catalogue (one record per unit across documents) and its CSV / Parquet / SQLite exports.

The corpus catalogue is built twice: from the pipeline's outputs for raw/ and from the
hand-checked golden files. Both must match ``golden/catalogue/expected.json``, written by hand
from the golden files and the sources: shared units with every source, the real conflicts, the
possible duplicates, and hand-checked canonical values.
"""

import json
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from itertools import combinations

import jsonschema
import pandas as pd
import pytest

from conftest import GOLDEN, RAW, ROOT
from extract.catalogue.build import CATALOGUE_SCHEMAS, build, build_catalogue
from extract.catalogue.choose import compatible
from extract.catalogue.compare import conflict_kind, dice, items, words
from extract.catalogue.documents import read_document
from extract.catalogue.duplicates import similar_titles
from extract.catalogue.export import DTYPES, TABLES
from extract.models import WARNING_CODES, json_schema
from extract.pipeline import extract_document

EXPECTED = json.loads((GOLDEN / "catalogue" / "expected.json").read_text(encoding="utf-8"))
DOCS = EXPECTED["documents"]


def _doc(short: str) -> str:
    return DOCS[short]


@pytest.fixture(scope="module")
def pipeline_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("pipeline")
    for raw in sorted(RAW.glob("*.txt")):
        doc = extract_document(raw, f"raw/{raw.name}")
        (out / f"{raw.stem}.json").write_text(doc.model_dump_json(), encoding="utf-8")
    build_catalogue(out)
    return out


@pytest.fixture(scope="module")
def golden_out(tmp_path_factory):
    """The golden files as document outputs (their warnings carry only code and unit)."""
    out = tmp_path_factory.mktemp("golden")
    for path in sorted(GOLDEN.glob("0*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["warnings"] = [{**w, "message": "-"} for w in data["warnings"]]
        (out / path.name).write_text(json.dumps(data), encoding="utf-8")
    build_catalogue(out)
    return out


@pytest.fixture(scope="module", params=["pipeline", "golden"])
def out(request):
    return request.getfixturevalue(f"{request.param}_out")


def _load(out, name):
    return json.loads((out / "catalogue" / f"{name}.json").read_text(encoding="utf-8"))


def _units(out) -> dict:
    return {u["unit_id"]: u for u in _load(out, "units")["units"]}


def _texts(unit) -> dict:
    found = {}
    for lo in unit["learning_outcomes"]:
        found[lo["number"]] = lo
        found.update({ac["number"]: ac for ac in lo["assessment_criteria"]})
    return found


# --- catalogue content against the hand-written expectations --------------------------------

def test_shared_units_listed_once_with_every_source(out):
    units = _units(out)
    assert len(units) == EXPECTED["unit_count"]
    shared = {uid: [s["document"] for s in u["sources"]] for uid, u in units.items() if len(u["sources"]) > 1}
    assert shared == {uid: [_doc(d) for d in docs] for uid, docs in EXPECTED["shared_units"].items()}
    assert sorted(uid for uid, u in units.items() if u["reference"] is None) == EXPECTED["unreferenced_units"]


def test_every_document_unit_is_in_exactly_one_record_and_no_false_merges(out):
    """Each unit of each output is one source of exactly one catalogue unit, under its own
    reference: units are never merged across references, whatever their titles."""
    units = _units(out)
    placed = {(s["document"], uid) for uid, u in units.items() for s in u["sources"]}
    assert len(placed) == sum(len(u["sources"]) for u in units.values())
    for path in sorted(out.glob("*.json")):
        for unit in json.loads(path.read_text(encoding="utf-8"))["units"]:
            if unit["reference"]:
                record = units[unit["reference"]]
                source = next(s for s in record["sources"] if s["document"] == path.stem)
                assert source["title"] == unit["title"] and source["number"] == unit["number"]
    # same title, different references: still two records
    assert units["D/506/2153"]["title"] == units["T/601/1235"]["title"] == "Champion customer service"


def test_conflicts_are_the_real_ones(out):
    found = [[c["id"], c["field"], c["number"], c["kind"], [x["document"] for x in c["copies"]], c["missing_in"]]
             for c in _load(out, "conflicts")["conflicts"]]
    expected = [[uid, field, number, kind, [_doc(d) for d in docs], [_doc(d) for d in missing]]
                for uid, field, number, kind, docs, missing in EXPECTED["conflicts"]]
    assert found == expected


def test_conflict_copies_hold_each_documents_printed_value(out):
    """Every value in a conflict is the text that document's output prints for that item."""
    outputs = {p.stem: {(u["reference"] or u["number"]): u for u in json.loads(p.read_text())["units"]}
               for p in out.glob("*.json")}
    for c in _load(out, "conflicts")["conflicts"]:
        for copy in c["copies"]:
            unit = outputs[copy["document"]][c["id"]]
            assert _texts(unit)[c["number"]]["text"] == copy["value"]


def test_possible_duplicates_are_listed_with_evidence_and_not_merged(out):
    found = _load(out, "possible_duplicates")["possible_duplicates"]
    assert [[*d["units"], d["basis"], d["documents"]] for d in found] == \
        [[a, b, basis, [_doc(x) for x in docs]] for a, b, basis, docs in EXPECTED["possible_duplicates"]]
    pairs = {tuple(d["units"]) for d in found}
    assert not pairs & {tuple(sorted(p)) for p in EXPECTED["not_duplicates"]}
    bespoke = next(d for d in found if d["basis"] == "content")
    assert bespoke["identical_texts"] == bespoke["compared_texts"] == 12 and bespoke["content_similarity"] == 1.0
    units = _units(out)
    assert units["J/502/4397"]["level"] == 3 and units["F/502/4396"]["level"] == 2  # two records


def test_canonical_values(out):
    units = _units(out)
    for uid, facts in EXPECTED["canonical"].items():
        unit = units[uid]
        for field, value in facts.get("fields", {}).items():
            assert unit[field] == value, (uid, field)
        if "outcomes_from" in facts:
            assert unit["chosen_from"]["learning_outcomes"] == _doc(facts["outcomes_from"]), uid
        texts = _texts(unit)
        for number, text in facts.get("texts", {}).items():
            assert texts[number]["text"] == text, (uid, number)
        if "numbers" in facts:
            assert list(texts) == facts["numbers"], uid
        if "counts" in facts:
            los = unit["learning_outcomes"]
            assert [len(los), sum(len(lo["assessment_criteria"]) for lo in los)] == facts["counts"], uid


def test_every_canonical_value_is_printed_by_the_copy_recorded(out):
    outputs = {p.stem: json.loads(p.read_text()) for p in out.glob("*.json")}
    for unit in _units(out).values():
        copies = {s["document"]: next(u for u in outputs[s["document"]]["units"]
                                      if (u["reference"], u["number"]) == (unit["reference"], s["number"]))
                  for s in unit["sources"]}
        for field in ("title", "level", "credits", "glh"):
            chosen = unit["chosen_from"][field]
            assert (chosen is None and unit[field] is None) or copies[chosen][field] == unit[field], (unit["unit_id"], field)
        for number, item in _texts(unit).items():
            assert _texts(copies[item["source"]])[number]["text"] == item["text"], (unit["unit_id"], number)


def test_qualifications_link_their_units(out):
    units = _units(out)
    qualifications = {q["qualification_id"]: q for q in _load(out, "qualifications")["qualifications"]}
    assert set(qualifications) == set(EXPECTED["qualifications"])
    for qid, facts in EXPECTED["qualifications"].items():
        q = qualifications[qid]
        linked = [uid for g in q["groups"] for uid in g["units"]]
        assert [s["document"] for s in q["sources"]] == [_doc(facts["document"])]
        assert (q["awarding_body"], q["level"], len(q["groups"]), len(linked)) == \
            (facts["awarding_body"], facts["level"], facts["groups"], facts["units"])
        assert all(qid in {s["qualification"] for s in units[uid]["sources"]} for uid in linked)


def test_catalogue_files_follow_their_committed_schemas(out):
    for name, model in CATALOGUE_SCHEMAS.items():
        committed = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == json.dumps(json_schema(name, model), indent=2, ensure_ascii=False) + "\n", \
            f"schemas/{name}.schema.json is stale: regenerate it from extract/catalogue/models.py"
        data = _load(out, name.removeprefix("catalogue_"))
        jsonschema.validate(data, json.loads(committed))


# --- merge rules on small inputs ------------------------------------------------------------

def _document(name, units, warnings=(), number="601/0000/1"):
    return {"schema_version": "1.0", "source": {"path": f"raw/{name}.txt", "sha256": "0" * 64, "format": "text",
                                                "pages": None},
            "awarding_body": "Body", "warnings": list(warnings),
            "qualification": {"title": "Q", "number": number, "level": 3, "tqt": None, "glh": None, "min_credits": None,
                              "groups": [{"name": "A", "mandatory": True, "min_credits": None, "max_credits": None,
                                          "units": [u["reference"] for u in units]}]},
            "units": units}


def _unit(reference, texts, title="Manage a team", level=3, credits=4):
    los = {}
    for number, text in texts.items():
        lo = number.split(".")[0]
        if "." in number:
            los[lo]["assessment_criteria"].append({"number": number, "text": text, "location": None})
        else:
            los[lo] = {"number": number, "text": text, "assessment_criteria": [], "location": None}
    return {"reference": reference, "number": None, "title": title, "level": level, "credits": credits, "glh": None,
            "learning_outcomes": list(los.values()), "location": None}


TEXTS = {"1": "Understand teams", "1.1": "Explain team roles", "1.2": "Describe team stages",
         "2": "Be able to lead a team", "2.1": "Agree team objectives", "2.2": "Review team progress"}


def test_agreement_between_copies_outweighs_the_most_trusted_copy():
    garbled = {**TEXTS, "2.1": "Agree team objectives 2.2 Review"}
    docs = [("a", _document("a", [_unit("T/506/1980", garbled, level=4)])),
            ("b", _document("b", [_unit("T/506/1980", TEXTS)], [{"code": "text_repaired", "message": "-",
                                                                   "unit": "T/506/1980", "location": None}])),
            ("c", _document("c", [_unit("T/506/1980", TEXTS)], [{"code": "text_repaired", "message": "-",
                                                                   "unit": "T/506/1980", "location": None}]))]
    files = build(docs)
    unit = files["units"]["units"][0]
    assert unit["level"] == 3 and unit["chosen_from"]["level"] == "b"
    assert _texts(unit)["2.1"]["text"] == "Agree team objectives" and _texts(unit)["2.1"]["source"] == "b"
    kinds = {(c["field"], c["number"]): c["kind"] for c in files["conflicts"]["conflicts"]}
    assert kinds == {("level", None): "value", ("criterion", "2.1"): "truncated"}


def test_a_reworded_copy_is_never_mixed_into_the_canonical_unit():
    """Two different texts printed under one reference: the canonical unit is one of them whole."""
    other = {"1": "Know about groups", "1.1": "List group types", "1.2": "Describe team stages", "1.3": "Name leaders",
             "2": "Lead groups", "2.1": "Set goals", "2.2": "Check progress"}
    bad_reference = {"code": "reference_check_failed", "message": "-", "unit": "T/506/1980", "location": None}
    docs = [("a", _document("a", [_unit("T/506/1980", other)], [bad_reference])),
            ("b", _document("b", [_unit("T/506/1980", TEXTS)]))]
    unit = build(docs)["units"]["units"][0]
    assert {n: t["text"] for n, t in _texts(unit).items()} == TEXTS
    assert not compatible(items(_unit("X/000/0000", other)), items(_unit("X/000/0000", TEXTS)))


def test_a_copy_listed_without_outcomes_merges_by_reference():
    docs = [("a", _document("a", [_unit("T/506/1980", {}, level=None, credits=None)], number="501/0000/2")),
            ("b", _document("b", [_unit("T/506/1980", TEXTS)]))]
    files = build(docs)
    [unit] = files["units"]["units"]
    assert [s["document"] for s in unit["sources"]] == ["a", "b"] and unit["level"] == 3
    assert len(_texts(unit)) == len(TEXTS) and not files["conflicts"]["conflicts"]
    assert len(files["qualifications"]["qualifications"]) == 2


def test_unit_ids_and_group_links_for_units_without_reference():
    doc = _document("a", [_unit("T/506/1980", TEXTS)])
    doc["units"].append({**_unit(None, {}), "number": "303"})
    doc["qualification"]["groups"][0]["units"] += ["303", "J/506/1921"]  # J/506/1921 listed but not printed
    qualification, copies = read_document("a", 0, doc)
    assert [c.unit_id for c in copies] == ["T/506/1980", "601/0000/1#303", "J/506/1921"]
    assert qualification["groups"][0]["units"] == ["T/506/1980", "601/0000/1#303", "J/506/1921"]


def test_a_unit_listed_twice_in_a_group_is_linked_once_and_warned(tmp_path):
    from extract.models import Document
    from extract.normalise.validate import validate

    doc = _document("a", [_unit("T/506/1980", TEXTS), _unit("J/506/1921", TEXTS, title="Other")])
    doc["qualification"]["groups"][0]["units"] = ["T/506/1980", "J/506/1921", "T/506/1980"]
    (tmp_path / "a.json").write_text(json.dumps(doc))
    build_catalogue(tmp_path)  # was sqlite3.IntegrityError: UNIQUE constraint failed: qualification_units
    [q] = _load(tmp_path, "qualifications")["qualifications"]
    assert q["groups"][0]["units"] == ["T/506/1980", "J/506/1921"]
    con = sqlite3.connect(tmp_path / "specx.sqlite")
    try:
        assert con.execute("SELECT unit_id FROM qualification_units ORDER BY position").fetchall() == \
            [("T/506/1980",), ("J/506/1921",)]
    finally:
        con.close()
    checked = validate(Document.model_validate(doc))
    assert [(w.code, w.unit) for w in checked.warnings] == [("group_unit_repeated", "T/506/1980")]


def test_a_failing_export_leaves_every_catalogue_file_as_it_was(tmp_path, monkeypatch):
    import extract.catalogue.export

    (tmp_path / "a.json").write_text(json.dumps(_document("a", [_unit("T/506/1980", TEXTS)])))
    build_catalogue(tmp_path)
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p.name != "a.json")
    before = {p: p.read_bytes() for p in files}
    (tmp_path / "a.json").write_text(json.dumps(_document("a", [_unit("T/506/1980", TEXTS, title="Renamed")])))

    def broken(frames, target):
        raise sqlite3.DatabaseError("disk I/O error")

    monkeypatch.setattr(extract.catalogue.export, "write_sqlite", broken)
    with pytest.raises(sqlite3.DatabaseError):
        build_catalogue(tmp_path)
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file() and p.name != "a.json") == files  # no temporaries
    assert {p: p.read_bytes() for p in files} == before  # JSON, CSV, Parquet and SQLite all still the old set


def test_copies_whose_facts_contradict_their_own_structure_table_do_not_outvote_a_clean_copy():
    """Two copies misread the same way (each flagged ``unit_facts_disagree`` by its own document)
    against one clean copy: the clean value wins and the conflict shows who is suspect."""
    def disagree(name):
        return [{"code": "unit_facts_disagree", "message": "-", "unit": "T/506/1980", "location": None}]

    docs = [("a", _document("a", [_unit("T/506/1980", TEXTS, level=5, credits=40)], disagree("a"))),
            ("b", _document("b", [_unit("T/506/1980", TEXTS, level=5, credits=40)], disagree("b"))),
            ("c", _document("c", [_unit("T/506/1980", TEXTS)]))]
    files = build(docs)
    [unit] = files["units"]["units"]
    assert (unit["level"], unit["credits"], unit["chosen_from"]["level"]) == (3, 4, "c")
    level = next(c for c in files["conflicts"]["conflicts"] if c["field"] == "level")
    assert level["chosen"] == "c"
    assert [(c["document"], c["value"], c["suspect"], c["penalty"]) for c in level["copies"]] == \
        [("a", 5, True, 5), ("b", 5, True, 5), ("c", 3, False, 0)]
    # three agreeing suspect copies still outweigh one clean copy; the conflict stays listed
    docs.insert(0, ("0", _document("0", [_unit("T/506/1980", TEXTS, level=5)], disagree("0"))))
    files = build(docs)
    assert files["units"]["units"][0]["level"] == 5
    assert any(c["field"] == "level" and c["chosen"] != "c" for c in files["conflicts"]["conflicts"])


@pytest.mark.parametrize("threshold", [0.5, 0.8])
def test_similar_titles_finds_every_pair_brute_force_finds(pipeline_out, threshold):
    """The rare-word index (prefix filtering) loses no pair that comparing all pairs finds."""
    titles = {uid: frozenset(words(u["title"])) for uid, u in _units(pipeline_out).items()}
    brute = [(a, b, dice(Counter(titles[a]), Counter(titles[b]))) for a, b in combinations(sorted(titles), 2)]
    expected = [(a, b, d) for a, b, d in brute if d >= threshold]
    assert similar_titles(titles, threshold) == expected and len(expected) > 10


@pytest.mark.parametrize("values, kind", [
    (["Keep diaries up-to-date", "Keep diaries up to date"], "spelling"),
    (["Manage individuals performance", "Manage individuals' performance"], "spelling"),
    (["Act as a champion within the", "Act as a champion within the organisation"], "truncated"),
    (["Types of events", "Types of event"], "wording"),
    ([3, 4], "value"),
])
def test_conflict_kinds(values, kind):
    assert conflict_kind(values) == kind


# --- exports --------------------------------------------------------------------------------

def _json_rows(out) -> dict[str, int]:
    units = _load(out, "units")["units"]
    qualifications = _load(out, "qualifications")["qualifications"]
    return {"qualifications": len(qualifications), "units": len(units),
            "qualification_units": sum(len(g["units"]) for q in qualifications for g in q["groups"]),
            "learning_outcomes": sum(len(u["learning_outcomes"]) for u in units),
            "assessment_criteria": sum(len(lo["assessment_criteria"]) for u in units for lo in u["learning_outcomes"]),
            "unit_sources": sum(len(u["sources"]) for u in units),
            "documents": sum(len(q["sources"]) for q in qualifications),
            "ofqual_qualifications": len(qualifications),
            "warning_codes": len(WARNING_CODES),
            "unit_source_warnings": sum(len(set(s["warnings"])) for u in units for s in u["sources"])}


def _exports(out) -> dict[str, dict[str, pd.DataFrame]]:
    """Each export read back as a downstream system would (CSV with the documented column types)."""
    con = sqlite3.connect(out / "specx.sqlite")
    try:
        sql = {t.name: pd.read_sql_query(f'SELECT * FROM "{t.name}"', con) for t in TABLES}
    finally:
        con.close()
    return {"csv": {t.name: pd.read_csv(out / "catalogue" / "csv" / f"{t.name}.csv",
                                        dtype={c: DTYPES[kind] for c, kind in t.columns}) for t in TABLES},
            "parquet": {t.name: pd.read_parquet(out / "catalogue" / "parquet" / f"{t.name}.parquet") for t in TABLES},
            "sqlite": sql}


def _plain(df: pd.DataFrame) -> list[tuple]:
    """Rows as plain Python values (None for null, numbers and booleans as int)."""
    return [tuple(None if pd.isna(v) else v if isinstance(v, str) else int(v) for v in row)
            for row in df.astype(object).itertuples(index=False)]


def test_exports_hold_the_same_rows_as_the_json(pipeline_out):
    counts = _json_rows(pipeline_out)
    exports = _exports(pipeline_out)
    units = _units(pipeline_out)
    for fmt, frames in exports.items():
        assert {name: len(df) for name, df in frames.items()} == counts, fmt
        assert list(frames["units"]["unit_id"]) == list(units), fmt
        ac = frames["assessment_criteria"]
        texts = {(u, n): t for u, n, t in zip(ac["unit_id"], ac["ac_number"], ac["text"])}
        assert texts == {(uid, n): item["text"] for uid, unit in units.items()
                         for n, item in _texts(unit).items() if "." in n}, fmt
    for name in counts:
        assert _plain(exports["csv"][name]) == _plain(exports["parquet"][name]) == _plain(exports["sqlite"][name]), name


def test_sqlite_has_primary_and_foreign_keys_that_resolve(pipeline_out):
    con = sqlite3.connect(pipeline_out / "specx.sqlite")
    try:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        for table in TABLES:
            pk = [row[1] for row in sorted(con.execute(f'PRAGMA table_info("{table.name}")'), key=lambda r: r[5]) if row[5]]
            assert pk == list(table.primary_key), table.name
            parents = {row[2] for row in con.execute(f'PRAGMA foreign_key_list("{table.name}")')}
            assert parents == {parent for _, parent, _ in table.foreign_keys}, table.name
        assert {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == \
            {t.name for t in TABLES}
        con.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("INSERT INTO learning_outcomes VALUES ('X/000/0000', '1', 1, 'text', 'doc')")
    finally:
        con.close()


def test_sqlite_indexes_every_foreign_key_and_documents_back_source_document(pipeline_out):
    con = sqlite3.connect(pipeline_out / "specx.sqlite")
    try:
        for table in TABLES:
            leading = set()
            for _, index, *_ in con.execute(f'PRAGMA index_list("{table.name}")'):
                cols = [row[2] for row in sorted(con.execute(f'PRAGMA index_info("{index}")'))]
                leading |= {tuple(cols[:n]) for n in range(1, len(cols) + 1)}
            for cols, _, _ in table.foreign_keys:
                assert tuple(cols) in leading, (table.name, cols)  # was: no index on foreign-key columns
        plan = " ".join(r[3] for r in con.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM qualification_units WHERE unit_id = 'D/506/2153'"))
        assert "USING INDEX" in plan, plan
        docs = {r[0] for r in con.execute("SELECT document FROM documents")}
        used = {r[0] for t in ("learning_outcomes", "assessment_criteria")
                for r in con.execute(f"SELECT DISTINCT source_document FROM {t}")}
        assert used and used <= docs and len(docs) == len(list(RAW.glob("*.txt")))
        rows = con.execute("SELECT unit_id, document, code, count FROM unit_source_warnings").fetchall()
        assert len({(u, d, c) for u, d, c, _ in rows}) == len(rows) and any(n > 1 for *_, n in rows)
        joined = dict(((u, d), w) for u, d, w in con.execute("SELECT unit_id, document, warnings FROM unit_sources"))
        for u, d, code, count in rows:
            assert joined[(u, d)].split().count(code) == count
    finally:
        con.close()


def test_csv_ships_its_types_so_identifiers_survive_a_reader(pipeline_out):
    """Default ``pandas.read_csv`` makes ``ac_number`` a float (``1.1`` = ``1.10``: primary-key
    collisions); the data package beside the CSV files gives every column's type."""
    folder = pipeline_out / "catalogue" / "csv"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == [t.name for t in TABLES]
    for resource, table in zip(package["resources"], TABLES):
        header = (folder / resource["path"]).read_text(encoding="utf-8").splitlines()[0]
        assert header == ",".join(f'"{c}"' for c, _ in table.columns)
        assert [f["name"] for f in resource["schema"]["fields"]] == [c for c, _ in table.columns]
        assert resource["schema"]["primaryKey"] == list(table.primary_key)
    readme = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    recipe = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    scope = {}
    exec(recipe.replace('Path("normalized/catalogue/csv")', f"Path({str(folder)!r})"), scope)  # the documented way to read a CSV with its types
    ac = scope["read"]("assessment_criteria")
    assert str(ac["ac_number"].dtype) == "string" and not ac.duplicated(["unit_id", "lo_number", "ac_number"]).any()
    assert {"1.10", "1.1"} <= set(ac["ac_number"])
    assert pd.read_csv(folder / "assessment_criteria.csv").duplicated(["unit_id", "lo_number", "ac_number"]).any()
    sources = scope["read"]("unit_sources")
    assert sources["local_number"].str.fullmatch(r"0\d").any() and str(sources["level"].dtype) == "Int64"


def test_ofqual_register_field_names(pipeline_out):
    con = sqlite3.connect(pipeline_out / "specx.sqlite")
    try:
        row = con.execute('SELECT "qualificationNumber", "qualificationNumberNoObliques", title, level, '
                          '"organisationName", "totalCredits", tqt, glh FROM ofqual_qualifications '
                          "WHERE \"qualificationNumber\" = '601/3577/3'").fetchone()
        q = con.execute("SELECT number, title, level, awarding_body, min_credits, tqt, glh FROM qualifications "
                        "WHERE number = '601/3577/3'").fetchone()
    finally:
        con.close()
    assert row == ("601/3577/3", "60135773", q[1], f"Level {q[2]}", q[3], q[4], q[5], q[6])
    readme = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    for name in ("qualificationNumber", "organisationName", "totalCredits"):
        assert f"`{name}`" in readme


def test_readme_query_joins_a_qualification_to_its_criteria(pipeline_out):
    readme = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    query = re.search(r"```sql\n(.*?)```", readme, re.S).group(1)
    con = sqlite3.connect(pipeline_out / "specx.sqlite")
    try:
        rows = con.execute(query).fetchall()
    finally:
        con.close()
    units = _units(pipeline_out)
    q = next(q for q in _load(pipeline_out, "qualifications")["qualifications"] if q["number"] == "601/3577/3")
    assert len(rows) == sum(len(lo["assessment_criteria"]) for g in q["groups"] for uid in g["units"]
                            for lo in units[uid]["learning_outcomes"]) > 600


# --- command line ---------------------------------------------------------------------------

def test_cli_builds_from_good_outputs_and_names_bad_ones(pipeline_out, tmp_path):
    for name in ("002_e717978a9050c68c", "003_c75e736c7d0ad4f6"):
        (tmp_path / f"{name}.json").write_text((pipeline_out / f"{name}.json").read_text())
    (tmp_path / "manifest.json").write_text('{"format": "specx-manifest/1", "entries": {}}')  # not a document
    (tmp_path / "broken.json").write_text('{"schema_version": "1.0", "source": {}, "qualification": {}}')
    (tmp_path / "truncated.json").write_text('{"schema_version": "1.0", "sou')
    r = subprocess.run([sys.executable, "-m", "extract", "catalogue", "--out", str(tmp_path)], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "broken.json: not a valid document output" in r.stderr and "truncated.json: unreadable" in r.stderr
    assert "manifest.json" not in r.stderr
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert (summary["documents"], summary["shared_units"]) == (2, 17)
    assert (tmp_path / "specx.sqlite").exists() and (tmp_path / "catalogue" / "csv" / "units.csv").exists()
    assert not list(tmp_path.rglob("*.tmp"))


def test_cli_usage_errors(tmp_path):
    run = [sys.executable, "-m", "extract", "catalogue", "--out"]
    assert subprocess.run(run + [str(tmp_path / "missing")], cwd=ROOT, capture_output=True).returncode == 2
    r = subprocess.run(run + [str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 1 and "no per-document output" in r.stderr


def test_a_copy_from_a_poorly_read_document_weighs_less():
    """The document's quality section counts in every copy's penalty."""
    from extract.catalogue.documents import LOW_QUALITY, read_document

    doc = {"qualification": {"number": "500/0000/0", "title": None, "level": None, "tqt": None, "glh": None,
                             "min_credits": None, "groups": []},
           "source": {"path": "x.txt", "sha256": "0" * 64, "format": "text", "pages": None}, "awarding_body": None, "warnings": [],
           "units": [{"reference": "A/000/0000", "number": None, "title": "T", "level": 3, "credits": 1, "glh": 1,
                      "learning_outcomes": []}]}
    good = read_document("good", 0, {**doc, "quality": {"criterion_coverage": 1.0}})[1][0]
    poor = read_document("poor", 1, {**doc, "quality": {"criterion_coverage": 0.5}})[1][0]
    assert (good.penalty, poor.penalty) == (0, LOW_QUALITY)
