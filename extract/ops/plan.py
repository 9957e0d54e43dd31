"""What a run does to each input, decided from the scan and the manifest before anything is
written: extract it, move its output (same bytes, new path), follow its new path, retire the
output of an input that is gone, or refuse it (its output belongs to another file)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import version
from .inputs import Input, Scan
from .manifest import Manifest, is_current


@dataclass
class Plan:
    items: list[Input]  # every input that may have an output
    todo: list[Input]  # to extract
    moves: list[tuple[str, Input]] = field(default_factory=list)  # (old output, input): same bytes
    relocated: list[Input] = field(default_factory=list)  # same bytes, same output, input at a new path
    gone: list[str] = field(default_factory=list)  # outputs whose input disappeared: retired

    @property
    def changes_outputs(self) -> bool:
        return bool(self.todo or self.gone or self.moves)


def make_plan(scan: Scan, items: list[Input], manifest: Manifest, out: Path, force: bool) -> Plan:
    """What this run does with each input: extract, move an output, note a new path, retire."""
    todo = [i for i in items if force or not is_current(manifest.entries.get(i.output), i, out)]
    claimed = {i.output for i in items}
    moves = [] if force else _moves(todo, manifest, out, claimed)
    moved_here = {item.output for _, item in moves}
    todo = [i for i in todo if i.output not in moved_here]
    relocated = _relocated(items, {i.output for i in todo} | moved_here, manifest)
    moved_away = {old for old, _ in moves}
    gone = [n for n in disappeared(manifest.entries, claimed) if n not in moved_away] if scan.complete else []
    return Plan(items, todo, moves, relocated, gone)


def _relocated(items: list[Input], handled: set[str], manifest: Manifest) -> list[Input]:
    """Inputs neither extracted nor moved whose recorded input path differs: same bytes, new path."""
    return [i for i in items if i.output not in handled and manifest.entries[i.output]["input"] != i.location]


def claim(items: list[Input], manifest: Manifest, refused: list[tuple[str, str]]) -> list[Input]:
    """Inputs whose output another input still owns (recorded in the manifest, its file still
    there and not named in this run) are refused: a same-named file never silently replaces
    another file's output."""
    named = {i.location for i in items}
    kept = []
    for item in items:
        entry = manifest.entries.get(item.output)
        other = entry["input"] if entry else None
        if other and other != item.location and other not in named and os.path.lexists(other):
            refused.append((item.display, f"output {item.output} belongs to {other}, which still exists; "
                                          "use another --out, or move or delete one of them"))
            continue
        kept.append(item)
    return kept


def _moves(todo: list[Input], manifest: Manifest, out: Path, claimed: set[str]) -> list[tuple[str, Input]]:
    """Inputs to extract whose bytes an existing good output was made from, at a path whose
    input is gone (moved or renamed), or whose output path changed: ``(old output, input)``."""
    spare: dict[str, list[str]] = {}
    for name, entry in manifest.entries.items():
        if (name not in claimed and entry["status"] == "ok" and entry["sha256"]
                and entry["pipeline_version"] == version.pipeline_version() and (out / name).is_file()):
            spare.setdefault(entry["sha256"], []).append(name)
    moves = []
    for item in todo:
        for name in spare.get(item.sha256, []):
            other = manifest.entries[name]["input"]
            if other == item.location or not os.path.lexists(other):
                spare[item.sha256].remove(name)
                moves.append((name, item))
                break
    return moves


def disappeared(entries: dict[str, dict], claimed: set[str]) -> list[str]:
    """Outputs whose input is gone: its file no longer exists and no current input writes that
    output. (An input that exists but was not named in this run is left alone.)"""
    return [name for name, entry in entries.items()
            if name not in claimed and not os.path.lexists(entry["input"])]
