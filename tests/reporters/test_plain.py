"""Plain console output is what rich prints without colour, byte for byte, or left to rich."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.table import Table

from sovlint.reporters import console, plain

CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
ASCII_CELL = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40)


def _rich_console(buffer):
    return console._rich(buffer, False)


def _rich_table(title, columns, rows):
    buffer = io.StringIO()
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for name, right in columns:
        table.add_column(name, justify="right" if right else "left")
    for row in rows:
        table.add_row(*row)
    _rich_console(buffer).print(table)
    return buffer.getvalue()


def _plain(columns, rows, title="Summary"):
    buffer = io.StringIO()
    out = plain.Console(buffer, lambda: _rich_console(buffer))
    console._table(out, title, columns, rows)
    return buffer.getvalue(), out._made is not None


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    columns=st.lists(st.tuples(ASCII_CELL.filter(bool), st.booleans()), min_size=1, max_size=7),
    cells=st.sampled_from([ASCII_CELL, CELL]),
)
def test_a_table_prints_as_rich_prints_it(data, columns, cells):
    rows = data.draw(st.lists(st.lists(cells, min_size=len(columns), max_size=len(columns)), max_size=5))
    text, fell_back = _plain(columns, rows)
    assert text == _rich_table("Summary", columns, rows)


def test_the_summary_table_needs_no_rich():
    columns = [("rule", False), ("name", False), ("error", True), ("total", True)]
    rows = [["SOV101", "region-outside-allowed", "1", "1"], ["SOV203", "image-registry-foreign", "12", "12"]]
    text, fell_back = _plain(columns, rows)
    assert not fell_back and text == _rich_table("Summary", columns, rows)
    assert text.splitlines()[4] == " SOV101   region-outside-allowed       1       1 "


@pytest.mark.parametrize("cell", ["a\tb", "é", "全角", "x" * 120])
def test_what_plain_cannot_print_exactly_is_left_to_rich(cell):
    columns = [("provider", False), ("resources", True)]
    text, fell_back = _plain(columns, [[cell, "1"]])
    assert fell_back and text == _rich_table("Summary", columns, [[cell, "1"]])


@settings(max_examples=150, deadline=None)
@given(text=CELL)
def test_a_line_prints_as_rich_prints_it(text):
    buffer, expected = io.StringIO(), io.StringIO()
    plain.Console(buffer, lambda: _rich_console(buffer)).print(text)
    _rich_console(expected).print(text)
    assert buffer.getvalue() == expected.getvalue()
