"""The golden projection of an output document and a readable field-level diff.

Used by the golden test and by ``make golden``. See tests/golden/README.md for why locations
and informational warnings are left out of the contract.
"""

from __future__ import annotations

import json
from pathlib import Path

GOLDEN_WARNING_CODES = {
    "reference_repaired", "reference_check_failed", "qualification_number_check_failed",
    "number_inferred", "outcome_text_missing", "garbled_text",
}


def _strip_locations(value):
    """Locations out; ``uncertain`` too where false (it is only ever true on OCR'd pages: a
    golden file states what a text-layer document's values are, not the OCR's doubts)."""
    if isinstance(value, dict):
        return {k: _strip_locations(v) for k, v in value.items()
                if k != "location" and not (k == "uncertain" and value[k] is False)}
    if isinstance(value, list):
        return [_strip_locations(v) for v in value]
    return value


def project(doc: dict) -> dict:
    out = _strip_locations({k: v for k, v in doc.items() if k not in ("warnings", "quality")})
    pairs = {(w["code"], w.get("unit")) for w in doc.get("warnings", []) if w["code"] in GOLDEN_WARNING_CODES}
    out["warnings"] = [{"code": c, "unit": u} for c, u in sorted(pairs, key=lambda p: (p[0], p[1] or ""))]
    return out


def diff(expected, actual, path: str = "$") -> list[str]:
    """Field-level differences, one line each, paths like $.units[K/506/2169].learning_outcomes[2]."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for k in expected.keys() | actual.keys():
            if k not in actual:
                out.append(f"{path}.{k}: missing (expected {_short(expected[k])})")
            elif k not in expected:
                out.append(f"{path}.{k}: unexpected {_short(actual[k])}")
            else:
                out += diff(expected[k], actual[k], f"{path}.{k}")
        return sorted(out)
    if isinstance(expected, list) and isinstance(actual, list):
        ek, ak = _keyed(expected), _keyed(actual)
        if ek is not None and ak is not None:
            out = []
            for k in ek:
                if k not in ak:
                    out.append(f"{path}[{k}]: missing (expected {_short(ek[k])})")
                else:
                    out += diff(ek[k], ak[k], f"{path}[{k}]")
            out += [f"{path}[{k}]: unexpected {_short(ak[k])}" for k in ak if k not in ek]
            order_e = [k for k in ek if k in ak]
            order_a = [k for k in ak if k in ek]
            if order_e != order_a:
                out.append(f"{path}: order differs")
            return out
        if expected != actual:
            return [f"{path}: expected {_short(expected)}, got {_short(actual)}"]
        return []
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


def _keyed(items: list):
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for key in ("reference", "number", "name"):
        keys = [i.get(key) for i in items]
        if all(k is not None for k in keys) and len(set(keys)) == len(keys):
            return dict(zip(keys, items))
    if all("reference" in i and "number" in i for i in items):
        keys = [i["reference"] or f"#{i['number']}" for i in items]
        if len(set(keys)) == len(keys):
            return dict(zip(keys, items))
    return None


def _short(v) -> str:
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) < 160 else s[:157] + "..."


def load(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    """``golden_form.py diff DIR`` / ``golden_form.py accept DIR`` (see Makefile)."""

    command, scratch = argv[0], Path(argv[1])
    golden_dir = Path(__file__).parent / "golden"
    total = 0
    report: list[str] = []
    for produced in sorted(scratch.glob("*.json")):
        data = load(produced)
        if "qualification" not in data:  # manifest.json and other non-document files
            continue
        target = golden_dir / produced.name
        actual = project(data)
        if command == "accept":
            target.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"accepted {target}")
            continue
        lines = diff(load(target), actual) if target.exists() else ["(no golden file yet)"]
        total += len(lines)
        report.append(f"== {produced.name}: {len(lines)} difference(s)")
        report += ["   " + line for line in lines]
    if command == "gaps":  # record today's differences as the known gaps (review the git diff!)
        header = (golden_dir / "known_gaps.txt").read_text(encoding="utf-8").split("\n== ")[0]
        (golden_dir / "known_gaps.txt").write_text(header.rstrip("\n") + "\n" + "\n".join(report) + "\n", encoding="utf-8")
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
