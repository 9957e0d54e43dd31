"""Highfield/TQUK-like RQF specification (Word-born PDF). A unit details table (Unit title,
Unit reference, Level, Credit value, GLH) then a 3-column table ``Learning outcomes (The learner
will) | Assessment criteria (The learner can) | Indicative content`` or a 2-column one, with
``1`` / ``1.1``, ``LO1`` / ``AC1.1`` or ``1.`` / ``1.1.`` numbering."""

from __future__ import annotations

from ..doc import Doc, Heading, Para, Table
from . import common

NAME = "highfield"
BODY = "Highfield"
PRODUCER = "docx"
TEXT = "markdown"


def choose(rng) -> dict:
    return {
        "font": rng.choice(["arial", "sans", "dejavu"]), "size": rng.choice([9, 10, 10.5]),
        "page": "A4", "margins": rng.choice([1.5, 2.0, 2.54]),
        "numbering": rng.choice(["plain", "LO", "dots"]), "indicative": rng.random() < 0.6,
        "body": rng.choice(["Highfield", "TQUK"]), "merge": rng.random() < 0.7,
        "unit_head": rng.choice(["title", "Unit {n}: {t}", "Unit {n} – {t}"]),
        "group_form": rng.randrange(4), "contents": rng.random() < 0.8, "curly": rng.random() < 0.3,
        "repeat": rng.random() < 0.6,
    }


def prepare(spec, lay, rng) -> None:
    spec.awarding_body = lay["body"]
    prefix = "Highfield" if lay["body"] == "Highfield" else "TQUK"
    spec.title = f"{prefix} {spec.title} (RQF)"
    numbered = lay["unit_head"] != "title"
    for i, u in enumerate(spec.ordered_units(), start=1):
        u.number = str(i) if numbered else None
    for g in spec.groups:
        g.name = common.group_base_name(g, NAME, lay["group_form"])
    lay["structure"] = common.structure_layout(rng, has_numbers=numbered)


def _nums(lay, i, j=None):
    form = lay["numbering"]
    if j is None:
        return {"plain": f"{i}", "LO": f"LO{i}", "dots": f"{i}."}[form]
    return {"plain": f"{i}.{j}", "LO": f"AC{i}.{j}", "dots": f"{i}.{j}."}[form]


def build(spec, lay, rng) -> Doc:
    blocks = [Para(spec.title, bold=True, size=lay["size"] * 1.8), Para("Qualification Specification"),
              Para(f"Qualification number: {spec.number}")]
    if lay["contents"]:
        blocks.append(common.contents(["Introduction", "Qualification regulation information", "Entry requirements",
                                       "Structure of the qualification", "Unit content"], rng))
    blocks += [Heading("Qualification regulation information", 1, page_break=True)]
    blocks += common.profile_blocks(spec, dict(lay, profile="table", profile_split=0.45),
                                    {"number": "Qualification number", "title": "Qualification title",
                                     "tqt": "Total qualification time (TQT)", "glh": "Guided learning hours (GLH)",
                                     "credits": "Credit value"})
    blocks += [Para(p) for p in common.prose(spec, rng, 2)]
    blocks += [Heading("Structure of the qualification", 1)] + common.rules_blocks(spec, rng)
    blocks += common.structure_blocks(spec, rng, lay["structure"], heading_level=3)
    blocks.append(Heading("Unit content", 1, page_break=True))
    for u in spec.ordered_units():
        head = u.title if lay["unit_head"] == "title" else lay["unit_head"].format(n=u.number, t=u.title)
        blocks.append(Heading(head, 2, page_break=True))
        blocks.append(Table([["Unit title", u.title], ["Unit reference", u.reference], ["Level", str(u.level)],
                             ["Credit value", str(u.credits)], ["GLH", str(u.glh)]], [0.3, 0.7], header_rows=0,
                            rules="grid", bold_first_col=True))
        three = lay["indicative"]
        header = ["Learning outcomes\n(The learner will)", "Assessment criteria\n(The learner can)"]
        if three:
            header.append("Indicative content")
        rows = [[h.split("\n") for h in header]]
        spans = []
        for i, lo in enumerate(u.outcomes, start=1):
            first = len(rows)
            for j, ac in enumerate(lo.criteria, start=1):
                row = [f"{_nums(lay, i)} {common.printed(lo.text, curly=lay['curly'])}" if j == 1 else "",
                       f"{_nums(lay, i, j)} {common.printed(ac, curly=lay['curly'])}"]
                if three:
                    row.append(f"• {rng.choice(['legislation', 'procedures', 'roles and responsibilities', 'types', 'benefits'])}"
                               if j <= 2 else "")
                rows.append(row)
            if lay["merge"]:
                spans.append((0, first, 0, len(rows) - 1))
        widths = [0.3, 0.4, 0.3] if three else [0.42, 0.58]
        blocks.append(Table(rows, widths, rules="grid", spans=spans, shade_header=True, repeat_header=lay["repeat"]))
    return Doc(blocks, page=lay["page"], font=lay["font"], size=lay["size"], margins=lay["margins"],
               header=spec.title, header_align="right", footer=f"{spec.title}  Version {rng.randint(1, 6)}",
               page_label="{page}", title=spec.title)
