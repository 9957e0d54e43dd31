"""The readable (markdown) form of a change report (``changes.build_report``): one section per
added, removed and changed document, and per changed unit its fields and reworded texts."""

from __future__ import annotations

import json


def _v(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _name(unit: dict) -> str:
    label = unit["reference"] or (f"unit {unit['number']}" if unit["number"] else "")
    local = f" (unit {unit['number']})" if unit["reference"] and unit["number"] else ""
    return " ".join(p for p in (label, unit["title"] or "") if p) + local


def _text_lines(kind: str, changes: list[dict]) -> list[str]:
    lines = []
    for c in changes:
        if c["change"] == "reworded":
            lines += [f"- {kind} {c['number']} reworded", f"  - old: {c['old']}", f"  - new: {c['new']}"]
        else:
            lines.append(f"- {kind} {c['number']} {c['change']}: {c['new' if c['change'] == 'added' else 'old']}")
    return lines


def _group_lines(groups: dict) -> list[str]:
    """The groups section of a changed document (empty when no group changed)."""
    if not any(groups.values()):
        return []
    lines = ["### Groups", ""]
    lines += [f"- added: {g['name']} ({len(g['units'])} units)" for g in groups["added"]]
    lines += [f"- removed: {g['name']}" for g in groups["removed"]]
    for g in groups["changed"]:
        parts = [f"{f} {_v(c['old'])} → {_v(c['new'])}" for f, c in g["fields"].items()]
        parts += [f"units added {', '.join(g['units_added'])}"] if g["units_added"] else []
        parts += [f"units removed {', '.join(g['units_removed'])}"] if g["units_removed"] else []
        lines.append(f"- {g['name']}: {'; '.join(parts)}")
    return lines + [""]


def _changed_document(d: dict) -> list[str]:
    """One changed document: what else changed, qualification fields, groups, units."""
    lines = [f"## Changed: {d['document']} (`{d['source']}`)", ""]
    if d["also_changed"]:
        lines += [f"Also changed: {', '.join(d['also_changed'])}.", ""]
    if d["qualification"]:
        lines += ["### Qualification", ""]
        lines += [f"- {f}: {_v(c['old'])} → {_v(c['new'])}" for f, c in d["qualification"].items()] + [""]
    lines += _group_lines(d["groups"])
    units = d["units"]
    for kind in ("added", "removed"):
        if units[kind]:
            lines += [f"### Units {kind}", ""] + [f"- {_name(u)}" for u in units[kind]] + [""]
    for u in units["changed"]:
        lines += [f"### Unit {_name(u)}", ""]
        lines += [f"- {f}: {_v(c['old'])} → {_v(c['new'])}" for f, c in u["fields"].items()]
        lines += _text_lines("LO", u["learning_outcomes"]) + _text_lines("AC", u["assessment_criteria"]) + [""]
    return lines


def render_markdown(report: dict) -> str:
    """The readable form of a report: one section per added, removed and changed document."""
    s, docs = report["summary"], report["documents"]
    lines = ["# specx change report", "",
             f"Generated {report['generated']}; old: `{report['old']}`; new: `{report['new']}`.", "",
             (f"Documents: {s['documents_added']} added, {s['documents_removed']} removed, "
              f"{s['documents_changed']} changed. Units in changed documents: {s['units_added']} added, "
              f"{s['units_removed']} removed, {s['units_changed']} changed."), ""]
    if docs["added"]:
        lines += ["## Added", ""] + [f"- {d['document']} (`{d['source']}`, {d['units']} units)" for d in docs["added"]] + [""]
    if docs["removed"]:
        lines += ["## Removed", ""] + [f"- {d['document']} (`{d['source']}`, {d['units']} units)" for d in docs["removed"]] + [""]
    for d in docs["changed"]:
        lines += _changed_document(d)
    if not any(docs.values()):  # changes.is_empty
        lines += ["No changes.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
