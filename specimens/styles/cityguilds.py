"""City & Guilds-like: handbook for centres (reportlab). ``Unit 301 Title`` pages with facts,
``Outcome 1 Understand ...`` headings, "The learner can:" and numbered or bulleted lower-case
criteria; structure table ``Unit no | Unit title | Level | Credit | GLH``."""

from __future__ import annotations

from ..doc import Doc, Heading, ListBlock, Para, Spacer, Table
from . import common

NAME = "cityguilds"
BODY = "City & Guilds"
PRODUCER = "reportlab"
TEXT = None


def choose(rng) -> dict:
    return {
        "font": rng.choice(["sans", "arial", "dejavu"]), "size": rng.choice([9, 9.5, 10, 10.5]),
        "page": "A4", "margins": rng.choice([1.5, 2.0]), "product": str(rng.randrange(3000, 9000)),
        "unit_head": rng.choice(["Unit {n} {t}", "Unit {n}: {t}", "two_lines", "Unit {n} {t} ({r})"]),
        "outcome_head": rng.choice(["Outcome {i} {t}", "Outcome {i}: {t}", "Learning outcome {i}: {t}",
                                    "Learning outcome {i} {t}"]),
        "criteria": rng.choice(["numbered", "numbered", "bulleted"]), "lower": rng.random() < 0.7,
        "ref_label": rng.choice(["Unit reference", "UAN", "Ofqual reference", "Unit accreditation number"]),
        "facts": rng.choice(["lines", "lines", "table"]), "tqt_printed": rng.random() < 0.7,
        "uan_column": rng.random() < 0.5, "group_form": rng.randrange(4), "contents": rng.random() < 0.7,
        "range": rng.random() < 0.5,
    }


def prepare(spec, lay, rng) -> None:
    spec.awarding_body = BODY
    if not lay["tqt_printed"]:
        spec.tqt = None
    for i, u in enumerate(spec.ordered_units(), start=1):
        u.number = f"{u.level}{i:02d}"
    for g in spec.groups:
        g.name = common.group_base_name(g, NAME, lay["group_form"])


def build(spec, lay, rng) -> Doc:
    code = f"{lay['product']}-{spec.level:02d}"
    printed_title = f"{spec.title} ({code})"
    blocks = [Heading(printed_title, 1), Para("Qualification handbook for centres"), Para(spec.number),
              Spacer(4), Para("www.cityandguilds.com"), Para(f"{rng.choice(['January', 'May', 'October'])} 2024 Version 1.{rng.randrange(4)}")]
    if lay["contents"]:
        blocks.append(common.contents(["1 Introduction", "2 Centre requirements", "3 Delivering the qualification",
                                       "4 Assessment", "5 Units"] + [f"Unit {u.number} {u.title}" for u in spec.ordered_units()], rng))
    blocks += [Heading("1 Introduction", 1, page_break=True),
               Para("This document contains the information that centres need to offer the following qualification:")]
    rows = [["Qualification title and level", spec.title], ["City & Guilds qualification number", code],
            ["Qualification accreditation number", spec.number]]
    if spec.tqt is not None:
        rows.append(["Total qualification time", str(spec.tqt)])
    rows.append(["Guided learning hours", str(spec.glh)])
    blocks.append(Table(rows, [0.4, 0.6], header_rows=0, rules="grid", bold_first_col=True))
    blocks += [Para(p) for p in common.prose(spec, rng, 2)]
    blocks += [Heading("1.1 Qualification structure", 2),
               Para(f"To achieve the {spec.title}, learners must achieve a minimum of {spec.min_credits} credits."),
               ListBlock([common.group_rule(g) for g in spec.groups], marker="•")]
    cols = ["no", "title", "level", "credits", "glh"]
    if lay["uan_column"]:
        cols.insert(0, "ref")
    st = {"columns": cols, "labels": {"ref": "UAN", "no": "Unit no", "title": "Unit title", "level": "Level",
                                      "credits": "Credit", "glh": "GLH"}}
    for g in spec.groups:
        blocks.append(Para(g.name, bold=True))
        blocks.append(common.structure_table(spec, [spec.units[k] for k in g.units], st))
    blocks += [Heading("5 Units", 1, page_break=True)] + [Para(p) for p in common.prose(spec, rng, 1)]
    for u in spec.ordered_units():
        if lay["unit_head"] == "two_lines":
            blocks += [Heading(f"Unit {u.number}", 1, page_break=True), Heading(u.title, 2)]
        else:
            blocks.append(Heading(lay["unit_head"].format(n=u.number, t=u.title, r=u.reference), 1, page_break=True))
        blocks += common.fact_lines([("Level", str(u.level)), ("Credit value", str(u.credits)), ("GLH", str(u.glh)),
                                     (lay["ref_label"], u.reference)], lay["facts"])
        blocks += [Heading("Unit aim", 3), Para(common.unit_aim(u, spec)), Heading("Learning outcomes", 3),
                   Para("There are {} learning outcomes to this unit. The learner will:".format(len(u.outcomes))),
                   ListBlock([lo.text for lo in u.outcomes], marker="1.")]
        for i, lo in enumerate(u.outcomes, start=1):
            blocks += [Heading(lay["outcome_head"].format(i=i, t=lo.text), 3), Para("The learner can:")]
            items = [common.printed(ac, lower=lay["lower"]) for ac in lo.criteria]
            if lay["criteria"] == "numbered":
                blocks.append(ListBlock([f"{i}.{j}  {t}" for j, t in enumerate(items, start=1)], marker=""))
            else:
                blocks.append(ListBlock(items, marker="•"))
            if lay["range"] and rng.random() < 0.4:
                blocks += [Para("Range", bold=True),
                               Para(f"Learners should cover at least two examples relevant to {spec.place}.", italic=True)]
    return Doc(blocks, page=lay["page"], font=lay["font"], size=lay["size"], margins=lay["margins"],
               header=printed_title, footer=f"City & Guilds {printed_title}", title=printed_title)
