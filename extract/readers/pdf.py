"""PDF backend: a PDF file -> a ``RawDocument`` holding its layout document.

Engines: PyMuPDF reads the words with their boxes and the vector drawings (table rules) of each
page; the layout stage (``layout.pages.lay_out``) turns them into pages of blocks (paragraphs,
tables of cells), which the parser reads as it reads every input with geometry. A page without
a usable text layer (a scan) is read by tesseract (``ocr.py``, several pages at once: ``ocr_pool.py``) and goes through the same
layout; its words' OCR confidences are kept for ``normalise/uncertain.py``.

Bad input: an empty file, a file that is not a PDF, a truncated or otherwise unopenable PDF and
an encrypted PDF raise ``SourceError`` naming the reason. A page that fails is skipped, and a
page MuPDF reports damaged is read as far as it goes; both leave a ``page_unreadable`` warning
naming the page, and the other pages are still extracted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

from . import ocr, ocr_pool
from ..layout.model import LayoutDocument, Page
from ..layout.pages import lay_out
from ..layout.rules import rules_from_drawings
from ..layout.settings import DEFAULT
from ..layout.words import page_lines
from ..normalise import uncertain
from .source import RawDocument, SourceError

_MIN_TEXT_CHARS = 40  # fewer characters than this on a page that is mostly image: a scan
_MIN_IMAGE_SHARE = 0.3  # share of the page an image must cover to count as a scan
_MAX_UNKNOWN_SHARE = 0.3  # share of U+FFFD (glyphs without Unicode) that makes a text layer unusable


def _open(data: bytes, path: Path):
    import pymupdf

    if not data:
        raise SourceError(path, "empty file")
    if b"%PDF-" not in data[:1024]:
        raise SourceError(path, "not a PDF (no %PDF- header)")
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    pymupdf.TOOLS.mupdf_warnings()  # forget messages about earlier files
    truncated = b"%%EOF" not in data[-2048:]
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as e:  # PyMuPDF raises FileDataError / RuntimeError with MuPDF's reason
        raise SourceError(path, f"{'truncated' if truncated else 'corrupt'} PDF, cannot be opened: {e}") from None
    if doc.needs_pass:
        raise SourceError(path, "encrypted PDF: a password is required to open it")
    if truncated and doc.is_repaired:
        raise SourceError(path, f"truncated PDF: the file ends without its end-of-file marker after {len(data)} bytes "
                                "(incomplete download or copy?)")
    if doc.page_count == 0:
        raise SourceError(path, "corrupt PDF: no pages")
    return doc


def _needs_ocr(page, words: list[tuple]) -> bool:
    """No usable text layer: (almost) no characters on a page that is mostly an image, or
    mostly glyphs without a Unicode mapping."""
    text = "".join(w[4] for w in words)
    chars, unknown = len(text), text.count("\ufffd")
    if chars and unknown / chars > _MAX_UNKNOWN_SHARE:
        return True
    if chars >= _MIN_TEXT_CHARS:
        return False
    area = abs(page.rect)
    covered = sum(abs(page.rect & info["bbox"]) for info in page.get_image_info())
    return bool(area) and covered / area >= _MIN_IMAGE_SHARE


def _damage() -> str:
    """MuPDF's complaints since the last call (a damaged page leaves some), first one only."""
    import pymupdf

    messages = [m for m in pymupdf.TOOLS.mupdf_warnings().splitlines() if m.strip()]
    return messages[0] if messages else ""


def _read_pages(doc, warnings: list) -> tuple[list, list[int], list[int], dict]:
    """Every page -> (page number, height, visual lines, horizontal rules, vertical rules);
    scans go through OCR, several pages at once (``ocr_pool``). Returns the pages, the OCR'd
    page numbers, the unread scans and each OCR'd page's low-confidence words."""
    import pymupdf

    flags = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_PRESERVE_LIGATURES
    pages, scans, no_text = [], {}, []
    _damage()
    with ocr_pool.OcrPool() as pool:
        for index in range(doc.page_count):
            page_no = index + 1
            try:
                page = doc.load_page(index)
                words = page.get_text("words", flags=flags)
                drawings = page.get_cdrawings()
                scanned = _needs_ocr(page, words)
            except Exception as e:
                warnings.append(("page_unreadable", f"page {page_no} could not be read ({e}); skipped"))
                continue
            damage = _damage()
            if damage:
                warnings.append(("page_unreadable", f"page {page_no} is damaged ({damage}); its text may be incomplete"))
            if not scanned:
                pages.append((page_no, page.rect.height, page_lines(_symbols(words)), *rules_from_drawings(drawings)))
            elif (started := _start_scan(pool, page, page_no, warnings, no_text)) is not None:
                scans[page_no] = started
                pages.append((page_no, page.rect.height, None, started[0].horizontal, started[0].vertical))
        low = _finish_scans(scans, warnings)
    pages = [(p, h, page_lines(_symbols(low[p][0])) if lines is None else lines, hr, vr)
             for p, h, lines, hr, vr in pages if lines is not None or p in low]
    return pages, sorted(low), no_text, {p: low_words for p, (_, low_words) in low.items()}


def _start_scan(pool, page, page_no: int, warnings: list, no_text: list):
    """Render a scanned page and hand it to the pool -> (scan, future), or None (warned); a
    page read already by a cluster's page task (``ocr_pool.ready``) is taken as it is."""
    done = ocr_pool.ready(page_no)
    if done is not None:
        return done
    folder = ocr.tessdata()
    if folder is None:
        no_text.append(page_no)
        warnings.append(("page_without_text", f"page {page_no} is a scan without a text layer and was not read: "
                                              f"tesseract is not available: {ocr.INSTALL_HINT}"))
        return None
    try:
        scan = ocr.prepare_scan(page)
    except ocr.PageTooLarge as e:
        warnings.append(("page_unreadable", f"page {page_no} is a scan that could not be OCR'd ({e}); skipped"))
        return None
    except Exception as e:
        warnings.append(("page_unreadable", f"page {page_no} is a scan that could not be rendered "
                                            f"({type(e).__name__}: {e}); skipped"))
        return None
    return scan, pool.submit(scan, folder)


def _finish_scans(scans: dict, warnings: list) -> dict[int, tuple[list, dict]]:
    """The OCR'd pages' words, in page order -> page -> (words, low-confidence words that the
    document reads confidently nowhere); a page whose OCR timed out or failed is warned about
    and left out."""
    done = {}
    for page_no, (_, future) in sorted(scans.items()):
        try:
            words = future.result()
        except ocr_pool.PageTimeout as e:
            warnings.append(("ocr_page_timeout", f"page {page_no}: {e}; the page was skipped"))
            continue
        except Exception as e:
            warnings.append(("page_unreadable", f"page {page_no} is a scan whose OCR failed ({type(e).__name__}: {e}); skipped"))
            continue
        done[page_no] = words, uncertain.low_confidence_words(words)
    confident = uncertain.confident_words(words for words, _ in done.values())
    once = uncertain.read_once(words for words, _ in done.values())
    return {p: (words, {**{t: c for t, c in uncertain.tokens_of(words).items() if t in once},
                        **{t: c for t, c in low.items() if t not in confident}}) for p, (words, low) in done.items()}


def _symbols(words: list[tuple]) -> list[tuple]:
    """Bullets drawn from a symbol font arrive as private-use characters: read them as bullets."""
    return [w[:4] + ("•",) + w[5:] if len(w[4]) == 1 and "\ue000" <= w[4] <= "\uf8ff" else w for w in words]


def scanned_pages(data: bytes, path: Path) -> list[int]:
    """The pages of a PDF that ``_read_pages`` will OCR (no usable text layer); [] for a PDF
    that cannot be read (its document task reports why)."""
    import pymupdf

    flags = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_PRESERVE_LIGATURES
    found = []
    try:
        with _open(data, path) as doc:
            for index in range(doc.page_count):
                page = doc.load_page(index)
                if _needs_ocr(page, page.get_text("words", flags=flags)):
                    found.append(index + 1)
    except Exception:  # noqa: BLE001 - the document's own task meets the same problem and says so
        return []
    return found


def ocr_page_words(data: bytes, path: Path, page_no: int) -> Optional[tuple]:
    """One scanned page rendered and OCR'd exactly as ``_read_pages`` does it -> ``(its scan
    without the image, its words)``, or None when anything goes wrong (the document's task then
    reads the page itself and warns as a local run would)."""
    folder = ocr.tessdata()
    if folder is None:
        return None
    try:
        with _open(data, path) as doc:
            scan = ocr.prepare_scan(doc.load_page(page_no - 1))
        return replace(scan, image=b""), ocr_pool.read_page(scan, folder)
    except Exception:  # noqa: BLE001 - see above
        return None


# OCR reads a repeated footer a little differently on each page, and its word boxes' heights vary with the
# letters; a scanned sheet lies a little differently on each page and the skew left after deskewing moves a
# long line's top by a few points (measured up to 6 on specimen scans: ``same_place``); a column's text may
# start left of its heading (``strays``), as pdftotext -layout prints it
OCR_LAYOUT = DEFAULT.with_(furniture_similarity=0.85, same_place=9.0, reflow_height=None, strays=True)


@dataclass
class PdfLayout:
    """What reading a PDF gives: the layout stage's result and what the reader found out."""

    laid: LayoutDocument
    warnings: list[tuple[str, str]]
    ocr_pages: list[int]
    page_count: int
    low_confidence: dict  # OCR'd page -> {word: confidence} of the doubtful words


def layout_pdf(data: bytes, path: Path) -> PdfLayout:
    """Read every page and run the layout stage."""
    doc = _open(data, path)
    warnings: list[tuple[str, str]] = []
    pages, ocr_pages, no_text, low = _read_pages(doc, warnings)
    if not any(lines for _, _, lines, _, _ in pages):
        if no_text:
            raise SourceError(path, f"no text layer on any page (a scan) and OCR is unavailable: {ocr.INSTALL_HINT}")
        reasons = "; ".join(m for _, m in warnings) or "no text on any page"
        raise SourceError(path, f"no readable text in the PDF ({reasons})")
    laid = lay_out([Page(*page) for page in pages], OCR_LAYOUT if ocr_pages else DEFAULT)
    return PdfLayout(laid, warnings, ocr_pages, doc.page_count, low)


def read_pdf(data: bytes, path: Path, name: str, digest: str) -> RawDocument:
    read = layout_pdf(data, path)
    warnings, ocr_pages = read.warnings, read.ocr_pages
    if ocr_pages:
        listed = ", ".join(map(str, ocr_pages))
        warnings.append(("pages_ocr", f"page{'s' if len(ocr_pages) > 1 else ''} {listed} had no text layer "
                                      "and were read by OCR (tesseract)"))
    return RawDocument(name, digest, "ocr" if ocr_pages else "pdf", read.page_count, [], warnings, ocr_pages,
                       low_confidence=read.low_confidence, layout=read.laid)
