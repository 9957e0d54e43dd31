"""The catalogue files (``<out>/catalogue/*.json``) as pydantic models: their single source of
truth, as ``models.py`` is for the per-document outputs.

The catalogue holds one record per unit across every document and awarding body, one per
qualification, the fields whose copies disagree (``conflicts``) and pairs of units that look
like the same unit under two identities (``possible_duplicates``, never merged).
``CATALOGUE_SCHEMAS`` names the JSON Schema file generated for each file.
"""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict

from . import SCHEMA_VERSION


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class UnitSource(_Model):
    """One document's copy of a unit. ``document`` is the output name (input stem);
    ``qualification`` the qualification id of that document (its number, or the document name
    when it prints none); ``number`` the local unit number; ``group`` the first group listing
    the unit; ``title``, ``level``, ``credits``, ``glh`` as that document gives them; ``outcomes``
    and ``criteria`` how many it prints (0: listed by reference only). ``warnings`` are the codes
    the document records for this unit and ``penalty`` their weighted sum: the lower, the more
    trusted the copy."""

    document: str
    path: str
    awarding_body: Optional[str] = None
    qualification: str
    number: Optional[str] = None
    group: Optional[str] = None
    title: Optional[str] = None
    level: Optional[int] = None
    credits: Optional[int] = None
    glh: Optional[int] = None
    outcomes: int
    criteria: int
    warnings: list[str] = []
    penalty: int


class CatalogueCriterion(_Model):
    number: str
    text: Optional[str]
    source: str


class CatalogueOutcome(_Model):
    """``source`` is the document whose copy of the text was chosen."""

    number: str
    text: Optional[str]
    source: str
    assessment_criteria: list[CatalogueCriterion] = []


class ChosenFrom(_Model):
    """For each canonical field, the document whose copy won (null when no copy has a value)."""

    title: Optional[str] = None
    level: Optional[str] = None
    credits: Optional[str] = None
    glh: Optional[str] = None
    learning_outcomes: Optional[str] = None


class CatalogueUnit(_Model):
    """``unit_id`` is the Ofqual reference; a unit printed without one is
    ``<qualification id>#<local number>``."""

    unit_id: str
    reference: Optional[str] = None
    title: Optional[str] = None
    level: Optional[int] = None
    credits: Optional[int] = None
    glh: Optional[int] = None
    learning_outcomes: list[CatalogueOutcome] = []
    chosen_from: ChosenFrom
    sources: list[UnitSource]


class CatalogueGroup(_Model):
    name: str
    mandatory: bool
    min_credits: Optional[int] = None
    max_credits: Optional[int] = None
    units: list[str] = []


class QualificationSource(_Model):
    document: str
    path: str
    sha256: str


class QualificationChosenFrom(_Model):
    title: Optional[str] = None
    awarding_body: Optional[str] = None
    level: Optional[str] = None
    tqt: Optional[str] = None
    glh: Optional[str] = None
    min_credits: Optional[str] = None
    groups: Optional[str] = None


class CatalogueQualification(_Model):
    """``qualification_id`` is the qualification number, or the document name when the
    document prints none. Group ``units`` are catalogue ``unit_id``s."""

    qualification_id: str
    number: Optional[str] = None
    title: Optional[str] = None
    awarding_body: Optional[str] = None
    level: Optional[int] = None
    tqt: Optional[int] = None
    glh: Optional[int] = None
    min_credits: Optional[int] = None
    groups: list[CatalogueGroup] = []
    chosen_from: QualificationChosenFrom
    sources: list[QualificationSource]


class ConflictCopy(_Model):
    document: str
    value: Union[int, str]


class Conflict(_Model):
    """A field whose copies still disagree after normalisation (case, quotes, whitespace,
    trailing punctuation). ``kind``: ``value`` (numbers differ), ``spelling`` (same letters and
    digits, only spaces, hyphens or apostrophes differ), ``truncated`` (the shorter copies are
    word prefixes of the longest), ``wording``, or ``absent`` (the item is printed in some
    copies of the unit's outcomes and not in others: ``missing_in``). ``chosen`` is the
    document whose value the catalogue holds (null when the catalogue holds none of them)."""

    entity: Literal["unit", "qualification"]
    id: str
    field: Literal["title", "awarding_body", "level", "credits", "glh", "tqt", "min_credits", "groups",
                   "outcome", "criterion"]
    number: Optional[str] = None
    kind: Literal["value", "spelling", "truncated", "wording", "absent"]
    copies: list[ConflictCopy]
    missing_in: list[str] = []
    chosen: Optional[str] = None


class PossibleDuplicate(_Model):
    """Two catalogue units that may be one unit under two identities; never merged.
    ``basis`` ``content``: titles and outcome texts match closely (``documents`` are the two
    copies compared, ``identical_texts`` of ``compared_texts`` match exactly); ``title``: the
    same title where at least one unit has no Ofqual reference and the content cannot be
    compared, with no contradicting level or credits."""

    units: list[str]
    basis: Literal["content", "title"]
    titles: list[Optional[str]]
    title_similarity: float
    content_similarity: Optional[float] = None
    documents: list[str] = []
    identical_texts: Optional[int] = None
    compared_texts: Optional[int] = None
    note: str


class UnitsFile(_Model):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    units: list[CatalogueUnit]


class QualificationsFile(_Model):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    qualifications: list[CatalogueQualification]


class ConflictsFile(_Model):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    conflicts: list[Conflict]


class DuplicatesFile(_Model):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    possible_duplicates: list[PossibleDuplicate]


CATALOGUE_FILES = {"units": UnitsFile, "qualifications": QualificationsFile,
                   "conflicts": ConflictsFile, "possible_duplicates": DuplicatesFile}
"""File stem in ``<out>/catalogue/`` -> model."""

CATALOGUE_SCHEMAS = {f"catalogue_{name}": model for name, model in CATALOGUE_FILES.items()}
"""Schema name -> model, for ``schemas/<name>.schema.json`` (merge into ``models.SCHEMAS``)."""
