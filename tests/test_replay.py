"""The whole outcome of a scan kept between runs (replay.py): a run with nothing changed prints exactly what
the scan printed, and any change to what the scan read, or to how it was asked for, scans again."""

import io
import json
import os
import sys

import pytest

from conftest import REPO, write_tree
from sovlint import engine
from sovlint.cli import main

TREE = {
    "envs/prod/main.tf": 'provider "aws" {\n  region = var.region\n}\nvariable "region" {\n  default = "eu-west-1"\n}\n'
    'module "store" {\n  source = "../../modules/store"\n}\n',
    "modules/store/main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
    "k8s/app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n"
    "      containers:\n        - name: app\n          image: docker.io/library/nginx:1.27\n",
    "broken.tf": 'resource "x" {\n',
}


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "repo"
    write_tree(root, TREE)
    (root / ".git").mkdir()
    return root


def run(root, cache_dir, *args, capsys):
    """Exit status, stdout and stderr of sovlint run in `root`."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        where = ["--no-cache"] if cache_dir is None else ["--cache-dir", str(cache_dir)]
        status = main([*where, *args])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    "args", [("-f", "json"), ("-f", "sarif"), ("-f", "console", "-v"), ("-f", "json", "envs/prod")]
)
def test_a_replayed_run_prints_what_the_scan_printed(args, tree, tmp_path, capsys, monkeypatch):
    cold = run(tree, None, *args, capsys=capsys)
    assert run(tree, tmp_path / "c", *args, capsys=capsys) == cold
    with monkeypatch.context() as patch:
        patch.setattr(engine, "run", lambda *a: pytest.fail("scanned again"))
        assert run(tree, tmp_path / "c", *args, capsys=capsys) == cold
    assert cold[0] == 1 and cold[1]


def findings(out):
    return sorted((f["rule_id"], f["file"], f["line"], f["message"]) for f in json.loads(out)["findings"])


def test_a_file_edited_in_the_same_second_with_the_same_size_is_scanned_again(tree, tmp_path, capsys):
    path = tree / "envs" / "prod" / "main.tf"
    run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    before = run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    st = path.stat()
    path.write_text(path.read_text().replace("eu-west-1", "us-east-1"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    after = run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    assert after == run(tree, None, "-f", "json", capsys=capsys)
    assert any("us-east-1" in f[3] for f in findings(after[1])) and not any(
        "us-east-1" in f[3] for f in findings(before[1])
    )


@pytest.mark.parametrize(
    "change",
    [
        ("modules/store/main.tf", 'resource "aws_s3_bucket" "b" {\n  region = "us-west-2"\n}\n'),  # outside envs/prod
        ("modules/store/more.tf", 'resource "aws_sqs_queue" "q" {\n  region = "us-east-2"\n}\n'),  # a new file there
        ("envs/prod/terraform.tfvars", 'region = "us-east-1"\n'),
        (".sovlint.yaml", "rules:\n  SOV201: off\n"),
    ],
)
def test_what_the_scan_read_beyond_the_named_path_is_checked(change, tree, tmp_path, capsys):
    before = run(tree, tmp_path / "c", "-f", "json", "envs/prod", capsys=capsys)
    assert run(tree, tmp_path / "c", "-f", "json", "envs/prod", capsys=capsys) == before
    write_tree(tree, {change[0]: change[1]})
    after = run(tree, tmp_path / "c", "-f", "json", "envs/prod", capsys=capsys)
    assert after == run(tree, None, "-f", "json", "envs/prod", capsys=capsys)
    assert after != before


@pytest.mark.parametrize("args", [("--var", "region=us-east-1"), ("--profile", "eu-residency"), ("--select", "SOV1")])
def test_the_command_line_is_part_of_the_key(args, tree, tmp_path, capsys):
    before = run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    after = run(tree, tmp_path / "c", "-f", "json", *args, capsys=capsys)
    assert after == run(tree, None, "-f", "json", *args, capsys=capsys)
    assert after != before
    assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == before


def outcomes(cache_dir):
    """The kept outcomes: entries whose content is a line of JSON naming a key, then text."""
    found = []
    for entry in cache_dir.glob("*/*.json"):
        line = entry.read_bytes().split(b"\n")[1]
        if line.startswith(b'{"key":'):
            found.append(entry)
    return found


def test_a_damaged_outcome_is_not_used_and_noted(tree, tmp_path, capsys, monkeypatch):
    cold = run(tree, None, "-f", "json", capsys=capsys)
    run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    (entry,) = outcomes(tmp_path / "c")
    data = entry.read_bytes()
    entry.write_bytes(data.replace(b"SOV201", b"SOV999"))  # the old digest over other content
    status, out, err = run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    assert (status, out) == cold[:2]
    assert "1 kept entries of this scan did not match their digest; not used" in err
    assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == cold  # rewritten: nothing more to say


def test_reports_written_to_files_are_written_again(tree, tmp_path, capsys):
    report = tmp_path / "out.sarif"
    first = run(tree, tmp_path / "c", "-f", "json", "--output", f"sarif={report}", capsys=capsys)
    written = report.read_bytes()
    report.unlink()
    assert run(tree, tmp_path / "c", "-f", "json", "--output", f"sarif={report}", capsys=capsys) == first
    assert report.read_bytes() == written


def test_a_report_that_is_not_ascii_is_replayed_as_the_same_text(tree, tmp_path, capsys):
    (tree / "envs/prod/main.tf").write_text(
        'resource "aws_s3_bucket" "b\u00e9" {\n  bucket = "b"\n}\n' + TREE["envs/prod/main.tf"]
    )
    cold = run(tree, None, "-f", "json", capsys=capsys)
    assert "b\u00e9" in cold[1]
    assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == cold
    assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == cold


@pytest.mark.parametrize("stdout", ["no buffer", "latin-1", "utf-16"])
def test_a_replayed_report_goes_through_a_stdout_that_would_write_other_bytes(
    stdout, tree, tmp_path, capsys, monkeypatch
):
    cold = run(tree, None, "-f", "json", capsys=capsys)
    run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    raw = io.BytesIO()
    out = io.StringIO() if stdout == "no buffer" else io.TextIOWrapper(raw, encoding=stdout, write_through=True)
    monkeypatch.setattr(sys, "stdout", out)
    with monkeypatch.context() as patch:
        patch.setattr(engine, "run", lambda *a: pytest.fail("scanned again"))
        assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys)[0] == cold[0]
    if stdout == "no buffer":
        assert out.getvalue() == cold[1]
    else:  # the text layer encodes it (a UTF-16 stream starts with its byte order mark)
        assert raw.getvalue() == cold[1].encode(stdout)


@pytest.mark.parametrize(
    "fixture, args",
    [
        ("kustomize-hello", ()),
        ("helm-podinfo", ()),
        ("terragrunt-live", ()),
        ("plan", ()),
        ("plan", ("plan.json",)),  # the plan alone: its configuration's directory is read, not named
    ],
)
def test_a_scan_that_cannot_say_all_it_read_keeps_no_outcome(fixture, args, tmp_path, capsys):
    import shutil

    root = tmp_path / fixture
    shutil.copytree(REPO / "fixtures" / fixture, root, symlinks=True)
    first = run(root, tmp_path / "c", "-f", "json", *args, capsys=capsys)
    assert outcomes(tmp_path / "c") == []
    assert run(root, tmp_path / "c", "-f", "json", *args, capsys=capsys) == first


def test_a_plan_scanned_alone_sees_its_configuration_added(tmp_path, capsys):
    import shutil

    root = tmp_path / "plan"
    shutil.copytree(REPO / "fixtures" / "plan", root)
    configuration = (root / "main.tf").read_text()
    (root / "main.tf").unlink()
    before = run(root, tmp_path / "c", "-f", "json", "plan.json", capsys=capsys)
    run(root, tmp_path / "c", "-f", "json", "plan.json", capsys=capsys)
    (root / "main.tf").write_text(configuration)
    after = run(root, tmp_path / "c", "-f", "json", "plan.json", capsys=capsys)
    assert after == run(root, None, "-f", "json", "plan.json", capsys=capsys) != before


def test_files_with_an_unchanged_status_are_not_read_again(tree, tmp_path, capsys, monkeypatch):
    """Their digests come from the table of signatures (size, times, inode): only a file whose status changed is
    read, and a change of content with the same size and modification time changes the change time."""
    from sovlint.parsing import parser, signatures

    monkeypatch.setattr(signatures, "RACY_NS", -(10**18))  # every file counts as old enough to be trusted
    read = []
    real = parser.read_text
    monkeypatch.setattr(parser, "read_text", lambda source, *a: read.append(source.path) or real(source, *a))
    before = run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    read.clear()
    with monkeypatch.context() as patch:
        patch.setattr(engine, "run", lambda *a: pytest.fail("scanned again"))
        assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == before
    assert read == []
    path = tree / "envs" / "prod" / "main.tf"
    st = path.stat()
    path.write_text(path.read_text().replace("eu-west-1", "us-east-1"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    assert "envs/prod/main.tf" in read
    assert after == run(tree, None, "-f", "json", capsys=capsys) != before


def test_a_file_changed_just_before_the_signatures_were_taken_is_read_on_every_run(tree, tmp_path, capsys, monkeypatch):
    """Within the grain of the time stamps, a change may leave the status as it was: such a file is read again."""
    from sovlint.parsing import parser

    read = []
    real = parser.read_text
    monkeypatch.setattr(parser, "read_text", lambda source, *a: read.append(source.path) or real(source, *a))
    run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    read.clear()
    run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    assert "envs/prod/main.tf" in read  # written a moment ago


def test_a_run_on_another_day_scans_again(tree, tmp_path, capsys, monkeypatch):
    """Suppressions expire: the date is one of the inputs the kept outcome is named by."""
    import types

    from sovlint.parsing import results

    before = run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    scanned = []
    real = engine.run
    monkeypatch.setattr(engine, "run", lambda *a: scanned.append(1) or real(*a))
    assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == before and scanned == []
    tomorrow = types.SimpleNamespace(strftime=lambda fmt: "2999-01-01")
    monkeypatch.setattr(results, "time", tomorrow)
    assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == before and scanned == [1]


def test_an_entry_naming_other_files_is_not_used(tree, tmp_path, capsys, monkeypatch):
    """Anyone who can write the cache can seal an entry: the reports are written only where the command line and
    configuration say, so an entry that names another file is a miss and the run scans."""
    from sovlint.sealed import seal_bytes

    report, elsewhere = tmp_path / "out.sarif", tmp_path / "elsewhere.txt"
    args = ("-f", "json", "--output", f"sarif={report}")
    first = run(tree, tmp_path / "c", *args, capsys=capsys)
    (entry,) = outcomes(tmp_path / "c")
    body = entry.read_bytes().split(b"\n", 1)[1]
    line, rest = body.split(b"\n", 1)
    head = json.loads(line)
    head["files"], head["status"] = [str(elsewhere)], 0
    name = entry.parent.name + entry.name[: -len(".json")]
    entry.write_bytes(seal_bytes(name, json.dumps(head, separators=(",", ":")).encode() + b"\n" + rest))
    report.unlink()
    scanned = []
    real = engine.run
    monkeypatch.setattr(engine, "run", lambda *a: scanned.append(1) or real(*a))
    assert run(tree, tmp_path / "c", *args, capsys=capsys) == first
    assert scanned == [1] and not elsewhere.exists() and report.exists()


def test_an_entry_with_a_negative_size_is_not_used(tree, tmp_path, capsys, monkeypatch):
    """Sizes that add up yet are negative would cut the texts elsewhere: such an entry is a miss."""
    from sovlint.sealed import seal_bytes

    report = tmp_path / "out.sarif"
    args = ("-f", "json", "--output", f"sarif={report}")
    first = run(tree, tmp_path / "c", *args, capsys=capsys)
    (entry,) = outcomes(tmp_path / "c")
    line, rest = entry.read_bytes().split(b"\n", 1)[1].split(b"\n", 1)
    head = json.loads(line)
    head["sizes"] = [sum(head["sizes"]) + 1, -1]  # stdout would take the report with it
    name = entry.parent.name + entry.name[: -len(".json")]
    entry.write_bytes(seal_bytes(name, json.dumps(head, separators=(",", ":")).encode() + b"\n" + rest))
    scanned = []
    real = engine.run
    monkeypatch.setattr(engine, "run", lambda *a: scanned.append(1) or real(*a))
    assert run(tree, tmp_path / "c", *args, capsys=capsys) == first and scanned == [1]


def test_where_the_change_time_is_a_creation_time_every_file_is_read(tree, tmp_path, capsys, monkeypatch):
    """On Windows a rewrite keeps st_ctime (the creation time): a file's status cannot vouch for its content."""
    from sovlint.parsing import parser, signatures

    monkeypatch.setattr(signatures, "RACY_NS", -(10**18))
    monkeypatch.setattr(signatures, "CHANGE_TIME", False)
    read = []
    real = parser.read_text
    monkeypatch.setattr(parser, "read_text", lambda source, *a: read.append(source.path) or real(source, *a))
    before = run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    read.clear()
    assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == before
    assert "envs/prod/main.tf" in read


def test_without_a_digest_of_the_common_inputs_there_is_no_key_even_for_no_files(tmp_path, monkeypatch):
    """The common inputs (a --var-file among them) could not be digested: no key, even for a scan of nothing."""
    import types

    from sovlint.parsing import results

    monkeypatch.setattr(results, "base", lambda *a: "")
    options = types.SimpleNamespace(
        cache_dir=tmp_path,
        profile=None,
        baseline=None,
        today=None,
        targets=(),
        inline_suppressions=True,
        helm_render=False,
    )
    assert results.fingerprint([], options, None, []) == ""


@pytest.mark.parametrize(
    "extra",
    [
        {"k8s/kustomization.yaml": "resources:\n  - app.yaml\n"},  # a build: the key is made, no outcome is kept
        {"envs/prod/plan.tf.json": b'{"\0": 1}'},  # a file that cannot be read: no key is made
    ],
)
def test_a_scan_that_keeps_no_outcome_reads_and_hashes_each_file_once(extra, tree, tmp_path, capsys, monkeypatch):
    """The check of a kept outcome and the scan that follows it share one reader: a file the check read (or knew by
    its signature) is not read or hashed again by the scan."""
    from sovlint.parsing import cache, parser

    write_tree(tree, extra)
    fresh = run(tree, None, "-f", "json", capsys=capsys)
    assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == fresh
    assert outcomes(tmp_path / "c") == []
    read, hashed = [], []
    real_read, real_key = parser.read_text, cache.key
    monkeypatch.setattr(parser, "read_text", lambda source, *a: read.append(source.path) or real_read(source, *a))
    monkeypatch.setattr(cache, "key", lambda data, kind: hashed.append((data, kind)) or real_key(data, kind))
    scanned = []
    real_run = engine.run
    monkeypatch.setattr(engine, "run", lambda *a: scanned.append(1) or real_run(*a))
    assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == fresh and scanned == [1]
    readable = sorted(name for name in [*TREE, *extra] if not name.endswith(".json"))
    assert sorted(p for p in read if not p.endswith(".json")) == readable  # written a moment ago: each read once
    contents = [data for data, kind in hashed if kind in ("hcl", "yaml")]
    assert len(contents) == len(set(contents)) == len(readable)


def test_a_scan_that_keeps_no_outcome_reads_again_only_what_it_must(tree, tmp_path, capsys, monkeypatch):
    """Files whose status is unchanged are known by their signatures (digest, and whether they hold a suppression)
    in a scan that keeps no outcome too: a warm run reads only a file with a suppression beside a finding."""
    from sovlint.parsing import parser, signatures

    pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n"
    write_tree(
        tree,
        {
            "k8s/kustomization.yaml": "resources:\n  - app.yaml\n",
            "k8s/pod.yaml": f'# sovlint:ignore SOV203 reason="mirrored"\n{pod}      image: docker.io/library/nginx:1\n',
        },
    )
    monkeypatch.setattr(signatures, "RACY_NS", -(10**18))  # every file counts as old enough to be trusted
    fresh = run(tree, None, "-f", "json", capsys=capsys)
    assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == fresh
    read = []
    for module in (parser, engine):
        real = module.read_text
        monkeypatch.setattr(
            module, "read_text", lambda source, *a, real=real: read.append(source.path) or real(source, *a)
        )
    assert run(tree, tmp_path / "c", "-f", "json", capsys=capsys) == fresh
    assert read == ["k8s/pod.yaml"]
    assert json.loads(fresh[1])["summary"]["suppressed"] == 1  # the suppression was read all the same


def test_files_the_check_read_are_still_parsed_on_every_core_in_a_cold_run(tree, tmp_path, capsys, monkeypatch):
    """The check reads each file for its key before the scan: the scan's parse of the cache misses is shared
    among workers all the same, those files sized by the text the check kept or their status."""
    from sovlint.parsing import parser

    offered = []
    real = parser._worth
    monkeypatch.setattr(parser, "_worth", lambda cpus, files: offered.append(files) or real(cpus, files))
    monkeypatch.setattr(parser, "KEPT_TEXT_CHARS", 100)  # some texts are not kept: their status gives the size
    run(tree, tmp_path / "c", "-f", "json", capsys=capsys)
    sizes = {source.path: size for size, source, _, _ in offered[0]}
    assert sizes == {name: len(text) for name, text in TREE.items()}
