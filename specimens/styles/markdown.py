"""Markdown converter output (the form web/Word converters emit): ``### Unit 301: Title``, bold
fact labels, pipe tables ``| 1 Understand ... | 1.1 Describe ... |`` with the LO in the first
row only or in every row, or all criteria in one cell joined by ``<br>``. Also printed to PDF."""

from __future__ import annotations

from ..doc import Doc, Heading, ListBlock, Para, Table
from . import common

NAME = "markdown"
BODY = "City & Guilds"
PRODUCER = "reportlab"
TEXT = "markdown"


def choose(rng) -> dict:
    return {
        "font": rng.choice(["sans", "dejavu"]), "size": rng.choice([9, 10]), "page": "A4", "margins": 1.8,
        "rows": rng.choice(["first", "every", "joined"]), "facts": rng.choice(["bullets", "lines"]),
        "numbers": rng.choice(["301", "1"]), "group_form": rng.randrange(4),
        "body": rng.choice(["City & Guilds", "NCFE", "Open Awards", ""]), "lo_num": rng.choice(["1", "1."]),
    }


def prepare(spec, lay, rng) -> None:
    spec.awarding_body = lay["body"]
    for i, u in enumerate(spec.ordered_units(), start=1):
        u.number = f"{u.level}{i:02d}" if lay["numbers"] == "301" else str(i)
    for g in spec.groups:
        g.name = common.group_base_name(g, NAME, lay["group_form"])
    lay["structure"] = common.structure_layout(rng, has_numbers=True)


def build(spec, lay, rng) -> Doc:
    blocks = [Heading(spec.title, 1), Para("Qualification specification")]
    blocks += [Heading("Qualification at a glance", 2)]
    facts = common.profile_rows(spec, lay, {"number": "Qualification number", "credits": "Minimum credits"})
    if lay["facts"] == "bullets":
        blocks.append(ListBlock([f"{a}: {b}" for a, b in facts], marker="-"))
    else:
        blocks += [Para(b, label=f"{a}:") for a, b in facts]
    blocks += [Para(p) for p in common.prose(spec, rng, 2)]
    blocks += [Heading("Structure", 2)] + common.rules_blocks(spec, rng)
    blocks += common.structure_blocks(spec, rng, lay["structure"], heading_level=3)
    blocks.append(Heading("Units", 2, page_break=True))
    for u in spec.ordered_units():
        blocks.append(Heading(f"Unit {u.number}: {u.title}", 3, page_break=True))
        facts = [("Unit reference", u.reference), ("Level", str(u.level)), ("Credit value", str(u.credits)),
                 ("GLH", str(u.glh))]
        if lay["facts"] == "bullets":
            blocks.append(ListBlock([f"{a}: {b}" for a, b in facts], marker="-"))
        else:
            blocks += [Para(b, label=f"{a}:") for a, b in facts]
        rows = [["Learning outcome", "Assessment criteria"], ["The learner will:", "The learner can:"]]
        for i, lo in enumerate(u.outcomes, start=1):
            lnum = f"{i}." if lay["lo_num"] == "1." else f"{i}"
            if lay["rows"] == "joined":
                rows.append([f"{lnum} {lo.text}", [f"{i}.{j} {ac}" for j, ac in enumerate(lo.criteria, start=1)]])
                continue
            for j, ac in enumerate(lo.criteria, start=1):
                lo_cell = f"{lnum} {lo.text}" if (j == 1 or lay["rows"] == "every") else ""
                rows.append([lo_cell, f"{i}.{j} {ac}"])
        blocks.append(Table(rows, [0.4, 0.6], header_rows=2, rules="grid"))
    return Doc(blocks, page=lay["page"], font=lay["font"], size=lay["size"], margins=lay["margins"],
               header=spec.title, footer=None, page_label="Page {page}", title=spec.title)
