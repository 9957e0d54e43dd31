"""Stage: the catalogue as tables for downstream systems, generated with pandas from the
catalogue files' contents: CSV (``<out>/catalogue/csv/``), Parquet (``<out>/catalogue/parquet/``)
and one SQLite database with primary and foreign keys (``<out>/specx.sqlite``).

``TABLES`` is the one description of the layout (columns, types, keys); the SQLite DDL, the
column order and the pandas dtypes all come from it. ``tables`` is pure; ``write_exports`` writes
every file atomically (temporary file in the same folder, fsync, rename).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .emit import atomic_path, write_text


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (column, "TEXT" | "INTEGER" | "BOOLEAN")
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()


_UNIT = ((("unit_id",), "units", ("unit_id",)),)
_QUALIFICATION = ((("qualification_id",), "qualifications", ("qualification_id",)),)

TABLES = (
    Table("qualifications",
          (("qualification_id", "TEXT"), ("number", "TEXT"), ("title", "TEXT"), ("awarding_body", "TEXT"),
           ("level", "INTEGER"), ("tqt", "INTEGER"), ("glh", "INTEGER"), ("min_credits", "INTEGER")),
          ("qualification_id",)),
    Table("units",
          (("unit_id", "TEXT"), ("reference", "TEXT"), ("title", "TEXT"), ("level", "INTEGER"),
           ("credits", "INTEGER"), ("glh", "INTEGER"), ("title_from", "TEXT"), ("level_from", "TEXT"),
           ("credits_from", "TEXT"), ("glh_from", "TEXT"), ("outcomes_from", "TEXT")),
          ("unit_id",)),
    Table("qualification_units",
          (("qualification_id", "TEXT"), ("group_position", "INTEGER"), ("group_name", "TEXT"),
           ("mandatory", "BOOLEAN"), ("group_min_credits", "INTEGER"), ("group_max_credits", "INTEGER"),
           ("position", "INTEGER"), ("unit_id", "TEXT")),
          ("qualification_id", "group_position", "unit_id"), _QUALIFICATION + _UNIT),
    Table("learning_outcomes",
          (("unit_id", "TEXT"), ("lo_number", "TEXT"), ("position", "INTEGER"), ("text", "TEXT"),
           ("source_document", "TEXT")),
          ("unit_id", "lo_number"), _UNIT),
    Table("assessment_criteria",
          (("unit_id", "TEXT"), ("lo_number", "TEXT"), ("ac_number", "TEXT"), ("position", "INTEGER"),
           ("text", "TEXT"), ("source_document", "TEXT")),
          ("unit_id", "lo_number", "ac_number"),
          ((("unit_id", "lo_number"), "learning_outcomes", ("unit_id", "lo_number")),)),
    Table("unit_sources",
          (("unit_id", "TEXT"), ("document", "TEXT"), ("path", "TEXT"), ("awarding_body", "TEXT"),
           ("qualification_id", "TEXT"), ("local_number", "TEXT"), ("group_name", "TEXT"), ("title", "TEXT"),
           ("level", "INTEGER"), ("credits", "INTEGER"), ("glh", "INTEGER"), ("outcomes", "INTEGER"),
           ("criteria", "INTEGER"), ("warnings", "TEXT"), ("penalty", "INTEGER")),
          ("unit_id", "document"), _UNIT + _QUALIFICATION),
)
"""Parents before children: the order tables are created and filled in."""

DTYPES = {"TEXT": "string", "INTEGER": "Int64", "BOOLEAN": "boolean"}


def _rows(files: dict[str, dict]) -> dict[str, list[dict]]:
    """Catalogue file contents -> rows per table (plain dicts)."""
    units = files["units"]["units"]
    rows: dict[str, list[dict]] = {t.name: [] for t in TABLES}
    for q in files["qualifications"]["qualifications"]:
        rows["qualifications"].append({k: q[k] for k in ("qualification_id", "number", "title", "awarding_body",
                                                         "level", "tqt", "glh", "min_credits")})
        for g_pos, g in enumerate(q["groups"], 1):
            for pos, uid in enumerate(g["units"], 1):
                rows["qualification_units"].append({
                    "qualification_id": q["qualification_id"], "group_position": g_pos, "group_name": g["name"],
                    "mandatory": g["mandatory"], "group_min_credits": g["min_credits"],
                    "group_max_credits": g["max_credits"], "position": pos, "unit_id": uid})
    for u in units:
        chosen = u["chosen_from"]
        rows["units"].append({**{k: u[k] for k in ("unit_id", "reference", "title", "level", "credits", "glh")},
                              **{f"{k}_from": chosen[k] for k in ("title", "level", "credits", "glh")},
                              "outcomes_from": chosen["learning_outcomes"]})
        for lo_pos, lo in enumerate(u["learning_outcomes"], 1):
            rows["learning_outcomes"].append({"unit_id": u["unit_id"], "lo_number": lo["number"], "position": lo_pos,
                                              "text": lo["text"], "source_document": lo["source"]})
            for ac_pos, ac in enumerate(lo["assessment_criteria"], 1):
                rows["assessment_criteria"].append({
                    "unit_id": u["unit_id"], "lo_number": lo["number"], "ac_number": ac["number"],
                    "position": ac_pos, "text": ac["text"], "source_document": ac["source"]})
        for s in u["sources"]:
            rows["unit_sources"].append({
                "unit_id": u["unit_id"], "document": s["document"], "path": s["path"],
                "awarding_body": s["awarding_body"], "qualification_id": s["qualification"],
                "local_number": s["number"], "group_name": s["group"], "title": s["title"], "level": s["level"],
                "credits": s["credits"], "glh": s["glh"], "outcomes": s["outcomes"], "criteria": s["criteria"],
                "warnings": " ".join(s["warnings"]) or None, "penalty": s["penalty"]})
    return rows


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


def write_sqlite(frames: dict[str, pd.DataFrame], target: Path) -> None:
    """All tables into one SQLite file, foreign keys enforced while loading and checked after."""
    with atomic_path(target) as tmp:
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA foreign_keys = ON")
            for table in TABLES:
                con.execute(ddl(table))
                frames[table.name].to_sql(table.name, con, if_exists="append", index=False)
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise ValueError(f"foreign keys do not resolve: {broken[:5]}")
            con.commit()
        finally:
            con.close()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP "CSV Injection"


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """CSV is opened in spreadsheets, which run a cell starting ``= + - @`` (or tab, CR) as a
    formula (``=HYPERLINK(…)``): such text cells get a leading ``'``, as OWASP advises. Only the
    CSV files; Parquet and SQLite keep the text as extracted."""
    text = [c for c in df.columns if pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c])]
    if not text:
        return df
    safe = df.copy()
    for c in text:
        safe[c] = safe[c].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return safe


def write_exports(files: dict[str, dict], folder: Path, sqlite_path: Path) -> list[Path]:
    """CSV and Parquet per table under ``folder``, and the SQLite database -> paths written."""
    frames = tables(files)
    written = []
    for name, df in frames.items():
        csv = folder / "csv" / f"{name}.csv"
        write_text(csv, csv_safe(df).to_csv(index=False, lineterminator="\n"))
        parquet = folder / "parquet" / f"{name}.parquet"
        with atomic_path(parquet) as tmp:
            df.to_parquet(tmp, index=False, engine="pyarrow")
        written += [csv, parquet]
    write_sqlite(frames, sqlite_path)
    return written + [sqlite_path]
