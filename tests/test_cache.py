"""The parse cache and the process pool: same findings, less work, never a stale or broken entry."""

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO, pack_of, read_pack, write_pack, write_tree
from sovlint import engine, sealed
from sovlint.discover import discover
from sovlint.knowledge import profiles
from sovlint.parsing import cache
from sovlint.parsing import parser as parsing

TREE = {
    "main.tf": 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {}\n',
    "k8s.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n",
    "broken.tf": 'resource "x" {\n',
}


def _run(root, cache_dir):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        files, _ = discover(["."])
        return engine.run(files, engine.Options(profiles.load("eu-strict"), cache_dir=cache_dir)).findings
    finally:
        os.chdir(cwd)


def test_warm_scan_gives_the_same_findings(tmp_path):
    write_tree(tmp_path / "src", TREE)
    cold = _run(tmp_path / "src", tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*/*.json"))) == 1  # the scan's results
    _, rows = read_pack(pack_of(tmp_path / "cache"))
    assert sorted(json.loads(row[2]) for row in rows) == ["broken.tf", "k8s.yaml", "main.tf"]
    assert _run(tmp_path / "src", tmp_path / "cache") == cold
    assert _run(tmp_path / "src", None) == cold


def test_corrupt_entries_are_ignored_and_rewritten(tmp_path):
    write_tree(tmp_path / "src", TREE)
    cold = _run(tmp_path / "src", tmp_path / "cache")
    for entry in [*(tmp_path / "cache").glob("*/*.json"), pack_of(tmp_path / "cache")]:
        entry.write_text('{"ok": [')
    assert _run(tmp_path / "src", tmp_path / "cache") == cold
    _, rows = read_pack(pack_of(tmp_path / "cache"))
    assert sum("ok" in sealed.unseal(row[0].decode(), row[3] + b"\n" + row[4]) for row in rows) == 3


def test_a_cache_hit_does_not_import_the_parser(tmp_path):
    """Not even for expressions: what the first run evaluated is cached as read."""
    main = (
        'provider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "b" {\n  bucket = lower(local.name)\n}\n'
    )
    more = 'variable "region" {\n  default = "us-east-1"\n  description = format("%s", "unused")\n}\nlocals {\n  name = "B"\n}\n'
    write_tree(tmp_path / "src", {"main.tf": main, "variables.tf": more})
    probe = (
        "import sys\nfrom sovlint.cli import main\n"
        f"main(['--format', 'json', '--cache-dir', {str(tmp_path / 'c')!r}, 'src'])\n"
        "print('tree_sitter' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [
        subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [r.stderr.strip().splitlines()[-1] for r in runs] == ["True", "False"]
    assert runs[0].stdout == runs[1].stdout


def test_cache_is_bounded(tmp_path):
    from sovlint.parsing.cache import Cache

    cache = Cache(tmp_path)
    for i in range(20):
        cache.put(f"{i:02d}" + "a" * 62, {"ok": ["x" * 1000]})
    cache.prune(limit=5000)
    assert 0 < len(list(tmp_path.glob("*/*.json"))) <= 5


def test_packs_count_towards_the_bound_oldest_first(tmp_path):
    from sovlint.parsing.cache import Cache

    for i, repository in enumerate(("old", "new")):
        store = Cache(tmp_path, [str(tmp_path / repository)])
        store.parsed.put("ab" + "c" * 62, {"ok": ["x" * 3000]})
        store.tidy()
        os.utime(tmp_path / cache.pack_name([str(tmp_path / repository)]), (1000 + i, 1000 + i))
    Cache(tmp_path).prune(limit=5000)
    assert [p.name for p in tmp_path.glob("*.pack")] == [cache.pack_name([str(tmp_path / "new")])]


def test_cache_size_is_checked_at_most_hourly_after_writing(tmp_path, monkeypatch):
    from sovlint.parsing import cache as cache_mod

    monkeypatch.setattr(cache_mod, "MAX_BYTES", 5000)

    def fill(start):
        cache = cache_mod.Cache(tmp_path)
        for i in range(start, start + 20):
            cache.put(f"{i:02d}" + "a" * 62, {"ok": ["x" * 1000]})
        cache.tidy()
        return len(list(tmp_path.glob("*/*.json")))

    assert fill(0) <= 5  # first run: pruned
    assert fill(20) > 5  # pruned less than an hour ago, few writes: not checked again
    old = os.stat(tmp_path / ".pruned").st_mtime - 2 * cache_mod.PRUNE_EVERY_S
    os.utime(tmp_path / ".pruned", (old, old))
    assert fill(40) <= 5


def test_the_process_pool_gives_the_same_findings(tmp_path, monkeypatch):
    files = {
        f"m{i}/main.tf": f'provider "aws" {{\n  region = "us-east-{1 + i % 2}"\n}}\nresource "aws_s3_bucket" "b{i}" {{}}\n'
        for i in range(20)
    }
    files.update({f"k/p{i}.yaml": TREE["k8s.yaml"].replace("name: p", f"name: p{i}") for i in range(10)})
    files["m0/broken.tf"] = TREE["broken.tf"]
    write_tree(tmp_path, files)
    serial = _run(tmp_path, None)
    monkeypatch.setattr(parsing, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(parsing, "PARALLEL_MIN_BYTES", 0)
    assert _run(tmp_path, None) == serial
    assert _run(tmp_path, tmp_path.parent / "pool-cache") == serial


def test_a_parse_cut_by_the_time_limit_is_not_cached(tmp_path, monkeypatch):
    from sovlint.discover import SourceFile
    from sovlint.errors import ParseError
    from sovlint.limits import Limits, TimedOut
    from sovlint.parsing.cache import Cache

    write_tree(tmp_path, {"main.tf": 'resource "aws_s3_bucket" "b" {}\n'})
    source = SourceFile("main.tf", str(tmp_path / "main.tf"), "terraform")
    cache = Cache(tmp_path / "cache")

    def too_slow(text, how, limits):
        raise TimedOut("skipped: parsing took longer than the 30 s limit")

    monkeypatch.setattr(parsing, "_parse_text", too_slow)
    first = parsing.Parser(Limits(), cache)
    with pytest.raises(ParseError, match="longer than the 30 s limit"):
        first.blocks(source)
    first.flush()
    cache.tidy()
    assert list((tmp_path / "cache").glob("*")) == []
    monkeypatch.undo()
    cache = Cache(tmp_path / "cache")
    again = parsing.Parser(Limits(), cache)
    (block,) = again.blocks(source)  # the next run parses it
    assert block.labels == ("aws_s3_bucket", "b")
    again.flush()
    cache.tidy()
    assert len(read_pack(pack_of(tmp_path / "cache"))[1]) == 1


def _check(root, cache_dir, capsys):
    from sovlint.cli import main

    cwd = os.getcwd()
    os.chdir(root)
    try:
        status = main(["--format", "json", "--cache-dir", str(cache_dir), "."])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    return status, sorted((f["rule_id"], f["file"], f["line"]) for f in json.loads(out)["findings"]), err


def test_an_edited_entry_hides_nothing(tmp_path, capsys):
    write_tree(tmp_path / "src", TREE)
    cold = _check(tmp_path / "src", tmp_path / "cache", capsys)
    for entry in (tmp_path / "cache").glob("*/*.json"):
        head = entry.read_bytes().partition(b"\n")[0]
        entry.write_bytes(head + b'\n{"ok": []}')  # the old digest over new content
    head, rows = read_pack(pack_of(tmp_path / "cache"))
    write_pack(pack_of(tmp_path / "cache"), head, [[*row[:4], b'{"ok":[]}'] for row in rows])
    status, findings, err = _check(tmp_path / "src", tmp_path / "cache", capsys)
    assert (status, findings) == cold[:2]
    assert f"{tmp_path / 'cache'}: 4 cache entries did not match their digest; rewritten" in err
    assert _check(tmp_path / "src", tmp_path / "cache", capsys)[2] == cold[2]  # rewritten: nothing to say


def test_an_entry_copied_under_another_key_is_not_used(tmp_path, capsys):
    write_tree(tmp_path / "src", {"main.tf": TREE["main.tf"], "empty.tf": "# nothing here\n"})
    cold = _check(tmp_path / "src", tmp_path / "cache", capsys)
    head, rows = read_pack(pack_of(tmp_path / "cache"))
    main, empty = sorted(rows, key=lambda row: row[2] != b'"main.tf"')
    write_pack(pack_of(tmp_path / "cache"), head, [[main[0], *empty[1:]], empty])  # main.tf's content: the empty file's
    for other in (tmp_path / "cache").glob("*/*.json"):
        other.unlink()  # the scan's results: main.tf is read again
    status, findings, err = _check(tmp_path / "src", tmp_path / "cache", capsys)
    assert (status, findings) == cold[:2]
    assert "1 cache entries did not match their digest" in err


def test_an_edited_policy_copy_hides_nothing(tmp_path, capsys):
    from sovlint.knowledge import policies

    write_tree(tmp_path / "src", TREE)
    probe = (
        "import sys\nfrom sovlint.cli import main\n"
        f"sys.exit(main(['--format', 'json', '--cache-dir', {str(tmp_path / 'c')!r}, 'src']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def run():
        done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
        return done.returncode, [f["rule_id"] for f in json.loads(done.stdout)["findings"]], done.stderr

    cold = run()
    (copy,) = (tmp_path / "c").glob("policies-*.json")
    head, _, body = copy.read_bytes().partition(b"\n")
    copy.write_bytes(head + b"\n" + body.replace(b'"US"', b'"FR"'))  # every US region now in France
    status, rules, err = run()
    assert (status, rules) == cold[:2] and "SOV101" in rules
    assert f"{copy}: the cached copy of the policies did not match its digest; rewritten" in err
    assert policies.cache_notes() == []  # this process read no copy


def test_a_sealed_entry_of_another_shape_is_parsed_again(tmp_path):
    """An entry an older sovlint wrote under the same key (a format change without a version change) is a
    miss: the file is parsed again and the entry rewritten, never a crash."""
    from sovlint import sealed

    write_tree(tmp_path / "src", {"k8s.yaml": TREE["k8s.yaml"], "main.tf": TREE["main.tf"]})
    cold = _run(tmp_path / "src", tmp_path / "cache")
    for entry in (tmp_path / "cache").glob("*/*.json"):
        entry.unlink()  # the scan's results: the files are read again
    head, rows = read_pack(pack_of(tmp_path / "cache"))
    for row in rows:
        stored = json.loads(row[4])
        for item in stored["ok"]:
            if isinstance(item, dict) and "f" in item:
                item["f"] = {"group": "", "annotations": {}}  # the facts as a dict, as before they were typed
            elif isinstance(item, dict):
                item.clear()
        row[4] = json.dumps(stored).encode()
        row[3] = sealed.digest(row[0].decode(), row[4])
    write_pack(pack_of(tmp_path / "cache"), head, rows)
    assert _run(tmp_path / "src", tmp_path / "cache") == cold


def test_copies_of_a_file_are_read_once_and_each_keeps_its_findings(tmp_path, monkeypatch):
    from sovlint.terraform import syntax

    copy = 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {}\n'
    write_tree(tmp_path, {"a/main.tf": copy, "b/main.tf": copy, "a/broken.tf": "x {\n", "b/broken.tf": "x {\n"})
    reads = []
    real = syntax.read
    monkeypatch.setattr(syntax, "read", lambda text: reads.append(text) or real(text))
    found = _run(tmp_path, None)
    assert len(reads) == 2  # one read of each content
    assert sorted((f.rule_id, f.file, f.line) for f in found if f.rule_id in ("SOV000", "SOV101")) == [
        ("SOV000", "a/broken.tf", 2),
        ("SOV000", "b/broken.tf", 2),
        ("SOV101", "a/main.tf", 4),
        ("SOV101", "b/main.tf", 4),
    ]


def test_cache_keys_name_the_installed_parser_versions():
    from importlib import metadata

    from sovlint.parsing import cache

    for module, name in (("tree_sitter", "tree-sitter"), ("tree_sitter_hcl", "tree-sitter-hcl"), ("yaml", "PyYAML")):
        assert cache._version(module, name) == metadata.version(name)
    assert cache._version("json", "no-such-distribution") == "?"  # a module of no installed distribution
    assert cache._version("no_such_module", "no-such-distribution") == "?"


def test_a_shard_removed_during_a_run_is_made_again(tmp_path):
    """Another run may prune the cache while this one writes: the entry after the failed one is written."""
    import shutil

    from sovlint.parsing.cache import Cache

    store = Cache(tmp_path)
    k = "ab" + "c" * 62
    assert store.put(k, {"ok": []})
    shutil.rmtree(tmp_path / "ab")
    assert not store.put(k, {"ok": [1]})
    assert store.put(k, {"ok": [2]})
    assert store.get(k) == {"ok": [2]}


def test_a_file_read_for_its_key_is_not_read_again_for_its_parse(tmp_path, monkeypatch):
    write_tree(tmp_path / "src", TREE)
    reads = []
    real = parsing.read_text
    monkeypatch.setattr(parsing, "read_text", lambda source, limits: reads.append(source.path) or real(source, limits))
    cold = _run(tmp_path / "src", tmp_path / "cache")
    assert sorted(reads) == ["broken.tf", "k8s.yaml", "main.tf"]  # keyed (kept results) and parsed on one read
    assert sorted((f.rule_id, f.file, f.line) for f in cold if f.rule_id in ("SOV000", "SOV101")) == [
        ("SOV000", "broken.tf", 2),
        ("SOV101", "main.tf", 4),
    ]
    monkeypatch.setattr(parsing, "KEPT_TEXT_CHARS", 0)  # no text kept: each is read again for its parse
    reads.clear()
    assert _run(tmp_path / "src", tmp_path / "cache2") == cold
    assert sorted(reads) == ["broken.tf", "broken.tf", "k8s.yaml", "k8s.yaml", "main.tf", "main.tf"]


def test_an_entry_larger_than_the_cache_may_be_is_a_miss(tmp_path, monkeypatch):
    """A file planted in the cache directory is not read whole into memory: past the cache's bound it is a miss."""
    store = cache.Cache(tmp_path / "c")
    assert store.put_bytes("ab" * 32, b"x" * 100)
    assert store.get_bytes("ab" * 32) == b"x" * 100
    monkeypatch.setattr(cache, "MAX_BYTES", 50)
    assert store.get_bytes("ab" * 32) is None and store.misses == 1
