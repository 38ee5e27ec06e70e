"""A large report is written a piece at a time: the same bytes, never a second copy of the whole report."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from sovlint import cli, output


def _report(size: int) -> str:
    """Text with characters of 1 to 4 bytes in UTF-8, some across the pieces' boundaries."""
    unit = 'ascii "é" — 😀 ü\n'
    return unit * (size // len(unit) + 1)


def test_a_report_written_in_pieces_has_the_bytes_of_the_whole_text(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    text = _report(3 * output.CHUNK + 12345)
    assert len(list(output.pieces(text))) == 4 and "".join(output.pieces(text)) == text
    output.write(text, str(tmp_path / "report.json"))
    assert (tmp_path / "report.json").read_bytes() == text.encode()
    cli._write(text, None)
    assert capsysbinary.readouterr().out == text.encode()


def test_writing_a_report_never_holds_its_whole_encoding(tmp_path: Path) -> None:
    text = "x" * (8 * output.CHUNK)  # the report of about 10,000 findings
    tracemalloc.start()
    try:
        output.write(text, str(tmp_path / "report.json"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * output.CHUNK  # written whole, the encoded copy alone is 8 pieces
    assert (tmp_path / "report.json").stat().st_size == len(text)
