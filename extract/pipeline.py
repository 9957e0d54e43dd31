"""The pipeline, readable in one line:

    source -> lines -> sections -> units -> normalise -> validate -> dedupe -> emit

Each stage is a plain function registered by name in ``STAGES``; ``extract_document`` runs
them over one file. Only ``source`` and ``emit`` touch the disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from .dedupe import dedupe
from .emit import write_json
from .lines import to_lines
from .models import Document, Location, Qualification, Source, Warning
from .sections import split_sections
from .source import RawDocument, SourceError, read_source
from .quality import assess
from .repair_facts import repair_split_facts
from .structure import parse_structure
from .units import build_units
from .uncertain import mark as mark_uncertain
from .validate import validate


def _assemble(raw: RawDocument) -> Document:
    lines = to_lines(raw.lines)
    repaired = repair_split_facts(lines) if raw.format == "text" else []  # text without geometry only
    split = split_sections(lines)
    structure = parse_structure(split.front, "\n".join(l.text for l in lines))
    units, groups, warnings, placed = build_units(structure, split.sections)
    quality, gaps = assess(split, units, placed)
    warnings += mark_uncertain(units, raw.low_confidence)
    if not units:
        raise SourceError(raw.path, _not_a_spec(structure, gaps))
    number = structure.number
    doc_warnings = [Warning(code=c, message=m) for c, m in raw.warnings]
    doc_warnings += [Warning(code="text_repaired", message=m, location=Location(page=l.page, line=l.number))
                     for l, m in repaired]
    if number and number.status == "invalid":
        doc_warnings.append(Warning(code="qualification_number_check_failed",
                                    message=f"qualification number {number.printed} fails its check digit"))
    return Document(
        source=Source(path=raw.path, sha256=raw.sha256, format=raw.format, pages=raw.pages,
                      ocr_pages=None if raw.format == "text" else list(raw.ocr_pages)),
        awarding_body=structure.awarding_body,
        qualification=Qualification(
            title=structure.title, number=number.value if number else None, level=structure.level,
            tqt=structure.tqt, glh=structure.glh, min_credits=structure.min_credits, groups=groups),
        units=units,
        warnings=doc_warnings + warnings + gaps,
        quality=quality,
    )


def _not_a_spec(structure, gaps) -> str:
    if any(w.code == "unit_header_unrecognised" for w in gaps):
        return "no unit recognised, although lines look like unit headings followed by outcomes (an unknown layout)"
    number = f"qualification number {structure.number.printed}, but " if structure.number else "no qualification number, "
    return f"not a qualification specification ({number}no units found)"


STAGES = {
    "source": read_source,
    "assemble": _assemble,  # lines -> sections -> units (normalising text as it goes)
    "validate": validate,
    "dedupe": dedupe,
}


def extract_document(path: Path, display: Optional[str] = None) -> Document:
    """Run every stage over one file; raises ``SourceError`` for unusable input."""
    raw = STAGES["source"](path, display)
    doc = STAGES["assemble"](raw)
    doc = STAGES["validate"](doc)
    return STAGES["dedupe"](doc)


def run_one(path: Path, out_dir: Path, display: Optional[str] = None) -> Path:
    doc = extract_document(path, display)
    target = out_dir / (Path(path).stem + ".json")
    write_json(target, doc.model_dump(mode="json"))
    return target
