"""The Dask executor: documents extracted as tasks on a Dask distributed cluster.

``specx run --scheduler tcp://HOST:8786`` (or ``SPECX_SCHEDULER``) submits to a running
scheduler; ``--executor dask`` without one starts a ``LocalCluster`` on this machine for the run.
This process reads each input (the same size checks as a local run) and sends its bytes with the
task, so workers need no shared file system; a worker extracts the document in a forked process
with the run's time and memory budget (``isolate``, as locally) and returns the document dict.
Writing outputs, manifest, catalogue and change report stays with the run (``runner.py``).

* a document that fails is a result (``(None, reason)``), not a task error: it fails only its input;
* a worker lost mid-task (killed, out of memory, its machine gone): the scheduler runs the task
  again elsewhere, up to its ``distributed.scheduler.allowed-failures`` times (3 by default;
  ``LOST_WORKER_RETRIES`` for a LocalCluster started here); a task that raised is retried
  ``TASK_RETRIES`` times;
* every worker is asked for its specx version before the run changes anything, and each result
  carries the version that made it: a worker running other code is refused with both versions
  named, so outputs never mix pipelines;
* at most ``IN_FLIGHT_PER_THREAD`` tasks per worker thread are submitted ahead, so the input bytes
  held here stay bounded however many documents there are.
"""

from __future__ import annotations

import logging
import os
import socket
import warnings
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

from .. import __version__
from ..readers.source import SourceError, read_input
from . import cluster_pages, executors, isolate, version
from .common import RunError
from .inputs import Input

CONNECT_SECONDS = 30  # to reach the scheduler
PROBE_SECONDS = 5  # for its port to accept a connection at all
WORKER_WAIT_SECONDS = 60  # for the first worker to join
TASK_RETRIES = 2  # a task that raised (not a document that failed: that is a result)
LOST_WORKER_RETRIES = 3  # a task whose worker died is run again elsewhere this many times
IN_FLIGHT_PER_THREAD = 2
INSTALL_HINT = "pip install 'specx[cluster]' (make run and make test install it)"


def worker_identity() -> dict:
    """On a worker: the specx code it runs."""
    return {"specx": __version__, "pipeline_version": version.pipeline_version()}


def extract_task(path: str, shown: str, data: bytes, budget: isolate.Budget, ocr_words: Optional[dict] = None) -> tuple:
    """On a worker: one document from its bytes, in a forked process within ``budget`` ->
    ``(document or None, error or None, its JSON text or None, pipeline version of this worker)``;
    ``ocr_words``: its scanned pages OCR'd by their own tasks (``cluster_pages``)."""
    executors.preload(data[:5] == b"%PDF-" or path.lower().endswith(".pdf"))
    [(_, kind, value)] = isolate.run_all([(None, executors.encoded, (path, shown, data, ocr_words))], 1, budget)
    return (*executors.outcome(kind, value, budget), version.pipeline_version())


def _distributed():
    try:
        import distributed
    except ImportError:
        raise RunError(f"--executor dask needs the Dask distributed package, which is not installed: "
                       f"{INSTALL_HINT}") from None
    return distributed


def _probe(scheduler: str) -> None:
    """``RunError`` naming the address at once when nothing listens at a ``tcp://HOST:PORT``
    scheduler (Dask itself would retry for ``CONNECT_SECONDS`` before saying so)."""
    scheme, _, rest = scheduler.rpartition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in ("", "tcp") or not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=PROBE_SECONDS).close()
    except OSError as e:
        reason = e.strerror or type(e).__name__
        raise RunError(f"cannot reach the Dask scheduler at {scheduler}: {reason} (is `dask scheduler` running "
                       "there, and the port open?)") from None


@contextmanager
def connect(scheduler: Optional[str], workers: Optional[int] = None):
    """A client of the scheduler at ``scheduler``, or of a ``LocalCluster`` (``workers``
    processes, one thread each) started here and stopped afterwards."""
    distributed = _distributed()
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": LOST_WORKER_RETRIES}):
        if scheduler:
            _probe(scheduler)
            try:
                client = distributed.Client(scheduler, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError, ValueError) as e:
                raise RunError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
            with client:
                yield client
            return
        n = workers or os.cpu_count() or 1
        with distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
                distributed.Client(cluster) as client:
            yield client


def check_workers(client) -> int:
    """``RunError`` unless a worker is connected and every one runs this specx; their threads."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except (TimeoutError, OSError):
        raise RunError(f"no Dask worker joined the scheduler within {WORKER_WAIT_SECONDS} s; "
                       "start one with: dask worker SCHEDULER_ADDRESS") from None
    ours = worker_identity()
    found = client.run(worker_identity)
    other = {address: identity for address, identity in found.items() if identity != ours}
    if other:
        address, identity = sorted(other.items())[0]
        raise RunError(f"{len(other)} of {len(found)} Dask workers run another specx: {address} has specx "
                       f"{identity['specx']} (pipeline {identity['pipeline_version']}), this run is specx "
                       f"{ours['specx']} (pipeline {ours['pipeline_version']}); install the same version on "
                       "every worker (pip install the same specx) and restart them")
    return sum(client.nthreads().values()) or 1


def _result(future, item: Input) -> tuple[Optional[dict], Optional[str], Optional[str]]:
    distributed = _distributed()
    if future.status == "error":
        error = future.exception()
        if isinstance(error, distributed.KilledWorker):
            return None, (f"the cluster workers extracting it died {LOST_WORKER_RETRIES + 1} times "
                          "(out of memory? a crash in a native library?)"), None
        return None, f"internal error on the cluster: {type(error).__name__}: {error}", None
    if future.status == "cancelled":
        return (None, "its task was cancelled on the cluster (the scheduler restarted?); it is read again by "
                "the next run", None)
    data, error, text, made_by = future.result()
    if made_by != version.pipeline_version():
        return None, (f"extracted by a Dask worker running another specx (pipeline {made_by}, this run "
                      f"{version.pipeline_version()}): not written; update that worker"), None
    return data, error, text


def _submit(client, item: Input, budget: isolate.Budget, spread: bool = True):
    """The input's bytes read here and sent with its task (a large scan's pages as tasks of
    their own when ``spread``: more than one worker thread): the future, or the reason it
    cannot be read."""
    try:
        data = read_input(item.path)
    except SourceError as e:
        return None, e.reason
    key = cluster_pages.new_key(item.output)
    data, ocr_words = cluster_pages.split(client, item.path, key, data, budget) if spread else (data, {})
    with warnings.catch_warnings():  # the bytes belong in the task: they survive a lost worker
        warnings.filterwarnings("ignore", message="Large object")
        return client.submit(extract_task, str(item.path), item.display, data, budget, *([ocr_words] if ocr_words else []),
                             key=f"specx-{key}", retries=TASK_RETRIES, pure=False), None


def run_on(client, todo: list[Input], budget: isolate.Budget, threads: int,
           meanwhile: Optional[Callable[[], None]] = None) -> Iterator[executors.Result]:
    """Each document of ``todo`` as a task on the client's cluster (``threads`` worker threads,
    checked by ``check_workers``) -> ``(input, data, error, text)`` as they finish."""
    distributed = _distributed()
    window = IN_FLIGHT_PER_THREAD * threads
    queue, running, done = list(reversed(todo)), {}, distributed.as_completed()
    while queue or running:
        while queue and len(running) < window:
            item = queue.pop()
            future, error = _submit(client, item, budget, threads > 1)
            if future is None:
                yield item, None, error, None
                continue
            running[future.key] = item
            done.add(future)
        if not running:
            continue
        if meanwhile is not None:  # the first tasks are out: the catalogue's imports meanwhile
            meanwhile, then = None, meanwhile
            then()
        future = next(done)
        item = running.pop(future.key)
        yield (item, *_result(future, item))
        future.release()

