"""Names specx keeps in an output folder, the run's limits and exit codes, and its exceptions."""

from __future__ import annotations

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "specx-manifest/1"
LOCK = ".specx.lock"
PENDING = ".pending"
ABSENT = ".absent"  # .pending/.absent/<output>: the output did not exist before the run
RETIRED = "retired"
CATALOGUE_DIRS = ("catalogue",)
OWN_DIRS = {PENDING, RETIRED, "changes", *CATALOGUE_DIRS}  # specx's folders inside the output folder
OWN_NAMES = OWN_DIRS | {MANIFEST, LOCK, "specx.sqlite"}
EXIT_LOCKED = 3
EXIT_ERROR = 4
DEFAULT_TIMEOUT = 600.0  # seconds per document
DEFAULT_MEMORY_MB = 2048  # address space a document's worker may add
MAX_NAME_BYTES = 255
SCHEDULER_ENV = "SPECX_SCHEDULER"  # a Dask scheduler's address (here, not in cluster.py: a local run does not import that)


class RunLocked(Exception):
    """Another run holds the output folder's lock."""


class RunError(Exception):
    """The run cannot go on (the message says why): exit 4 with the reason in the summary."""


class Interrupted(BaseException):
    """SIGTERM during a run; a BaseException so no per-input ``except Exception`` swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
