"""Score specx's outputs against the truth of a rendered specimen set.

Per document (one input = one document variant):

* units: a truth unit matches an output unit with the same reference, else (truth or output
  without a reference, or no unit with that reference) one with the same local number; each output
  unit is used once. Unit F1 over matched / output / truth units.
* LO / AC exact match: an item is (unit, number, text); texts compared after normalising
  whitespace, the first letter's case and one trailing full stop, nothing more. A wrong text is
  both a miss and a false positive. Items of unmatched output units are false positives.
* LO / AC numbers: the same with (unit, number) only.
* fields: qualification title/number/level/tqt/glh/min_credits; unit title/level/credits/glh
  (a missed unit counts as wrong on every field).

A document specx failed on has no output: everything in it is missed. Counts are summed
(micro-averaged) per style, per variant, per style x variant and overall.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

QUAL_FIELDS = ("title", "number", "level", "tqt", "glh", "min_credits")
UNIT_FIELDS = ("title", "level", "credits", "glh")


def norm(text) -> str | None:
    """Whitespace, first letter's case and one trailing full stop: nothing more lenient."""
    if text is None:
        return None
    t = re.sub(r"\s+", " ", str(text)).strip()
    if t.endswith("."):
        t = t[:-1].rstrip()
    return t[:1].lower() + t[1:]


def _ref(r) -> str | None:
    return r.strip().upper() if isinstance(r, str) and r.strip() else None


def _num(n) -> str | None:
    return str(n).strip() if n not in (None, "") else None


def match_units(truth_units: list[dict], out_units: list[dict]) -> dict[int, int]:
    """truth index -> output index: by reference first, then by local number."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for ti, tu in enumerate(truth_units):
        ref = _ref(tu.get("reference"))
        if ref is None:
            continue
        for oi, ou in enumerate(out_units):
            if oi not in used and _ref(ou.get("reference")) == ref:
                pairs[ti] = oi
                used.add(oi)
                break
    for ti, tu in enumerate(truth_units):
        num = _num(tu.get("number"))
        if ti in pairs or num is None:
            continue
        for oi, ou in enumerate(out_units):
            if oi not in used and _num(ou.get("number")) == num:
                pairs[ti] = oi
                used.add(oi)
                break
    return pairs


def _items(units: list[dict], keys: list, kind: str, with_text: bool) -> Counter:
    items: Counter = Counter()
    for key, u in zip(keys, units):
        for lo in u.get("learning_outcomes") or []:
            if kind == "lo":
                items[(key, _num(lo.get("number")), norm(lo.get("text")) if with_text else None)] += 1
            else:
                for ac in lo.get("assessment_criteria") or []:
                    items[(key, _num(ac.get("number")), norm(ac.get("text")) if with_text else None)] += 1
    return items


def new_counts() -> dict:
    c = {k: [0, 0, 0] for k in ("unit", "lo", "ac", "lo_num", "ac_num")}  # tp, fp, fn
    c["qual"] = {f: [0, 0] for f in QUAL_FIELDS}  # right, total
    c["unit_fields"] = {f: [0, 0] for f in UNIT_FIELDS}
    c["docs"] = 0
    c["failed"] = 0
    c["flags"] = [0, 0, 0, 0]  # wrong output texts flagged uncertain, wrong texts, right texts flagged, right texts
    return c


def add_counts(into: dict, c: dict) -> None:
    for k in ("unit", "lo", "ac", "lo_num", "ac_num"):
        for i in range(3):
            into[k][i] += c[k][i]
    for group in ("qual", "unit_fields"):
        for f, (right, total) in c[group].items():
            into[group][f][0] += right
            into[group][f][1] += total
    into["docs"] += c["docs"]
    into["failed"] += c["failed"]
    into["flags"] = [a + b for a, b in zip(into["flags"], c["flags"])]


def compare(truth: dict, output: dict | None) -> tuple[dict, list[dict]]:
    """Counts for one document and the list of differences (for the examples)."""
    c = new_counts()
    c["docs"] = 1
    diffs: list[dict] = []
    if output is None:
        c["failed"] = 1
        output = {}
    tq, oq = truth.get("qualification") or {}, output.get("qualification") or {}
    for f in QUAL_FIELDS:
        want, got = tq.get(f), oq.get(f)
        ok = (norm(want) == norm(got)) if f == "title" else (want == got)
        c["qual"][f][0] += ok
        c["qual"][f][1] += 1
        if not ok:
            diffs.append({"kind": f"qualification.{f}", "expected": want, "got": got})
    tunits, ounits = truth.get("units") or [], output.get("units") or []
    pairs = match_units(tunits, ounits)
    c["unit"] = [len(pairs), len(ounits) - len(pairs), len(tunits) - len(pairs)]
    back = {oi: ti for ti, oi in pairs.items()}
    tkeys = list(range(len(tunits)))
    okeys = [back.get(oi, f"extra{oi}") for oi in range(len(ounits))]
    for ti, tu in enumerate(tunits):
        name = tu.get("reference") or tu.get("number")
        if ti not in pairs:
            diffs.append({"kind": "unit missed", "unit": name, "expected": tu.get("title"), "got": None})
        ou = ounits[pairs[ti]] if ti in pairs else {}
        for f in UNIT_FIELDS:
            want, got = tu.get(f), ou.get(f)
            ok = ti in pairs and ((norm(want) == norm(got)) if f == "title" else (want == got))
            c["unit_fields"][f][0] += ok
            c["unit_fields"][f][1] += 1
            if ti in pairs and not ok:
                diffs.append({"kind": f"unit.{f}", "unit": name, "expected": want, "got": got})
    for oi, ou in enumerate(ounits):
        if oi not in back:
            diffs.append({"kind": "unit spurious", "unit": ou.get("reference") or ou.get("number"),
                          "expected": None, "got": ou.get("title")})
    for kind in ("lo", "ac"):
        for with_text, key in ((True, kind), (False, f"{kind}_num")):
            want = _items(tunits, tkeys, kind, with_text)
            got = _items(ounits, okeys, kind, with_text)
            tp = sum((want & got).values())
            c[key] = [tp, sum(got.values()) - tp, sum(want.values()) - tp]
            if with_text:
                _count_flags(c["flags"], want, ounits, okeys, kind)
                missed = want - got
                extra = got - want
                extra_by_pos = defaultdict(list)
                for (u, n, t), k in extra.items():
                    extra_by_pos[(u, n)] += [t] * k
                names = {i: (tu.get("reference") or tu.get("number")) for i, tu in enumerate(tunits)}
                for (u, n, t), k in missed.items():
                    got_t = extra_by_pos.get((u, n), [])
                    diffs.append({"kind": f"{kind} wrong" if got_t else f"{kind} missed", "unit": names.get(u, u),
                                  "number": n, "expected": t, "got": got_t.pop(0) if got_t else None})
                for (u, n), texts in extra_by_pos.items():
                    for t in texts:
                        diffs.append({"kind": f"{kind} spurious", "unit": names.get(u, u), "number": n,
                                      "expected": None, "got": t})
    return c, diffs


def _count_flags(flags: list, want: Counter, units: list[dict], keys: list, kind: str) -> None:
    """How many wrong and right output texts (LO or AC) carry ``"uncertain": true``."""
    for key, u in zip(keys, units):
        for lo in u.get("learning_outcomes") or []:
            for item in ([lo] if kind == "lo" else lo.get("assessment_criteria") or []):
                right = want[(key, _num(item.get("number")), norm(item.get("text")))] > 0
                flags[2 if right else 0] += bool(item.get("uncertain"))
                flags[3 if right else 1] += 1


def f1(tp: int, fp: int, fn: int) -> float | None:
    if tp + fp + fn == 0:
        return None
    return 2 * tp / (2 * tp + fp + fn)


def summary(c: dict) -> dict:
    out = {"docs": c["docs"], "failed": c["failed"]}
    wf, wrong, rf, right = c["flags"]
    out["wrong_flagged"] = wf / wrong if wrong else None  # share of wrong LO/AC texts marked uncertain
    out["right_flagged"] = rf / right if right else None  # share of right ones marked (false alarms)
    out["flags"] = {"wrong_flagged": wf, "wrong": wrong, "right_flagged": rf, "right": right}
    for k in ("unit", "lo", "ac", "lo_num", "ac_num"):
        tp, fp, fn = c[k]
        out[f"{k}_f1"] = f1(tp, fp, fn)
        out[k] = {"tp": tp, "fp": fp, "fn": fn}
    for group in ("qual", "unit_fields"):
        right = sum(v[0] for v in c[group].values())
        total = sum(v[1] for v in c[group].values())
        out[f"{group}_acc"] = right / total if total else None
        out[group] = {f: (v[0] / v[1] if v[1] else None) for f, v in c[group].items()}
    return out


# --- running specx --------------------------------------------------------------------------------

CHECKOUT = Path(__file__).resolve().parents[1]
"""The source tree this package is in: specx is run from it, so a second checkout (another
commit, for a before/after comparison) scores its own code, not the installed one."""


def specx_command() -> list[str]:
    return [sys.executable, "-m", "extract"]


def run_specx(inputs: list[Path], out: Path, jobs: int) -> float:
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    env = dict(os.environ)
    env.pop("CI", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CHECKOUT), env.get("PYTHONPATH")]))
    r = subprocess.run(specx_command() + ["run", *map(str, inputs), "--out", str(out), "--quiet",
                                          "--jobs", str(jobs)], capture_output=True, text=True, env=env)
    if r.returncode not in (0, 1):
        print(f"specx exited {r.returncode}: {r.stderr.strip()[-2000:]}", file=sys.stderr)
    return time.time() - t0


def _fmt(v) -> str:
    return "  -  " if v is None else f"{v * 100:5.1f}"


COLUMNS = [("unit_f1", "unit"), ("lo_f1", "LO"), ("ac_f1", "AC"), ("lo_num_f1", "LO#"), ("ac_num_f1", "AC#"),
           ("qual_acc", "qual"), ("unit_fields_acc", "ufld"),
           ("wrong_flagged", "unc"), ("right_flagged", "unc+")]


def table(rows: list[tuple[str, dict]]) -> str:
    head = f"{'':28} {'docs':>4} {'fail':>4} " + " ".join(f"{label:>5}" for _, label in COLUMNS)
    lines = [head, "-" * len(head)]
    for name, s in rows:
        lines.append(f"{name:28} {s['docs']:4d} {s['failed']:4d} " + " ".join(_fmt(s[k]) for k, _ in COLUMNS))
    return "\n".join(lines)


def score(root: Path, out: Path | None = None, *, run: bool = True, jobs: int = 2, verbose: bool = False,
          examples: int = 12, log=print) -> dict:
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))
    out = out or root / "specx-out"
    inputs = [(d, v, root / p) for d in index["documents"] for v, p in d["inputs"].items()]
    seconds = None
    if run:
        seconds = run_specx([p for _, _, p in inputs], out, jobs)
    by: dict[tuple, dict] = defaultdict(new_counts)
    all_diffs: list[dict] = []
    per_input = []
    for d, variant, path in inputs:
        truth = json.loads((root / d["dir"] / "truth.json").read_text(encoding="utf-8"))
        result = out / f"{path.stem}.json"
        try:
            output = json.loads(result.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            output = None
        c, diffs = compare(truth, output)
        for key in ((d["style"], variant), (d["style"], "*"), ("*", variant), ("*", "*")):
            add_counts(by[key], c)
        for x in diffs:
            x.update(document=d["id"], variant=variant)
        all_diffs += diffs
        per_input.append({"document": d["id"], "style": d["style"], "variant": variant, "input": str(path),
                          "output": str(result) if output is not None else None, **summary(c)})
    styles = sorted({s for s, _ in by if s != "*"}, key=lambda s: index["styles"].index(s) if s in index["styles"] else 99)
    variants = [v for v in ("pdf", "layout", "text", "md", "ocr", "scan") if ("*", v) in by]
    rows = []
    for s in styles:
        rows += [(f"{s}/{v}", summary(by[(s, v)])) for v in variants if (s, v) in by]
        rows.append((f"{s} (all)", summary(by[(s, "*")])))
    by_variant = [(f"* / {v}", summary(by[("*", v)])) for v in variants]
    overall = summary(by[("*", "*")])
    text = [f"specimens seed {index['seed']}: {len(index['documents'])} documents, {len(inputs)} inputs"
            + (f", specx {seconds:.1f}s" if seconds is not None else ""),
            table(rows), "", table(by_variant + [("overall", overall)]),
            "F1 and accuracy in %: unit F1, LO/AC exact-match F1, LO#/AC# number F1, qual/ufld field accuracy;\n"
            "unc: wrong LO/AC texts marked uncertain, unc+: right ones marked (false alarms)"]
    log("\n".join(text))
    if verbose:
        order = {"unit missed": 0, "ac wrong": 1, "lo wrong": 1, "ac missed": 2, "lo missed": 2, "unit spurious": 3,
                 "ac spurious": 4, "lo spurious": 4}
        ranked = sorted(all_diffs, key=lambda x: (order.get(x["kind"], 5), x["document"], x["variant"]))
        kinds = Counter(x["kind"] for x in all_diffs)
        log("\ndifferences by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
        log(f"worst examples (first {examples}):")
        seen_kinds: Counter = Counter()
        shown = 0
        for x in ranked:
            if seen_kinds[x["kind"]] >= max(2, examples // 4):
                continue
            seen_kinds[x["kind"]] += 1
            where = f"{x['document']}/{x['variant']} {x.get('unit') or ''} {x.get('number') or ''}".strip()
            log(f"  [{x['kind']}] {where}\n      expected: {x['expected']!r}\n      got:      {x['got']!r}")
            shown += 1
            if shown >= examples:
                break
    report = {"format": "specimens-accuracy/1", "seed": index["seed"], "specx_seconds": seconds,
              "overall": overall,
              "by_style": {s: summary(by[(s, "*")]) for s in styles},
              "by_variant": {v: summary(by[("*", v)]) for v in variants},
              "by_style_variant": {f"{s}/{v}": summary(by[(s, v)]) for s in styles for v in variants if (s, v) in by},
              "inputs": per_input,
              "differences": all_diffs}
    (root / "accuracy.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"wrote {root / 'accuracy.json'}")
    return report


def main(args) -> int:
    score(args.dir, args.out, run=not args.no_run, jobs=args.jobs, verbose=args.verbose, examples=args.examples)
    return 0
