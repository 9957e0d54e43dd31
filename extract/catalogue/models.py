"""The catalogue files (``<out>/catalogue/*.json``) as pydantic models: their single source of
truth, as ``models.py`` is for the per-document outputs.

The catalogue holds one record per unit across every document and awarding body, one per
qualification, the fields whose copies disagree (``conflicts``) and pairs of units that look
like the same unit under two identities (``possible_duplicates``, never merged).
``CATALOGUE_SCHEMAS`` names the JSON Schema file generated for each file.
"""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from .. import SCHEMA_VERSION
from ..models import WarningCode


class _Model(BaseModel):
    # every field is always written, so the (serialization) schema lists every field as required
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


def _f(description: str, **kw):
    return Field(description=description, **kw)


_DOC = "document name (the output's file stem) "


class UnitSource(_Model):
    """One document's copy of a unit. ``document`` is the output name (input stem);
    ``qualification`` the qualification id of that document (its number, or the document name
    when it prints none); ``number`` the local unit number; ``group`` the first group listing
    the unit; ``title``, ``level``, ``credits``, ``glh`` as that document gives them; ``outcomes``
    and ``criteria`` how many it prints (0: listed by reference only). ``warnings`` are the codes
    the document records for this unit and ``penalty`` their weighted sum: the lower, the more
    trusted the copy."""

    document: str = _f(_DOC + "holding this copy")
    path: str = _f("the document's input path")
    awarding_body: Optional[str] = _f("awarding body of the document", default=None)
    qualification: str = _f("qualification id of the document")
    number: Optional[str] = _f("local unit number in that document, a string (`01`)", default=None)
    group: Optional[str] = _f("first group of the document listing the unit", default=None)
    title: Optional[str] = _f("title as printed", default=None)
    level: Optional[int] = _f("level as printed", default=None)
    credits: Optional[int] = _f("credits as printed", default=None)
    glh: Optional[int] = _f("guided learning hours as printed", default=None)
    outcomes: int = _f("learning outcomes printed (0: listed by reference only)")
    criteria: int = _f("assessment criteria printed")
    warnings: list[WarningCode] = _f("warning codes the document records for this unit (repeats kept)", default=[])
    penalty: int = _f("weighted sum of the warnings (`catalogue.SEVERITY`): the lower, the more trusted")


class CatalogueCriterion(_Model):
    """A canonical assessment criterion."""

    number: str = _f("`<outcome>.<criterion>`, a string: `1.10` is not `1.1`")
    text: Optional[str] = _f("canonical text; null when every copy lost it")
    source: str = _f(_DOC + "whose text was chosen")


class CatalogueOutcome(_Model):
    """``source`` is the document whose copy of the text was chosen."""

    number: str = _f("outcome number, a string")
    text: Optional[str] = _f("canonical text; null when every copy lost it")
    source: str = _f(_DOC + "whose text was chosen")
    assessment_criteria: list[CatalogueCriterion] = _f("in number order", default=[])


class ChosenFrom(_Model):
    """For each canonical field, the document whose copy won (null when no copy has a value)."""

    title: Optional[str] = _f(_DOC + "whose title won", default=None)
    level: Optional[str] = _f(_DOC + "whose level won", default=None)
    credits: Optional[str] = _f(_DOC + "whose credits won", default=None)
    glh: Optional[str] = _f(_DOC + "whose GLH won", default=None)
    learning_outcomes: Optional[str] = _f(_DOC + "of the base copy of the outcomes", default=None)


class CatalogueUnit(_Model):
    """``unit_id`` is the Ofqual reference; a unit printed without one is
    ``<qualification id>#<local number>``."""

    unit_id: str = _f("Ofqual reference, or `<qualification id>#<local number>`")
    reference: Optional[str] = _f("Ofqual unit reference; null when no copy prints one", default=None)
    title: Optional[str] = _f("canonical title", default=None)
    level: Optional[int] = _f("canonical level", default=None)
    credits: Optional[int] = _f("canonical credit value", default=None)
    glh: Optional[int] = _f("canonical guided learning hours", default=None)
    learning_outcomes: list[CatalogueOutcome] = _f("canonical outcomes and criteria", default=[])
    chosen_from: ChosenFrom = _f("which copy won each field")
    sources: list[UnitSource] = _f("every document's copy, in document order")


class CatalogueGroup(_Model):
    """A rule of combination with catalogue unit ids."""

    name: str = _f("group name as printed")
    mandatory: bool = _f("whether every unit of the group must be taken")
    min_credits: Optional[int] = _f("credits at least from the group", default=None)
    max_credits: Optional[int] = _f("credits at most from the group", default=None)
    units: list[str] = _f("catalogue `unit_id`s, each once, in printed order", default=[])


class QualificationSource(_Model):
    """A document the qualification was read from."""

    document: str = _f(_DOC.strip())
    path: str = _f("its input path")
    sha256: str = _f("sha256 of the input's bytes")


class QualificationChosenFrom(_Model):
    """For each canonical field, the document whose copy won."""

    title: Optional[str] = _f(_DOC + "whose title won", default=None)
    awarding_body: Optional[str] = _f(_DOC + "whose awarding body won", default=None)
    level: Optional[str] = _f(_DOC + "whose level won", default=None)
    tqt: Optional[str] = _f(_DOC + "whose TQT won", default=None)
    glh: Optional[str] = _f(_DOC + "whose GLH won", default=None)
    min_credits: Optional[str] = _f(_DOC + "whose credits won", default=None)
    groups: Optional[str] = _f(_DOC + "whose groups were taken", default=None)


class CatalogueQualification(_Model):
    """``qualification_id`` is the qualification number, or the document name when the
    document prints none. Group ``units`` are catalogue ``unit_id``s."""

    qualification_id: str = _f("qualification number, or the document name when none is printed")
    number: Optional[str] = _f("Ofqual qualification number", default=None)
    title: Optional[str] = _f("canonical title", default=None)
    awarding_body: Optional[str] = _f("awarding body", default=None)
    level: Optional[int] = _f("level", default=None)
    tqt: Optional[int] = _f("total qualification time, hours", default=None)
    glh: Optional[int] = _f("guided learning hours", default=None)
    min_credits: Optional[int] = _f("credits needed to achieve the qualification", default=None)
    groups: list[CatalogueGroup] = _f("rules of combination of the most trusted document", default=[])
    chosen_from: QualificationChosenFrom = _f("which document won each field")
    sources: list[QualificationSource] = _f("the documents of this qualification")


class ConflictCopy(_Model):
    """One copy's value in a conflict."""

    document: str = _f(_DOC.strip())
    value: Union[int, str] = _f("the value as that copy prints it")
    penalty: Optional[int] = _f("that copy's penalty (its weight in the vote is 1 / (1 + penalty / 5)); "
                                "for a qualification, its document-level warnings", default=None)
    suspect: bool = _f("the copy's own document flags it (`unit_facts_disagree` or a warning weighing >= 5)",
                       default=False)


class Conflict(_Model):
    """A field whose copies still disagree after normalisation (case, quotes, whitespace,
    trailing punctuation). ``kind``: ``value`` (numbers differ), ``spelling`` (same letters and
    digits, only spaces, hyphens or apostrophes differ), ``truncated`` (the shorter copies are
    word prefixes of the longest), ``wording``, or ``absent`` (the item is printed in some
    copies of the unit's outcomes and not in others: ``missing_in``). ``chosen`` is the
    document whose value the catalogue holds (null when the catalogue holds none of them)."""

    entity: Literal["unit", "qualification"] = _f("what the conflict is about")
    id: str = _f("its `unit_id` or `qualification_id`")
    field: Literal["title", "awarding_body", "level", "credits", "glh", "tqt", "min_credits", "groups",
                   "outcome", "criterion"] = _f("the field whose copies disagree")
    number: Optional[str] = _f("outcome or criterion number (for those fields)", default=None)
    kind: Literal["value", "spelling", "truncated", "wording", "absent"] = _f("how the copies differ")
    copies: list[ConflictCopy] = _f("every copy's value, in document order")
    missing_in: list[str] = _f("documents whose copy lacks the item (`absent`)", default=[])
    chosen: Optional[str] = _f(_DOC + "whose value the catalogue holds", default=None)


class PossibleDuplicate(_Model):
    """Two catalogue units that may be one unit under two identities; never merged.
    ``basis`` ``content``: titles and outcome texts match closely (``documents`` are the two
    copies compared, ``identical_texts`` of ``compared_texts`` match exactly); ``title``: the
    same title where at least one unit has no Ofqual reference and the content cannot be
    compared, with no contradicting level or credits."""

    units: list[str] = _f("the two `unit_id`s")
    basis: Literal["content", "title"] = _f("what the match rests on")
    titles: list[Optional[str]] = _f("their canonical titles")
    title_similarity: float = _f("Dice coefficient of the title words")
    content_similarity: Optional[float] = _f("outcome-text similarity of the closest two copies", default=None)
    documents: list[str] = _f("the documents of the copies compared", default=[])
    identical_texts: Optional[int] = _f("texts printed identically in both", default=None)
    compared_texts: Optional[int] = _f("texts compared", default=None)
    note: str = _f("the evidence in words")


class UnitsFile(_Model):
    """``catalogue/units.json``."""

    schema_version: Literal["1.0"] = _f("format version", default=SCHEMA_VERSION)
    units: list[CatalogueUnit] = _f("one record per unit, by `unit_id`")


class QualificationsFile(_Model):
    """``catalogue/qualifications.json``."""

    schema_version: Literal["1.0"] = _f("format version", default=SCHEMA_VERSION)
    qualifications: list[CatalogueQualification] = _f("one record per qualification")


class ConflictsFile(_Model):
    """``catalogue/conflicts.json``."""

    schema_version: Literal["1.0"] = _f("format version", default=SCHEMA_VERSION)
    conflicts: list[Conflict] = _f("every field whose copies still disagree")


class DuplicatesFile(_Model):
    """``catalogue/possible_duplicates.json``."""

    schema_version: Literal["1.0"] = _f("format version", default=SCHEMA_VERSION)
    possible_duplicates: list[PossibleDuplicate] = _f("pairs that may be one unit, never merged")


CATALOGUE_FILES = {"units": UnitsFile, "qualifications": QualificationsFile,
                   "conflicts": ConflictsFile, "possible_duplicates": DuplicatesFile}
"""File stem in ``<out>/catalogue/`` -> model."""

CATALOGUE_SCHEMAS = {f"catalogue_{name}": model for name, model in CATALOGUE_FILES.items()}
"""Schema name -> model, for ``schemas/<name>.schema.json`` (merge into ``models.SCHEMAS``)."""
