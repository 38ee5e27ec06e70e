"""Reports written one finding at a time keep the exact bytes of an indented, key-sorted JSON dump."""

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovlint.jsontext import Items, dumps, repeated, shared, string, template

_leaf = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_tree = st.recursive(
    _leaf, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(), c, max_size=4), max_leaves=20
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), _tree, max_size=5), st.lists(_tree, max_size=6))
def test_same_bytes_as_json_dumps(document, items):
    expected = json.dumps({**document, "zz": {"items": items}}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert dumps({**document, "zz": {"items": Items(iter(items))}}) == expected


def test_items_are_made_one_at_a_time():
    alive = []

    def elements():
        for i in range(3):
            alive.append(i)
            yield {"n": i, "text": "é"}

    text = dumps({"findings": Items(elements()), "empty": Items(())})
    assert alive == [0, 1, 2]
    assert json.loads(text) == {
        "findings": [{"n": 0, "text": "é"}, {"n": 1, "text": "é"}, {"n": 2, "text": "é"}],
        "empty": [],
    }


@pytest.mark.parametrize(
    "value",
    [{1: "a", 2.5: None}, {None: []}, {"": {}}, {"x": (math.inf, -math.inf, 1e300, -0.0)}, [[], [[]], {}], '\u2028"\\'],
)
def test_keys_floats_and_empty_containers_like_json(value):
    assert dumps(value) == json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_what_json_cannot_encode_is_refused():
    with pytest.raises(TypeError):
        dumps({"when": object()})


def test_a_report_of_many_items_is_held_as_one_string_per_item():
    import tracemalloc

    items = [{"rule_id": "SOV201", "line": i, "message": f"b{i} is run by Amazon", "related": []} for i in range(3000)]
    tracemalloc.start()
    try:
        text = dumps({"findings": Items(iter(items))})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * len(text)  # one small string per value would take over 7 times the text


def test_items_written_from_a_template_are_what_their_dicts_would_be():
    made = []

    def make(key):
        made.append(key)
        return dict(key)

    props = (("region", "eu-west-1"), ("country", "IE"), ("é", "\u2028"), ("template test", ""))
    keys = ("%d", "a b", "n", "props", "text")  # sorted; a key with a percent sign is written as it is

    def item(i, indent):
        values = (i, repeated('é\u2028"'), i, shared(props, make, indent + "  "), string(f"t{i}\n\x00"))
        return template(keys, indent) % values

    plain = [{"%d": i, "a b": 'é\u2028"', "n": i, "props": dict(props), "text": f"t{i}\n\x00"} for i in range(3)]
    for made_from, expected in [
        ({"findings": Items(range(3), item)}, {"findings": plain}),
        ({"x": [{"y": Items(iter(range(3)), item)}]}, {"x": [{"y": plain}]}),
        ({"e": Items([], item)}, {"e": []}),
    ]:
        assert dumps(made_from) == json.dumps(expected, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert len(made) == 2  # once at each of the two indents, not once per item
    with pytest.raises(ValueError):
        template(("b", "a"), "")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from("abcdé"), _tree, max_size=5), max_size=8))
def test_dicts_with_the_same_keys_in_other_orders(dicts):
    assert dumps(dicts) == json.dumps(dicts, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
