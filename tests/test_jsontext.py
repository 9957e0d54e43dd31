"""``jsontext.dumps`` writes exactly what ``json.dumps(indent=2, ensure_ascii=False)`` writes."""

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from extract import jsontext
from extract.emit import json_text

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=40)


def _stdlib(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_same_text_as_the_standard_library(data):
    assert jsontext.dumps(data) == _stdlib(data)


def test_edge_values():
    cases = [{}, [], "", {"a": []}, [{}], [math.nan, math.inf, -math.inf, -0.0, 1e16, 1e-7, 2**70],
             {"é\u2028\x00\"\\": "line\nbreak\ttab\x7f"}, {"a": {"b": {"c": [1, [2, [3]]]}}}, True, None]
    for data in cases:
        assert jsontext.dumps(data) == _stdlib(data)


def test_other_values_go_to_the_standard_library():
    class Text(str):
        pass

    for data in [(1, 2), {1: "int key"}, {"t": (1,)}, [Text("sub")], {None: 1, True: 2, 1.5: 3}]:
        assert jsontext.dumps(data) == _stdlib(data)


def test_a_cycle_fails_as_in_the_standard_library():
    loop: list = []
    loop.append(loop)
    try:
        jsontext.dumps(loop)
    except ValueError as e:
        assert "Circular reference" in str(e)
    else:
        raise AssertionError("a cycle encoded")


def test_json_text_ends_with_a_newline():
    assert json_text({"a": 1}) == '{\n  "a": 1\n}\n'
