"""The output contract as pydantic models: the single source of truth.

``specx schema`` writes ``schemas/*.schema.json`` from these classes (``json_schema``); nothing
else defines the shape of the output. Every unit, learning outcome and criterion carries a
``location`` so a person can check any value against the source in seconds.

``WARNING_CODES`` is the one list of warning codes: the schema's enum, the README/docs table and
the catalogue's penalties all come from it. To add a code, add one entry there.
"""

from __future__ import annotations

import re
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema

from . import SCHEMA_VERSION

WARNING_CODES: dict[str, str] = {
    # code: what it means (one entry per code; keep the list sorted by pipeline stage, not alphabetically)
    "reference_repaired": "an OCR-damaged Ofqual unit reference was repaired with its check letter",
    "reference_check_failed": "a well-formed unit reference fails its check letter",
    "qualification_number_check_failed": "the qualification number fails its check digit",
    "number_inferred": "a lost outcome or criterion number was inferred from its neighbours",
    "numbering_repaired": "an OCR-damaged number was repaired (`11` read as `1.1`)",
    "numbering_gap": "outcomes or criteria are not numbered 1..n",
    "outcome_text_missing": "an outcome's text was lost",
    "criterion_text_missing": "a criterion has no text",
    "criteria_unpaired": "criteria could not be paired with their outcomes",
    "garbled_text": "text comes from an overlaid or repeated region and may be damaged",
    "text_repaired": "text damaged by OCR or by a text converter was repaired (words, bullets, hyphens, a table read column by column)",
    "facts_unpaired": "a unit fact's or the qualification profile's label (level, credits, GLH, TQT) is printed without a value that could be read (a facts table read column by column): the fact is left empty",
    "unit_header_missing": "a unit's header was not found (recovered from the contents list)",
    "unit_reference_unread": "a unit section without a readable reference shares its local number with another printed unit: matched to the structure by its title, or kept as a unit of its own",
    "unit_facts_disagree": "the unit page and the structure table differ (the page wins)",
    "group_unit_unknown": "a group lists a unit the document does not print",
    "group_unit_repeated": "a group lists the same unit more than once (the catalogue links it once)",
    "page_unreadable": "a PDF page could not be read (fully or in part)",
    "page_without_text": "a PDF page has no text layer and could not be OCR'd",
    "pages_ocr": "the pages of a PDF read by OCR",
    "ocr_page_timeout": "a scanned PDF page's OCR ran over its time budget and the page was skipped",
    "ocr_uncertain": "a text holds a word OCR read with low confidence that no repair or dictionary confirms (`uncertain: true`)",
    "text_not_utf8": "lines with bytes that are not UTF-8 were read as Windows-1252",
    "control_characters_removed": "control or bidirectional-override characters were removed from lines",
    "outcomes_not_found": "a unit has no learning outcomes: listed only in the structure, or its section was not read",
    "criteria_not_extracted": "a line that looks like a criterion (`1.1 Describe ...`) became no criterion of its unit",
    "unit_header_unrecognised": "a line that looks like a unit heading followed by outcomes did not open a unit",
}
"""Every warning code the pipeline emits -> its meaning."""

WarningCode = Literal[tuple(WARNING_CODES)]  # type: ignore[valid-type]

SCHEMA_BASE = "urn:specx:schema:"
"""``$id`` of each generated schema: ``urn:specx:schema:<name>:<schema version>``."""


class _Model(BaseModel):
    # every field is always written, so the (serialization) schema lists every field as required
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class Location(_Model):
    """Where a value starts: ``page`` when the input has pages, ``line`` 1-based within the
    page (PDF) or the file (text input)."""

    page: Optional[int] = Field(default=None, description="1-based page; null for text input")
    line: int = Field(description="1-based line within the page (PDF) or the file (text)")


class Source(_Model):
    """The input document the output was extracted from."""

    path: str = Field(description="input path as given to the run (relative to the working folder when inside it)")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the input's bytes")
    format: Literal["text", "pdf", "ocr"] = Field(description="text input, PDF text layer, or PDF with OCR'd pages")
    pages: Optional[int] = Field(default=None, description="number of PDF pages; null for text input")
    ocr_pages: Optional[list[int]] = Field(default=None, description="PDF pages read by OCR (1-based); null for text input")


_LOCATION = "where the value starts in the source"
_UNCERTAIN_WHY = ("holds a word OCR read with low confidence that no repair or dictionary confirms "
                  "(an `ocr_uncertain` warning names it); always false for text and text-layer input")


class AssessmentCriterion(_Model):
    """An assessment criterion (AC): what the learner can do to show an outcome is met."""

    number: str = Field(pattern=r"^\d{1,2}\.\d{1,2}$",
                        description="`<outcome>.<criterion>` as printed, a string: `1.10` is not `1.1`")
    text: Optional[str] = Field(description="clean prose; null when the text was lost")
    location: Optional[Location] = Field(default=None, description=_LOCATION)
    uncertain: bool = Field(default=False, description="the text " + _UNCERTAIN_WHY)


class LearningOutcome(_Model):
    """A learning outcome (LO) of a unit with its assessment criteria."""

    number: str = Field(pattern=r"^\d{1,2}$", description="outcome number as printed, a string")
    text: Optional[str] = Field(description="clean prose; null when the text was lost")
    assessment_criteria: list[AssessmentCriterion] = Field(default=[], description="in printed order")
    location: Optional[Location] = Field(default=None, description=_LOCATION)
    uncertain: bool = Field(default=False, description="the text " + _UNCERTAIN_WHY)


class Unit(_Model):
    """One unit as this document prints it (or lists it: ``learning_outcomes`` empty)."""

    reference: Optional[str] = Field(default=None, pattern=r"^[A-Z]/\d{3}/\d{4}$",
                                     description="Ofqual unit reference (`D/506/2153`); null when none is printed")
    number: Optional[str] = Field(default=None, description="the awarding body's local unit number (`401`, `01`), a string")
    title: Optional[str] = Field(default=None, description="unit title")
    level: Optional[int] = Field(default=None, description="RQF/QCF level as printed (1-8)")
    credits: Optional[int] = Field(default=None, description="credit value")
    glh: Optional[int] = Field(default=None, description="guided learning hours")
    learning_outcomes: list[LearningOutcome] = Field(default=[], description="in printed order; empty when not printed")
    location: Optional[Location] = Field(default=None, description="where the unit's header is")
    uncertain: bool = Field(default=False, description="the title " + _UNCERTAIN_WHY)


class Group(_Model):
    """A rule of combination: a group of units and its credit rules."""

    name: str = Field(description="group name as printed (`Group A mandatory units`)")
    mandatory: bool = Field(description="whether every unit of the group must be taken")
    min_credits: Optional[int] = Field(default=None, description="credits at least to be taken from the group")
    max_credits: Optional[int] = Field(default=None, description="credits at most to be counted from the group")
    units: list[str] = Field(default=[], description="unit references, or local numbers when the document gives none")


class Qualification(_Model):
    """The qualification profile and its rules of combination."""

    title: Optional[str] = Field(default=None, description="qualification title")
    number: Optional[str] = Field(default=None, pattern=r"^\d{3}/\d{4}/\d$",
                                  description="Ofqual qualification number (`601/3577/3`)")
    level: Optional[int] = Field(default=None, description="RQF level as printed (1-8)")
    tqt: Optional[int] = Field(default=None, description="total qualification time, hours")
    glh: Optional[int] = Field(default=None, description="guided learning hours")
    min_credits: Optional[int] = Field(default=None, description="credits needed to achieve the qualification")
    groups: list[Group] = Field(default=[], description="rules of combination in printed order")


class Warning(_Model):
    """Something the pipeline noticed about the document: recorded in the output, not only
    logged. ``unit`` is the unit reference (or local number) it concerns, if any."""

    code: WarningCode = Field(description="one of the documented codes (`models.WARNING_CODES`)")
    message: str = Field(description="human-readable detail")
    unit: Optional[str] = Field(default=None, description="reference or local number of the unit concerned")
    location: Optional[Location] = Field(default=None, description="where in the source")


class Quality(_Model):
    """How much of the document was read, counted from the source independently of the parser
    (``quality.py``): every gap here also has a warning."""

    units: int = Field(default=0, description="units in the document")
    units_without_outcomes: list[str] = Field(default=[], description="units with no learning outcomes (each also an outcomes_not_found warning)")
    learning_outcomes: int = Field(default=0, description="learning outcomes extracted")
    assessment_criteria: int = Field(default=0, description="assessment criteria extracted")
    criterion_like_lines: int = Field(default=0, description='lines in unit sections that look like "1.1 Describe ..."')
    criterion_lines_read: int = Field(default=0, description="of those, the ones that became a criterion of their unit")
    criterion_coverage: Optional[float] = Field(default=None, description="read / criterion-like lines; null when there are none")
    unrecognised_unit_headings: int = Field(default=0, description="lines that look like a unit heading followed by outcomes but opened no unit")


class Document(_Model):
    """One specification document as structured data (``normalized/<input stem>.json``)."""

    schema_version: Literal["1.0"] = Field(default=SCHEMA_VERSION, description="output format version")
    source: Source = Field(description="the input document")
    awarding_body: Optional[str] = Field(default=None, description="awarding body (`ProQual`, `City & Guilds`, ...)")
    qualification: Qualification = Field(description="qualification profile and rules of combination")
    units: list[Unit] = Field(default=[], description="every unit printed or listed, in document order")
    warnings: list[Warning] = Field(default=[], description="everything the pipeline noticed, in the output")
    quality: Optional[Quality] = Field(default=None, description="how much of the document was read; every gap is also a warning")


class _Generator(GenerateJsonSchema):
    """pydantic's generator without the titles it derives from field names (``glh`` -> "Glh":
    no information; every field has a description instead)."""

    def field_title_should_be_set(self, schema) -> bool:
        return False


def json_schema(name: str, model: type[BaseModel]) -> dict:
    """The committed JSON Schema of ``model`` (``schemas/<name>.schema.json``): draft 2020-12,
    an ``$id``, serialization mode (the output as written: every field present)."""
    body = model.model_json_schema(mode="serialization", schema_generator=_Generator)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{SCHEMA_BASE}{name}:{SCHEMA_VERSION}", **body}


WARNING_TABLE = re.compile(r"(<!-- warning-codes:[^\n]*-->\n)(.*?)(<!-- /warning-codes -->)", re.S)


def warning_table() -> str:
    """``WARNING_CODES`` as a Markdown table (the documentation's list of codes)."""
    return "| code | meaning |\n|---|---|\n" + "".join(f"| `{c}` | {d} |\n" for c, d in WARNING_CODES.items())


def with_warning_table(text: str) -> str:
    """A Markdown text with the table between its ``warning-codes`` markers regenerated."""
    return WARNING_TABLE.sub(lambda m: m.group(1) + warning_table() + m.group(3), text)


def _schemas() -> dict:
    from .catalogue.models import CATALOGUE_SCHEMAS

    return {"document": Document, **CATALOGUE_SCHEMAS}


def __getattr__(name: str):
    """``SCHEMAS`` (schema name -> model), built on first use: the catalogue models import this
    module's ``WarningCode``, so they cannot be imported while it loads."""
    if name == "SCHEMAS":
        return _schemas()
    raise AttributeError(name)
