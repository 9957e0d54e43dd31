"""What a run tells its user on stderr: text or JSON events, and the live progress line."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from typing import Optional

from .changes import utc_now

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Control characters (newline, ESC…) and bidirectional overrides escaped (``\\x1b``), so a
    file name cannot forge or hide log lines on a terminal."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


class Reporter:
    """Messages on stderr. Text logs: errors always; a live progress line (``progress.LiveLine``:
    documents, pages, rate, ETA) and notices only on a terminal outside CI without ``--quiet``.
    JSON logs (``--log-format json``): one object per event; ``--quiet`` keeps only errors."""

    SHOWN_BY_PROGRESS = frozenset({"started", "extracted", "finished"})  # the live line and summary say it

    def __init__(self, quiet: bool, log_format: str, stream=None):
        self.stream = stream or sys.stderr
        self.json = log_format == "json"
        self.quiet = quiet
        self.live = not (quiet or self.json or os.environ.get("CI")) and self.stream.isatty()
        self.total = self.total_bytes = self.done = self.done_bytes = self.pages = 0
        self.started = 0.0
        self.line = None  # the live line while extracting

    def event(self, level: str, event: str, message: str, **fields) -> None:
        if self.json:
            if level == "error" or not self.quiet:
                record = {"time": utc_now(), "level": level, "event": event, "message": message, **fields}
                print(json.dumps(record, ensure_ascii=False), file=self.stream, flush=True)
        elif level == "error" or (self.live and event not in self.SHOWN_BY_PROGRESS):
            if self.line is not None:
                self.line.print(f"specx: {printable(message)}")
            else:
                print(f"specx: {printable(message)}", file=self.stream, flush=True)

    def start(self, documents: int, size: int) -> None:
        self.total, self.total_bytes, self.started = documents, size, time.monotonic()
        if self.live and documents:
            from .progress import LiveLine

            self.line = LiveLine(self.stream, documents)

    def advance(self, size: int, pages: int, name: str) -> None:
        self.done += 1
        self.done_bytes += size
        self.pages += pages
        if self.line is not None:
            elapsed = time.monotonic() - self.started
            rate = self.done / elapsed if elapsed > 0 else 0.0
            left = elapsed * (self.total_bytes - self.done_bytes) / self.done_bytes if self.done_bytes else 0.0
            self.line.update(self.done, self.total, self.pages, rate, left, printable(name))

    def finish(self) -> None:
        if self.line is not None:
            self.line.stop()
            self.line = None
        self.stream.flush()

    def failed(self, path: str, reason: str) -> None:
        self.event("error", "failed", f"{path}: {reason}", input=path, reason=reason)


def low_coverage(display: str, doc: dict) -> Optional[dict]:
    """A document whose quality section shows gaps: criterion coverage below
    ``quality.LOW_COVERAGE``, or units with outcomes nowhere in it."""
    from ..normalise.quality import LOW_COVERAGE

    q = doc.get("quality") or {}
    coverage, empty = q.get("criterion_coverage"), q.get("units_without_outcomes") or []
    if (coverage is not None and coverage < LOW_COVERAGE) or (empty and not q.get("learning_outcomes")):
        return {"path": display, "criterion_coverage": coverage, "units_without_outcomes": empty}
    return None
