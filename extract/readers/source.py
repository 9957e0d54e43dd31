"""Stage 1: a file on disk -> its raw lines, page by page.

Backends by input format (Docling-style, swappable): text files are decoded here; PDFs go to
``pdf.py`` (PyMuPDF). Anything unreadable raises ``SourceError`` naming the file and the reason,
so the run can report it and go on with the other files.

Text is UTF-8 (with or without BOM); a run of bytes that is not UTF-8 is read as Windows-1252
on its own (one stray byte no longer turns the whole file into ``customerâ€™s``), with a
``text_not_utf8`` warning naming the lines. Lines are split on ``\\n`` only (``\\r\\n`` too), so
``location.line`` is what ``grep -n`` prints; a form feed stays inside its line. NUL bytes past
the first 4 KB, other control characters and bidirectional overrides are removed (``\\r`` and
``\\v`` inside a line become spaces), with a ``control_characters_removed`` warning.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from ..layout.model import LayoutDocument, Paragraph, Table

TEXT_SUFFIXES = {".txt", ".md", ".text"}
PDF_SUFFIXES = {".pdf"}
MAX_TEXT_BYTES = 16 << 20  # the largest corpus specification is ~0.2 MB
MAX_PDF_BYTES = 512 << 20

_REMOVED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACED = re.compile("[\r\x0b\x85\u2028\u2029]")
_DIRTY = re.compile(f"[{_REMOVED.pattern[1:-1]}{_SPACED.pattern[1:-1]}]")  # either: one search a line, not two


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
    low_confidence: dict[int, dict[str, float]] = field(default_factory=dict)  # OCR'd page -> {word: confidence}
    layout: Optional[LayoutDocument] = None  # input with geometry: what the layout stage made of its pages

    @property
    def laid_out(self) -> bool:
        """The layout stage read the pages (and removed their furniture); ``lines`` is empty."""
        return self.layout is not None

    @property
    def furniture(self) -> list[str]:
        """The running lines the layout stage removed, a line per cell (evidence for the title,
        not content: ``Handbook title      Page 3`` is two)."""
        return [c for page in self.layout.pages for f in page.furniture for c in f.cells] if self.layout is not None else []


def _line_list(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:10]))
    return f"line{'s' if len(numbers) > 1 else ''} {shown}" + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def decode_text(data: bytes, path: Path, warnings: Optional[list] = None) -> str:
    """UTF-8 (with or without BOM); bytes that are not UTF-8 are read as Windows-1252, line by
    line (a ``text_not_utf8`` warning in ``warnings``); binary data is refused."""
    if not data.strip():
        raise SourceError(path, "empty file")
    if b"\x00" in data[:4096]:
        raise SourceError(path, "binary data, not text (NUL bytes); wrong file type or encoding (UTF-16?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    parts, mixed = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            mixed.append(number)
            parts.append(line.decode("utf-8", errors="specx-cp1252"))
    if warnings is not None:
        warnings.append(("text_not_utf8", f"{_line_list(mixed)}: bytes that are not UTF-8 were read as Windows-1252"))
    return "\n".join(parts)


def _cp1252(error: UnicodeDecodeError):
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("specx-cp1252", _cp1252)


def split_lines(text: str, warnings: Optional[list] = None) -> list[str]:
    """Lines as ``grep -n`` counts them (``\\n``; a ``\\r`` before it dropped), control and
    bidirectional-override characters removed (a ``control_characters_removed`` warning)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    dirty = []
    for i, line in enumerate(lines):
        if line.endswith("\r"):
            line = lines[i] = line[:-1]
        if _DIRTY.search(line):
            lines[i] = _clean(line)
            dirty.append(i + 1)
    if dirty and warnings is not None:
        warnings.append(("control_characters_removed", f"{_line_list(dirty)}: control or bidirectional-override "
                                                        "characters removed"))
    return lines


def read_input(path: Path) -> bytes:
    """The bytes of a regular file, without following a symbolic link or blocking on a FIFO or
    device; ``SourceError`` otherwise, and above the size limits."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        if os.path.islink(path):
            raise SourceError(path, f"symbolic link (to {os.readlink(path)}): not followed; name the file itself") from None
        raise SourceError(path, f"cannot read: {e.strerror or e}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(path, "not a regular file (a folder, FIFO or device): not read")
        pdf = Path(path).suffix.lower() in PDF_SUFFIXES
        limit = MAX_PDF_BYTES if pdf else MAX_TEXT_BYTES
        head = os.pread(fd, 5, 0)
        if head == b"%PDF-":
            limit = MAX_PDF_BYTES
        if info.st_size > limit:
            raise SourceError(path, f"too large for a specification: {info.st_size / (1 << 20):.1f} MB "
                                    f"(the limit is {limit >> 20} MB for {'PDF' if limit == MAX_PDF_BYTES else 'text'})")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise SourceError(path, f"too large for a specification (over {limit >> 20} MB)")
        return b"".join(chunks)
    except OSError as e:
        raise SourceError(path, f"cannot read: {e.strerror or e}") from None
    finally:
        os.close(fd)


def read_source(path: Path, display: Optional[str] = None, data: Optional[bytes] = None) -> RawDocument:
    """``data``: the file's bytes, read already (``read_input``) by a process that has the file;
    a cluster worker receives them with the task and ``path`` only names the input."""
    path = Path(path)
    data = read_input(path) if data is None else data
    digest = hashlib.sha256(data).hexdigest()
    name = display or str(path)
    if data[:5] == b"%PDF-" or path.suffix.lower() in PDF_SUFFIXES:
        from .pdf import read_pdf

        raw = read_pdf(data, path, name, digest)
        raw.layout, dirty = _scrubbed_layout(raw.layout)
        if dirty:
            where = ", ".join(f"page {p} line {n}" for p, n in dirty[:10])
            raw.warnings.append(("control_characters_removed", f"{where}: control or bidirectional-override "
                                                                "characters removed"))
        return raw
    warnings: list[tuple[str, str]] = []
    text = decode_text(data, path, warnings)
    from .layout_text import layout_text, looks_like_layout

    if looks_like_layout(text):  # columns side by side (pdftotext -layout): read with geometry
        return RawDocument(name, digest, "text", None, [], warnings, layout=layout_text(split_lines(text, warnings)))
    lines = [(None, i, t) for i, t in enumerate(split_lines(text, warnings), start=1)]
    return RawDocument(name, digest, "text", None, lines, warnings)


def _scrubbed_layout(doc: LayoutDocument) -> tuple[LayoutDocument, list[tuple[int, int]]]:
    """A PDF's blocks without control and bidirectional-override characters, and the (page,
    line) of each paragraph or table row that had them."""
    dirty: list[tuple[int, int]] = []

    def scrub(block):
        if isinstance(block, Table):
            return replace(block, rows=tuple(scrub(r) for r in block.rows))
        texts = [block.text] if isinstance(block, Paragraph) else [c.text for c in block.cells]
        if not any(_DIRTY.search(t) for t in texts):
            return block
        dirty.append((block.location.page, block.location.line))
        if isinstance(block, Paragraph):
            return replace(block, text=_clean(block.text))
        return replace(block, cells=tuple(replace(c, text=_clean(c.text)) for c in block.cells))

    pages = tuple(replace(page, blocks=tuple(scrub(b) for b in page.blocks)) for page in doc.pages)
    return (replace(doc, pages=pages) if dirty else doc), dirty


def _clean(text: str) -> str:
    return _SPACED.sub(" ", _REMOVED.sub("", text))
