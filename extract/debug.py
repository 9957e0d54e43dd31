"""``specx debug-layout FILE [--page N]``: what the layout stage saw, so anyone can see why a
value came out as it did.

For a PDF (text layer or scan) and ``pdftotext -layout`` text: each page's furniture (running
headers, footers, page numbers removed), then its blocks as the parser receives them --
paragraphs, and table rows with their cells split by ``|``, a header row marked with the roles
its cells name (``lo``, ``ac``, ``other`` …); a row that continues a table row across a page
break is shown joined to that row on the page before. For text without geometry: the lines after clean-up, with the
lines marked as furniture. Then the time each pipeline stage took on this file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from .layout.model import LayoutDocument, Paragraph, Table
from .pipeline import extract_document
from .readers.source import SourceError, decode_text, read_input, split_lines


def _row_line(row, kind: str) -> str:
    if isinstance(row, Paragraph):
        return f"  L{row.location.line:<4} text: {row.text}"
    roles = ", ".join(f"{c.column}:{c.role}" for c in row.cells if c.role) if row.header else ""
    mark = (" header" + (f" ({roles})" if roles else "")) if row.header else ""
    cells = " | ".join(c.text for c in row.cells)
    return f"  L{row.location.line:<4} {kind}{mark}: {cells}"


def _laid_out(laid: LayoutDocument, page: Optional[int]) -> Iterator[str]:
    for p in laid.pages:
        if page is not None and p.number != page:
            continue
        src = p.source
        rules = f", {len(src.horizontal)} horizontal and {len(src.vertical)} vertical rules" if src.horizontal or src.vertical else ""
        rows = [(r, "text" if b.kind == "gaps" else "table") if isinstance(b, Table) else (b, "text")
                for b in p.blocks for r in (b.rows if isinstance(b, Table) else (b,))]
        yield f"page {p.number}: {len(src.lines)} visual lines, {len(rows)} rows{rules}"
        for gone in p.furniture:
            yield f"  L{gone.location.line:<4} furniture: {gone.text}"
        yield from (_row_line(row, kind) for row, kind in rows)


def _plain(path: Path, data: bytes) -> Iterator[str]:
    from .layout.lines import to_lines

    lines = to_lines([(None, i, t) for i, t in enumerate(split_lines(decode_text(data, path)), start=1)])
    yield "text without geometry: lines after clean-up (cells split at tabs and pipes)"
    for line in lines:
        if line.text:
            yield f"  L{line.number:<4} {'furniture' if line.noise else 'text'}: {' | '.join(line.cells)}"


def layout_report(path: Path, page: Optional[int] = None) -> Iterator[str]:
    """The lines of the report for one file; ``SourceError`` for unusable input."""
    data = read_input(path)
    if data[:5] == b"%PDF-":
        from .readers.pdf import layout_pdf

        read = layout_pdf(data, path)
        yield f"{path}: PDF, {len(read.laid.pages)} pages" + (f", OCR on pages {read.ocr_pages}" if read.ocr_pages else "")
        yield from (f"  warning {code}: {message}" for code, message in read.warnings)
        yield from _laid_out(read.laid, page)
        return
    from .readers.layout_text import layout_text, looks_like_layout

    text = decode_text(data, path)
    if looks_like_layout(text):
        laid = layout_text(split_lines(text))
        yield f"{path}: text with columns side by side (pdftotext -layout), {len(laid.pages)} pages"
        yield from _laid_out(laid, page)
    else:
        yield from _plain(path, data)


def timings_report(path: Path) -> Iterator[str]:
    timings: dict[str, float] = {}
    try:
        extract_document(path, timings=timings)
    except SourceError as e:
        yield f"extraction stopped after {list(timings)[-1] if timings else 'source'}: {e.reason}"
    yield "stage times (ms): " + ", ".join(f"{name} {seconds * 1000:.1f}" for name, seconds in timings.items())
