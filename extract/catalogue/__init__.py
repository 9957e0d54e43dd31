"""Catalogue: every unit across the per-document outputs (``build``), its files' models
(``models``) and the CSV/Parquet/SQLite exports (``export``)."""
