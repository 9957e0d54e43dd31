"""Specification content with truth by construction.

``generate(seed)`` builds a qualification (title, number, level, TQT, GLH, credit rules, groups)
and its units (Ofqual reference, title, level, credits, GLH, learning outcomes and assessment
criteria) from word lists of several vocational sectors. Everything comes from
``random.Random(seed)``, so a seed always gives the same specification. Texts are held in the
clean form of specx's output (single spaces, first letter capitalised, no trailing full stop);
the house styles decide how they are printed (lower-case BTEC criteria, trailing full stops ...)
and ``truth()`` returns the clean form.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

LETTERS = "ADFHJKLMRTY"
WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


def _weighted(digits: str) -> int:
    return sum(w * int(d) for w, d in zip(WEIGHTS, digits)) % 11


def unit_reference(block: str, serial: str) -> str:
    """Ofqual unit reference ``L/NNN/NNNN`` with its check letter."""
    return f"{LETTERS[_weighted(block + serial)]}/{block}/{serial}"


def reference_ok(ref: str) -> bool:
    letter, block, serial = ref.split("/")
    return len(block) == 3 and len(serial) == 4 and LETTERS[_weighted(block + serial)] == letter


def qualification_number(block: str, serial: str) -> str | None:
    """Ofqual qualification number ``NNN/NNNN/C``; None when the digits have no check digit."""
    check = _weighted(block + serial)
    return None if check == 10 else f"{block}/{serial}/{check}"


def qualification_number_ok(number: str) -> bool:
    block, serial, check = number.split("/")
    return len(block) == 3 and len(serial) == 4 and str(_weighted(block + serial)) == check


# --- word lists -----------------------------------------------------------------------------------
# Per sector: subjects (qualification titles), unit titles, knowledge topics (noun phrases that
# follow "Understand"/"Describe"), skills (verb phrases that follow "Be able to"), things (short
# noun phrases for lists and comparisons), examples (for "e.g." parentheses), and a place.

SECTORS: dict[str, dict] = {
    "warehousing": {
        "subjects": ["Warehouse Operations", "Warehousing and Storage", "Logistics Operations",
                     "Supply Chain Operations"],
        "units": ["Receive goods into a warehouse", "Principles of stock control", "Prepare goods for dispatch",
                  "Operate a powered pallet truck", "Store goods safely in a warehouse",
                  "Contribute to stock counts and stock checks", "Pick and assemble customer orders",
                  "Understand the supply chain", "Maintain the security of warehouse premises",
                  "Move goods using manual handling techniques", "Process returned goods"],
        "topics": ["the principles of stock control", "the purpose of a warehouse management system",
                   "the causes of stock loss", "the documentation used when receiving goods",
                   "the role of the warehouse in the supply chain", "the risks of storing hazardous goods",
                   "the procedures for dealing with damaged deliveries", "how stock rotation reduces waste",
                   "the legal requirements for the safe movement of goods"],
        "skills": ["plan safe manual handling", "receive goods into storage", "pick goods against a picking list",
                   "carry out a stock count", "prepare consignments for dispatch", "operate a pallet truck safely",
                   "record discrepancies in deliveries", "store goods in designated locations"],
        "things": ["delivery notes", "picking lists", "goods received notes", "pallet trucks", "racking systems",
                   "stock records", "bar-code scanners", "dispatch labels", "personal protective equipment"],
        "examples": [("types of storage equipment", ("pallets", "cages", "roll containers")), ("methods of stock rotation", ("FIFO", "LIFO")), ("causes of stock loss", ("shrinkage", "theft", "damage"))],
        "place": "the warehouse",
    },
    "retail": {
        "subjects": ["Retail Operations", "Retail Skills", "Retail Management", "Visual Merchandising"],
        "units": ["Understand the retail environment", "Deliver visual merchandising displays",
                  "Handle customer complaints in a retail environment", "Process returns and refunds",
                  "Manage stock in a retail outlet", "Promote loyalty schemes to customers",
                  "Maintain the availability of goods for sale", "Operate a payment point",
                  "Principles of retail security", "Sell products and services to customers"],
        "topics": ["the structure of the retail sector", "the principles of visual merchandising",
                   "how retailers respond to changes in customer behaviour", "the legal requirements for age-restricted sales",
                   "the features of manual and computerised stock records", "the impact of online retailing on high-street outlets",
                   "how displays influence customers' buying decisions", "the procedures for handling cash and card payments"],
        "skills": ["create and maintain a display", "process customer payments", "respond to customer complaints",
                   "replenish stock on the shop floor", "promote products and services to customers",
                   "deal with returned goods", "monitor the availability of stock"],
        "things": ["point-of-sale materials", "price labels", "planograms", "payment terminals", "loyalty cards",
                   "till receipts", "security tags", "promotional offers"],
        "examples": [("methods of payment", ("cash", "debit cards", "vouchers")), ("features of a display", ("colour", "lighting", "focal points")), ("ways of resolving complaints", ("refunds", "exchanges"))],
        "place": "the store",
    },
    "care": {
        "subjects": ["Health and Social Care", "Adult Care", "Supporting Individuals with Learning Disabilities",
                     "Care Leadership"],
        "units": ["Promote person-centred approaches in care settings", "Safeguarding and protection in care settings",
                  "Promote communication in care settings", "Responsibilities of a care worker",
                  "Implement infection prevention and control", "Support individuals to eat and drink",
                  "Principles of dementia care", "Duty of care in health and social care settings",
                  "Support individuals with medication", "Promote equality and inclusion in care settings"],
        "topics": ["the principles of person-centred care", "the signs and symptoms of abuse",
                   "the importance of effective communication in care settings", "the legislation relating to safeguarding",
                   "how to respond to suspected abuse", "the role of the care worker in infection control",
                   "the factors that affect an individual's nutrition", "the meaning of duty of care",
                   "how conflicts between an individual's rights and duty of care can arise"],
        "skills": ["support individuals to make informed choices", "maintain the privacy and dignity of individuals",
                   "record information in line with agreed ways of working", "use communication aids to meet individuals' needs",
                   "apply standard infection control precautions", "support individuals to eat and drink",
                   "contribute to the review of a care plan"],
        "things": ["care plans", "risk assessments", "personal protective equipment", "communication aids",
                   "agreed ways of working", "incident reports", "medication records"],
        "examples": [("forms of abuse", ("physical", "emotional", "financial")), ("infection control measures", ("hand washing", "use of gloves")), ("communication aids", ("hearing aids", "Makaton", "picture cards"))],
        "place": "the care setting",
    },
    "construction": {
        "subjects": ["Construction Operations", "Bricklaying", "Site Carpentry", "Plastering",
                     "Construction Site Supervision"],
        "units": ["Health, safety and welfare in construction", "Set out masonry structures",
                  "Erect and dismantle access equipment", "Install first fix components", "Interpret building information",
                  "Principles of building construction", "Apply plaster to background surfaces",
                  "Move, handle and store resources", "Carry out setting out of building works"],
        "topics": ["the hazards found on a construction site", "the purpose of method statements",
                   "the properties of common building materials", "the regulations that apply to working at height",
                   "the information found on drawings, specifications and schedules", "how to calculate quantities of materials",
                   "the causes of defects in masonry"],
        "skills": ["set out a cavity wall", "erect a tower scaffold safely", "mix mortar to the specified ratio",
                   "install door frames and linings", "apply a two-coat plaster finish", "interpret a site plan",
                   "store materials to prevent damage"],
        "things": ["method statements", "risk assessments", "scaffold tags", "hand tools", "power tools", "site drawings",
                   "building regulations", "permits to work"],
        "examples": [("masonry materials", ("bricks", "blocks", "mortar")), ("setting-out equipment", ("levels", "lines", "profiles")), ("common site accidents", ("slips", "trips", "falls"))],
        "place": "the site",
    },
    "hospitality": {
        "subjects": ["Hospitality Services", "Professional Cookery", "Food and Beverage Service",
                     "Hospitality Supervision and Leadership"],
        "units": ["Maintain food safety when storing, preparing and cooking food", "Prepare and cook fish dishes",
                  "Provide a table service", "Serve alcoholic and soft drinks", "Principles of food allergen awareness",
                  "Maintain housekeeping supplies", "Contribute to the control of resources in hospitality",
                  "Prepare and serve hot drinks using specialist equipment", "Deal with customer payments in hospitality"],
        "topics": ["the principles of food safety", "the 14 allergens that must be declared by law",
                   "the importance of personal hygiene in food preparation", "the law relating to the sale of alcohol",
                   "how to prevent cross-contamination", "the temperatures at which food must be stored",
                   "the role of the hospitality team in customer service"],
        "skills": ["prepare fish for cooking", "lay tables for service", "serve food at the table",
                   "maintain a clean and hygienic work area", "store food safely", "prepare hot drinks for service",
                   "take customer orders accurately"],
        "things": ["temperature records", "cleaning schedules", "allergen information", "colour-coded chopping boards",
                   "food labels", "menus", "cash registers"],
        "examples": [("cooking methods", ("poaching", "grilling", "baking")), ("allergens", ("gluten", "peanuts", "milk")), ("styles of service", ("silver service", "plate service"))],
        "place": "the kitchen",
    },
    "business": {
        "subjects": ["Business Administration", "Business and Professional Administration", "Customer Service",
                     "Principles of Business Administration"],
        "units": ["Communicate in a business environment", "Manage personal performance and development",
                  "Principles of data protection in the workplace", "Use office equipment", "Prepare text from notes",
                  "Organise business travel or accommodation", "Principles of customer service",
                  "Manage diary systems", "Produce business documents", "Contribute to the organisation of an event"],
        "topics": ["the purpose of different methods of communication", "the requirements of data protection legislation",
                   "the importance of confidentiality in business", "how to plan and prioritise their own work",
                   "the features of an effective filing system", "the purpose of a business's customer service policy",
                   "how to deal with problems with office equipment"],
        "skills": ["produce written communication", "manage their own work", "organise a business meeting",
                   "maintain a diary system", "prepare text from notes", "use office equipment safely",
                   "deal with incoming and outgoing mail"],
        "things": ["e-mails", "letters", "reports", "agendas", "minutes", "spreadsheets", "filing systems",
                   "electronic diaries"],
        "examples": [("methods of communication", ("e-mail", "telephone", "face-to-face")), ("checks made on written work", ("spelling", "grammar", "punctuation")), ("types of office equipment", ("photocopiers", "scanners", "printers"))],
        "place": "the office",
    },
    "hair": {
        "subjects": ["Hairdressing", "Barbering", "Beauty Therapy", "Nail Services", "Hair and Beauty Studies"],
        "units": ["Shampoo, condition and treat the hair and scalp", "Cut hair using basic techniques",
                  "Provide facial skin care", "Apply make-up", "Colour and lighten hair",
                  "Follow health and safety practice in the salon", "Advise and consult with clients",
                  "Provide manicure services", "Style and finish hair"],
        "topics": ["the structure of the hair and skin", "the contra-indications to hair and beauty services",
                   "the effects of products on the hair and scalp", "the importance of a client consultation",
                   "the health and safety requirements in a salon", "the factors that influence the choice of cutting technique"],
        "skills": ["consult with clients before a service", "carry out a skin sensitivity test", "cut hair to achieve a variety of looks",
                   "apply make-up for different occasions", "prepare the work area for a service",
                   "provide aftercare advice to clients"],
        "things": ["consultation records", "sterilising equipment", "hair products", "scissors and clippers",
                   "skin types", "face shapes", "salon price lists"],
        "examples": [("skin types", ("oily", "dry", "combination")), ("cutting techniques", ("clubbing", "graduation", "layering")), ("items of client protection", ("towels", "gowns", "capes"))],
        "place": "the salon",
    },
    "it": {
        "subjects": ["IT User Skills", "Digital Skills", "Cyber Security Practices", "IT Support",
                     "Digital Marketing"],
        "units": ["Using the internet", "Spreadsheet software", "Principles of cyber security", "IT troubleshooting for users",
                  "Improving productivity using IT", "Database software", "Set up an IT system",
                  "Presentation software", "Principles of digital marketing"],
        "topics": ["the risks of using the internet", "the features of spreadsheet software",
                   "the threats to the security of IT systems", "the purpose of a database",
                   "the legal requirements for storing personal data", "how to keep passwords secure",
                   "the components of a computer system"],
        "skills": ["use a spreadsheet to analyse data", "set up a computer system", "create a presentation",
                   "search the internet for information", "back up and restore files", "respond to IT problems",
                   "use formulas and functions in a spreadsheet"],
        "things": ["passwords", "firewalls", "anti-virus software", "spreadsheets", "databases", "web browsers",
                   "operating systems", "cloud storage"],
        "examples": [("threats to data security", ("phishing", "malware", "hacking")), ("spreadsheet functions", ("SUM", "AVERAGE", "IF")), ("storage media", ("USB drives", "cloud storage"))],
        "place": "the organisation",
    },
    "leadership": {
        "subjects": ["Team Leading", "Leadership and Management", "Principles of Team Leading",
                     "Management and Supervision"],
        "units": ["Lead a team to improve performance", "Principles of leadership and management",
                  "Manage conflict within a team", "Solve problems and make decisions", "Develop working relationships with colleagues",
                  "Lead and manage a team", "Manage personal development", "Principles of equality and diversity in the workplace"],
        "topics": ["the role of a team leader", "the styles of leadership and when to use them",
                   "the factors that affect team performance", "the causes of conflict within a team",
                   "the benefits of effective delegation", "the importance of equality and diversity in the workplace",
                   "how to give constructive feedback"],
        "skills": ["allocate work to team members", "monitor the progress of the team", "support team members to overcome problems",
                   "hold a team meeting", "agree objectives with team members", "resolve conflict within a team",
                   "plan their own personal development"],
        "things": ["team objectives", "work plans", "performance reviews", "appraisals", "SMART targets",
                   "development plans", "team meetings"],
        "examples": [("leadership styles", ("autocratic", "democratic", "laissez-faire")), ("methods of developing staff", ("coaching", "mentoring", "training")), ("ways of communicating with a team", ("one-to-one meetings", "team briefings"))],
        "place": "the workplace",
    },
}

QUAL_TYPES = [("Award", (60, 120)), ("Certificate", (130, 370)), ("Diploma", (370, 700)),
              ("Extended Certificate", (300, 450))]

KNOWLEDGE_VERBS = ["Describe", "Explain", "Identify", "Outline", "State", "List", "Summarise", "Define",
                   "Analyse", "Evaluate"]
SKILL_VERBS = ["Demonstrate how to", "Carry out", "Check", "Use", "Record", "Prepare", "Select", "Maintain",
               "Follow"]
PROCEDURES = ["in line with organisational procedures", "according to the organisation's policies",
              "in line with legislation and agreed ways of working", "to the required standard",
              "safely and within agreed timescales", "in line with the manufacturer's instructions"]
LO_FORMS = ["Understand {topic}", "Know {topic}", "Be able to {skill}", "Understand how to {skill}",
            "Be able to {skill} {procedure}", "Understand {topic} in {place}", "Know how to {skill}"]


@dataclass
class Criterion:
    text: str


@dataclass
class Outcome:
    text: str
    criteria: list[str]
    kind: str  # "knowledge" | "skill"


@dataclass
class Unit:
    key: str
    reference: str
    title: str
    level: int
    credits: int
    glh: int
    outcomes: list[Outcome]
    number: str | None = None  # the local number: set by the house style
    printed_reference: bool = True
    detailed: bool = True


@dataclass
class Group:
    letter: str
    mandatory: bool
    units: list[str]  # unit keys
    min_credits: int | None
    max_credits: int | None
    name: str = ""  # set by the house style (the heading as printed, without the credit rule)


@dataclass
class Spec:
    seed: int
    sector: str
    title: str
    number: str
    level: int
    tqt: int | None
    glh: int | None
    min_credits: int
    groups: list[Group]
    units: dict[str, Unit]
    awarding_body: str = ""
    product_code: str = ""
    place: str = "the workplace"
    extra: dict = field(default_factory=dict)

    def ordered_units(self) -> list[Unit]:
        return [self.units[k] for g in self.groups for k in g.units]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _pick(rng: random.Random, items, used: set | None = None):
    choices = [i for i in items if used is None or i not in used] or list(items)
    item = rng.choice(choices)
    if used is not None:
        used.add(item)
    return item


def _example(rng: random.Random, ex: tuple) -> str:
    form = rng.random()
    if form < 0.5:
        return f"(e.g. {', '.join(ex)})"
    if form < 0.8:
        return f"(for example, {' and '.join(ex[:2])})"
    return f"(such as {', '.join(ex[:-1])} or {ex[-1]})" if len(ex) > 2 else f"(such as {ex[0]} or {ex[1]})"


def _criterion(rng: random.Random, sector: dict, kind: str, used: set) -> str:
    things = sector["things"]
    place = sector["place"]
    r = rng.random()
    if kind == "skill":
        verb = rng.choice(SKILL_VERBS)
        thing = _pick(rng, things, used)
        if verb == "Demonstrate how to":
            text = f"Demonstrate how to {_pick(rng, sector['skills'], used)}"
        elif verb == "Carry out":
            text = f"Carry out checks on {thing} before use"
        elif verb == "Use":
            text = f"Use {thing} {rng.choice(PROCEDURES)}"
        elif verb == "Record":
            text = f"Record information on {thing} accurately and legibly"
        elif verb == "Select":
            text = f"Select the {thing} needed for the task"
        elif verb == "Follow":
            text = f"Follow the organisation's procedures when using {thing}"
        else:
            text = f"{verb} {thing} {rng.choice(PROCEDURES)}"
        if r < 0.25:
            text += f", making sure that the work of others in {place} is not disrupted"
        return text
    verb = rng.choice(KNOWLEDGE_VERBS)
    roll = rng.random()
    if verb in ("List", "State", "Identify"):
        noun, ex = rng.choice(sector["examples"])
        if r < 0.5:
            text = f"{verb} the {noun} found in {place}"
            if roll < 0.6:
                text += f" {_example(rng, ex)}"
        else:
            text = f"{verb} the types of {_pick(rng, things, used)} used in {place}"
    elif verb == "Explain" and r < 0.4:
        text = f"Explain why it is important to {_pick(rng, sector['skills'], used)}"
        if roll < 0.4:
            text += ", including the consequences of not doing so for the individual, the team and the organisation"
    elif verb in ("Evaluate", "Analyse"):
        first = _pick(rng, things, used)
        text = f"{verb} the benefits and limitations of {first} and {_pick(rng, [t for t in things if t != first], used)}"
    elif verb == "Define":
        text = f"Define the term '{_pick(rng, things, used)}'"
    elif roll < 0.1:
        first = _pick(rng, things, used)
        text = f"Compare {first} with {_pick(rng, [t for t in things if t != first], used)}"
    else:
        text = f"{verb} {_pick(rng, sector['topics'], used)}"
        if roll < 0.3:
            text += f" and how these apply to their own role in {place}"
        elif roll < 0.45:
            noun, ex = rng.choice(sector["examples"])
            text += f", with reference to {noun} {_example(rng, ex)}"
    return _cap(text)


def _outcome(rng: random.Random, sector: dict, used: set, lo_used: set, force_kind: str | None = None) -> Outcome:
    form = rng.choice(LO_FORMS)
    kind = "skill" if "{skill}" in form else "knowledge"
    if force_kind and kind != force_kind:
        form = "Be able to {skill}" if force_kind == "skill" else "Understand {topic}"
        kind = force_kind
    topic = _pick(rng, sector["topics"], lo_used) if "{topic}" in form else ""
    used.add(topic)
    skill = _pick(rng, sector["skills"], lo_used) if "{skill}" in form else ""
    used.add(skill)
    procedure = rng.choice([p for p in PROCEDURES if not ("safely" in p and "safely" in skill)])
    text = form.format(topic=topic, skill=skill, procedure=procedure, place=sector["place"])
    n = rng.choice([2, 2, 3, 3, 3, 4, 4, 5, 6])
    criteria: list[str] = []
    while len(criteria) < n:
        c = _criterion(rng, sector, kind if rng.random() < 0.85 else "knowledge", used)
        if c not in criteria:
            criteria.append(c)
    return Outcome(_cap(text), criteria, kind)


def generate(seed: int) -> Spec:
    rng = random.Random(seed)
    sector_name = rng.choice(sorted(SECTORS))
    sector = SECTORS[sector_name]
    level = rng.choice([1, 2, 2, 3, 3, 3, 4, 5])
    qtype, (lo_tqt, hi_tqt) = rng.choice(QUAL_TYPES)
    subject = rng.choice(sector["subjects"])
    title = f"Level {level} {qtype} in {subject}"
    while True:
        number = qualification_number(rng.choice(["500", "501", "600", "601", "603", "610"]), f"{rng.randrange(10000):04d}")
        if number:
            break
    block = rng.choice(["502", "506", "601", "615", "617", "650"])
    n_units = rng.randint(3, 6)
    titles = rng.sample(sector["units"], min(n_units, len(sector["units"])))
    units: dict[str, Unit] = {}
    serial = rng.randrange(1000, 9000)
    for i, utitle in enumerate(titles):
        serial += rng.randint(1, 40)
        ulevel = max(1, min(8, level + rng.choice([0, 0, 0, 0, -1, 1])))
        credits = rng.randint(1, 10)
        glh = max(5, credits * rng.randint(5, 9) - rng.randint(0, 4))
        used: set = set()
        lo_used: set = set()
        n_lo = rng.choice([2, 2, 3, 3, 4, 5])
        outcomes = [_outcome(rng, sector, used, lo_used, force_kind="knowledge" if j == 0 else None)
                    for j in range(n_lo)]
        key = f"U{i + 1}"
        units[key] = Unit(key, unit_reference(block, f"{serial:04d}"), utitle, ulevel, credits, glh, outcomes)
    keys = list(units)
    n_mand = rng.randint(1, max(1, len(keys) - 1))
    groups = [Group("A", True, keys[:n_mand], sum(units[k].credits for k in keys[:n_mand]), None)]
    rest = keys[n_mand:]
    if len(rest) >= 3 and rng.random() < 0.4:
        cut = rng.randint(1, len(rest) - 1)
        parts = [rest[:cut], rest[cut:]]
    else:
        parts = [rest] if rest else []
    optional_min = 0
    for letter, part in zip("BC", parts):
        total = sum(units[k].credits for k in part)
        least = min(units[k].credits for k in part)
        need = rng.randint(least, total)
        groups.append(Group(letter, False, part, need, total if total > need and rng.random() < 0.3 else None))
        optional_min += need
    min_credits = groups[0].min_credits + optional_min
    tqt = min_credits * 10 + rng.choice([0, 0, 0, 10, 20])
    glh = max(min_credits, round(tqt * rng.uniform(0.45, 0.8)))
    spec = Spec(seed, sector_name, title, number, level, tqt, glh, min_credits, groups, units,
                place=sector["place"])
    spec.extra["subject"] = subject
    spec.extra["qtype"] = qtype
    return spec


def truth(spec: Spec) -> dict:
    """The expected specx output (without locations and warnings) for ``spec`` as a style printed it."""
    def unit_id(u: Unit) -> str | None:
        return u.reference if u.printed_reference else u.number

    units = []
    for u in spec.ordered_units():
        units.append({
            "reference": u.reference if u.printed_reference else None, "number": u.number, "title": u.title,
            "level": u.level, "credits": u.credits, "glh": u.glh,
            "learning_outcomes": [
                {"number": str(i), "text": lo.text, "assessment_criteria": [
                    {"number": f"{i}.{j}", "text": ac} for j, ac in enumerate(lo.criteria, start=1)]}
                for i, lo in enumerate(u.outcomes if u.detailed else [], start=1)]})
    return {
        "awarding_body": spec.awarding_body or None,
        "qualification": {
            "title": spec.title, "number": spec.number, "level": spec.level, "tqt": spec.tqt, "glh": spec.glh,
            "min_credits": spec.min_credits,
            "groups": [{"name": g.name, "mandatory": g.mandatory, "min_credits": g.min_credits,
                        "max_credits": g.max_credits, "units": [unit_id(spec.units[k]) for k in g.units]}
                       for g in spec.groups]},
        "units": units,
    }
