"""Stage 1: a file on disk -> its raw lines, page by page.

Backends by input format (Docling-style, swappable): text files are decoded here; PDFs go to
``pdf.py`` (PyMuPDF). Anything unreadable raises ``SourceError`` naming the file and the reason,
so the run can report it and go on with the other files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

TEXT_SUFFIXES = {".txt", ".md", ".text"}
PDF_SUFFIXES = {".pdf"}


class SourceError(Exception):
    """An input that cannot be read as a specification: the message says why."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = str(path), reason


@dataclass
class RawDocument:
    path: str
    sha256: str
    format: str  # text | pdf | ocr
    pages: Optional[int]
    lines: list[tuple[Optional[int], int, str]]  # (page, line within page or file, text)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    ocr_pages: list[int] = field(default_factory=list)


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary data is refused."""
    if not data.strip():
        raise SourceError(path, "empty file")
    if b"\x00" in data[:4096]:
        raise SourceError(path, "binary data, not text (NUL bytes); wrong file type or encoding (UTF-16?)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError(path, "not valid UTF-8 or Windows-1252 text")


def split_lines(text: str) -> list[str]:
    """Lines as ``grep -n`` counts them: only ``\n`` (and ``\r\n``) ends a line; a form feed
    stays in its line, where it marks a page break (``pdftotext``)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [l[:-1] if l.endswith("\r") else l for l in lines]


def read_source(path: Path, display: Optional[str] = None) -> RawDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(path, f"cannot read: {e.strerror or e}") from None
    digest = hashlib.sha256(data).hexdigest()
    name = display or str(path)
    if data[:5] == b"%PDF-" or path.suffix.lower() in PDF_SUFFIXES:
        from .pdf import read_pdf

        return read_pdf(data, path, name, digest)
    text = decode_text(data, path)
    from .layout_text import looks_like_layout, read_layout_text

    if looks_like_layout(text):  # columns side by side (pdftotext -layout): read with geometry
        return RawDocument(name, digest, "text", None, read_layout_text(split_lines(text)))
    lines = [(None, i, t) for i, t in enumerate(split_lines(text), start=1)]
    return RawDocument(name, digest, "text", None, lines)
