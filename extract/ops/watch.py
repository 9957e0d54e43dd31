"""``specx watch [FOLDER] --interval SECONDS``: poll a folder and run when something changed.

Each poll compares the inputs' names, sizes and modification times with the state at the last
run (cheap: no hashing). A change must hold still for one interval before a run starts, so a
file still being copied in is not extracted half-written; the run then extracts only what
really changed (``runner``). Runs wait
for the output folder's lock, so a watch and a scheduled ``specx run`` never write at once.
SIGTERM or Ctrl-C between runs stops the watch cleanly (exit 0); during a run they interrupt
the run as they would interrupt ``specx run`` (its outputs stay complete).
"""

from __future__ import annotations

import dataclasses
import signal
import threading
from typing import Optional

from .inputs import find_inputs
from .report import Reporter
from .runner import RunOptions, run


def snapshot(paths: list[str], out=None) -> Optional[tuple]:
    """The inputs' (path, size, mtime) in order, and the problems of the scan; None while a
    named path is missing or cannot be read."""
    try:
        scan = find_inputs(paths, out)
        return tuple((str(p), st.st_size, st.st_mtime_ns) for p, _ in scan.files for st in [p.lstat()]) \
            + tuple(scan.problems)
    except OSError:  # missing, unreadable, or a file removed between the scan and its stat
        return None


def watch(opts: RunOptions, interval: float) -> int:
    """Poll every ``interval`` seconds until stopped; returns 0, 2 when the folder does not
    exist at the start (later it is waited for), or a run's exit code >= 128 when a signal
    interrupted that run."""
    reporter = Reporter(opts.quiet, opts.log_format)
    previous = snapshot(opts.inputs, opts.out)
    if previous is None:
        reporter.event("error", "usage", f"no such file or folder: {', '.join(opts.inputs)}")
        return 2
    stop = threading.Event()
    handlers = {s: signal.signal(s, lambda *_: stop.set()) for s in (signal.SIGTERM, signal.SIGINT)}
    opts = dataclasses.replace(opts, wait=True)
    last, missing = None, False
    try:
        while not stop.is_set():
            current = snapshot(opts.inputs, opts.out)
            if current is None and not missing:
                reporter.event("error", "missing", f"waiting for {', '.join(opts.inputs)} to exist and be readable")
            missing = current is None
            if current is not None and current != last and current == previous:  # changed, then still
                signal.signal(signal.SIGINT, signal.default_int_handler)
                code = run(opts)
                signal.signal(signal.SIGINT, lambda *_: stop.set())
                if code >= 128:
                    return code
                last = current
            previous = current
            stop.wait(interval)
        return 0
    finally:
        for s, handler in handlers.items():
            signal.signal(s, handler)
