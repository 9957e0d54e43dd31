"""The downstream contract: schemas (ids, descriptions, required fields, the warning-code enum),
the warning-code list as the one source for code, schema and documentation."""

import re

import pytest

from conftest import ROOT
from extract.models import SCHEMAS, WARNING_CODES, Document, json_schema, warning_table

EXTRACT = ROOT / "extract"


def _properties(schema: dict):
    """Every (model, property name, property schema) in a generated schema."""
    for model, definition in {"<root>": schema, **schema.get("$defs", {})}.items():
        for name, prop in definition.get("properties", {}).items():
            yield model, name, prop


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schemas_have_an_id_a_draft_and_describe_every_field(name):
    schema = json_schema(name, SCHEMAS[name])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:specx:schema:{name}:1.0"
    undescribed = [(m, p) for m, p, prop in _properties(schema) if not prop.get("description")]
    assert undescribed == []
    assert not [(m, p) for m, p, prop in _properties(schema) if "title" in prop]  # no "Glh" titles
    for model, definition in {"<root>": schema, **schema["$defs"]}.items():
        assert set(definition.get("required", [])) == set(definition.get("properties", {})), model


def test_unit_fields_are_required_and_warning_code_is_the_documented_enum():
    schema = json_schema("document", Document)
    assert {"reference", "title", "level", "credits", "glh", "learning_outcomes"} <= set(schema["$defs"]["Unit"]["required"])
    assert schema["$defs"]["Warning"]["properties"]["code"]["enum"] == list(WARNING_CODES)
    units = json_schema("catalogue_units", SCHEMAS["catalogue_units"])
    assert units["$defs"]["UnitSource"]["properties"]["warnings"]["items"]["enum"] == list(WARNING_CODES)


CODE_AT = [r'code="([a-z_]+)"',                # Warning(code="...")
           r'\.warn\(\s*"([a-z_]+)"',            # OutcomeParser.warn("...", ...)
           r'warnings\.append\(\(\s*"([a-z_]+)"']  # (code, message) pairs of the PDF reader


def test_every_code_the_pipeline_emits_is_in_the_one_list():
    emitted = {code for path in EXTRACT.rglob("*.py") for pattern in CODE_AT
               for code in re.findall(pattern, path.read_text(encoding="utf-8"))}
    assert len(emitted) >= 15 and emitted <= set(WARNING_CODES), sorted(emitted - set(WARNING_CODES))


def test_an_undocumented_code_is_rejected():
    with pytest.raises(ValueError):
        Document.model_validate({"source": {"path": "x", "sha256": "0" * 64, "format": "text"},
                                 "qualification": {}, "warnings": [{"code": "made_up", "message": "-"}]})


def test_documentation_table_of_codes_is_generated_from_the_list():
    docs = [p for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))] if p.exists()]
    tables = [p for p in docs if "<!-- warning-codes:" in p.read_text(encoding="utf-8")]
    assert len(tables) == 1, "exactly one documentation file holds the warning-code table"
    assert warning_table() in tables[0].read_text(encoding="utf-8"), "run `make schema`"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"SCHEMA_DOCS := .*" + re.escape(tables[0].relative_to(ROOT).as_posix()), makefile)


def test_build_setup_is_quiet_and_complete():
    """Every folder of the package is listed in ``packages`` (setuptools warned that ``extract.data``
    is absent); pip's output goes to a log, not the screen; test caches are ignored by git."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {".".join(p.relative_to(ROOT).parts) for p in EXTRACT.rglob("*")
               if p.is_dir() and p.name != "__pycache__"} | {"extract"}
    assert folders == set(config["packages"])
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        if "-m pip install" in line and line.startswith("\t"):
            assert line.startswith("\t@") and "$(PIP_LOG)" in line, line
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert {".hypothesis/", ".pytest_cache/", ".venv/"} <= set(ignored)
