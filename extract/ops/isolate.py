"""A function call in a forked child process with a time and memory budget.

``specx run`` extracts every document this way (a scanned page's tesseract runs as a process of
its own under ``readers.ocr_pool``, with its own timeout), the way OCRmyPDF and OCR-D run a worker
per page: a native crash, an out-of-memory kill or a document that never
finishes ends that child only, with a reason, and the run goes on. Forking (not spawning) keeps
it cheap: the child inherits the parent's imported modules.

* memory: the child's address space may grow by ``Budget.memory`` bytes beyond the size it was
  forked at (``RLIMIT_AS``); an allocation over it raises ``MemoryError`` in Python or fails in
  the native library, and the call ends as ``"memory"``;
* time: a child still running ``Budget.seconds`` after it started is killed (``SIGKILL``);
* the child dies with its parent (Linux ``PR_SET_PDEATHSIG``), ignores Ctrl-C (the parent stops
  it) and takes SIGTERM's default action.
"""

from __future__ import annotations

import os
import pickle
import resource
import selectors
import signal
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Optional


@dataclass(frozen=True)
class Budget:
    seconds: float
    memory: int = 0  # bytes of address space the child may add; 0: no limit


_STOPS = {signal.SIGTERM, signal.SIGINT}


class OverBudget(Exception):
    """The isolated call did not finish within its budget, or its process died: ``reason``."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _address_space() -> Optional[int]:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _die_with_parent(parent: int) -> None:
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _child(write_fd: int, fn: Callable, args: tuple, budget: Budget, parent: int) -> None:
    """In the forked child: run ``fn``, send ``(kind, value)`` down the pipe, exit. Never returns."""
    status = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # blocked by the parent around fork
        _die_with_parent(parent)
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        size = _address_space()
        if budget.memory and size:
            limit = size + budget.memory
            resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
        try:
            result = ("ok", fn(*args))
        except MemoryError:
            result = ("memory", None)
        except BaseException as e:  # noqa: BLE001 - reported to the parent, which decides
            result = ("raised", e)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))  # room to send the result
        try:
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:  # an exception that does not pickle
            data = pickle.dumps(("raised", RuntimeError(f"{type(result[1]).__name__}: {e}")))
        view = memoryview(data)
        while view:
            view = view[os.write(write_fd, view):]
    except BaseException:  # noqa: BLE001 - nothing may escape into the parent's code
        status = 70
    finally:
        os._exit(status)


class Child:
    """One forked call; the parent reads its result from a pipe."""

    def __init__(self, fn: Callable, args: tuple, budget: Budget, tag: Any = None):
        sys.stdout.flush()
        sys.stderr.flush()
        read_fd, write_fd = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(write_fd, fn, args, budget, parent)
        os.close(write_fd)
        os.set_blocking(read_fd, False)
        self.pid, self.fd, self.tag, self.budget = pid, read_fd, tag, budget
        self.deadline = time.monotonic() + budget.seconds
        self.data = bytearray()
        self.done = False

    def read(self) -> None:
        """Take what the child wrote so far; ``done`` at end of file."""
        while True:
            try:
                chunk = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                return
            if not chunk:
                self.done = True
                return
            self.data += chunk

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def finish(self, timed_out: bool = False) -> tuple[str, Any]:
        """Reap the child -> ``(kind, value)``: ``ok`` / ``raised`` / ``memory`` from the child, or
        ``timeout`` / ``died`` (value: the reason)."""
        if timed_out:
            self.kill()
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        if timed_out:
            return "timeout", f"took longer than its time budget ({self.budget.seconds:g} s) and was stopped"
        try:
            return pickle.loads(bytes(self.data))
        except Exception:
            pass
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            hint = " (out of memory?)" if sig == signal.SIGKILL else " (a crash in a native library?)"
            return "died", f"the extracting process died by signal {name}{hint}"
        return "died", f"the extracting process died without a result (exit status {os.WEXITSTATUS(status)})"


def _start(pending: Iterator, running: dict, selector, jobs: int, budget: Budget) -> None:
    """Fork children for the next calls until ``jobs`` are running (or none is left)."""
    while len(running) < max(1, jobs):
        call = next(pending, None)
        if call is None:
            return
        tag, fn, args = call
        # SIGTERM/SIGINT wait until the child is registered: a signal arriving inside fork's
        # at-fork hooks (logging's) would have its exception swallowed, and the run go on
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
        try:
            child = Child(fn, args, budget, tag)
            running[child.fd] = child
            selector.register(child.fd, selectors.EVENT_READ, child)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)


def run_all(calls: Iterable[tuple[Any, Callable, tuple]], jobs: int, budget: Budget,
            started: Optional[Callable[[], None]] = None) -> Iterator[tuple[Any, str, Any]]:
    """Run each ``(tag, fn, args)`` in its own child, ``jobs`` at a time -> ``(tag, kind, value)``
    as they finish; ``started()`` runs here once, as soon as the first children are running.
    The next children are started before the finished ones are yielded, so the caller's work
    on a result (writing an output, the manifest) never leaves a core idle.
    Closing the generator (or an exception in the caller, such as the run's SIGTERM handler
    raising) kills and reaps every child still running."""
    pending = iter(calls)
    running: dict[int, Child] = {}
    selector = selectors.DefaultSelector()
    try:
        _start(pending, running, selector, jobs, budget)
        while running:
            if started is not None:
                started, then = None, started
                then()
            timeout = max(0.0, min(c.deadline for c in running.values()) - time.monotonic())
            for key, _ in selector.select(timeout):
                key.data.read()
            now, finished = time.monotonic(), []
            for fd, child in list(running.items()):
                if child.done or now >= child.deadline:
                    selector.unregister(fd)
                    del running[fd]
                    finished.append(child.finish(timed_out=not child.done) + (child.tag,))
            _start(pending, running, selector, jobs, budget)
            for kind, value, tag in finished:
                yield tag, kind, value
    finally:
        for child in running.values():
            child.kill()
        for child in running.values():
            try:
                os.waitpid(child.pid, 0)
                os.close(child.fd)
            except OSError:
                pass
        selector.close()


def call(fn: Callable, args: tuple, budget: Budget):
    """``fn(*args)`` in a child: its value, the exception it raised re-raised here, or
    ``OverBudget`` naming the reason (time, memory, or its process died)."""
    for _, kind, value in run_all([(None, fn, args)], 1, budget):
        if kind == "ok":
            return value
        if kind == "raised":
            raise value
        if kind == "memory":
            raise OverBudget(f"needed more than its memory budget ({budget.memory >> 20} MB)")
        raise OverBudget(value)
    raise OverBudget("no result")
