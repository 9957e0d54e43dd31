"""NCFE-like: A5 or A4 qualification specification (reportlab). ``Unit 01 Title (H/615/8201)``
headers (the reference may wrap), a unit summary table, and a two-column LO | AC table with
header ``The learner will:`` | ``The learner can:``, ruled or unruled, broken across pages with or
without the header row repeated."""

from __future__ import annotations

from ..doc import Doc, Heading, Para, Table
from . import common

NAME = "ncfe"
BODY = "NCFE"
PRODUCER = "reportlab"
TEXT = "markdown"


def choose(rng) -> dict:
    return {
        "font": rng.choice(["sans", "arial", "serif"]), "size": rng.choice([8.5, 9, 9.5, 10]),
        "page": rng.choice(["A5", "A5", "A4"]), "margins": rng.choice([1.2, 1.5, 2.0]),
        "ruled": rng.choice(["lines", "none", "grid"]), "repeat": rng.random() < 0.6,
        "ref_in_title": rng.random() < 0.6, "summary": rng.choice(["table", "table", "lines"]),
        "lo_width": rng.choice([0.38, 0.42, 0.5]), "lo_num": rng.choice(["1.", "1", "LO1"]),
        "header": rng.choice([("The learner will:", "The learner can:"),
                              ("Learning outcomes\nThe learner will:", "Assessment criteria\nThe learner can:")]),
        "group_form": rng.randrange(4), "contents": rng.random() < 0.6, "ac_stop": rng.random() < 0.3,
    }


def prepare(spec, lay, rng) -> None:
    spec.awarding_body = BODY
    spec.title = f"NCFE {spec.title}"
    for i, u in enumerate(spec.ordered_units(), start=1):
        u.number = f"{i:02d}"
    for g in spec.groups:
        g.name = common.group_base_name(g, NAME, lay["group_form"])
    lay["structure"] = common.structure_layout(rng, has_numbers=True)


def build(spec, lay, rng) -> Doc:
    blocks = [Heading("Qualification specification", 1), Heading(spec.title, 2), Para(f"QN: {spec.number}")]
    if lay["contents"]:
        blocks.append(common.contents(["Section 1: About this qualification", "Section 2: Structure and content",
                                       "Section 3: Assessment", "Section 4: Units"], rng))
    blocks += [Heading("Section 1: About this qualification", 1, page_break=True),
               Heading("Things you need to know", 2)]
    blocks += common.profile_blocks(spec, dict(lay, profile="lines"),
                                    {"number": "Qualification number (QN)", "title": "Qualification title",
                                     "tqt": "Total qualification time (TQT)", "credits": "Credit value"})
    blocks += [Para(p) for p in common.prose(spec, rng, 2)]
    blocks += [Heading("Section 2: Structure and content", 1, page_break=True)]
    blocks += common.rules_blocks(spec, rng)
    blocks += common.structure_blocks(spec, rng, lay["structure"], rules="grid" if lay["ruled"] == "grid" else "lines",
                                      size=lay["size"] - 0.5)
    blocks.append(Heading("Section 4: Units", 1, page_break=True))
    head_lo, head_ac = lay["header"]
    for u in spec.ordered_units():
        title = f"Unit {u.number} {u.title}" + (f" ({u.reference})" if lay["ref_in_title"] else "")
        blocks.append(Heading(title, 2, page_break=True))
        blocks.append(Para(common.unit_aim(u, spec)))
        facts = [("Unit reference", u.reference), ("Unit level", str(u.level)), ("Credit value", str(u.credits)),
                 ("GLH", str(u.glh))]
        if lay["summary"] == "table":
            blocks.append(Table([[a, b] for a, b in facts], [0.4, 0.6], header_rows=0, rules="grid", bold_first_col=True))
        else:
            blocks += common.fact_lines(facts, "lines")
        rows = [[head_lo.split("\n"), head_ac.split("\n")]]
        rule_rows = []
        for i, lo in enumerate(u.outcomes, start=1):
            lnum = {"1.": f"{i}.", "1": f"{i}", "LO1": f"LO{i}"}[lay["lo_num"]]
            for j, ac in enumerate(lo.criteria, start=1):
                rows.append([f"{lnum} {lo.text}" if j == 1 else "", f"{i}.{j} {common.printed(ac, stop=lay['ac_stop'])}"])
            rule_rows.append(len(rows) - 1)
        w = lay["lo_width"]
        blocks.append(Table(rows, [w, 1 - w], rules=lay["ruled"], repeat_header=lay["repeat"], shade_header=True,
                            rule_rows=rule_rows))
    return Doc(blocks, page=lay["page"], font=lay["font"], size=lay["size"], margins=lay["margins"],
               header=f"Qualification specification: {spec.title}",
               footer=f"Version {rng.choice(['1.0', '2.1', '3.0'])} {rng.choice(['March', 'July'])} 2024   Visit ncfe.org.uk",
               title=spec.title)
