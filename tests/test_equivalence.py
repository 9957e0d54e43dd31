"""Faster forms of hot pattern checks answer exactly as the patterns they replace."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.layout.furniture import _page_number_read
from extract.parse import patterns as P

LINES = st.text(alphabet=st.sampled_from(list("0123456789 /:|.-aAUnitLevlcodreferncGLH\n\u0663")), max_size=40)


@settings(max_examples=500, deadline=None)
@given(LINES, st.integers(min_value=0, max_value=120))
def test_page_number_read_as_the_regular_expressions(text, page_no):
    numbered = re.sub(rf"(?<!\d){page_no}(?!\d)", "#", text)
    last = re.sub(rf"(?<!\d){page_no}(?!\d)(?!.*(?<!\d){page_no}(?!\d))", "#", text)
    assert _page_number_read(text, str(page_no)) == (numbered, last)


FACT_TEXTS = LINES | st.sampled_from(["Unit reference: K/601/1234", "NDAQ number A / 123 / 4567", "unit code Y/600/0001",
                                      "Guided learning hours:", "Unit level:", "Credit value :", "Level: 3"])


@settings(max_examples=500, deadline=None)
@given(FACT_TEXTS)
def test_needle_patterns_answer_as_the_pattern(text):
    for needle in (P.FACT_REF, P.FACT_LABEL_END):
        for method in ("search", "match"):
            mine, theirs = getattr(needle, method)(text), getattr(needle.pattern, method)(text)
            assert (mine and (mine.span(), mine.groups())) == (theirs and (theirs.span(), theirs.groups()))
