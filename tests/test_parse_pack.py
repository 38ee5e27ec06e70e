"""Parsed files kept in one pack per repository: what a warm, an edited, a partial or a concurrent run reads."""

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO, pack_of, read_pack, write_pack, write_tree
from sovlint import engine
from sovlint.discover import discover
from sovlint.knowledge import profiles
from sovlint.parsing import cache, packed
from sovlint.parsing import parser as parsing

FILES = {
    "a/main.tf": 'provider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "a" {}\n',
    "a/variables.tf": 'variable "region" {\n  default = "us-east-1"\n}\n',
    "b/main.tf": 'provider "google" {\n  region = "us-central1"\n}\nresource "google_storage_bucket" "b" {\n}\n',
    "k/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n",
}


@pytest.fixture
def parsed(monkeypatch):
    """The texts parsed in this process, in order."""
    texts = []
    real = parsing._parse_text

    def parse(text, how, limits):
        texts.append(text)
        return real(text, how, limits)

    monkeypatch.setattr(parsing, "_parse_text", parse)
    return texts


def _run(root, cache_dir, paths=(".",)):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        files, _ = discover(list(paths))
        options = engine.Options(profiles.load("eu-strict"), targets=tuple(paths), cache_dir=cache_dir)
        return engine.run(files, options)
    finally:
        os.chdir(cwd)


def _findings(result):
    return [(f.rule_id, f.file, f.line, f.message) for f in result.findings]


def _forget_results(cache_dir):
    """Remove the scans' kept results, so that the next run reads its parsed files."""
    for entry in cache_dir.glob("*/*.json"):
        entry.unlink()


def _paths(cache_dir):
    return sorted(json.loads(row[2]) for row in read_pack(pack_of(cache_dir))[1])


def test_a_warm_run_reads_every_file_from_one_pack(tmp_path, parsed):
    write_tree(tmp_path / "src", FILES)
    cold = _run(tmp_path / "src", tmp_path / "c")
    assert len(parsed) == 4 and _paths(tmp_path / "c") == sorted(FILES)
    _forget_results(tmp_path / "c")
    parsed.clear()
    warm = _run(tmp_path / "src", tmp_path / "c")
    assert parsed == []
    assert _findings(warm) == _findings(cold) == _findings(_run(tmp_path / "src", None))
    written = sorted(p.suffix for p in (tmp_path / "c").rglob("*") if p.is_file() and p.name != ".pruned")
    assert written == [".json", ".lock", ".pack"]  # the scan's results, the pack and its lock: nothing per file


def test_only_a_changed_file_is_parsed_again_and_its_old_entry_goes(tmp_path, parsed):
    write_tree(tmp_path / "src", FILES)
    _run(tmp_path / "src", tmp_path / "c")
    before = {json.loads(row[2]): row[0] for row in read_pack(pack_of(tmp_path / "c"))[1]}
    (tmp_path / "src" / "a" / "variables.tf").write_text('variable "region" {\n  default = "eu-west-1"\n}\n')
    parsed.clear()
    warm = _run(tmp_path / "src", tmp_path / "c")
    assert parsed == [(tmp_path / "src" / "a" / "variables.tf").read_text()]
    assert _findings(warm) == _findings(_run(tmp_path / "src", None))
    assert not any(f.rule_id == "SOV101" and f.file == "a/main.tf" for f in warm.findings)  # now in Ireland
    after = {json.loads(row[2]): row[0] for row in read_pack(pack_of(tmp_path / "c"))[1]}
    assert _paths(tmp_path / "c") == sorted(FILES)  # one entry per file: the old variables.tf is gone
    assert after["a/variables.tf"] != before["a/variables.tf"]
    assert {p: k for p, k in after.items() if p != "a/variables.tf"} == {
        p: k for p, k in before.items() if p != "a/variables.tf"
    }


def test_runs_on_different_files_share_parsed_files(tmp_path, parsed):
    """As pre-commit runs on the files of each commit: the parsed files of one run serve the next."""
    write_tree(tmp_path / "src", FILES)
    _run(tmp_path / "src", tmp_path / "c", ["a/main.tf"])
    assert len(parsed) == 2  # the module's two files
    parsed.clear()
    both = _run(tmp_path / "src", tmp_path / "c", ["a/main.tf", "b/main.tf"])
    assert parsed == [FILES["b/main.tf"]]
    parsed.clear()
    alone = _run(tmp_path / "src", tmp_path / "c", ["b/main.tf"])
    assert parsed == []
    assert [f for f in _findings(both) if f[1] == "b/main.tf"] == _findings(alone)
    assert _paths(tmp_path / "c") == ["a/main.tf", "a/variables.tf", "b/main.tf"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut in the middle of a line
        lambda data: data.replace(b"us-east-1", b"eu-west-1"),  # content edited, digests kept
        lambda data: data.replace(b"\t", b" "),  # lines without fields
        lambda data: b"\x00\xff" * 100,  # not a pack
        lambda data: data.replace(b"sovlint-parsed-1\t", b"sovlint-parsed-1\t0|"),  # of other versions
    ],
    ids=["cut", "edited", "fields", "garbage", "versions"],
)
def test_a_damaged_pack_gives_the_findings_of_a_clean_scan(tmp_path, damage):
    write_tree(tmp_path / "src", FILES)
    cold = _run(tmp_path / "src", tmp_path / "c")
    pack = pack_of(tmp_path / "c")
    pack.write_bytes(damage(pack.read_bytes()))
    _forget_results(tmp_path / "c")
    warm = _run(tmp_path / "src", tmp_path / "c")
    assert _findings(warm) == _findings(cold)
    _forget_results(tmp_path / "c")
    again = _run(tmp_path / "src", tmp_path / "c")  # the pack was written whole again
    assert _findings(again) == _findings(cold) and not any("cache entries" in n for n in again.notes)
    assert _paths(tmp_path / "c") == sorted(FILES)


def test_an_edited_line_is_noted(tmp_path):
    write_tree(tmp_path / "src", FILES)
    cold = _run(tmp_path / "src", tmp_path / "c")
    head, rows = read_pack(pack_of(tmp_path / "c"))
    rows[0][4] = rows[0][4].replace(b"a", b"b", 1)
    write_pack(pack_of(tmp_path / "c"), head, rows)
    _forget_results(tmp_path / "c")
    warm = _run(tmp_path / "src", tmp_path / "c")
    assert _findings(warm) == _findings(cold)
    assert f"{tmp_path / 'c'}: 1 cache entries did not match their digest; rewritten" in warm.notes


def test_two_runs_at_once_keep_each_others_files(tmp_path, parsed):
    """Two processes scan two parts of one repository at the same time: the next run parses nothing."""
    files = dict(FILES)
    for i in range(12):  # enough work that the two runs overlap
        files[f"a/m{i}.tf"] = f'resource "aws_s3_bucket" "a{i}" {{\n  bucket = "a-{i}"\n}}\n'
        files[f"b/m{i}.tf"] = f'resource "google_storage_bucket" "b{i}" {{\n  name = "b-{i}"\n}}\n'
    write_tree(tmp_path / "src", files)
    probe = "import sys\nfrom sovlint.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", probe, "-f", "json", "--fail-on", "never", "--cache-dir", str(tmp_path / "c"), part],
            cwd=tmp_path / "src",
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for part in ("a", "b")
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0], [run.stderr.read() for run in runs if run.stderr]
    assert _paths(tmp_path / "c") == sorted(p for p in files if p.startswith(("a/", "b/")))
    _run(tmp_path / "src", tmp_path / "c", ["a", "b"])
    assert parsed == []


def test_a_write_after_another_keeps_both(tmp_path):
    """Two runs that read the pack before either wrote it: the second merges the first's entries."""
    first, second = (cache.Cache(tmp_path, [str(tmp_path)]) for _ in range(2))
    assert first.parsed.get("a" * 64) is None and second.parsed.get("b" * 64) is None
    first.parsed.put("a" * 64, {"ok": ["first"]})
    second.parsed.put("b" * 64, {"ok": ["second"]})
    first.tidy()
    second.tidy()
    third = cache.Cache(tmp_path, [str(tmp_path)])
    assert (third.parsed.get("a" * 64), third.parsed.get("b" * 64)) == ({"ok": ["first"]}, {"ok": ["second"]})


def test_a_run_that_cannot_take_the_lock_leaves_the_pack_whole(tmp_path, monkeypatch):
    import fcntl

    monkeypatch.setattr(packed, "LOCK_WAIT_S", 0.05)
    before = cache.Cache(tmp_path, [str(tmp_path)])
    before.parsed.put("a" * 64, {"ok": ["before"]})
    before.tidy()
    store = cache.Cache(tmp_path, [str(tmp_path)])
    store.parsed.put("b" * 64, {"ok": ["blocked"]})
    pack = tmp_path / cache.pack_name([str(tmp_path)])
    with open(f"{pack}.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert store.parsed.save() == 0
    after = cache.Cache(tmp_path, [str(tmp_path)])
    assert (after.parsed.get("a" * 64), after.parsed.get("b" * 64)) == ({"ok": ["before"]}, None)


def _aged(tmp_path, days):
    """Make every entry of the pack `days` older."""
    pack = pack_of(tmp_path / "c")
    head, rows = read_pack(pack)
    write_pack(pack, head, [[row[0], str(int(row[1]) - days).encode(), *row[2:]] for row in rows])


def test_entries_unused_for_a_month_go_when_the_pack_is_written(tmp_path, parsed):
    write_tree(tmp_path / "src", FILES)
    _run(tmp_path / "src", tmp_path / "c")
    _aged(tmp_path, packed.EXPIRE_DAYS)
    _forget_results(tmp_path / "c")
    _run(tmp_path / "src", tmp_path / "c", ["b/main.tf"])  # b's file parsed from the pack: its day is today
    (tmp_path / "src" / "k" / "new.yaml").write_text(FILES["k/pod.yaml"].replace("name: p", "name: q"))
    _run(tmp_path / "src", tmp_path / "c", ["k/new.yaml"])  # a new file: the pack is written
    assert _paths(tmp_path / "c") == ["b/main.tf", "k/new.yaml"]
    days = {json.loads(row[2]): int(row[1]) for row in read_pack(pack_of(tmp_path / "c"))[1]}
    assert days["b/main.tf"] == days["k/new.yaml"] == packed.today()


def test_a_run_that_uses_old_entries_notes_their_use(tmp_path):
    write_tree(tmp_path / "src", FILES)
    _run(tmp_path / "src", tmp_path / "c")
    _aged(tmp_path, packed.REFRESH_DAYS)
    _forget_results(tmp_path / "c")
    _run(tmp_path / "src", tmp_path / "c")
    assert {int(row[1]) for row in read_pack(pack_of(tmp_path / "c"))[1]} == {packed.today()}


def test_a_pack_past_its_size_keeps_the_files_used_last(tmp_path, monkeypatch):
    write_tree(tmp_path / "src", FILES)
    _run(tmp_path / "src", tmp_path / "c")
    _aged(tmp_path, 1)
    size = pack_of(tmp_path / "c").stat().st_size
    monkeypatch.setattr(packed, "MAX_BYTES", size // 2)
    (tmp_path / "src" / "k" / "new.yaml").write_text(FILES["k/pod.yaml"].replace("name: p", "name: q"))
    _run(tmp_path / "src", tmp_path / "c", ["k/new.yaml"])
    paths = _paths(tmp_path / "c")
    assert "k/new.yaml" in paths and len(paths) < len(FILES) + 1
    assert pack_of(tmp_path / "c").stat().st_size <= size // 2 + 200


def test_a_write_cut_short_by_a_crash_leaves_no_temporary_file_once_the_pack_is_written_again(tmp_path):
    """A run killed while writing the pack leaves its temporary file; the next write of that pack, holding its
    lock, removes every one of its own and leaves other packs' files (a cache shared by containers or hosts,
    whose process numbers say nothing here) to the runs that write them."""
    write_tree(tmp_path / "src", FILES)
    crash = (
        "import os, sys\nreal = os.replace\n"  # killed as it would rename the pack's temporary file into place
        "os.replace = lambda a, b: os._exit(3) if os.path.basename(a).startswith('.parsed-') else real(a, b)\n"
        "from sovlint.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-c", crash, "-q", "--fail-on", "never", "--cache-dir", str(tmp_path / "c"), "."]
    assert subprocess.run(cmd, cwd=tmp_path / "src", env=env, capture_output=True, timeout=120).returncode == 3
    (left,) = (p for p in os.listdir(tmp_path / "c") if p.endswith(".tmp"))
    pack = left.rsplit(".", 2)[0]
    (tmp_path / "c" / f"{pack}.{os.getpid()}.tmp").write_bytes(b"")  # left by another killed run of this pack
    other = f".parsed-{'0' * 32}.pack.999999999.tmp"  # another repository's pack, its process gone here
    (tmp_path / "c" / other).write_bytes(b"")
    (tmp_path / "c" / "notes.tmp").write_bytes(b"")  # not a pack's: left alone
    (tmp_path / "src" / "a" / "main.tf").write_text(FILES["a/main.tf"] + "# edited\n")
    _run(tmp_path / "src", tmp_path / "c")
    assert sorted(p for p in os.listdir(tmp_path / "c") if p.endswith(".tmp")) == sorted([other, "notes.tmp"])
    assert _paths(tmp_path / "c") == sorted(FILES)
