"""Repair for text without geometry: a unit-details table read column by column.

Plain ``pdftotext`` (and OCR text) reads a two-column facts table as its label column, then --
often after the next table's first column -- its value column::

    Unit title / Unit reference / Level / Credit value / GLH   ...   Title text / A/615/5871 / 1 / 3 / 20

The labels give the order; the value column is found by its reference (a line holding only an
Ofqual reference), the numbers after it and the title before it (up to a blank line), or as
the paragraph below the labels (or, read first, above them) with one value of each label's kind. The
label lines are rewritten as ``Label: value`` rows and the value lines emptied, so the facts
read like any other. Runs only where a block of bare labels is found, and every repair is a
``text_repaired`` warning naming the lines.
"""

from __future__ import annotations

import re

from ..layout.lines import Line

MIN_LABELS = 3  # bare fact labels in a row that make a column-split facts table
VALUE_REACH = 60  # lines after the labels searched for the value column
VALUE_PARAGRAPHS = 4  # paragraphs after a label column searched for its values (the other column first)
LABEL = re.compile(r"^(unit\s+title|unit\s+reference(?:\s+number)?|(?:unit\s+)?level|credit\s+value|credits|glh|"
                    r"guided\s+learning\s+hours(?:\s+\(glh\))?|qualification\s+title|(?:ofqual\s+)?qualification\s+number(?:\s+\(qn\))?|"
                    r"total\s+qualification\s+time(?:\s+\(tqt\))?|tqt)$", re.I)
_REF = re.compile(r"^[A-Z]/\d{3}/\d{4}$")
_HOLDS_REF = re.compile(r"\b[A-Z]/\d{3}/\d{4}\b")
_NUMBER = re.compile(r"^\d{1,4}$")
# what a label's value looks like, for pairing a label column with the column of values below it
_TITLE_LABEL = re.compile(r"title$", re.I)
_KINDS = ((re.compile(r"^unit\s+reference", re.I), _REF),
          (re.compile(r"time|hours|glh|tqt", re.I), re.compile(r"^\d{1,4}(?:\s*(?:hours|hrs))?$", re.I)),
          (re.compile(r"^(?:ofqual\s+)?qualification\s+number", re.I), re.compile(r"^\d{3}/\d{4}/\w$")))


def repair_split_facts(lines: list[Line]) -> list[tuple[Line, str]]:
    """Rewrite column-split facts tables in place; returns (line, message) for each repair."""
    repairs = []
    i = 0
    while i < len(lines):
        block = _label_block(lines, i)
        if len(block) >= MIN_LABELS and _pair(lines, block, repairs):
            i = block[-1] + 1
        else:
            i += 1
    return repairs


def _label_block(lines: list[Line], i: int) -> list[int]:
    """The indexes of the bare fact labels (one cell each) in a row from line ``i``."""
    out = []
    while i < len(lines) and len(lines[i].cells) == 1 and LABEL.match(lines[i].text):
        out.append(i)
        i += 1
    return out


def _reference_line(lines: list[Line], end: int) -> int | None:
    """The value column's reference: the first line holding only an Ofqual reference within
    ``VALUE_REACH`` lines from ``end``, or None."""
    return next((k for k in range(end, min(len(lines), end + VALUE_REACH)) if _REF.match(lines[k].text)), None)


def _number_lines(lines: list[Line], at: int, count: int) -> list[int]:
    """Of the ``count`` lines after the reference line ``at``, those holding only a number."""
    return [k for k in range(at + 1, min(len(lines), at + 1 + count)) if _NUMBER.match(lines[k].text)]


def _title_start(lines: list[Line], end: int, at: int) -> int:
    """The first line of the title printed before the reference line ``at``: back up to a blank
    line, a label or the end of the label block (``end``)."""
    start = at
    while start - 1 >= end and not lines[start - 1].blank and not LABEL.match(lines[start - 1].text):
        start -= 1
    return start


def _values(lines: list[Line], block: list[int], labels: list[str]) -> dict[int, list[int]] | None:
    """Label position -> the value lines it pairs with: the reference line, one number line per
    label after the reference label, the title lines before the reference; None when the value
    column is not all there."""
    refs = [k for k, l in enumerate(labels) if re.match(r"unit\s+reference", l, re.I)]
    end = block[-1] + 1
    at = _reference_line(lines, end) if refs else None
    if at is None:
        return _typed_below(lines, end, labels)
    after = labels[refs[0] + 1:]
    numbers = _number_lines(lines, at, len(after))
    if len(numbers) != len(after):
        return None
    values = {refs[0]: [at]} | {refs[0] + 1 + j: [k] for j, k in enumerate(numbers)}
    title_at = next((j for j, l in enumerate(labels) if re.match(r"unit\s+title", l, re.I)), None)
    if title_at is not None:
        start = _title_start(lines, end, at)
        if start == at:
            return None
        values[title_at] = list(range(start, at))
    return values


def _typed_below(lines: list[Line], end: int, labels: list[str]) -> dict[int, list[int]] | None:
    """A label column over its value column (``Level`` / ``Credits`` / ``GLH`` then ``2`` /
    ``6`` / ``40``): the first paragraph after the labels (blank lines and furniture between)
    with one line per label -- the lines a title wrapped onto go to its title label -- each of
    its label's kind (a number, a reference, a title). The reading order may print the table's
    other column first (``The learner will:`` and the outcomes beside the facts): up to
    ``VALUE_PARAGRAPHS`` paragraphs are passed over, none holding a fact label or a reference
    (another table's). None when no paragraph fits."""
    k = end
    for _ in range(VALUE_PARAGRAPHS):
        run, k = _paragraph(lines, k)
        if not run:
            return None
        values = _typed_run(lines, run, labels)
        if values is not None:
            return values
        if any(LABEL.match(lines[v].text) or _HOLDS_REF.search(lines[v].text) for v in run):
            return None
    return None


def _typed_run(lines: list[Line], run: list[int], labels: list[str]) -> dict[int, list[int]] | None:
    """The value lines of ``labels`` in the paragraph ``run``: the whole paragraph, or -- when
    no label is a title (whose wrapped lines make the count uncertain) -- its first line per
    label, the next line not a bare number (the table's next text runs on after the values)."""
    for size in (len(run), len(labels)):
        head = run[:size]
        if size < len(run) and (any(_TITLE_LABEL.search(l) for l in labels) or _NUMBER.match(lines[run[size]].text)):
            continue
        spans = _spans(labels, len(head))
        if spans is not None and all(_fits(label, [lines[v] for v in head[a:b]]) for label, (a, b) in zip(labels, spans)):
            return {j: head[a:b] for j, (a, b) in enumerate(spans)}
    return None


def _typed_above(lines: list[Line], block: list[int]) -> tuple[list[int], dict[int, list[int]] | None]:
    """The value column printed before its labels (the reading order read the values first):
    the paragraph right above the label block, with one line per label of the label's kind
    (``_typed_run``). The table's first label may stand alone above the values (``Qualification
    title`` / the values / the other labels): the labels ending the paragraph before the values
    head the label column then. (the labels' lines, their values), or (``block``, None)."""
    run = _paragraph_before(lines, block[0])
    if not run:
        return block, None
    lead = []
    for k in reversed(_paragraph_before(lines, run[0])):
        if len(lines[k].cells) != 1 or not LABEL.match(lines[k].text):
            break
        lead.insert(0, k)
    for labels_at in [block] + ([lead + block] if lead else []):
        values = _typed_run(lines, run, [lines[k].text for k in labels_at])
        if values is not None:
            return labels_at, values
    return block, None


def _paragraph_before(lines: list[Line], k: int) -> list[int]:
    """The non-furniture lines of the paragraph that ends before line ``k`` (blank lines and
    furniture between skipped)."""
    k -= 1
    while k >= 0 and (lines[k].blank or lines[k].noise):
        k -= 1
    run = []
    while k >= 0 and not lines[k].blank:
        if not lines[k].noise:
            run.insert(0, k)
        k -= 1
    return run


def _paragraph(lines: list[Line], k: int) -> tuple[list[int], int]:
    """The non-furniture lines of the paragraph at or after line ``k`` (blank lines and
    furniture before it skipped), and where the next one may start."""
    while k < len(lines) and (lines[k].blank or lines[k].noise):  # a footer the reading order put between
        k += 1
    run = []
    while k < len(lines) and not lines[k].blank:
        if not lines[k].noise:
            run.append(k)
        k += 1
    return run, k


def _spans(labels: list[str], lines: int) -> list[tuple[int, int]] | None:
    """Each label's slice of the value lines: one line each, the extra lines to the one title."""
    extra = lines - len(labels)
    titles = [j for j, label in enumerate(labels) if _TITLE_LABEL.search(label)]
    if extra < 0 or (extra and len(titles) != 1):
        return None
    spans, at = [], 0
    for j in range(len(labels)):
        size = 1 + (extra if extra and j == titles[0] else 0)
        spans.append((at, at + size))
        at += size
    return spans


def _fits(label: str, values: list[Line]) -> bool:
    """The lines can be the label's value: one cell each, of the label's kind."""
    if any(len(line.cells) != 1 or LABEL.match(line.text) for line in values):
        return False
    text = values[0].text
    if _TITLE_LABEL.search(label):
        return not any(_NUMBER.match(l.text) or _REF.match(l.text) for l in values)
    kind = next((value for name, value in _KINDS if name.search(label)), _NUMBER)
    return len(values) == 1 and bool(kind.match(text))


def _set_cells(line: Line, cells: list[str]) -> None:
    """Replace a line's cells, dropping its cached ``text``."""
    line.cells = cells
    line.__dict__.pop("text", None)  # cached_property


def _pair(lines: list[Line], block: list[int], repairs: list) -> bool:
    """Pair a block of bare labels with its value column: each label line becomes
    ``Label: value`` and its value lines are emptied; a repair per label. False (nothing
    changed) when the value column is not found whole."""
    labels = [lines[k].text for k in block]
    values = _values(lines, block, labels)
    if values is None:
        block, values = _typed_above(lines, block)
        labels = [lines[k].text for k in block]
    if values is None:
        return False
    for j, k in enumerate(block):
        if j not in values:
            continue
        value = " ".join(lines[v].text for v in values[j])
        repairs.append((lines[k], f"facts table read column by column: {labels[j]!r} paired with {value!r} "
                                  f"(line {lines[values[j][0]].number})"))
        _set_cells(lines[k], [f"{labels[j]}: {value}"])
        for v in values[j]:
            _set_cells(lines[v], [])
    return True
