"""Pearson BTEC-like (reportlab). ``Unit 12: Title``, ``Unit code:``, ``Level:``, ``Credit value:``,
``Guided learning hours:``; a ``Learning outcomes | Assessment criteria`` table whose first
column opens "On completion of this unit a learner should:", LOs ``1 Know ...``, ACs
``1.1 describe ...`` (lower case), sometimes a third "Unit amplification" column and a grading
grid P1/M1/D1 that are not criteria."""

from __future__ import annotations

from ..doc import Doc, Heading, Para, Table
from . import common

NAME = "pearson"
BODY = "Pearson"
PRODUCER = "reportlab"
TEXT = None


def choose(rng) -> dict:
    return {
        "font": rng.choice(["serif", "sans", "serif2"]), "size": rng.choice([9, 9.5, 10]),
        "page": "A4", "margins": rng.choice([1.8, 2.2]),
        "third": rng.choice([None, "Unit amplification", "Indicative content"]),
        "grading": rng.random() < 0.5, "lower": rng.random() < 0.8,
        "code_label": rng.choice(["Unit code", "Unit reference number", "QCF unit code"]),
        "widths": rng.choice([(0.35, 0.65), (0.3, 0.7), (0.42, 0.58)]), "group_form": rng.randrange(4),
        "ruled": rng.choice(["grid", "grid", "box"]), "repeat": rng.random() < 0.7,
    }


def prepare(spec, lay, rng) -> None:
    spec.awarding_body = BODY
    spec.title = f"Pearson BTEC {spec.title}"
    n = rng.randint(1, 5)
    for u in spec.ordered_units():
        u.number = str(n)
        n += rng.randint(1, 4)
    for g in spec.groups:
        g.name = common.group_base_name(g, NAME, lay["group_form"])
    lay["structure"] = {"columns": ["no", "title", "ref", "credits", "level"] if rng.random() < 0.5 else
                        ["no", "title", "credits", "level", "glh"],
                        "labels": {"no": "Unit", "title": "Mandatory and optional units", "ref": "Unit code",
                                   "credits": "Credit", "level": "Level", "glh": "GLH"}}


def _amplification(lo, spec, rng) -> list[str]:
    words = [w for w in lo.text.split() if len(w) > 4][:3]
    return [f"{' '.join(words).capitalize()}: types, purposes, requirements",
            f"Procedures: organisational, legal, {spec.place.replace('the ', '')}"]


def build(spec, lay, rng) -> Doc:
    blocks = [Heading(spec.title, 1), Para("Specification"), Para(f"First teaching {rng.choice(['September', 'January'])} 2024"),
              Para(f"Issue {rng.randint(1, 4)}"), Heading("Qualification title", 2, page_break=True)]
    blocks += common.profile_blocks(spec, dict(lay, profile="lines"),
                                    {"title": "Qualification title", "number": "Qualification Number (QN)",
                                     "credits": "Credit value"})
    blocks += [Para(p) for p in common.prose(spec, rng, 3)]
    blocks += [Heading("Rules of combination", 2)] + common.rules_blocks(spec, rng)
    blocks += common.structure_blocks(spec, rng, lay["structure"], heading_level=3)
    for u in spec.ordered_units():
        blocks.append(Heading(f"Unit {u.number}: {u.title}", 1, page_break=True))
        blocks += [Para(u.reference, label=f"{lay['code_label']}:"), Para(str(u.level), label="Level:"),
                   Para(str(u.credits), label="Credit value:"), Para(str(u.glh), label="Guided learning hours:"),
                   Heading("Unit aim", 3), Para(common.unit_aim(u, spec)),
                   Heading("Learning outcomes and assessment criteria", 3),
                   Para("In order to pass this unit, the evidence that the learner presents for assessment needs to "
                        "demonstrate that they can meet all the learning outcomes for the unit. The assessment "
                        "criteria determine the standard required to achieve the unit.")]
        third = lay["third"]
        header = ["Learning outcomes", "Assessment criteria"] + ([third] if third else [])
        sub = ["On completion of this unit a learner should:", "The learner can:"] + ([""] if third else [])
        rows = [header, sub]
        spans = []
        for i, lo in enumerate(u.outcomes, start=1):
            first = len(rows)
            for j, ac in enumerate(lo.criteria, start=1):
                row = [f"{i} {lo.text}" if j == 1 else "", f"{i}.{j} {common.printed(ac, lower=lay['lower'])}"]
                if third:
                    row.append(["• " + a for a in _amplification(lo, spec, rng)] if j == 1 else "")
                rows.append(row)
            spans.append((0, first, 0, len(rows) - 1))
            if third:
                spans.append((2, first, 2, len(rows) - 1))
        w = lay["widths"]
        widths = [w[0], w[1]] if not third else [w[0] * 0.8, w[1] * 0.6, 1 - w[0] * 0.8 - w[1] * 0.6]
        blocks.append(Table(rows, widths, header_rows=2, rules=lay["ruled"] if lay["ruled"] == "grid" else "lines",
                            spans=spans, shade_header=True, repeat_header=lay["repeat"], rule_rows=[s[2] for s in spans if s[0] == 0]))
        if lay["grading"]:
            blocks.append(Heading("Grading grid", 3))
            blocks.append(Para("In order to pass this unit, the evidence that the learner presents for assessment "
                               "needs to demonstrate that they can meet all the learning outcomes for the unit."))
            grid = [["To achieve a pass grade the evidence must show that the learner is able to:",
                     "To achieve a merit grade the evidence must show that, in addition to the pass criteria, the learner is able to:",
                     "To achieve a distinction grade the evidence must show that, in addition to the pass and merit criteria, the learner is able to:"]]
            pcs = [ac for lo in u.outcomes for ac in lo.criteria][:4]
            for k, ac in enumerate(pcs, start=1):
                grid.append([f"P{k} {common.lower_first(ac)}",
                             f"M{k} analyse {common.lower_first(ac.split(' ', 1)[1])}" if k <= 2 else "",
                             f"D{k} evaluate {common.lower_first(ac.split(' ', 1)[1])}" if k == 1 else ""])
            blocks.append(Table(grid, [0.34, 0.33, 0.33], rules="grid", shade_header=True))
    return Doc(blocks, page=lay["page"], font=lay["font"], size=lay["size"], margins=lay["margins"],
               header=None, footer=f"{spec.title} – Specification – Issue 1 – © Pearson Education Limited 2024",
               page_label="{page}", title=spec.title)
