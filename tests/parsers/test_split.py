"""A large Terraform file is read on every core: its parts by forked workers, the blocks as from one read."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

from sovlint.discover import SourceFile
from sovlint.errors import ParseError
from sovlint.limits import Limits
from sovlint.parsing import parser as parsing
from sovlint.parsing import split
from sovlint.terraform import pieces, syntax

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked, where the system can"
)


def _large(resources: int = 6000, broken_at: int = -1) -> str:
    """Blocks with non-ASCII text (character columns), comments, heredocs and nested blocks; one broken."""
    out = ['# a large file\nprovider "aws" {\n  region = "eu-west-1"\n}\n']
    for i in range(resources):
        value = "[1, 2" if i == broken_at else f'"bücket-{i}"'
        out.append(
            f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = {value} # π\n  tags = {{ n = "{i}" }}\n'
            f'  policy = <<EOT\n{{"i": {i}}}\nEOT\n  lifecycle {{\n    prevent_destroy = true\n  }}\n}}\n'
        )
    return "".join(out)


def _source(tmp_path: Path, text: str) -> SourceFile:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    return SourceFile("main.tf", str(tmp_path / "main.tf"), "terraform")


def test_parts_are_cut_before_top_level_blocks_with_the_lines_before_them() -> None:
    text = _large(200)
    parts = pieces.parts(text, 4)
    assert len(parts) == 4
    assert b"".join(data for data, _ in parts) == text.encode()
    assert [rows for _, rows in parts] == [
        text.encode()[: sum(len(d) for d, _ in parts[:i])].count(b"\n") for i in range(4)
    ]
    assert all(data.startswith(b'resource "aws_s3_bucket"') for data, _ in parts[1:])


@needs_fork
@pytest.mark.parametrize("cores", [2, 4])
def test_a_large_file_read_on_several_cores_gives_the_blocks_and_spans_of_one_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    text = _large()
    assert len(text) > parsing.SPLIT_MIN_CHARS
    whole, error = syntax.read(text)
    readers = tmp_path / "readers"
    readers.mkdir()
    read_part = pieces.read_part

    def noted(data: bytes, rows: int) -> list[syntax.Block] | None:
        (readers / str(os.getpid())).touch()
        return read_part(data, rows)

    monkeypatch.setattr(split.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(pieces, "read_part", noted)
    blocks = parsing.Parser().blocks(_source(tmp_path, text))
    assert error is None and len(whole) == 6001
    assert blocks == whole
    assert [b.span("bucket") for b in blocks[-2:]] == [b.span("bucket") for b in whole[-2:]]
    assert len(list(readers.iterdir())) == cores  # this process and a worker per other core
    assert multiprocessing.active_children() == []


@needs_fork
def test_a_syntax_error_in_a_workers_part_gives_the_recovery_of_a_whole_read(tmp_path: Path) -> None:
    text = _large(broken_at=5000)
    blocks, error = parsing.Parser().terraform(_source(tmp_path, text))
    whole, first = syntax.read(text)
    assert error is not None and first is not None
    assert (error.line, error.column, error.message) == (first.line, first.column, first.message)
    assert blocks == whole and len(blocks) == 6000  # the broken block is dropped, the others are judged


CONFLICT = (
    '<<<<<<< HEAD\nresource "aws_s3_bucket" "ours" {\n  bucket = "ours"\n}\n=======\n'
    'resource "aws_s3_bucket" "theirs" {\n  bucket = "theirs"\n}\n>>>>>>> feature\n'
)
LAST = 'resource "aws_s3_bucket" "last" {\n  bucket = "last"\n  region = "us-east-1"\n}\n'


@needs_fork
def test_a_merge_conflict_in_a_workers_part_is_one_error_and_the_file_is_not_read_in_pieces_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from sovlint.cli import main

    head, block, tail = _large().partition('resource "aws_s3_bucket" "b5000"')
    text = head + CONFLICT + block + tail + LAST
    marker = head.count("\n") + 1
    whole, first = syntax.read(text)
    monkeypatch.setattr(split.os, "cpu_count", lambda: 4)
    read_pieces, sizes = pieces.read, []

    def noted(data: bytes, size: int, rows: int = 0) -> list[syntax.Block] | None:
        sizes.append(len(data))  # in this process only: a forked worker notes in its own copy
        return read_pieces(data, size, rows)

    monkeypatch.setattr(pieces, "read", noted)
    blocks, error = parsing.Parser().terraform(_source(tmp_path, text))
    assert sizes and max(sizes) < len(text.encode()) // 2  # its own part, not the whole file once more
    assert error is not None and first is not None
    assert (error.line, error.message) == (marker, "a merge conflict marker is in the file; resolve the conflict first")
    assert (error.line, error.column, error.message) == (first.line, first.column, first.message)
    assert blocks == whole and blocks[-1].labels == ("aws_s3_bucket", "last")
    main(["--no-cache", "--isolated", "-f", "json", "--fail-on", "never", str(tmp_path)])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule_id"], f["line"]) for f in findings if f["rule_id"] == "SOV000"] == [("SOV000", marker)]
    assert [f["address"] for f in findings if f["rule_id"] == "SOV101"] == ["aws_s3_bucket.last"]


@needs_fork
def test_a_worker_that_dies_leaves_the_file_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(split, "_read_part", lambda *args: os._exit(3))
    text = _large()
    assert split.read(text) is None
    assert parsing.Parser().blocks(_source(tmp_path, text)) == syntax.read(text)[0]
    assert multiprocessing.active_children() == []


@needs_fork
def test_the_time_limit_ends_the_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent, read_part = os.getpid(), pieces.read_part
    pids = tmp_path / "pids"

    def stuck(data: bytes, rows: int) -> list[syntax.Block] | None:
        if os.getpid() != parent:
            pids.write_text(str(os.getpid()))
            time.sleep(60)
        return read_part(data, rows)

    monkeypatch.setattr(pieces, "read_part", stuck)
    started = time.monotonic()
    with pytest.raises(ParseError, match="longer than the 2 s limit"):
        parsing.Parser(Limits(timeout_s=2)).blocks(_source(tmp_path, _large()))
    assert time.monotonic() - started < 30
    assert multiprocessing.active_children() == []
    with pytest.raises(ProcessLookupError):
        os.kill(int(pids.read_text()), 0)  # ended, and waited for


@needs_fork
def test_a_large_files_blocks_are_left_out_of_garbage_collection_until_the_scan_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc

    from sovlint.cli import main
    from sovlint.terraform import scan as tfscan

    _source(tmp_path, _large())
    seen = []
    resources = tfscan._instance_resources

    def watched(*args: object) -> object:
        seen.append(gc.get_freeze_count())
        return resources(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(tfscan, "_instance_resources", watched)
    main(["--no-cache", "--isolated", "-f", "json", "--fail-on", "never", str(tmp_path)])
    assert '"total": 6000' in capsys.readouterr().out
    assert seen and min(seen) > 6000 * 4  # each block is a few objects, none walked by the collector's passes
    assert gc.get_freeze_count() == 0  # collected as usual again after the scan


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_an_alarm_during_the_workers_clean_up_is_raised_after_it_not_in_the_middle() -> None:
    from sovlint.parsing import split

    class Alarm(Exception):
        pass

    def ring(signum: int, frame: object) -> None:
        raise Alarm

    previous = signal.signal(signal.SIGALRM, ring)
    done = []
    try:
        with pytest.raises(Alarm), split._alarm_held():
            os.kill(os.getpid(), signal.SIGALRM)
            time.sleep(0.05)
            done.append("cleaned up")
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert done == ["cleaned up"]


@needs_fork
def test_what_the_scan_has_buffered_for_stdout_is_written_once(tmp_path: Path) -> None:
    """A worker ends without flushing the copy of the scan's buffers it was forked with."""
    import subprocess
    import sys

    (tmp_path / "main.tf").write_text(_large(), encoding="utf-8")
    code = (
        "import sys\nfrom sovlint.parsing import split\nsys.stdout.write('before the split\\n')\n"
        f"found = split.read(open({str(tmp_path / 'main.tf')!r}, encoding='utf-8').read())\n"
        "sys.stdout.write(f'{len(found[0])} blocks\\n')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout == "before the split\n6001 blocks\n"


@needs_fork
@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads a process's state in /proc")
def test_a_worker_ends_when_the_scan_is_killed(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "main.tf").write_text(_large(), encoding="utf-8")
    pids = tmp_path / "pid"
    code = (
        "import os, time\nfrom sovlint.parsing import split\nfrom sovlint.terraform import pieces\n"
        "parent, read_part = os.getpid(), pieces.read_part\n"
        "def stuck(data, rows):\n    if os.getpid() != parent:\n"
        f"        open({str(pids)!r}, 'w').write(str(os.getpid()))\n        time.sleep(600)\n"
        "    return read_part(data, rows)\n"
        "pieces.read_part = stuck\n"
        f"split.read(open({str(tmp_path / 'main.tf')!r}, encoding='utf-8').read())\n"
    )
    scan = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 60
        while not (pids.exists() and pids.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        worker = int(pids.read_text())
        scan.kill()
        scan.wait(10)
        deadline = time.monotonic() + 30  # it looks for its parent every half second; left alone, it sleeps 600 s
        while _running(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _running(worker)
    finally:
        scan.kill()


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False
