"""Tesseract processes for the scanned pages of a document, several at once.

Each scanned page is one ``tesseract`` process (``OMP_THREAD_LIMIT=1``: one core each, and the
same output whatever the machine's load), reading the page image on stdin and writing TSV on
stdout. ``OcrPool`` keeps up to ``ocr_threads()`` of them running while the document's next
pages are rendered, so a document's pages are OCR'd in parallel; the results are taken back in
page order, so the output is the same as reading the pages one after another.

Across documents (``specx run`` extracts several at once, each in its own worker process) the
processes are bounded too: a tesseract process starts only after it holds one of
``ocr_threads()`` slots, lock files in a per-user folder of the temporary directory
(``flock``, released when the holder ends however it ends). So a run never has more tesseract
processes than slots, however many documents it reads at once.

A page whose tesseract process runs longer than ``ocr.PAGE_SECONDS`` is killed and raises
``PageTimeout`` (``pdf.py`` warns ``ocr_page_timeout`` and reads the rest of the document).
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

from . import ocr

THREADS_ENV = "SPECX_OCR_THREADS"  # tesseract processes at once (per run); default: one per core
SLOT_POLL_SECONDS = 0.05  # how often a page waiting for a free slot tries again
PAGE_SEGMENTATION = 6  # tesseract --psm: the page as one block of lines (on the fixtures, the same text as PyMuPDF's OCR gave); columns come from the layout


class PageTimeout(Exception):
    """A page's tesseract process ran over its time budget and was killed."""


class OcrFailed(Exception):
    """Tesseract exited with an error: the message has its last words."""


def ocr_threads() -> int:
    """How many tesseract processes may run at once: ``$SPECX_OCR_THREADS`` when it is a
    positive whole number, else the number of cores."""
    value = os.environ.get(THREADS_ENV, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return os.cpu_count() or 1


def _slot_folder() -> Optional[Path]:
    folder = Path(tempfile.gettempdir()) / f"specx-ocr-slots-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return folder if folder.is_dir() and not folder.is_symlink() else None


def _try_slot(folder: Path, count: int) -> Optional[int]:
    """A file descriptor holding one of ``count`` slot locks, or None when all are held."""
    for k in range(count):
        try:
            fd = os.open(folder / f"slot-{k}", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except OSError:
            os.close(fd)
    return None


@contextmanager
def slot(count: int):
    """Wait for one of ``count`` machine-wide tesseract slots and hold it for the block (no
    waiting when the temporary folder is unusable: the pool's own bound still holds)."""
    folder = _slot_folder()
    fd = None
    while folder is not None and fd is None:
        fd = _try_slot(folder, count)
        if fd is None:
            time.sleep(SLOT_POLL_SECONDS)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)


def tesseract_command(dpi: int, folder: str) -> list[str]:
    return ["tesseract", "stdin", "stdout", "--dpi", str(dpi), "--psm", str(PAGE_SEGMENTATION), "-l", "eng",
            "--tessdata-dir", folder, "tsv"]


def run_tesseract(scan: "ocr.Scan", folder: str, seconds: float, slots: int) -> str:
    """One page's TSV from its own tesseract process, started once a slot is free; the time
    budget counts from the start, not from the wait."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with slot(slots):
        try:
            done = subprocess.run(tesseract_command(scan.dpi, folder), input=scan.image, capture_output=True,
                                  timeout=seconds, env=env)
        except subprocess.TimeoutExpired:
            raise PageTimeout(f"tesseract ran over {seconds:g} s and was stopped") from None
    if done.returncode != 0:
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise OcrFailed(f"tesseract exited {done.returncode}: {last[0]}")
    return done.stdout.decode("utf-8", "replace")


class OcrPool:
    """Up to ``threads`` pages OCR'd at once (default ``ocr_threads()``); ``submit`` returns a
    future of the page's words (``ocr.tsv_words``). Threads only wait on their process."""

    def __init__(self, threads: Optional[int] = None):
        self.threads = threads or ocr_threads()
        self._executor: Optional[ThreadPoolExecutor] = None

    def __enter__(self) -> "OcrPool":
        return self

    def __exit__(self, *exc) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    def submit(self, scan: "ocr.Scan", folder: str) -> Future:
        if self._executor is None:  # no threads for documents without scans
            self._executor = ThreadPoolExecutor(self.threads, thread_name_prefix="specx-ocr")
        return self._executor.submit(_read, scan, folder, ocr.PAGE_SECONDS, self.threads)


_READY: dict = {}  # page number -> (its scan without the image, its words), read elsewhere


@contextmanager
def ready_pages(pages: Optional[dict]):
    """For the block, the pages of ``pages`` (page number -> ``(scan, words)`` as
    ``readers.pdf.ocr_page_words`` gives them, or None for a page to OCR here) are neither
    rendered nor OCR'd again: the Dask executor reads a large scan's pages as separate tasks
    across the cluster (``ops/cluster_pages.py``) and the document's task reads the rest of it
    with their results, the same as rendering and tesseract give here."""
    _READY.clear()
    _READY.update(pages or {})
    try:
        yield
    finally:
        _READY.clear()


def ready(page_no: int) -> Optional[tuple]:
    """``(scan, future of its words)`` of a page read elsewhere (``ready_pages``), or None."""
    found = _READY.get(page_no)
    if found is None:
        return None
    words: Future = Future()
    words.set_result(found[1])
    return found[0], words


def _read(scan: "ocr.Scan", folder: str, seconds: float, slots: int) -> list[tuple]:
    return ocr.tsv_words(run_tesseract(scan, folder, seconds, slots), scan)


def read_page(scan: "ocr.Scan", folder: str) -> list[tuple]:
    """One page's words from tesseract in this thread (a cluster's page task), with the page's
    time budget and a machine-wide slot, as a pool's thread reads it."""
    return _read(scan, folder, ocr.PAGE_SECONDS, ocr_threads())
