"""The pipeline, readable in one line:

    source -> lines -> repair -> sections -> structure -> units -> phrases -> uncertain -> quality -> document
        -> validate -> dedupe

Each stage is a plain function registered by name in ``STAGES``, taking and returning a
``Draft`` (the document between stages: frozen, each stage returns a new one); ``document``
builds the output model once, and ``validate`` and ``dedupe`` work on that. ``extract_document``
runs them in order over one file and, when asked, records each stage's time. Only ``source``
(and ``emit``, after the pipeline) touch the disk. The layout stage runs inside ``source`` for
the readers that have geometry (``readers/pdf.py``, ``readers/layout_text.py`` call
``layout.pages.lay_out``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

from .emit import write_json
from .layout.lines import layout_lines, to_lines
from .models import Document, Location, Qualification, Source, Warning
from .normalise.dedupe import dedupe
from .normalise.phrases import repair_phrases
from .normalise.quality import assess
from .normalise.uncertain import mark as mark_uncertain
from .normalise.validate import validate
from .parse.facts import unpaired_message
from .parse.sections import split_sections
from .parse.structure import parse_structure
from .parse.units import build_units
from .readers.source import RawDocument, SourceError, read_source
from .repair.bullets import repair_bullets
from .repair.hyphens import repair_lost_hyphens
from .repair.labels import repair_labels
from .repair.ocr_numbers import repair_numbers
from .repair.other_column import repair_other_column
from .repair.repeated_outcome import repair_repeated_outcomes
from .repair.shifted_wraps import repair_shifted_wraps
from .repair.specks import repair_specks
from .repair.split_facts import repair_split_facts


@dataclass(frozen=True)
class Draft:
    """A document between stages: what each stage has produced so far."""

    raw: RawDocument
    lines: list = field(default_factory=list)
    repaired: list = field(default_factory=list)  # (line, message) of each text repair
    split: Any = None  # sections.Split: front matter and unit sections
    structure: Any = None  # structure.Structure: profile and rules of combination
    units: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    placed: list = field(default_factory=list)  # (section, unit) pairs
    quality: Any = None
    gaps: list = field(default_factory=list)  # the quality warnings
    document: Optional[Document] = None


def lines_stage(d: Draft) -> Draft:
    return replace(d, lines=layout_lines(d.raw.layout) if d.raw.layout is not None else to_lines(d.raw.lines))


def repair_stage(d: Draft) -> Draft:
    """OCR's bullet glyphs (text files, and the OCR'd pages of a PDF); an OCR'd page's specks at
    its cells' edges and the misread marks of the numbers opening its cells; unit references'
    look-alike digits and fact labels OCR misread (``Credit vatue``; OCR'd pages and text
    files); then the repairs that only text without geometry needs (each a ``text_repaired``
    warning)."""
    scanned = set(d.raw.ocr_pages)
    bullets = repair_bullets(d.lines if d.raw.format != "pdf" else [l for l in d.lines if l.page in scanned])
    if d.raw.format != "text":
        ocr = [l for l in d.lines if l.page in scanned]
        return replace(d, repaired=bullets + repair_specks(ocr) + repair_numbers(ocr) + repair_labels(ocr))
    hyphens = [] if d.raw.laid_out else repair_lost_hyphens(d.lines)  # -layout text keeps its hyphens
    return replace(d, repaired=bullets + repair_numbers(d.lines, openings=False) + repair_labels(d.lines) + hyphens
                   + repair_split_facts(d.lines) + repair_repeated_outcomes(d.lines) + repair_other_column(d.lines)
                   + repair_shifted_wraps(d.lines))


def sections_stage(d: Draft) -> Draft:
    return replace(d, split=split_sections(d.lines))


def structure_stage(d: Draft) -> Draft:
    return replace(d, structure=parse_structure(d.split.front, "\n".join(l.text for l in d.lines), d.raw.furniture))


def units_stage(d: Draft) -> Draft:
    units, groups, warnings, placed = build_units(d.structure, d.split.sections)
    return replace(d, units=units, groups=groups, warnings=warnings, placed=placed)


def phrases_stage(d: Draft) -> Draft:
    """Scanned pages and text files without layout (tesseract's text among them): words OCR
    damaged put right by the document's own phrases (``normalise.phrases``); text layers, and
    ``pdftotext -layout`` text made from them, are left as printed."""
    if d.raw.format == "text" and not d.raw.laid_out:
        return replace(d, warnings=d.warnings + repair_phrases(d.units, None))
    if not d.raw.ocr_pages:
        return d
    return replace(d, warnings=d.warnings + repair_phrases(d.units, set(d.raw.ocr_pages)))


def uncertain_stage(d: Draft) -> Draft:
    """Scans: a text still holding a word OCR read with low confidence, that no repair or other
    reading confirms, is marked ``uncertain`` (each an ``ocr_uncertain`` warning)."""
    return replace(d, warnings=d.warnings + mark_uncertain(d.units, d.raw.low_confidence))


def quality_stage(d: Draft) -> Draft:
    quality, gaps = assess(d.split, d.units, d.placed)
    return replace(d, quality=quality, gaps=gaps)


def document_stage(d: Draft) -> Draft:
    """The output model, built once; a document without units is not a specification."""
    if not d.units:
        raise SourceError(d.raw.path, _not_a_spec(d.structure, d.gaps))
    raw, s = d.raw, d.structure
    return replace(d, document=Document(
        source=Source(path=raw.path, sha256=raw.sha256, format=raw.format, pages=raw.pages,
                      ocr_pages=None if raw.format == "text" else list(raw.ocr_pages)),
        awarding_body=s.awarding_body,
        qualification=Qualification(title=s.title, number=s.number.value if s.number else None, level=s.level,
                                    tqt=s.tqt, glh=s.glh, min_credits=s.min_credits, groups=d.groups),
        units=d.units,
        warnings=_document_warnings(d) + d.warnings + d.gaps,
        quality=d.quality,
    ))


def _document_warnings(d: Draft) -> list[Warning]:
    out = [Warning(code=c, message=m) for c, m in d.raw.warnings]
    out += [Warning(code="text_repaired", message=m, location=Location(page=l.page, line=l.number))
            for l, m in d.repaired]
    out += [Warning(code="facts_unpaired", location=Location(page=l.page, line=l.number),
                    message=unpaired_message(f"qualification {name}", l.text)) for name, l in d.structure.unpaired.items()]
    number = d.structure.number
    if number and number.status == "invalid":
        out.append(Warning(code="qualification_number_check_failed",
                           message=f"qualification number {number.printed} fails its check digit"))
    return out


def _not_a_spec(structure, gaps) -> str:
    if any(w.code == "unit_header_unrecognised" for w in gaps):
        return "no unit recognised, although lines look like unit headings followed by outcomes (an unknown layout)"
    number = f"qualification number {structure.number.printed}, but " if structure.number else "no qualification number, "
    return f"not a qualification specification ({number}no units found)"


def validate_stage(d: Draft) -> Draft:
    return replace(d, document=validate(d.document))


def dedupe_stage(d: Draft) -> Draft:
    return replace(d, document=dedupe(d.document))


STAGES = {
    "lines": lines_stage,  # markup stripped, cells kept, running headers marked
    "repair": repair_stage,
    "sections": sections_stage,
    "structure": structure_stage,
    "units": units_stage,  # facts, outcomes and criteria per unit (normalising text as it goes)
    "phrases": phrases_stage,
    "uncertain": uncertain_stage,
    "quality": quality_stage,
    "document": document_stage,
    "validate": validate_stage,
    "dedupe": dedupe_stage,
}


def extract_document(path: Path, display: Optional[str] = None, data: Optional[bytes] = None,
                     timings: Optional[dict[str, float]] = None) -> Document:
    """Run every stage over one file (or its bytes ``data``, read elsewhere: a cluster worker);
    raises ``SourceError`` for unusable input. ``timings``, if given, receives each stage's
    seconds (``source`` first)."""
    clock = time.perf_counter()
    draft = Draft(raw=read_source(path, display, data))
    _lap(timings, "source", clock)
    for name, stage in STAGES.items():
        clock = time.perf_counter()
        draft = stage(draft)
        _lap(timings, name, clock)
    return draft.document


def _lap(timings: Optional[dict], name: str, since: float) -> None:
    if timings is not None:
        timings[name] = time.perf_counter() - since


def run_one(path: Path, out_dir: Path, display: Optional[str] = None) -> Path:
    doc = extract_document(path, display)
    target = out_dir / (Path(path).stem + ".json")
    write_json(target, doc.model_dump(mode="json"))
    return target
