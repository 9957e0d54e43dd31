"""Stage: the catalogue as tables for downstream systems, generated with pandas from the
catalogue files' contents: CSV (``<out>/catalogue/csv/``, text quoted, with the column types in ``datapackage.json``), Parquet (``<out>/catalogue/parquet/``)
and one SQLite database with primary and foreign keys (``<out>/specx.sqlite``).

``TABLES`` is the one description of the layout (columns, types, keys); the SQLite DDL, the
column order and the pandas dtypes all come from it. ``tables`` is pure; ``write_exports`` writes
every file into an ``emit.Batch``: all renamed into place together, or none.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..emit import Batch
from ..models import WARNING_CODES


@dataclass(frozen=True)
class Table:
    """One exported table: its columns with their SQL types, primary key and foreign keys
    (``(columns, parent table, parent columns)``)."""

    name: str
    columns: tuple[tuple[str, str], ...]  # (column, "TEXT" | "INTEGER" | "BOOLEAN")
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()


_UNIT = ((("unit_id",), "units", ("unit_id",)),)
_QUALIFICATION = ((("qualification_id",), "qualifications", ("qualification_id",)),)


def _document(column: str):
    """The foreign key of a column naming a document (-> ``documents.document``)."""
    return (((column,), "documents", ("document",)),)


TABLES = (
    Table("qualifications",
          (("qualification_id", "TEXT"), ("number", "TEXT"), ("title", "TEXT"), ("awarding_body", "TEXT"),
           ("level", "INTEGER"), ("tqt", "INTEGER"), ("glh", "INTEGER"), ("min_credits", "INTEGER")),
          ("qualification_id",)),
    Table("documents",
          (("document", "TEXT"), ("path", "TEXT"), ("sha256", "TEXT"), ("qualification_id", "TEXT")),
          ("document",), _QUALIFICATION),
    Table("units",
          (("unit_id", "TEXT"), ("reference", "TEXT"), ("title", "TEXT"), ("level", "INTEGER"),
           ("credits", "INTEGER"), ("glh", "INTEGER"), ("title_from", "TEXT"), ("level_from", "TEXT"),
           ("credits_from", "TEXT"), ("glh_from", "TEXT"), ("outcomes_from", "TEXT")),
          ("unit_id",),
          sum((_document(f"{f}_from") for f in ("title", "level", "credits", "glh", "outcomes")), ())),
    Table("qualification_units",
          (("qualification_id", "TEXT"), ("group_position", "INTEGER"), ("group_name", "TEXT"),
           ("mandatory", "BOOLEAN"), ("group_min_credits", "INTEGER"), ("group_max_credits", "INTEGER"),
           ("position", "INTEGER"), ("unit_id", "TEXT")),
          ("qualification_id", "group_position", "unit_id"), _QUALIFICATION + _UNIT),
    Table("learning_outcomes",
          (("unit_id", "TEXT"), ("lo_number", "TEXT"), ("position", "INTEGER"), ("text", "TEXT"),
           ("source_document", "TEXT")),
          ("unit_id", "lo_number"), _UNIT + _document("source_document")),
    Table("assessment_criteria",
          (("unit_id", "TEXT"), ("lo_number", "TEXT"), ("ac_number", "TEXT"), ("position", "INTEGER"),
           ("text", "TEXT"), ("source_document", "TEXT")),
          ("unit_id", "lo_number", "ac_number"),
          ((("unit_id", "lo_number"), "learning_outcomes", ("unit_id", "lo_number")),) + _document("source_document")),
    Table("unit_sources",
          (("unit_id", "TEXT"), ("document", "TEXT"), ("path", "TEXT"), ("awarding_body", "TEXT"),
           ("qualification_id", "TEXT"), ("local_number", "TEXT"), ("group_name", "TEXT"), ("title", "TEXT"),
           ("level", "INTEGER"), ("credits", "INTEGER"), ("glh", "INTEGER"), ("outcomes", "INTEGER"),
           ("criteria", "INTEGER"), ("warnings", "TEXT"), ("penalty", "INTEGER")),
          ("unit_id", "document"), _UNIT + _QUALIFICATION + _document("document")),
    Table("warning_codes", (("code", "TEXT"), ("description", "TEXT")), ("code",)),
    Table("unit_source_warnings",
          (("unit_id", "TEXT"), ("document", "TEXT"), ("code", "TEXT"), ("count", "INTEGER")),
          ("unit_id", "document", "code"),
          ((("unit_id", "document"), "unit_sources", ("unit_id", "document")),
           (("code",), "warning_codes", ("code",)))),
    Table("ofqual_qualifications",
          (("qualification_id", "TEXT"), ("qualificationNumber", "TEXT"), ("qualificationNumberNoObliques", "TEXT"),
           ("title", "TEXT"), ("level", "TEXT"), ("organisationName", "TEXT"), ("totalCredits", "INTEGER"),
           ("tqt", "INTEGER"), ("glh", "INTEGER")),
          ("qualification_id",), _QUALIFICATION),
)
"""Parents before children: the order tables are created and filled in. ``unit_sources.warnings``
(codes joined by spaces, repeats kept) stays for existing readers; ``unit_source_warnings`` has
one row per code with its count. ``ofqual_qualifications`` is ``qualifications`` under the field
names of the Ofqual Register (``OFQUAL_FIELDS``)."""

OFQUAL_FIELDS = {"qualificationNumber": "number", "qualificationNumberNoObliques": "number without `/`",
                 "title": "title", "level": "level as the Register writes it (`Level 3`)",
                 "organisationName": "awarding_body", "totalCredits": "min_credits", "tqt": "tqt", "glh": "glh"}
"""Ofqual Register field -> the catalogue field it holds."""

DTYPES = {"TEXT": "string", "INTEGER": "Int64", "BOOLEAN": "boolean"}


def _qualification_rows(rows: dict[str, list[dict]], q: dict) -> None:
    """One catalogue qualification -> its rows in ``qualifications``, ``qualification_units``
    (one per unit of each group, positions from 1), ``documents`` and ``ofqual_qualifications``."""
    rows["qualifications"].append({k: q[k] for k in ("qualification_id", "number", "title", "awarding_body",
                                                     "level", "tqt", "glh", "min_credits")})
    for g_pos, g in enumerate(q["groups"], 1):
        for pos, uid in enumerate(g["units"], 1):
            rows["qualification_units"].append({
                "qualification_id": q["qualification_id"], "group_position": g_pos, "group_name": g["name"],
                "mandatory": g["mandatory"], "group_min_credits": g["min_credits"],
                "group_max_credits": g["max_credits"], "position": pos, "unit_id": uid})
    for source in q["sources"]:
        rows["documents"].append({"document": source["document"], "path": source["path"],
                                  "sha256": source["sha256"], "qualification_id": q["qualification_id"]})
    rows["ofqual_qualifications"].append({
        "qualification_id": q["qualification_id"], "qualificationNumber": q["number"],
        "qualificationNumberNoObliques": q["number"].replace("/", "") if q["number"] else None,
        "title": q["title"], "level": _ofqual_level(q["level"]), "organisationName": q["awarding_body"],
        "totalCredits": q["min_credits"], "tqt": q["tqt"], "glh": q["glh"]})


def _outcome_rows(rows: dict[str, list[dict]], u: dict) -> None:
    """One catalogue unit's outcomes and criteria -> ``learning_outcomes`` and
    ``assessment_criteria`` rows, positions from 1 as the unit orders them."""
    for lo_pos, lo in enumerate(u["learning_outcomes"], 1):
        rows["learning_outcomes"].append({"unit_id": u["unit_id"], "lo_number": lo["number"], "position": lo_pos,
                                          "text": lo["text"], "source_document": lo["source"]})
        for ac_pos, ac in enumerate(lo["assessment_criteria"], 1):
            rows["assessment_criteria"].append({
                "unit_id": u["unit_id"], "lo_number": lo["number"], "ac_number": ac["number"],
                "position": ac_pos, "text": ac["text"], "source_document": ac["source"]})


def _source_rows(rows: dict[str, list[dict]], u: dict) -> None:
    """One catalogue unit's copies -> ``unit_sources`` rows and, per copy, one
    ``unit_source_warnings`` row per warning code with its count."""
    for s in u["sources"]:
        rows["unit_sources"].append({
            "unit_id": u["unit_id"], "document": s["document"], "path": s["path"],
            "awarding_body": s["awarding_body"], "qualification_id": s["qualification"],
            "local_number": s["number"], "group_name": s["group"], "title": s["title"], "level": s["level"],
            "credits": s["credits"], "glh": s["glh"], "outcomes": s["outcomes"], "criteria": s["criteria"],
            "warnings": " ".join(s["warnings"]) or None, "penalty": s["penalty"]})
        for code, count in sorted(Counter(s["warnings"]).items()):
            rows["unit_source_warnings"].append({"unit_id": u["unit_id"], "document": s["document"],
                                                 "code": code, "count": count})


def _unit_rows(rows: dict[str, list[dict]], u: dict) -> None:
    """One catalogue unit -> its ``units`` row (with the document each field came from), its
    outcome and criterion rows and its source rows."""
    chosen = u["chosen_from"]
    rows["units"].append({**{k: u[k] for k in ("unit_id", "reference", "title", "level", "credits", "glh")},
                          **{f"{k}_from": chosen[k] for k in ("title", "level", "credits", "glh")},
                          "outcomes_from": chosen["learning_outcomes"]})
    _outcome_rows(rows, u)
    _source_rows(rows, u)


def _rows(files: dict[str, dict]) -> dict[str, list[dict]]:
    """Catalogue file contents -> rows per table (plain dicts)."""
    rows: dict[str, list[dict]] = {t.name: [] for t in TABLES}
    for q in files["qualifications"]["qualifications"]:
        _qualification_rows(rows, q)
    rows["warning_codes"] = [{"code": c, "description": d} for c, d in WARNING_CODES.items()]
    for u in files["units"]["units"]:
        _unit_rows(rows, u)
    return rows


def _ofqual_level(level):
    """A level as the Ofqual Register writes it (``Level 3``), or None."""
    return None if level is None else f"Level {level}"


def frame(table: Table, rows: list[dict]) -> pd.DataFrame:
    """Rows -> a DataFrame with the table's columns in order and their nullable dtypes."""
    columns = [c for c, _ in table.columns]
    df = pd.DataFrame(rows, columns=columns)
    return df.astype({c: DTYPES[t] for c, t in table.columns})


def tables(files: dict[str, dict]) -> dict[str, pd.DataFrame]:
    """Catalogue file contents (``catalogue.build``) -> one DataFrame per table in ``TABLES``."""
    rows = _rows(files)
    return {t.name: frame(t, rows[t.name]) for t in TABLES}


def ddl(table: Table) -> str:
    """``CREATE TABLE`` with the primary key (columns NOT NULL) and foreign keys."""
    parts = [f'"{c}" {t}' + (" NOT NULL" if c in table.primary_key else "") for c, t in table.columns]
    parts.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    parts += [f"FOREIGN KEY ({', '.join(cols)}) REFERENCES {parent} ({', '.join(ref)})"
              for cols, parent, ref in table.foreign_keys]
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(parts) + "\n)"


def indexes(table: Table) -> list[str]:
    """``CREATE INDEX`` for every foreign key whose columns do not lead the primary key (SQLite
    indexes the primary key itself, not foreign keys): joins from parent to child use them."""
    found = []
    for cols, _, _ in table.foreign_keys:
        if tuple(table.primary_key[:len(cols)]) != tuple(cols):
            name = f"{table.name}_by_{'_'.join(cols)}"
            found.append(f'CREATE INDEX "{name}" ON "{table.name}" ({", ".join(chr(34) + c + chr(34) for c in cols)})')
    return list(dict.fromkeys(found))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP "CSV Injection"


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """CSV is opened in spreadsheets, which run a cell starting ``= + - @`` (or tab, CR) as a
    formula (``=HYPERLINK(…)``): such text cells get a leading ``'``, as OWASP advises. Only the
    CSV files; Parquet and SQLite keep the text as extracted."""
    text = [c for c in df.columns if pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c])]
    if not text:
        return df
    # tolist(): an Arrow-backed column converts at once, 4x as fast as iterating its array
    risky = [c for c in text if any(isinstance(v, str) and v.startswith(_FORMULA_START) for v in df[c].tolist())]
    if not risky:  # the usual case: nothing to quote, no copy
        return df
    safe = df.copy()
    for c in risky:
        safe[c] = safe[c].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return safe


def write_sqlite(frames: dict[str, pd.DataFrame], tmp: Path) -> None:
    """All tables into one new SQLite file, foreign keys enforced while loading and checked after."""
    con = sqlite3.connect(tmp)
    try:
        # a fresh temporary file, fsynced and renamed whole by the batch: no journal or per-commit sync needed
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA foreign_keys = ON")
        for table in TABLES:
            con.execute(ddl(table))
            frames[table.name].to_sql(table.name, con, if_exists="append", index=False)
            for statement in indexes(table):
                con.execute(statement)
        broken = con.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ValueError(f"foreign keys do not resolve: {broken[:5]}")
        con.commit()
    finally:
        con.close()


def write_exports(files: dict[str, dict], folder: Path, sqlite_path: Path, batch: Batch) -> list[Path]:
    """CSV and Parquet per table under ``folder``, and the SQLite database, written into
    ``batch`` (renamed into place together by the caller) -> paths written."""
    frames = tables(files)
    written = []
    write_sqlite(frames, batch.path(sqlite_path))  # first: the strictest check (keys) fails before the rest
    for name, df in frames.items():
        text = folder / "csv" / f"{name}.csv"
        batch.write_text(text, csv_safe(df).to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC))
        parquet = folder / "parquet" / f"{name}.parquet"
        df.to_parquet(batch.path(parquet), index=False, engine="pyarrow")
        written += [text, parquet]
    package = folder / "csv" / "datapackage.json"
    batch.write_text(package, json.dumps(datapackage(), indent=2) + "\n")
    return written + [package, sqlite_path]


FRICTIONLESS_TYPES = {"TEXT": "string", "INTEGER": "integer", "BOOLEAN": "boolean"}


def datapackage() -> dict:
    """The CSV files' column types and keys as a Frictionless Data Package
    (``catalogue/csv/datapackage.json``, https://specs.frictionlessdata.io/): a reader takes each
    column's type from it instead of guessing (``ac_number`` ``1.10`` is text, not the number 1.1)."""
    resources = []
    for table in TABLES:
        fields = [{"name": c, "type": FRICTIONLESS_TYPES[t],
                   **({"constraints": {"required": True}} if c in table.primary_key else {})}
                  for c, t in table.columns]
        schema = {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}
        if table.foreign_keys:
            schema["foreignKeys"] = [{"fields": list(cols), "reference": {"resource": parent, "fields": list(ref)}}
                                     for cols, parent, ref in table.foreign_keys]
        for f in fields:
            if f["type"] == "boolean":
                f.update(trueValues=["True"], falseValues=["False"])
        resources.append({"name": table.name, "path": f"{table.name}.csv", "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                          "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
                          "schema": schema})
    return {"profile": "tabular-data-package", "name": "specx-catalogue", "resources": resources}
