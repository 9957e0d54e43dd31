"""Review reports: one static HTML page per output beside its source, and an index.

``specx review OUT_DIR [DOC ...]`` (and ``specx run --review``) writes
``OUT_DIR/review/<stem>.html`` and ``OUT_DIR/review/index.html``. A reviewer checks the
extraction against the page: every extracted value with a location gets a box on the rendered
PDF page (or a highlighted source line for text input), and the criterion-like lines that were
not extracted are marked, so a gap is seen at a glance. The pages are self-contained (page
images embedded as base64 PNG, inline CSS/JS, no network) and are written atomically.

A location's (page, line) is mapped to a box by re-reading the page's words with PyMuPDF and
numbering the visual lines with ``layout.words.page_lines`` -- the same numbering the extraction
used -- so a box is exactly the line the value was read from. Scanned pages read by OCR get no
boxes (the OCR words are not re-read here); the report says so.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Optional

from ..emit import write_text
from ..parse import identity
from .html import document_html, index_html

DPI = 80


def output_files(out_dir: Path) -> list[Path]:
    """The per-document JSON outputs in ``out_dir`` (not manifest, catalogue or changes files,
    which live in subfolders or lack ``units``/``source``)."""
    from ..ops.outputs import document_paths

    found = []
    for _, p in document_paths(Path(out_dir)):  # mirrored input folders too (ncfe/x.json)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and "units" in data and "source" in data:
            found.append(p)
    return found


def _key(unit: dict) -> Optional[str]:
    """The unit's key as its warnings name it (``parse.identity``)."""
    return identity.unit_key(unit.get("reference"), unit.get("number"))


def _loc(value: dict) -> tuple:
    loc = value.get("location") or {}
    return loc.get("page"), loc.get("line")


def review_items(doc: dict) -> list[dict]:
    """Everything with a location, in document order: units, outcomes, criteria, then the
    warnings. Each item: id, kind, number, text, page, line, and ``flag`` (the warning codes
    concerning the same unit and location) so flagged values are drawn red/amber."""
    flags: dict[tuple, list[str]] = {}
    for w in doc.get("warnings", []):
        if w.get("location"):
            flags.setdefault((w.get("unit"), *_loc(w)), []).append(w["code"])
    items = []

    def add(kind, ident, number, text, value, unit_key):
        page, line = _loc(value)
        if line is None:
            return
        items.append({"id": ident, "kind": kind, "number": number or "", "text": text or "",
                      "page": page, "line": line, "flag": flags.get((unit_key, page, line), [])})

    for u, unit in enumerate(doc.get("units", []), start=1):
        key = _key(unit)
        add("unit", f"u{u}", key, unit.get("title"), unit, key)
        for o, lo in enumerate(unit.get("learning_outcomes", []), start=1):
            add("lo", f"lo{u}-{o}", lo.get("number"), lo.get("text"), lo, key)
            for c, ac in enumerate(lo.get("assessment_criteria", []), start=1):
                add("ac", f"ac{u}-{o}-{c}", ac.get("number"), ac.get("text"), ac, key)
    for n, w in enumerate(doc.get("warnings", []), start=1):
        kind = "gap" if w.get("code") == "criteria_not_extracted" else "warning"
        add(kind, f"w{n}", w.get("code"), w.get("message"), w, w.get("unit"))
    return items


def pdf_pages(path: Path, ocr_pages=(), dpi: int = DPI) -> list[dict]:
    """Each page of the PDF: its PNG (base64), its size in points, and the box of each visual
    line numbered as the extraction numbers them (none for pages read by OCR)."""
    import pymupdf

    from ..readers.pdf import _symbols
    from ..layout.words import page_lines

    flags = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_PRESERVE_LIGATURES
    pages = []
    with pymupdf.open(path) as doc:
        for index in range(doc.page_count):
            page = doc.load_page(index)
            png = page.get_pixmap(dpi=dpi).tobytes("png")
            boxes, note = {}, None
            if index + 1 in (ocr_pages or ()):
                note = "scanned page read by OCR: no boxes"
            else:
                for vl in page_lines(_symbols(page.get_text("words", flags=flags))):
                    boxes[vl.number] = (min(w[0] for w in vl.words), vl.top,
                                        max(w[2] for w in vl.words), vl.bottom)
            pages.append({"number": index + 1, "width": page.rect.width, "height": page.rect.height,
                          "png": base64.b64encode(png).decode("ascii"), "boxes": boxes, "note": note})
    return pages


def find_source(doc: dict, out_file: Path, docs: list[Path]) -> Optional[Path]:
    """The source document of an output: a DOC given on the command line with the same stem,
    else ``source.path`` as recorded (relative to the working folder or the output folder)."""
    for d in docs:
        if d.stem == out_file.stem:
            return d
    recorded = (doc.get("source") or {}).get("path")
    if recorded:
        for p in (Path(recorded), Path(out_file).parent / recorded, Path(out_file).parent.parent / recorded):
            if p.is_file():
                return p
    return None


def _text_lines(path: Path) -> list[str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.splitlines()


def write_document(out_file: Path, review_dir: Path, docs: list[Path]) -> Path:
    """One document's report: page images with boxes (PDF) or numbered source lines (text)."""
    doc = json.loads(Path(out_file).read_text(encoding="utf-8"))
    items = review_items(doc)
    source = find_source(doc, Path(out_file), docs)
    fmt = (doc.get("source") or {}).get("format")
    pages = lines = None
    note = None
    if source is None:
        note = "source document not found: only the extracted values are shown"
    elif fmt == "pdf" or source.suffix.lower() == ".pdf":
        pages = pdf_pages(source, (doc.get("source") or {}).get("ocr_pages") or ())
    else:
        lines = _text_lines(source)
    target = Path(review_dir) / f"{Path(out_file).stem}.html"
    write_text(target, document_html(doc, items, pages=pages, lines=lines, note=note))
    return target


def _count(path: Path) -> Optional[int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict):
        for k in ("conflicts", "possible_duplicates", "items", "records"):
            if isinstance(data.get(k), list):
                return len(data[k])
        return len(data)
    return len(data) if isinstance(data, list) else None


def write_review(out_dir: Path, docs: list[Path] = (), only: Optional[list[Path]] = None) -> list[Path]:
    """Reports for the outputs in ``out_dir`` (or just ``only``) and the index of all of them."""
    out_dir, docs = Path(out_dir), [Path(d) for d in docs]
    review_dir = out_dir / "review"
    files = output_files(out_dir)
    if docs and only is None:
        stems = {d.stem for d in docs}
        only = [f for f in files if f.stem in stems]
    written = [write_document(f, review_dir, docs) for f in (files if only is None else only)]
    rows = []
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        codes: dict[str, int] = {}
        for w in doc.get("warnings", []):
            codes[w["code"]] = codes.get(w["code"], 0) + 1
        rows.append({"stem": f.stem, "doc": doc, "codes": codes,
                     "report": (review_dir / f"{f.stem}.html").is_file()})
    cat = out_dir / "catalogue"
    written.append(review_dir / "index.html")
    write_text(written[-1], index_html(rows, _count(cat / "conflicts.json"), _count(cat / "possible_duplicates.json")))
    return written
