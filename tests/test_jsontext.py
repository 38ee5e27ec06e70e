"""Reports written one finding at a time keep the exact bytes of an indented, key-sorted JSON dump."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sovlint.jsontext import Items, dumps

_leaf = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
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
