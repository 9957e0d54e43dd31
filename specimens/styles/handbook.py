"""A plain college/consortium handbook (reportlab): running text, ``Unit 1 – Title`` headings,
``Learning outcome 1: ...`` paragraphs, criteria as a numbered list ``1.1 ...``; a running header
with the handbook name, a footer ``Version 2.1 September 2025 Page 7``, and a two-column
introduction."""

from __future__ import annotations

from ..doc import Columns, Doc, Heading, ListBlock, Para
from . import common

NAME = "handbook"
BODY = ""
PRODUCER = "reportlab"
TEXT = "plain"

CONSORTIA = ["Northern Colleges Consortium", "West Midlands Skills Partnership", "Riverside College",
             "Southern Training Alliance", "Learning Partners Network"]


def choose(rng) -> dict:
    return {
        "font": rng.choice(["serif", "serif", "sans"]), "size": rng.choice([10, 10.5, 11]),
        "page": rng.choice(["A4", "A4", "letter"]), "margins": rng.choice([2.0, 2.5]),
        "dash": rng.choice(["–", "-", ":"]), "columns": rng.random() < 0.6, "refs": rng.random() < 0.7,
        "consortium": rng.choice(CONSORTIA), "lo_head": rng.choice(["Learning outcome {i}: {t}", "LO{i} {t}",
                                                                    "Learning Outcome {i} – {t}"]),
        "crit_intro": rng.choice(["Assessment criteria", "The learner can:", "To meet this outcome the learner can:"]),
        "facts": rng.choice(["inline", "lines"]), "wrap": rng.choice([0, 0, 78]), "group_form": rng.randrange(4),
        "version": f"{rng.randint(1, 4)}.{rng.randint(0, 9)}", "ac_stop": rng.random() < 0.4,
    }


def prepare(spec, lay, rng) -> None:
    spec.awarding_body = ""
    for i, u in enumerate(spec.ordered_units(), start=1):
        u.number = str(i)
        u.printed_reference = lay["refs"]
    for g in spec.groups:
        g.name = common.group_base_name(g, NAME, lay["group_form"])
    lay["structure"] = common.structure_layout(rng, has_numbers=True, has_refs=lay["refs"])


def build(spec, lay, rng) -> Doc:
    name = lay["consortium"]
    blocks = [Heading(f"{name}", 1), Heading(f"Learner and tutor handbook: {spec.title}", 2),
              Para(f"Qualification number: {spec.number}")]
    intro = common.prose(spec, rng, 5)
    if lay["columns"]:
        blocks.append(Columns(intro, heading="Introduction"))
    else:
        blocks += [Heading("Introduction", 2)] + [Para(p) for p in intro]
    blocks += [Heading("About the qualification", 2)]
    blocks += common.profile_blocks(spec, dict(lay, profile="lines"),
                                    {"number": "Qualification number", "title": "Qualification",
                                     "tqt": "Total qualification time", "glh": "Guided learning hours",
                                     "credits": "Credits required"})
    blocks += [Heading("Qualification structure", 2)] + common.rules_blocks(spec, rng)
    blocks += common.structure_blocks(spec, rng, lay["structure"], heading_level=3, rules="lines")
    dash = lay["dash"]
    for u in spec.ordered_units():
        sep = ":" if dash == ":" else f" {dash}"
        blocks.append(Heading(f"Unit {u.number}{sep} {u.title}", 1, page_break=True))
        facts = ([("Unit reference", u.reference)] if lay["refs"] else []) + [
            ("Level", str(u.level)), ("Credits", str(u.credits)), ("Guided learning hours", str(u.glh))]
        blocks += common.fact_lines(facts, lay["facts"])
        blocks += [Para(p) for p in [common.unit_aim(u, spec)] + common.prose(spec, rng, 1)]
        for i, lo in enumerate(u.outcomes, start=1):
            blocks.append(Heading(lay["lo_head"].format(i=i, t=lo.text), 3))
            blocks.append(Para(lay["crit_intro"], italic=True))
            blocks.append(ListBlock([f"{i}.{j} {common.printed(ac, stop=lay['ac_stop'])}"
                                     for j, ac in enumerate(lo.criteria, start=1)], marker=""))
    return Doc(blocks, page=lay["page"], font=lay["font"], size=lay["size"], margins=lay["margins"],
               header=f"{name} – {spec.title}", header_align="center",
               footer=f"Version {lay['version']} September 2025 Page {{page}}", page_label="", title=spec.title)
