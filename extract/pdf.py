"""PDF backend: PyMuPDF words with positions -> lines per page.

Lines keep their page and their line number within the page. A page whose text layer is
empty is reported (it needs OCR); a page that fails to parse is skipped with a warning naming
it, and the other pages are still extracted.
"""

from __future__ import annotations

from pathlib import Path

from .source import RawDocument, SourceError


def read_pdf(data: bytes, path: Path, name: str, digest: str) -> RawDocument:
    import pymupdf

    if not data:
        raise SourceError(path, "empty file")
    if not data.startswith(b"%PDF-"):
        raise SourceError(path, "not a PDF (no %PDF- header)")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as e:  # PyMuPDF raises its own FileDataError / RuntimeError
        raise SourceError(path, f"corrupt PDF: {e}") from None
    if doc.needs_pass:
        raise SourceError(path, "encrypted PDF (password required)")
    lines: list[tuple[int, int, str]] = []
    warnings: list[tuple[str, str]] = []
    empty: list[int] = []
    for index in range(doc.page_count):
        page_no = index + 1
        try:
            text = doc.load_page(index).get_text("text", sort=True)
        except Exception as e:
            warnings.append(("page_unreadable", f"page {page_no} could not be read ({e}); skipped"))
            continue
        if not text.strip():
            empty.append(page_no)
            warnings.append(("page_without_text", f"page {page_no} has no text layer (scanned?); not extracted"))
        for n, line in enumerate(text.splitlines(), start=1):
            lines.append((page_no, n, line))
    if doc.page_count and len(empty) == doc.page_count:
        raise SourceError(path, "no text layer on any page (image-only PDF; OCR needed)")
    return RawDocument(name, digest, "pdf", doc.page_count, lines, warnings)
