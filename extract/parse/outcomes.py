"""Stage 4 (units): one unit's lines -> learning outcomes and assessment criteria.

One mechanism serves every layout in the corpus:

* rows: ``1 Understand ...`` / ``1.1 Explain ...`` on one line or in tab-separated cells;
* column-split tables: a run of criterion numbers, then a run of criterion texts (pages of
  ``11``, ``1.2``, ``13`` ... then paragraphs), paired here in order, with missing numbers
  inferred by ``numbering.infer`` from the neighbouring columns;
* ``Outcome 1: ...`` headings (City & Guilds) and markdown lists (NCFE).

The lines are first turned into items (``items.tokenize``), then a small state machine (``_Builder``)
assembles them. Markers (``The learner can:``) switch between outcome text and criterion text;
``patterns.STOP`` headings (assessment guidance, evidence requirements) end the criteria.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..repair import numbering

from ..repair import recover
from .boundaries import opens_with_command_verb, split_paragraph_at_verbs
from ..repair.columns import split_columns
from .items import Item, tokenize
from ..layout.lines import Line
from ..models import AssessmentCriterion, LearningOutcome, Location, Warning
from ..normalise.text import clean_text, finish


_BULLETS = "-\u2022*\u25aa\u25cf\u2013"


@dataclass
class _AC:
    token: Optional[str]
    parts: list[str]
    line: Line
    number: Optional[tuple[int, int]] = None


@dataclass
class _LO:
    number: Optional[int]
    parts: list[str]
    line: Line


@dataclass
class _Block:
    """A column of numbers and the paragraphs of text printed after it."""

    numbers: list[_AC] = field(default_factory=list)
    paragraphs: list[list[str]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    open_paragraph: bool = False


class _Builder:
    def __init__(self, unit: Optional[str]):
        self.unit = unit
        self.los: list[_LO] = []
        self.segments: list[object] = []  # _AC (paired) or _Block
        self.block: Optional[_Block] = None
        self.last_lo: Optional[_LO] = None
        self.last_ac: Optional[_AC] = None
        self.state = "start"
        self.ac_mode = False
        self.after_lomark = False
        self.merged = False  # lines hold the tails of both columns (a flattened LO | AC row)
        self.garbled: list[str] = []  # overlaid cells: never text, but evidence (recover.py)
        self.garbled_at: Optional[Line] = None
        self.orphans: list[tuple[_AC, str]] = []  # lower-case continuations in a criteria column
        self.outcome_width = 0
        self.warnings: list[Warning] = []

    # -- helpers --------------------------------------------------------------------------
    def warn(self, code: str, message: str, line: Optional[Line] = None) -> None:
        loc = Location(page=line.page, line=line.number) if line else None
        self.warnings.append(Warning(code=code, message=message, unit=self.unit, location=loc))

    def current_lo(self) -> Optional[int]:
        if self.last_ac and self.last_ac.number:
            return self.last_ac.number[0]
        return self.last_lo.number if self.last_lo else None

    def close_block(self) -> None:
        if self.block and (self.block.numbers or self.block.paragraphs):
            self.segments.append(self.block)
        self.block = None

    def new_lo(self, number: Optional[int], text: str, line: Line) -> _LO:
        lo = _LO(number, [text] if text else [], line)
        self.los.append(lo)
        self.last_lo, self.last_ac = lo, None
        self.state = "lo"
        self.after_lomark = False
        return lo

    # -- items ----------------------------------------------------------------------------
    def feed(self, items: list[Item]) -> None:
        for i, item in enumerate(items):
            getattr(self, "on_" + item.kind)(item, items, i)
        self.close_block()

    def on_blank(self, item, items, i):
        self.merged = False
        if self.block and self.block.paragraphs:
            self.block.open_paragraph = False

    def on_garbled(self, item, items, i):
        self.garbled.append(item.text)
        self.garbled_at = self.garbled_at or item.line
        if not any(w.code == "garbled_text" for w in self.warnings):
            self.warn("garbled_text", f"overlaid/repeated text region skipped: {item.text[:80]!r}...", item.line)

    def on_lomark(self, item, items, i):
        self.close_block()
        self.ac_mode = False
        self.after_lomark = True
        self.last_ac = None
        self.state = "mark"

    def on_acmark(self, item, items, i):
        self.ac_mode = True
        if self.state == "lo":
            self.state = "mark"

    def on_lo(self, item, items, i):
        if self.block and self.block.paragraphs:  # a column of numbers still waits for its texts
            self.close_block()
        number = int(item.number) if item.number else None
        self.new_lo(number, item.text, item.line)
        if item.merged_width:
            self.merged = True
            self.outcome_width = max(self.outcome_width, item.merged_width + 3)

    def on_ac(self, item, items, i):
        parsed = numbering.parse_ac(item.number, self.current_lo()) if item.number else None
        ac = _AC(item.number, [item.text] if item.text else [], item.line, parsed)
        if item.line is not (self.last_lo.line if self.last_lo else None) and not self.merged_tail(item, items, i):
            self.merged = False
        if item.text:
            self.close_block()
            self.segments.append(ac)
            self.last_ac = ac
            self.state = "ac"
        else:
            if self.block is None or self.block.paragraphs:
                self.close_block()
                self.block = _Block()
            self.block.numbers.append(ac)
            self.last_ac = ac if parsed else self.last_ac
            self.state = "numbers"

    def on_junk(self, item, items, i):
        # An unreadable entry in a column of numbers ("w", "N"): one lost number. Consecutive
        # junk lines collapse into one.
        nxt = next((x for x in items[i + 1 :] if x.kind != "blank"), None)
        in_column = self.state == "numbers" or (self.ac_mode and nxt is not None and nxt.kind == "ac" and not nxt.text)
        if not in_column:
            return
        if self.block is None or self.block.paragraphs:
            self.close_block()
            self.block = _Block()
        if self.block.numbers and self.block.numbers[-1].token is None and self.block.numbers[-1].number is None:
            return
        self.block.numbers.append(_AC(None, [], item.line, None))
        self.state = "numbers"

    def merged_tail(self, item, items, i) -> bool:
        """A criterion that starts mid-line after an outcome tail ("programme 1.2 Explain")."""
        return i > 0 and items[i - 1].kind == "text" and items[i - 1].line is item.line

    def on_text(self, item, items, i):
        text = item.text
        if item.column is not None:
            return self.on_cell_text(item, items, i)
        if self.bullet_criterion(item):
            return
        if self.merged and self.last_lo and self.last_ac and self.state == "ac":
            lo_part, ac_part = split_columns(text, " ".join(self.last_lo.parts), " ".join(self.last_ac.parts),
                                             self.outcome_width)
            if lo_part:
                self.last_lo.parts.append(lo_part)
            if ac_part:
                self.last_ac.parts.append(ac_part)
            return
        if self.block and self.block.numbers and (self.ac_mode or self.block.paragraphs):
            self.add_block_text(text, item.line)
        elif self.block and self.block.numbers and self.last_lo:
            self.last_lo.parts.append(text)  # outcome text wrapped beside its numbers
        elif self.state == "ac" and self.last_ac:
            parts = self.last_ac.parts
            if item.line.raw.lstrip()[:1] in "-•*" and ":" in " ".join(parts) and not parts[-1].endswith(":"):
                parts[-1] += ","  # "... of the following:" then a bulleted list inside the criterion
            parts.append(text)
        elif self.state == "lo" and self.last_lo:
            self.last_lo.parts.append(text)
        elif self.after_lomark and not self.ac_mode:
            self.new_lo(None, text, item.line)
        elif self.ac_mode:
            self.block = self.block or _Block()
            self.add_block_text(text, item.line)

    def bullet_criterion(self, item) -> bool:
        """Criteria printed as a bulleted list under an outcome (no numbers): each bullet is the
        next criterion of that outcome, numbered in order with a warning. Not the sub-points of
        a numbered criterion, nor the list a criterion opens with "... the following:"."""
        lo, last = self.last_lo.number if self.last_lo else None, self.last_ac
        if not (self.ac_mode and lo and item.line.raw.lstrip()[:1] in _BULLETS) or self.block:
            return False
        if last and last.number and last.number[0] == lo and (last.token or ":" in " ".join(last.parts)):
            return False
        k = last.number[1] if last and last.number and last.number[0] == lo else 0
        if not k:
            self.warn("number_inferred", f"outcome {lo}: criteria printed as bullets, numbered {lo}.1 ... in order", item.line)
        ac = _AC(None, [item.text], item.line, (lo, k + 1))
        self.segments.append(ac)
        self.last_ac, self.state = ac, "ac"
        return True

    def add_block_text(self, text: str, line: Line) -> None:
        b = self.block
        if b.open_paragraph:
            b.paragraphs[-1].append(text)
        else:
            b.paragraphs.append([text])
            b.lines.append(line)
            b.open_paragraph = True
        self.state = "block"

    def on_cell_text(self, item, items, i):
        """Text in a tab-separated row: the outcome column is column 0, or any cell followed by
        a criterion on the same row (when overlaid text fills the columns before it)."""
        followed = any(x.kind == "ac" and x.line is item.line for x in items[i + 1 : i + 4])
        if item.column == 0 or followed:
            same_row = [x for x in items if x.line is item.line and x.kind == "ac" and x.number]
            new_lo = None
            if same_row:
                parsed = numbering.parse_ac(same_row[0].number, self.current_lo())
                if parsed and parsed[0] not in {lo.number for lo in self.los}:
                    new_lo = parsed[0]
            if new_lo is not None:
                # a lower-case start is only the tail of a lost outcome text: kept in the warning
                tail = item.text[:1].islower()
                self.new_lo(new_lo, "" if tail else item.text, item.line)
                if tail:
                    self.warn("outcome_text_missing",
                              f"outcome {new_lo}: text lost; only the fragment {item.text!r} is printed", item.line)
                if not (tail and re.search(rf"\s{new_lo}$", item.text)):  # "... customers 2": printed last
                    self.warn("number_inferred", f"outcome {new_lo}: number not printed; taken from its criteria", item.line)
            elif self.last_lo:
                self.last_lo.parts.append(item.text)
            else:
                self.new_lo(None, item.text, item.line)
            return
        if self.last_ac and self.continues_criterion(item, items, i):
            self.last_ac.parts.append(item.text)
            self.orphans.append((self.last_ac, item.text))
        else:
            ac = _AC(None, [item.text], item.line, None)
            self.segments.append(ac)
            self.last_ac = ac
            self.state = "ac"

    def continues_criterion(self, item, items, i) -> bool:
        """Unnumbered text in the criteria column: the wrapped line of the criterion above, or a
        criterion whose number was not printed? A lower-case start continues. A capital start
        continues when the next printed number follows the criterion above directly (no number
        is missing), is a new criterion when a number is missing before the next printed one,
        and otherwise (no next number to go by) a new criterion only when it opens with a
        command verb."""
        if item.text[:1].islower():
            return True
        last = self.last_ac.number
        if last is None:
            return False
        following = next((x for x in items[i + 1:] if x.kind in ("ac", "lo") and x.number), None)
        nxt = numbering.parse_ac(following.number, last[0]) if following and following.kind == "ac" else None
        if nxt == (last[0], last[1] + 1):
            return True
        if nxt and nxt[0] == last[0] and nxt[1] > last[1] + 1:
            return False
        return not opens_with_command_verb(item.text)

    # -- result ---------------------------------------------------------------------------
    def result(self) -> list[LearningOutcome]:
        acs = self._pair()
        self._number_outcomes(acs)
        los = self._assemble(acs)
        if self.garbled:
            self._recover(los)
        return los

    def _recover(self, los: list[LearningOutcome]) -> None:
        """Fill what the clean column lost from the overlaid copies (see recover.py)."""
        copies, outcome_copies = recover.fragments(self.garbled)
        where = self.garbled_at
        everywhere = {c.number: c for lo in los for c in lo.assessment_criteria}
        for lo in los:
            if lo.text is None and outcome_copies.get(lo.number):
                lo.text = finish(recover.consensus(outcome_copies[lo.number]))
                self.warn("garbled_text", f"outcome {lo.number}: text recovered from overlaid copies", where)
            present = {c.number: c for c in lo.assessment_criteria}
            top = max((int(n.split(".")[1]) for n in present), default=0)
            for k in range(1, top + 1):
                number = f"{lo.number}.{k}"
                found = copies.get(number, [])
                if number in present:
                    ac = present[number]
                    longer = recover.extend(ac.text or "", recover.consensus(found) or "") if found else ac.text
                    if longer and ac.text and longer != ac.text:
                        self.warn("garbled_text", f"criterion {number}: end recovered from overlaid copies", where)
                        ac.text = finish(longer)
                    continue
                text = recover.consensus(found)
                if not text:
                    continue
                for owner, orphan in self.orphans:  # its lost first line's continuation
                    spliced = recover.splice(orphan, text)
                    if spliced:
                        text = spliced
                        owner_ac = everywhere.get(numbering.fmt(owner.number)) if owner.number else None
                        tail = " ".join(orphan.split())
                        if owner_ac and owner_ac.text and owner_ac.text.endswith(tail):
                            owner_ac.text = finish(owner_ac.text[: -len(tail)])
                        break
                text = recover.complete_clipped(text)
                lo.assessment_criteria.append(AssessmentCriterion(number=number, text=finish(text), location=lo.location))
                self.warn("garbled_text", f"criterion {number}: recovered from overlaid copies", where)
            lo.assessment_criteria.sort(key=lambda c: int(c.number.split(".")[1]))

    def _pair(self) -> list[_AC]:
        """Pair each column of numbers with its paragraphs; infer lost numbers."""
        out: list[_AC] = []
        for k, seg in enumerate(self.segments):
            if isinstance(seg, _AC):
                out.append(seg)
                continue
            before = next((a.number for a in reversed(out) if a.number), None)
            after = None
            for later in self.segments[k + 1 :]:
                nums = [later] if isinstance(later, _AC) else later.numbers
                after = next((a.number for a in nums if a.number), None)
                if after:
                    break
            numbers = [a.number for a in seg.numbers]
            texts = _fit_paragraphs(seg.paragraphs, len(numbers))
            if len(texts) != len(numbers) or None in numbers:
                filled = numbering.infer(numbers, len(texts), before, after)
                if filled is None:
                    self.warn("criteria_unpaired", f"{len(numbers)} criterion numbers but {len(texts)} texts; paired in order",
                              seg.numbers[0].line if seg.numbers else seg.lines[0])
                    filled = [n for n in numbers]
                else:
                    added = [numbering.fmt(n) for n in filled if n not in numbers]
                    if added:
                        self.warn("number_inferred", f"criteria {', '.join(added)}: number not printed; inferred from neighbours",
                                  seg.numbers[0].line if seg.numbers else seg.lines[0])
                numbers = filled
            anchors = list(seg.numbers)
            for a in anchors:
                if a.token and a.number and not numbering.AC_NUMBER.match(a.token):
                    self.warn("numbering_repaired", f"criterion number {a.token!r} read as {numbering.fmt(a.number)}", a.line)
            for j, text in enumerate(texts):
                number = numbers[j] if j < len(numbers) else None
                line = anchors[j].line if j < len(anchors) and anchors[j].number == number else seg.lines[min(j, len(seg.lines) - 1)]
                out.append(_AC(None, text, line, number))
            for j in range(len(texts), len(numbers)):
                if numbers[j]:
                    self.warn("criterion_text_missing", f"criterion {numbering.fmt(numbers[j])}: text not found", anchors[j].line if j < len(anchors) else None)
        # Criteria printed without a number: the successor of the previous one. A number printed
        # twice for two different texts: the second is the next criterion, misnumbered.
        prev = None
        for k, ac in enumerate(out):
            if ac.number and prev == ac.number and k and not _same_text(out[k - 1].parts, ac.parts):
                ac.number = (prev[0], prev[1] + 1)
                self.warn("number_inferred", f"criterion {numbering.fmt(prev)} printed twice; the second read as {numbering.fmt(ac.number)}", ac.line)
            if ac.number is None and ac.token is None and prev:
                ac.number = (prev[0], prev[1] + 1)
                self.warn("number_inferred", f"criterion {numbering.fmt(ac.number)}: number not printed; inferred from neighbours", ac.line)
            if ac.token and ac.number and not numbering.AC_NUMBER.match(ac.token):
                self.warn("numbering_repaired", f"criterion number {ac.token!r} read as {numbering.fmt(ac.number)}", ac.line)
            prev = ac.number or prev
        return [a for a in out if a.number]

    def _number_outcomes(self, acs: list[_AC]) -> None:
        prev = 0
        for lo in self.los:
            if lo.number is None:
                lo.number = prev + 1
                self.warn("number_inferred", f"outcome {lo.number}: number not printed; inferred from order", lo.line)
            prev = lo.number

    def _assemble(self, acs: list[_AC]) -> list[LearningOutcome]:
        by_number: dict[int, LearningOutcome] = {}
        for lo in self.los:
            text, repairs = clean_text(lo.parts)
            self._note_repairs(repairs, lo.line)
            existing = by_number.get(lo.number)
            if existing is None:
                by_number[lo.number] = LearningOutcome(number=str(lo.number), text=text,
                                                       location=Location(page=lo.line.page, line=lo.line.number))
            elif existing.text is None or (text and len(text) > len(existing.text) and existing.text in text):
                existing.text = text
        for ac in acs:
            lo_no = ac.number[0]
            if lo_no not in by_number:
                by_number[lo_no] = LearningOutcome(number=str(lo_no), text=None,
                                                   location=Location(page=ac.line.page, line=ac.line.number))
                self.warn("outcome_text_missing", f"outcome {lo_no}: criteria printed but the outcome text is missing", ac.line)
                self.warn("number_inferred", f"outcome {lo_no}: number not printed; taken from its criteria", ac.line)
            lo = by_number[lo_no]
            number = numbering.fmt(ac.number)
            text, repairs = clean_text(ac.parts)
            twin = next((c for c in lo.assessment_criteria if c.number == number), None)
            if twin:  # a page-break repeat, or a truncated copy of the same criterion
                if text and twin.text and text != twin.text and (text.startswith(twin.text) or twin.text.startswith(text)):
                    self.warn("garbled_text", f"criterion {number} printed again as a fragment; the longer copy kept", ac.line)
                    if len(text) > len(twin.text):
                        twin.text = text
                continue
            self._note_repairs(repairs, ac.line)
            lo.assessment_criteria.append(AssessmentCriterion(
                number=number, text=text, location=Location(page=ac.line.page, line=ac.line.number)))
        result = [by_number[k] for k in sorted(by_number)]
        for lo in result:
            lo.assessment_criteria.sort(key=lambda c: int(c.number.split(".")[1]))
        return result

    def _note_repairs(self, repairs: list[str], line: Line) -> None:
        for r in repairs:
            self.warn("text_repaired", f"OCR word repaired: {r}", line)


def _same_text(a: list[str], b: list[str]) -> bool:
    """One text is a (truncated) copy of the other."""
    x, y = " ".join(a).strip(), " ".join(b).strip()
    return bool(x and y) and (x.startswith(y) or y.startswith(x))


def _fit_paragraphs(paragraphs: list[list[str]], count: int) -> list[list[str]]:
    """Adjust paragraphs to ``count`` criteria: lower-case starts continue the previous one;
    too few -> split where a line opens with a command verb (then with any capital)."""
    if len(paragraphs) == count:
        return paragraphs
    merged: list[list[str]] = []
    for p in paragraphs:
        if merged and p and p[0][:1].islower():
            merged[-1].extend(p)
        else:
            merged.append(list(p))
    if len(merged) >= count:
        return merged
    for strict in (True, False):
        out: list[list[str]] = []
        for p in merged:
            out.extend(split_paragraph_at_verbs(p, strict))
        if len(out) >= count:
            # split only as much as needed: prefer the splits inside the longest paragraphs
            return out if len(out) == count else merged if strict is False else out
        merged_try = out
    return merged_try


def parse_outcomes(lines: list[Line], unit: Optional[str]) -> tuple[list[LearningOutcome], list[Warning]]:
    builder = _Builder(unit)
    builder.feed(tokenize(lines))
    return builder.result(), builder.warnings
