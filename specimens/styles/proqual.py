"""ProQual-like: Word-born PDF. Unit pages headed ``Unit D/506/2153 Title``, facts lines, a ruled
two-column LO | AC table with the LO cell merged over its criteria."""

from __future__ import annotations

from ..doc import Doc, Heading, Para, Spacer, Table
from . import common

NAME = "proqual"
BODY = "ProQual"
PRODUCER = "docx"
TEXT = None


def choose(rng) -> dict:
    return {
        "font": rng.choice(["sans", "arial", "serif2"]), "size": rng.choice([9.5, 10, 10.5, 11]),
        "page": "A4", "margins": rng.choice([1.8, 2.0, 2.5]),
        "profile": rng.choice(["table", "table", "lines"]), "profile_split": rng.choice([0.35, 0.45]),
        "hours_suffix": rng.choice(["", " hours"]),
        "unit_head": rng.choice(["one_line", "two_lines", "title_label"]),
        "lo_num": rng.choice(["1.", "1"]), "ac_num": rng.choice(["1.1", "1.1", "1.1."]),
        "lo_width": rng.choice([0.35, 0.4, 0.45, 0.5]), "merge": rng.random() < 0.8,
        "header_text": rng.choice([("Learning Outcome - The learner will:", "Assessment Criterion - The learner can:"),
                                   ("Learning outcome\nThe learner will:", "Assessment criterion\nThe learner can:"),
                                   ("Learning Outcomes\nThe learner will:", "Assessment Criteria\nThe learner can:")]),
        "facts": rng.choice(["lines", "table", "inline"]), "contents": rng.random() < 0.6,
        "curly": rng.random() < 0.3, "rule_in_heading": rng.random() < 0.5, "group_form": rng.randrange(4),
        "ac_stop": rng.random() < 0.25,
    }


def prepare(spec, lay, rng) -> None:
    spec.awarding_body = BODY
    spec.title = f"ProQual {spec.title}"
    for u in spec.units.values():
        u.number = None
    for g in spec.groups:
        g.name = common.group_base_name(g, NAME, lay["group_form"])
    lay["structure"] = common.structure_layout(rng, has_numbers=False)


def build(spec, lay, rng) -> Doc:
    short = spec.title.replace("ProQual ", "")
    blocks = [Para(short, bold=True, size=lay["size"] * 2), Para("Qualification Specification"),
              Para(f"© ProQual {rng.choice([2023, 2024, 2025])}"), Spacer(3)]
    if lay["contents"]:
        blocks.append(common.contents(["Introduction", "Qualification Profile", "Learner Profile",
                                       "Qualification Structure", "Centre Requirements", "Units",
                                       "Certification"], rng))
    blocks += [Heading("Introduction", 1, page_break=True)] + [Para(p) for p in common.prose(spec, rng, 3)]
    blocks.append(Heading("Qualification Profile", 1))
    blocks += common.profile_blocks(spec, lay, {"number": "Ofqual qualification number", "tqt": "Total Qualification Time",
                                                "glh": "Guided Learning Hours", "credits": "Credit value"})
    blocks.append(Heading("Qualification Structure", 1, page_break=rng.random() < 0.5))
    blocks += common.rules_blocks(spec, rng, f"Candidates must achieve {spec.min_credits} credits:")
    blocks += common.structure_blocks(spec, rng, lay["structure"], rule_in_heading=lay["rule_in_heading"])
    blocks += [Heading("Centre Requirements", 1)] + [Para(p) for p in common.prose(spec, rng, 2)]
    blocks.append(Heading("Units", 1, page_break=True))
    lo_head, ac_head = lay["header_text"]
    for u in spec.ordered_units():
        if lay["unit_head"] == "one_line":
            blocks.append(Heading(f"Unit {u.reference} {u.title}", 2, page_break=True))
        elif lay["unit_head"] == "two_lines":
            blocks += [Heading(f"Unit {u.reference}", 2, page_break=True), Heading(u.title, 3)]
        else:
            blocks += [Heading(f"Unit {u.reference}", 2, page_break=True), Para(u.title, label="Unit Title:")]
        blocks += common.fact_lines([("Unit Level", str(u.level)), ("Credit Value", str(u.credits)),
                                     ("GLH", str(u.glh))], lay["facts"])
        rows = [[lo_head.split("\n"), ac_head.split("\n")]]
        spans = []
        for i, lo in enumerate(u.outcomes, start=1):
            first = len(rows)
            lnum = f"{i}." if lay["lo_num"] == "1." else f"{i}"
            for j, ac in enumerate(lo.criteria, start=1):
                anum = f"{i}.{j}." if lay["ac_num"] == "1.1." else f"{i}.{j}"
                text = common.printed(ac, curly=lay["curly"], stop=lay["ac_stop"])
                lo_cell = f"{lnum} {common.printed(lo.text, curly=lay['curly'])}" if j == 1 or not lay["merge"] else ""
                if not lay["merge"] and j > 1:
                    lo_cell = ""
                rows.append([lo_cell, f"{anum} {text}"])
            if lay["merge"]:
                spans.append((0, first, 0, len(rows) - 1))
        w = lay["lo_width"]
        blocks.append(Table(rows, [w, 1 - w], rules="grid", spans=spans, repeat_header=True, shade_header=True))
    return Doc(blocks, page=lay["page"], font=lay["font"], size=lay["size"], margins=lay["margins"],
               header=spec.title, footer=f"Version {rng.choice(['1.0', '1.1', '2.0'])} – {rng.choice(['March', 'June', 'September'])} 2024",
               page_label="Page {page}", title=spec.title)
