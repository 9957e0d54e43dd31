"""The seam between a run and where its documents are extracted.

An executor takes the inputs to extract and yields ``(input, document dict, error, its JSON
text)`` as each finishes; the run (``runner.py``) writes every output, the manifest, the
catalogue and the change report the same way whichever executor extracted them. The JSON text is
made by the worker, in parallel, with the same ``emit.json_text`` a local write uses.

* ``local`` (the default): each document in its own forked process on this machine
  (``isolate.py``), ``--jobs`` at a time; ``--jobs 0`` chooses by the amount of work
  (``auto_jobs``);
* ``dask``: the documents as tasks on a Dask cluster (``cluster.py``): an existing scheduler
  (``--scheduler``, ``SPECX_SCHEDULER``) or a ``LocalCluster`` started for the run.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional

from ..emit import json_text
from ..readers.source import SourceError
from . import isolate
from .common import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from .inputs import Input

EXECUTORS = ("local", "dask")
# Below this much input in total, one worker process extracts everything: forking a second one
# and sharing 2 cores with the catalogue's imports cost more than it saves (docs/benchmarks.md).
PARALLEL_MIN_BYTES = 1 << 20
PARALLEL_BYTES_PER_JOB = 512 << 10  # above the threshold, one more worker per this much input

Result = tuple[Input, Optional[dict], Optional[str], Optional[str]]  # (input, document, error, its JSON text)


def _extract(path: str, shown: str, data: Optional[bytes] = None) -> tuple[Optional[dict], Optional[str]]:
    """Worker: one input (read here, or its bytes ``data``) -> (output data, None) or (None,
    reason). Never raises an Exception."""
    from ..pipeline import extract_document

    try:
        return extract_document(Path(path), shown, data).model_dump(mode="json"), None
    except SourceError as e:
        return None, e.reason
    except MemoryError:
        raise  # the worker reports it as over its memory budget
    except Exception as e:  # one input failing never stops the others
        return None, f"internal error: {type(e).__name__}: {e}"


def encoded(path: str, shown: str, data: Optional[bytes] = None, ocr_words: Optional[dict] = None) -> tuple:
    """Worker: ``_extract`` and the output's JSON text, made here in parallel rather than by the
    run that writes it -> ``(document, None, text)`` or ``(None, reason, None)``. ``ocr_words``:
    scanned pages already OCR'd elsewhere (page number -> words; ``ocr_pool.ready_pages``)."""
    if ocr_words:
        from ..readers.ocr_pool import ready_pages

        with ready_pages(ocr_words):
            doc, error = _extract(path, shown, data)
    else:
        doc, error = _extract(path, shown) if data is None else _extract(path, shown, data)
    return doc, error, None if doc is None else json_text(doc)


def outcome(kind: str, value, budget: isolate.Budget) -> tuple[Optional[dict], Optional[str], Optional[str]]:
    """An isolated ``encoded`` call's ``(kind, value)`` -> ``(document, None, text)`` or
    ``(None, reason, None)``."""
    if kind == "ok":
        return value
    if kind == "memory":
        return None, f"needed more than the memory budget ({budget.memory >> 20} MB, --memory)", None
    if kind == "timeout":
        return None, f"{value} (--timeout)", None
    if kind == "raised":
        return None, f"internal error: {type(value).__name__}: {value}", None
    return None, value, None


def auto_jobs(todo: list[Input], cpus: Optional[int] = None) -> int:
    """Worker processes for ``--jobs 0``: one for a small amount of work (under
    ``PARALLEL_MIN_BYTES`` of input), then one per ``PARALLEL_BYTES_PER_JOB`` up to the cores."""
    cpus = cpus or os.cpu_count() or 1
    total = sum(i.size for i in todo)
    if total < PARALLEL_MIN_BYTES:
        return 1
    return max(1, min(len(todo), cpus, total // PARALLEL_BYTES_PER_JOB))


def preload(pdf: bool) -> None:
    """Import the pipeline, the readers it imports on first use (and the PDF library when there
    are PDFs), and load the corpus vocabulary and the English dictionary every document consults
    (word repair looks up each criterion word the vocabulary lacks), before the workers fork:
    each worker (a fresh fork per document) inherits them instead of paying them again, which
    cost about 0.06 s per document for the imports and 0.35 s for the dictionary. spaCy, which
    few documents need, stays with the documents that need it."""
    from .. import pipeline  # noqa: F401
    from ..readers import layout_text  # noqa: F401
    from ..repair import dictionary, vocabulary

    vocabulary.load()
    vocabulary.bigrams()
    dictionary.load()
    if pdf:
        import pymupdf  # noqa: F401

        from ..readers import ocr, pdf as pdf_reader  # noqa: F401

        ocr.tessdata()  # found once, inherited by every worker


def extract_all(todo: list[Input], jobs: int, meanwhile: Optional[Callable[[], None]] = None,
                budget: isolate.Budget = isolate.Budget(DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB << 20)) -> Iterator[Result]:
    """The local executor: yield ``(input, data, error, text)`` as documents finish, each document
    extracted in its own worker process (``isolate``) within ``budget``: a crash, a kill, memory
    or time over budget fail that input only. ``meanwhile`` runs in this process as soon as the
    first workers are busy (the run imports the catalogue's libraries there, on a core the
    workers leave free, instead of after the documents)."""
    preload(any(i.path.suffix.lower() == ".pdf" for i in todo))
    calls = ((item, encoded, (str(item.path), item.display)) for item in todo)
    results = isolate.run_all(calls, jobs, budget, started=meanwhile)
    try:
        for item, kind, value in results:
            yield (item, *outcome(kind, value, budget))
    finally:
        results.close()


Extract = Callable[[list[Input], Optional[Callable[[], None]]], Iterator[Result]]  # (todo, meanwhile)


@contextmanager
def session(opts, notice: Optional[Callable[[str], None]] = None) -> Iterator[Extract]:
    """The executor ``opts`` names (``RunOptions``), ready before the run changes anything: for
    dask the cluster is reached (or a LocalCluster started) and every worker's version checked
    here, so a cluster that cannot be used stops the run before any output moves. Yields
    ``extract(todo, meanwhile)``; ``notice(message)`` is told where the work goes."""
    budget = isolate.Budget(opts.timeout, opts.memory_mb << 20)
    if opts.executor == "dask":
        from . import cluster

        with cluster.connect(opts.scheduler, opts.jobs or None) as client:
            threads = cluster.check_workers(client)
            if notice is not None:
                notice(f"extracting on the Dask cluster at {client.scheduler.address} ({threads} worker threads, "
                       f"dashboard {client.dashboard_link})")
            yield lambda todo, meanwhile: cluster.run_on(client, todo, budget, threads, meanwhile)
        return
    yield lambda todo, meanwhile: extract_all(todo, opts.jobs or auto_jobs(todo), meanwhile=meanwhile, budget=budget)
