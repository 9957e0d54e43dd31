"""The output contract as pydantic models: the single source of truth.

``specx schema`` writes ``schemas/*.schema.json`` from these classes; nothing else defines the
shape of the output. Every unit, learning outcome and criterion carries a ``location`` so a
person can check any value against the source in seconds.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from . import SCHEMA_VERSION


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Location(_Model):
    """Where a value starts: ``page`` when the input has pages, ``line`` 1-based within the
    page (PDF) or the file (text input)."""

    page: Optional[int] = None
    line: int


class Source(_Model):
    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    format: Literal["text", "pdf", "ocr"]
    pages: Optional[int] = None
    ocr_pages: Optional[list[int]] = None  # PDF pages read by OCR (1-based); null for text input


class AssessmentCriterion(_Model):
    number: str = Field(pattern=r"^\d{1,2}\.\d{1,2}$")
    text: Optional[str]
    location: Optional[Location] = None


class LearningOutcome(_Model):
    number: str = Field(pattern=r"^\d{1,2}$")
    text: Optional[str]
    assessment_criteria: list[AssessmentCriterion] = []
    location: Optional[Location] = None


class Unit(_Model):
    reference: Optional[str] = Field(default=None, pattern=r"^[A-Z]/\d{3}/\d{4}$")
    number: Optional[str] = None
    title: Optional[str] = None
    level: Optional[int] = None
    credits: Optional[int] = None
    glh: Optional[int] = None
    learning_outcomes: list[LearningOutcome] = []
    location: Optional[Location] = None


class Group(_Model):
    name: str
    mandatory: bool
    min_credits: Optional[int] = None
    max_credits: Optional[int] = None
    units: list[str] = []


class Qualification(_Model):
    title: Optional[str] = None
    number: Optional[str] = Field(default=None, pattern=r"^\d{3}/\d{4}/\d$")
    level: Optional[int] = None
    tqt: Optional[int] = None
    glh: Optional[int] = None
    min_credits: Optional[int] = None
    groups: list[Group] = []


class Warning(_Model):
    """Something the pipeline noticed about the document: recorded in the output, not only
    logged. ``unit`` is the unit reference (or local number) it concerns, if any."""

    code: str
    message: str
    unit: Optional[str] = None
    location: Optional[Location] = None


class Quality(_Model):
    """How much of the document was read, counted from the source independently of the parser
    (``quality.py``): every gap here also has a warning."""

    units: int = 0
    units_without_outcomes: list[str] = []
    learning_outcomes: int = 0
    assessment_criteria: int = 0
    criterion_like_lines: int = 0  # lines in unit sections that look like "1.1 Describe ..."
    criterion_lines_read: int = 0  # of those, the ones that became a criterion of their unit
    criterion_coverage: Optional[float] = None  # read / like; null when there are none
    unrecognised_unit_headings: int = 0


class Document(_Model):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source
    awarding_body: Optional[str] = None
    qualification: Qualification
    units: list[Unit] = []
    warnings: list[Warning] = []
    quality: Optional[Quality] = None


def _schemas() -> dict:
    from .catalogue_models import CATALOGUE_SCHEMAS

    return {"document": Document, **CATALOGUE_SCHEMAS}


SCHEMAS = _schemas()
