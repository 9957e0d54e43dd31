"""Vocabulary of the documents' layout: the phrases that mark headers, markers and the end
of criteria, shared by every awarding body. Add a pattern here, not a parser variant."""

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Optional

from ..normalise.identifiers import LETTER_GLYPHS
from ..normalise.marks import LONE_MARKS, SPECK_MARKS

I = re.I

# "learner" as OCR also reads it: its l as I, 1, t or f ("The tearner will:", "The fearner can:"),
# its rn as m ("leamer"); none of those is an English word, so a marker read so is still a
# marker. After it, "will" as OCR reads it ("wiil", "wil", "wlll").
LEARNER = r"[lI1tf]ea(?:rn|m)er(?:\s*[.,;]\s*|\s+)"  # and the gap after it, where OCR may read a speck ("learner.can")
WILL = r"w[il1|]{1,2}l"
# "Learning Outcome - The learner will:", "The learner will:", a lone "will:". The anchored
# forms are one branch: a search then tries two branches at each position, not five (half the time).
LO_MARKER = re.compile(
    rf"learning outcome\s*-|{LEARNER}(?:{WILL}\b|should:)|^(?:(?:will|should):?$|learning outcomes?$|"
    r"on completion of th(?:is|e)(?:\s+unit\b|$))", I)  # also wrapped: "On completion of this" / "unit a learner should:"
# "Assessment Criterion - The learner can:", "The learner can:".
AC_MARKER = re.compile(rf"{LEARNER}can\b|assessment criterion\s*-", I)
# C&G prints "Assessment Criteria" as a heading on its own: no information.
IGNORED = re.compile(r"^(assessment criteri(?:a|on):?|there are \w+ learning outcomes.*)$", I)
# Prose that follows the criteria and is not criteria.
STOP = re.compile(
    r"^(assessment guidance|evidence requirements?|unit aim|guided learning hours|"
    r"details of the relationship|support of the unit|assessment$|range( statement)?s?:?$|"
    r"additional information|delivery and assessment|types of evidence|this unit is\b|"
    r"unit summaries|explanation of terms|section \d|this unit must be assessed|"
    r"level:|credit value:|guided learning hours:|ndaq number|unit reference|grading (?:criteria|grid)|"
    r"to achieve a (?:pass|merit|distinction)|indicative content|unit amplification|"
    r".*\bawarding body\b)",
    I,
)
# An outcome heading, whatever its wording: "Outcome 1: Demonstrate ..." (C&G, with an
# "Assessment Criteria" heading glued on), "Outcome 2 Understand ..." (no colon),
# "Learning outcome 3 - Be able to ...", "LO1 Know ...", "LO 2: ...", its colon read by OCR as
# a semicolon or comma ("Learning outcome 2; Understand").
OUTCOME_LINE = re.compile(
    r"^(?:(?:learning\s+)?outcome|LO)\s*(\d{1,2})(?:\s*[:.)\u2013\u2014-]\s*|\s*[;,]\s*(?=[A-Za-z])|\s+(?=[A-Za-z]))(.*?)\s*(?:assessment criteria)?$", I)
# A criterion number with a label: "AC1.1 Describe", "AC 2.3: Explain" -> the plain row form.
AC_LABEL = re.compile(r"^(?:AC|assessment criteri(?:on|a))\s*(?=\d{1,2}\.\d{1,2})", I)
# "1 Understand ..." / "1. Understand ..." / "1) Understand" -- an outcome row: a number, then words.
LO_ROW = re.compile(r"^(\d{1,2})[.)]?\s+(?=[A-Za-z|])(.*)$")
# Grading criteria ("P1 describe ...", "M2", "D1") belong to a grading grid, never to the ACs.
GRADING_CRITERION = re.compile(r"^[PMD]\d{1,2}\b")
# "1.1 Explain ..." or "11 Explain ..." or a bare "1.1"/"11" -- a criterion row.
# "1.3.", "2.4, Explain", "2.2: Follow" and "2:4 Carry" as OCR reads them too (``numbering.parse_ac``)
AC_ROW = re.compile(r"^(\d{1,2}[.:]\d{1,2}|\d\d)(?:\.|[,:](?=\s+[A-Za-z]))?(?:\s+(.*))?$")
# An AC number inside a line: "... champion 11 Evaluate ...", "... and 2.1", "process1.2 Explain".
# "... passwords 1.1. Summarise ...": OCR text prints the criterion number with its full stop too,
# or with its label ("... purpose of AC1.1 Analyse ...").
_SPECK_GLUED = r"(?:[%s]+(?=\d\.))?" % re.escape(LONE_MARKS)  # "in _1.1 outline": a speck glued on the number
AC_INSIDE = re.compile(r"(?:(?<=\s)|(?<=[a-z)]))" + _SPECK_GLUED
                       + r"(?:AC\s?(?=\d\.))?(\d\.\d{1,2}(?=\.?\s+[A-Za-z|]|\.?\s*$)|\d\d(?=\s+[A-Z|]|\s*$))\.?")
AC_INSIDE_DOTTED = re.compile(r"(?<=\s)(?:AC\s?)?(\d\.\d{1,2})(?:(?=\s+[A-Za-z|])|\.(?=[a-z]))")  # "... use 2.3.carry out": glued; "... in AC1.2 Explain": labelled
# A run-on region: a long cell holding several criteria numbers (overlaid / repeated text).
GARBLE_MIN_CHARS = 250
GARBLE_MIN_NUMBERS = 3
NUMBER_ANYWHERE = re.compile(r"\d\.\d{1,2}")

# Column headings of an LO|AC table, by role; an "other" column (indicative content, guidance,
# evidence) holds no criteria.
COLUMN_HEADINGS = (
    ("lo", re.compile(rf"^learning\s+outcomes?\b|{LEARNER}(?:{WILL}|should)\b|^outcomes?$|^on completion of th(?:is|e)\b", I)),
    ("ac", re.compile(rf"^assessment\s+criteri|{LEARNER}can\b|^criteria$", I)),
    ("other", re.compile(
        r"^(?:indicative\s+content|unit\s+amplification|amplification|guidance|assessment\s+guidance|"
        r"evidence|range|notes?|delivery|content|depth|teaching\s+content|exemplification)\b", I)),
)


# The column headings whole, for a header cell OCR damaged ("Learning outcames", "Assesss=5:
# criteria", "Unit amolification"): a cell that reads this alike to one of them as a whole
# (difflib ratio, ``HEADING_SIMILARITY``) and in as many words names its column. Alike as a
# whole, not in part: "and assessment criteria" (a heading's words in a sentence) names none.
HEADING_PHRASES = (
    ("lo", ("learning outcomes", "learning outcome", "the learner will", "on completion of this unit")),
    ("ac", ("assessment criteria", "the learner can")),
    ("other", ("indicative content", "unit amplification", "assessment guidance", "teaching content",
               "exemplification", "guidance", "evidence")),
)
HEADING_SIMILARITY = 0.75
"""A damaged heading's ratio to the heading: one in four letters misread ("Assesss=5:" for
"Assessment" is 0.79 as a whole); two different words of the same length are well below."""


def cell_role(text: str) -> Optional[str]:
    """The column role a header cell's text names (``COLUMN_HEADINGS``; failing those, a
    heading it reads nearly as, ``HEADING_PHRASES``), or None."""
    text = text.strip()
    return next((r for r, pattern in COLUMN_HEADINGS if pattern.search(text)), None) or _read_as_heading(text)


@lru_cache(maxsize=4096)  # a document's rows repeat their labels and values from unit to unit
def _read_as_heading(text: str, opening: bool = False) -> Optional[str]:
    """The role of the heading ``text`` reads nearly as (``HEADING_PHRASES``), or None; with
    ``opening``, of the heading its first words read as (a header's line that wraps on)."""
    cell = text.lower().rstrip(":;., ")
    for role, phrases in HEADING_PHRASES:
        for phrase in phrases:
            if opening:
                cell = " ".join(text.lower().split()[: len(phrase.split())])
            if len(cell.split()) != len(phrase.split()) or abs(len(cell) - len(phrase)) > len(phrase) * (1 - HEADING_SIMILARITY):
                continue
            matcher = SequenceMatcher(None, cell, phrase, autojunk=False)
            if matcher.quick_ratio() >= HEADING_SIMILARITY and matcher.ratio() >= HEADING_SIMILARITY:
                return role
    return None


def column_roles(cells: list[str]) -> Optional[dict[int, str]]:
    """A table's header row -> column index: role, when every cell names a column and one of
    them is the criteria column; None for any other row (from its first cell that names no
    column: most rows are prose)."""
    roles = {}
    for k, cell in enumerate(cells):
        if not cell.strip():
            continue
        role = cell_role(cell)
        if role is None:
            return None
        roles[k] = role
    return roles if valid_roles(roles) else None


SQUEEZED_WORDS = 4
"""Most words of each heading in a header row read as one line (``Learning outcomes Assessment
criteria``, text without its column gaps): a longer run is a sentence."""


def squeezed_roles(text: str) -> Optional[dict[int, str]]:
    """A header row read as one line, its cells a word space apart -> its roles, when the line
    cuts into two short runs (``SQUEEZED_WORDS``) that each read as a whole heading
    (``HEADING_PHRASES``: "Learning outcomes and" opens with one, but is none); None otherwise."""
    words = text.split()
    if len(words) > 2 * SQUEEZED_WORDS:
        return None
    for n in range(1, len(words)):
        runs = [" ".join(words[:n]), " ".join(words[n:])]
        roles = {k: _read_as_heading(run) for k, run in enumerate(runs) if max(n, len(words) - n) <= SQUEEZED_WORDS}
        if len(roles) == 2 and all(roles.values()) and valid_roles(roles):
            return roles
    return None


def valid_roles(roles: dict[int, str]) -> bool:
    """Roles that make an LO | AC table: the criteria column and at least one other."""
    return "ac" in roles.values() and len(roles) >= 2


def named_cells(cells: list[str]) -> dict[int, str]:
    """The roles the cells of a row already known to be a header name, each cell on its own:
    a cell OCR damaged (``A-----¢ criteria``) names none, and the row's other cells still do."""
    roles = {k: cell_role(c) for k, c in enumerate(cells) if c.strip()}
    return {k: r for k, r in roles.items() if r}


def heading_cells(cells: list[str]) -> bool:
    """Every non-empty cell names a column, or opens with a heading OCR may have damaged (a
    header's continuation line: "On comoletion of this unit a | The learner can:")."""
    named = [c for c in cells if c.strip()]
    return bool(named) and all(cell_role(c) or _read_as_heading(c, opening=True) for c in named)


class Needle:
    """A compiled pattern whose every match contains the literal ``needle``: a text without it
    is not searched (an alternation of labels tried at every position is slow, and most lines
    hold no ``/`` or ``:``). ``search`` and ``match`` answer exactly as the pattern's."""

    __slots__ = ("needle", "pattern")

    def __init__(self, needle: str, pattern: re.Pattern):
        self.needle, self.pattern = needle, pattern

    def search(self, text: str):
        return self.pattern.search(text) if self.needle in text else None

    def match(self, text: str):
        return self.pattern.match(text) if self.needle in text else None


# --- document structure -------------------------------------------------------------------
REF = r"[A-Z0-9%s]\s?/\s?\d{3}\s?/\s?\d{4}" % re.escape(LETTER_GLYPHS)
# "Unit D/506/2153" / "Unit L/506/2150 Organise and deliver customer service"
UNIT_HEADER_REF = re.compile(rf"^Unit\s+({REF})\s*(.*)$")
# "Unit 01 Deliver customer service (A/506/2130) (cont'd)" -- anywhere in the line
UNIT_HEADER_NUMBER_REF = re.compile(rf"\bUnit\s+(\d{{2,3}})\s+(.+?)\s*\(({REF})\)\s*(?:\(cont'?d\))?\s*(.*)$", I)
# "Unit 401" alone on a line (City & Guilds); the title follows.
# "J/506/1921 Manage individuals' performance" -- a header that lost its "Unit" (inside the
# unit pages only: structure rows end in level and credit numbers).
UNIT_HEADER_BARE_REF = re.compile(rf"^({REF})\s+([A-Z][^\t]*[a-z'])$")
UNIT_HEADER_NUMBER = re.compile(r"^Unit\s+(\d{1,3})$")
# The common heading of every house style: "Unit 301: Title", "Unit 12 - Title", "Unit 1 Title",
# "Unit 4: Title (H/615/8201)" ("### Unit 301: Title" once the markdown is stripped). Not a
# structure row or contents entry: those end in numbers or name credits (see ``sections``).
UNIT_HEADING = re.compile(
    rf"^Unit\s+(\d{{1,3}})\s*(?:[:.\u2013\u2014-]\s*|\s)(?=[A-Z(])(.*?)\s*(?:\(\s*({REF})\s*\)?)?\s*$")
# A heading's reference wrapped onto the next line: "(H/615/8201)", or a title tail with it.
REF_TAIL = re.compile(rf"^(.*?)\s*\(?\s*({REF})\s*\)?$")
# "Unit title: Deliver customer service" / a "Unit title | ..." row: the reference follows in facts.
UNIT_TITLE_ROW = re.compile(r"^(?:Unit\s+[Tt]itle|Title\s+of\s+unit)\s*:\s*(.+)$")
UNIT_TITLE_BARE = re.compile(r"^Unit [Tt]itle\s+([A-Z].+)$")  # only with a reference right under it
UNIT_TITLE_LABEL = re.compile(r"^(?:unit\s+title|title\s+of\s+unit)\s*:?$", I)
# Contents list: "Unit 401 Demonstrate understanding ... 14"
CONTENTS_ENTRY = re.compile(r"^Unit\s+(\d{2,3})\s+(.+?)\s+(\d{1,3})$")

# Unit facts printed on the unit page.
FACT_LEVEL = re.compile(r"^Level:?\s*(\d)\s*$", I)
FACT_CREDITS = re.compile(r"^Credit value:?\s*(\d{1,3})\b", I)
FACT_GLH = re.compile(r"^(?:Guided learning hours:?\s*(\d{1,3})\b|.*recommended that (\d{1,3}) hours)", I)
# the labels of a unit's reference ("Unit reference", "UAN", "Unit accreditation number" ...)
REF_LABEL = (r"(?:NDAQ number|(?:Ofqual\s+)?(?:unit\s+)?reference(?: number)?|Unit accreditation number(?:\s*\(UAN\))?|"
             r"UAN|URN|Unit code|Ofqual code|Unit number)")
FACT_REF = Needle("/", re.compile(rf"{REF_LABEL}\s*:?\s*({REF})", I))  # every reference holds a "/": most lines are not searched
# Unit facts as label/value pairs, one or several a line ("Unit level 4 Credit value 5 GLH 40").
FACT_LABELS = {
    "level": r"(?:unit\s+)?level",
    "credits": r"(?:credit\s+value|credits?)",
    "glh": r"(?:guided\s+learning\s+hours|glh)(?:\s*\(glh\))?",
}
FACT_PAIR = re.compile(r"(?:^|(?<=\s))(" + "|".join(f"(?P<{k}>{v})" for k, v in FACT_LABELS.items()) + r")\s*:?\s*(\d{1,3})\b", I)
# a row of nothing but such pairs; a value may end with a full stop or OCR's speck ("Credit Value: 3.",
# "Credit Value: 6 © GLH: 46": a rule's trace between two cells read as a glyph)
FACT_ROW = re.compile(rf"^(?:(?:unit\s+)?(?:reference|code)\s*:?\s*{REF}\s*)?"
                      r"(?:(?:" + "|".join(FACT_LABELS.values()) + r")\s*:?\s*\d{1,3}(?![.,]\d)[.,;:]?"
                      + r"(?:\s+[%s](?=\s))?\s*)+$" % re.escape(SPECK_MARKS), I)
# A fact label alone on its line, its value on the next ("Unit level" / "1", "Unit reference" / "L/502/1243").
FACT_LABEL_LINE = re.compile(r"^(?:" + "|".join(FACT_LABELS.values()) + "|" + REF_LABEL + r")\s*:?$", I)
# A facts row whose last value wrapped onto the next line ("... Guided learning hours:" / "54").
FACT_LABEL_END = Needle(":", re.compile(r"(?:" + "|".join(FACT_LABELS.values()) + r")\s*:$", I))

# Qualification structure.
GROUP_HEADING = re.compile(
    r"^((?:Group\s+[A-Z]\b.*?units?)|(?:(?:Mandatory|Optional)\s+Units\b.*?)|(?:[A-Z][A-Za-z ]+ Theme))"
    r"\s*(?:[—–-]\s*(.*))?$",
    I,
)
GROUP_RULE_WORDS = re.compile(r"credit|complete|unit", I)
ROW_REF_FIRST = re.compile(rf"^({REF})\s+(.+?)\s+(\d)\s+(\d{{1,2}})$")  # ref title level credits
ROW_NUMBER_FIRST = re.compile(r"^\d{4}-(\d{3})\s+(.+?)\s+(\d)\s+(\d{1,2})\s+(\d{1,3})$")  # C&G
ROW_TITLE_REF = re.compile(rf"^(.+?)\s+({REF})$")  # "Champion customer service T/601/1235"
ROW_UNIT_CREDITS = re.compile(r"^Unit\s+(\d{2,3})\s+(.+?)\s*\((\d{1,2}) credits?\)\W*$", I)
NOS_CODE = re.compile(r"\s*\([A-Z]\d{1,2}\)$")  # "(F5)" after a C&G title

CREDIT_RULE = re.compile(
    r"(a minimum of|minimum of|a maximum of|maximum of|a total of)?\s*\b(\d{1,3})\s+credits\s+"
    r"(?:\w+\s+){0,5}?(?:from|completing)\s+(?:the\s+)?(?:optional\s+)?(?:group\s+([A-Z])\b|(mandatory))",
    I,
)
MIN_CREDITS = re.compile(
    r"(?:minimum of|at least|must achieve|minimum credit value:?|(?:total|minimum)\s+credits?(?:\s+value)?\s*:?|"
    r"credits?\s+required\s*:?)\s*(\d{1,3})\b(?=\s*credits|\s*$)", I)
# "... 4 credits from Group B" (or "... 4 credits and a maximum of 9 credits from Group B"):
# a group's rule, not the qualification's minimum.
GROUP_SHARE = re.compile(r"\s*credits?\s+(?:and\s+(?:a\s+)?maximum\s+of\s+\d+\s+credits?\s+)?(?:\w+\s+){0,4}?(?:from|in|within)\s+(?:the\s+)?(?:\w+\s+)?(?:group|units?\b|mandatory|optional)", I)
AWARDING_BODIES = ("ProQual", "City & Guilds", "NCFE", "Pearson BTEC", "Pearson", "OCR", "AQA", "VTCT", "Highfield",
                   "TQUK", "Focus Awards", "NOCN", "Skillsfirst", "Gateway Qualifications", "Open Awards", "CACHE",
                   "iCQ", "Innovate Awarding", "SQA", "WJEC", "ABC Awards", "FutureQuals", "Laser Learning Awards")
QUAL_TITLE_LINE = re.compile(r"^Qualification title\s*:?\s*(.+)$", I)
QUAL_TITLE = re.compile(
    rf"(?:(?:{'|'.join(map(re.escape, AWARDING_BODIES))})\s+)?Level\s+\d\s+(?:[A-Z][A-Za-z]*\s+)*?"
    r"(?:Award|Certificate|Diploma|Extended Diploma) +in +[A-Z][A-Za-z]*"
    r"(?: +(?:(?:and|&|with|for|of|in|the|to|on|at) +)*[A-Z][A-Za-z-]*)*(?: +\((?:RQF|QCF|VRQ|NVQ)\))?"
)
TQT = re.compile(r"Total qualification time\s*(?:\(TQT\))?\s*:?\s*(\d{1,4})", I)
QUAL_GLH = re.compile(r"Guided learning hours\s*(?:\(GLH\))?\s*:?\s*(\d{1,4})", I)

# words no outcome or criterion text ends on: the text goes on after one (on the next line or,
# in a flattened row, in the same column of the next line)
UNFINISHED_WORDS = frozenset("a an the of in on at to and or with for by from their its as".split())
