"""A scanned PDF's pages as separate tasks on the Dask cluster, so one large scan spreads over it.

A document is one task (``cluster.py``), and OCR is nearly all of a scan's time: one 200-page
scan on one worker keeps the others idle. So for a PDF with at least ``SPLIT_MIN_PAGES`` pages
without a text layer (the same test the reader applies, ``readers.pdf.scanned_pages``, run here
on the bytes the run read), each such page is OCR'd by its own task (``page_task``: the page
rendered and read by tesseract exactly as the reader does it, in a forked process with the
run's budget), and the document's task depends on those tasks: it takes each such page's
table rules and words from its task instead of rendering it and running tesseract
(``ocr_pool.ready_pages``). They are what the same code gives for the same page, so the output
is the same as a local run's (``tests/test_cluster.py``). A page task that fails returns None and the
document's task OCRs that page itself, warning as a local run would. The input's bytes go to
the cluster once, in a task of their own that the scheduler can run again if the worker holding
them is lost; every page task and the document's task take them from there.
"""

from __future__ import annotations

import uuid
import warnings
from pathlib import Path
from typing import Optional

from . import isolate

SPLIT_MIN_PAGES = 2  # a PDF with fewer scanned pages is one task: nothing to spread


def held(data: bytes) -> bytes:
    """On a worker: the input's bytes, the result of a task that carries them."""
    return data


def page_task(path: str, data: bytes, page_no: int, budget: isolate.Budget) -> Optional[list]:
    """On a worker: one scanned page's scan and words (``readers.pdf.ocr_page_words``), in a forked
    process within ``budget``; None when it did not work out."""
    from ..readers.pdf import ocr_page_words
    from .executors import preload

    preload(True)  # once per worker process: the forked page processes inherit the imports
    [(_, kind, value)] = isolate.run_all([(None, ocr_page_words, (data, Path(path), page_no))], 1, budget)
    return value if kind == "ok" else None


def split(client, path: Path, key: str, data: bytes, budget: isolate.Budget) -> tuple[object, dict]:
    """``(what the document's task takes as its bytes, its ocr_words argument)``: for a PDF
    with ``SPLIT_MIN_PAGES`` scanned pages or more, a future of the bytes and a future per
    scanned page (``page_task``); otherwise the bytes themselves and no pages."""
    if data[:5] != b"%PDF-" and not path.suffix.lower() == ".pdf":
        return data, {}
    from ..readers.pdf import scanned_pages

    pages = scanned_pages(data, path)
    if len(pages) < SPLIT_MIN_PAGES:
        return data, {}
    with warnings.catch_warnings():  # the bytes belong in a task: they survive a lost worker
        warnings.filterwarnings("ignore", message="Large object")
        stored = client.submit(held, data, key=f"specx-bytes-{key}", pure=False)
    words = {page: client.submit(page_task, str(path), stored, page, budget,
                                 key=f"specx-page-{page}-{key}", pure=False) for page in pages}
    return stored, words


def new_key(output: str) -> str:
    return f"{output}-{uuid.uuid4().hex}"
