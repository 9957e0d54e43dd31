"""Pieces every house style uses: printed forms of texts and numbers, profile, structure
tables, group headings and credit rules, contents pages, filler prose."""

from __future__ import annotations

import random

from ..content import Spec, Unit
from ..doc import Contents, Heading, ListBlock, Para, Table

LOREM = [
    "This qualification is designed for learners who are working, or want to work, in {sector_phrase}.",
    "It provides the knowledge and skills needed to carry out the role safely and effectively, and to progress to further learning or employment.",
    "Centres must make sure that learners have access to the resources needed to complete the assessments, and that assessors are occupationally competent.",
    "The qualification is suitable for learners aged 16 and over. There are no formal entry requirements, although learners may find it helpful to have a level 1 qualification in English and maths.",
    "Evidence may be collected through observation of the learner at work, professional discussion, questioning and the review of products of work.",
    "All units are internally assessed and externally quality assured. Assessment decisions must be recorded and kept for three years.",
    "Learners who complete this qualification may progress to employment or to a higher level qualification in the same sector.",
    "Reasonable adjustments and special consideration are available to learners who meet the criteria set out in the centre handbook.",
]

SECTOR_PHRASE = {"warehousing": "a warehouse or distribution centre", "retail": "a retail environment",
                 "care": "adult health and social care settings", "construction": "the construction industry",
                 "hospitality": "the hospitality and catering industry", "business": "a business or office environment",
                 "hair": "a salon", "it": "a role that uses IT systems", "leadership": "a team leading role"}


def prose(spec: Spec, rng: random.Random, n: int) -> list[str]:
    picks = rng.sample(LOREM, min(n, len(LOREM)))
    return [p.format(sector_phrase=SECTOR_PHRASE.get(spec.sector, "the workplace")) for p in picks]


def lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text and not text[:2].isupper() else text


def printed(text: str, *, lower: bool = False, stop: bool = False, curly: bool = False) -> str:
    if lower:
        text = lower_first(text)
    if curly:
        text = text.replace("'", "\u2019")
    return text + "." if stop else text


def unit_aim(unit: Unit, spec: Spec) -> str:
    title = lower_first(unit.title)
    return (f"The aim of this unit is to give learners the knowledge and skills they need to "
            f"work effectively in {spec.place}. It covers how to {title}." if unit.outcomes[-1].kind == "skill" and not title.startswith(("principles", "understand")) else
            f"work effectively in {spec.place}.")


# --- profile --------------------------------------------------------------------------------------

def profile_rows(spec: Spec, lay: dict, labels: dict | None = None) -> list[tuple[str, str]]:
    labels = labels or {}
    rows = [(labels.get("title", "Qualification title"), spec.title),
            (labels.get("number", "Ofqual qualification number"), spec.number),
            (labels.get("level", "Level"), str(spec.level))]
    hours = lay.get("hours_suffix", "")
    if spec.tqt is not None:
        rows.append((labels.get("tqt", "Total qualification time (TQT)"), f"{spec.tqt}{hours}"))
    if spec.glh is not None:
        rows.append((labels.get("glh", "Guided learning hours (GLH)"), f"{spec.glh}{hours}"))
    rows.append((labels.get("credits", "Minimum credits"), str(spec.min_credits)))
    return rows


def profile_blocks(spec: Spec, lay: dict, labels: dict | None = None) -> list:
    rows = profile_rows(spec, lay, labels)
    if lay.get("profile") == "table":
        w = lay.get("profile_split", 0.4)
        return [Table([[a, b] for a, b in rows], [w, 1 - w], header_rows=0, rules="grid", bold_first_col=True)]
    sep = lay.get("profile_sep", ":")
    return [Para(b, label=f"{a}{sep}") for a, b in rows]


# --- structure ------------------------------------------------------------------------------------

COLUMN_LABELS = {
    "ref": ["Unit reference", "Unit ref.", "Ofqual unit reference", "Unit Reference Number", "URN"],
    "no": ["Unit no.", "Unit number", "Unit", "No."],
    "title": ["Unit title", "Title", "Unit Title"],
    "level": ["Level", "Unit level"],
    "credits": ["Credit", "Credit value", "Credits"],
    "glh": ["GLH", "Guided learning hours"],
}
COLUMN_ORDERS = [
    ["ref", "title", "level", "credits", "glh"],
    ["no", "title", "ref", "level", "credits", "glh"],
    ["ref", "no", "title", "level", "credits", "glh"],
    ["no", "ref", "title", "level", "credits", "glh"],
    ["title", "ref", "level", "credits", "glh"],
    ["ref", "title", "credits", "level", "glh"],
]
COLUMN_WIDTH = {"ref": 0.15, "no": 0.08, "title": 0.45, "level": 0.08, "credits": 0.09, "glh": 0.08}


def structure_layout(rng: random.Random, has_numbers: bool, has_refs: bool = True) -> dict:
    orders = [o for o in COLUMN_ORDERS if ("no" in o) == has_numbers or (has_numbers and "no" not in o and rng.random() < 0.2)]
    if not has_refs:
        orders = [[c for c in o if c != "ref"] for o in orders if "no" in o] or [["no", "title", "level", "credits", "glh"]]
    order = list(rng.choice(orders))
    if rng.random() < 0.3:
        order.remove("glh")
    return {"columns": order, "labels": {c: rng.choice(COLUMN_LABELS[c]) for c in order}}


def structure_table(spec: Spec, group_units: list[Unit], st: dict, *, rules="grid", size=None,
                    group_header: str | None = None) -> Table:
    cols = st["columns"]
    header = [st["labels"][c] for c in cols]
    if group_header and "title" in cols:
        header[cols.index("title")] = group_header
    rows = [header]
    for u in group_units:
        values = {"ref": u.reference, "no": u.number or "", "title": u.title, "level": str(u.level),
                  "credits": str(u.credits), "glh": str(u.glh)}
        rows.append([values[c] for c in cols])
    widths = [COLUMN_WIDTH[c] for c in cols]
    total = sum(widths)
    return Table(rows, [w / total for w in widths], rules=rules, size=size, repeat_header=True,
                 rule_rows=list(range(1, len(rows))))


def group_base_name(group, style: str, rng_choice: int) -> str:
    kind = "Mandatory" if group.mandatory else "Optional"
    forms = [f"Group {group.letter} {kind} Units", f"{kind} units - Group {group.letter}",
             f"Group {group.letter} {kind.lower()} units", f"{kind} Group {group.letter}"]
    return forms[rng_choice % len(forms)]


def group_rule(group) -> str:
    if group.mandatory:
        return f"Learners must achieve all {group.min_credits} credits from Group {group.letter}"
    if group.max_credits and group.max_credits != group.min_credits:
        return (f"Learners must achieve a minimum of {group.min_credits} credits and a maximum of "
                f"{group.max_credits} credits from Group {group.letter}")
    return f"Learners must achieve a minimum of {group.min_credits} credits from Group {group.letter}"


def rules_blocks(spec: Spec, rng: random.Random, lead: str | None = None) -> list:
    lead = lead or rng.choice([f"To achieve the {spec.title}, learners must achieve a minimum of {spec.min_credits} credits:",
                               f"Learners must achieve a minimum of {spec.min_credits} credits to gain the qualification:",
                               f"Minimum credit value: {spec.min_credits}"])
    return [Para(lead), ListBlock([group_rule(g) for g in spec.groups], marker=rng.choice(["•", "-", "•"]))]


def structure_blocks(spec: Spec, rng: random.Random, st: dict, *, heading_level=2, rules="grid", size=None,
                     rule_in_heading: bool = False) -> list:
    out = []
    for g in spec.groups:
        heading = g.name
        if rule_in_heading:
            if g.mandatory:
                heading += " – complete all units"
            else:
                heading += f" – a minimum of {g.min_credits} credits"
                if g.max_credits and g.max_credits != g.min_credits:
                    heading += f" and a maximum of {g.max_credits} credits"
        out.append(Heading(heading, heading_level))
        out.append(structure_table(spec, [spec.units[k] for k in g.units], st, rules=rules, size=size))
    return out


def contents(entries: list[str], rng: random.Random, start: int = 3) -> Contents:
    page = start
    out = []
    for e in entries:
        out.append((e, page))
        page += rng.randint(1, 3)
    return Contents(out, title=rng.choice(["Contents", "Contents", "Table of contents"]))


def fact_lines(pairs: list[tuple[str, str]], form: str) -> list:
    """Unit facts as lines ``Level: 3`` (form "lines"), one line (form "inline") or a table."""
    if form == "inline":
        return [Para("    ".join(f"{a}: {b}" for a, b in pairs))]
    if form == "table":
        return [Table([[a, b] for a, b in pairs], [0.35, 0.65], header_rows=0, rules="grid", bold_first_col=True)]
    return [Para(b, label=f"{a}:") for a, b in pairs]
