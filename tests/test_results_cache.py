"""Results kept between runs: a warm scan reports exactly what a cold one does, whatever input changed,
and a damaged or foreign entry is rebuilt, never trusted to crash or to hide a finding."""

import gc
import json
import os
import random
import shutil

import pytest

from conftest import REPO, write_tree
from sovlint import replay, sealed
from sovlint.cli import main
from sovlint.parsing import cache, results
from sovlint.terraform import scan as tfscan

BUCKET = 'resource "aws_s3_bucket" "{name}" {{\n  bucket = "{name}"\n}}\n'
TREE = {
    "envs/prod/main.tf": 'provider "aws" {\n  region = var.region\n}\nvariable "region" {}\n'
    'module "store" {\n  source = "../../modules/store"\n}\n',
    "envs/prod/terraform.tfvars": 'region = "eu-west-1"\n',
    "envs/dev/main.tf": 'provider "aws" {\n  region = var.region\n}\nvariable "region" {\n  default = "eu-central-1"\n}\n'
    'module "store" {\n  source = "../../modules/link"\n}\n' + BUCKET.format(name="dev"),
    "modules/store/main.tf": BUCKET.format(name="store"),
    "modules/other/main.tf": 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n}\n',
    "k8s/app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: web\nspec:\n"
    "  template:\n    spec:\n      containers:\n        - name: app\n          image: docker.io/library/nginx:1.27\n",
    "k8s/bucket.yaml": "apiVersion: s3.services.k8s.aws/v1alpha1\nkind: Bucket\nmetadata:\n  name: data\n"
    "  namespace: data\nspec:\n  name: data\n",
    "broken.tf": 'resource "x" {\n',
}


@pytest.fixture
def units_only(monkeypatch):
    """The kept units alone: the whole outcome of a scan (replay.py) is never replayed."""
    monkeypatch.setattr(replay.Replay, "find", lambda *args: False)


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "repo"
    write_tree(root, TREE)
    os.symlink("store", root / "modules" / "link")
    return root


def scan(root, cache_dir, *args, capsys):
    """The JSON report and stderr of `sovlint -f json` run in `root` with the cache in `cache_dir`."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        where = ["--no-cache"] if cache_dir is None else ["--cache-dir", str(cache_dir)]
        main(["-f", "json", "--fail-on", "never", *where, *args, "."])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    return out, err


def same_as_cold(root, warm_cache, tmp_path, capsys, *args):
    """A scan with the warm cache gives the bytes of a scan without any cache; returns them."""
    cold, _ = scan(root, None, *args, capsys=capsys)
    warm, err = scan(root, warm_cache, *args, capsys=capsys)
    assert warm == cold, err
    return cold


def test_a_warm_scan_reports_what_a_cold_one_does(tree, tmp_path, capsys):
    cold, _ = scan(tree, None, capsys=capsys)
    first, _ = scan(tree, tmp_path / "c", capsys=capsys)
    warm, err = scan(tree, tmp_path / "c", capsys=capsys)
    assert first == warm == cold
    rules = {f["rule_id"] for f in json.loads(cold)["findings"]}
    assert {"SOV000", "SOV201"} <= rules  # the broken file and the buckets are still reported
    assert "did not match" not in err


def test_a_warm_scan_leaves_no_object_frozen(units_only, tree, tmp_path, capsys):
    """What reading kept results froze away from the collector is collected again once the scan ends:
    sovlint used as a library does not keep its garbage."""
    seen = []
    recall = tfscan.Memory.recall

    def watched(self, *args):
        found = recall(self, *args)
        seen.append(gc.get_freeze_count())
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tfscan.Memory, "recall", watched)
        scan(tree, tmp_path / "c", capsys=capsys)
        cold, seen[:] = list(seen), []
        scan(tree, tmp_path / "c", capsys=capsys)
    assert cold  # a cold scan freezes what was made before each file it reads (stored.collected_apart)
    assert seen and min(seen) > 0  # the kept results were out of the collector's way during the warm scan
    assert gc.get_freeze_count() == 0


CHANGES = {
    "a tfvars file": ("envs/prod/terraform.tfvars", 'region = "us-east-1"\n'),
    "a called module's file": (
        "modules/store/main.tf",
        BUCKET.format(name="store") + 'resource "aws_s3_bucket" "w" {\n  region = "us-west-2"\n}\n',
    ),
    "a new file in a called module": (
        "modules/store/more.tf",
        'resource "aws_sqs_queue" "q" {\n  region = "us-east-2"\n}\n',
    ),
    "a root becoming called": ("envs/all/main.tf", 'module "dev" {\n  source = "../dev"\n}\n'),
    "a Kubernetes file": ("k8s/app.yaml", TREE["k8s/app.yaml"].replace("docker.io/library/nginx", "quay.io/x/nginx")),
    "an ACK default region set in another file": (
        "k8s/ns.yaml",
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: data\n  annotations:\n"
        "    services.k8s.aws/default-region: us-east-1\n",
    ),
    "the configuration": (".sovlint.yaml", "rules:\n  SOV201: off\n"),
    "a broken file mended": ("broken.tf", 'resource "aws_s3_bucket" "x" {\n  region = "ap-south-1"\n}\n'),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_changed_input_changes_the_warm_result_as_it_changes_a_cold_one(change, tree, tmp_path, capsys):
    before = same_as_cold(tree, tmp_path / "c", tmp_path, capsys)
    same_as_cold(tree, tmp_path / "c", tmp_path, capsys)  # now from the kept results
    path, text = CHANGES[change]
    write_tree(tree, {path: text})
    after = same_as_cold(tree, tmp_path / "c", tmp_path, capsys)
    assert after != before


def test_a_symbolic_link_to_another_module_is_followed_anew(tree, tmp_path, capsys):
    write_tree(tree, {"modules/elsewhere/main.tf": 'resource "aws_s3_bucket" "e" {\n  region = "us-east-1"\n}\n'})
    before = same_as_cold(tree, tmp_path / "c", tmp_path, capsys)
    os.unlink(tree / "modules" / "link")
    os.symlink("elsewhere", tree / "modules" / "link")
    assert same_as_cold(tree, tmp_path / "c", tmp_path, capsys) != before


@pytest.mark.parametrize(
    "args",
    [
        ("--var", "region=us-east-1"),
        ("--profile", "eu-residency"),
        ("--var-file", "extra.tfvars"),
    ],
)
def test_command_line_inputs_are_part_of_the_key(args, tree, tmp_path, capsys):
    write_tree(tree, {"extra.tfvars": 'region = "ca-central-1"\n'})
    plain = same_as_cold(tree, tmp_path / "c", tmp_path, capsys)
    given = same_as_cold(tree, tmp_path / "c", tmp_path, capsys, *args)
    assert given != plain
    assert same_as_cold(tree, tmp_path / "c", tmp_path, capsys) == plain
    if args[0] == "--var-file":
        write_tree(tree, {"extra.tfvars": 'region = "sa-east-1"\n'})
        assert same_as_cold(tree, tmp_path / "c", tmp_path, capsys, *args) != given


def test_only_the_changed_root_is_evaluated_again(units_only, tree, tmp_path, capsys, monkeypatch):
    scan(tree, tmp_path / "c", capsys=capsys)
    evaluated = []
    real = tfscan._root
    monkeypatch.setattr(tfscan, "_root", lambda directory, *a: evaluated.append(directory) or real(directory, *a))
    scan(tree, tmp_path / "c", capsys=capsys)
    assert evaluated == []
    write_tree(tree, {"envs/prod/terraform.tfvars": 'region = "us-east-1"\n'})
    scan(tree, tmp_path / "c", capsys=capsys)
    assert evaluated == ["envs/prod"]
    evaluated.clear()
    write_tree(tree, {"modules/store/main.tf": BUCKET.format(name="changed")})
    scan(tree, tmp_path / "c", capsys=capsys)
    assert evaluated == ["envs/dev", "envs/prod"]  # both call it (dev through the link)


def test_no_cache_writes_nothing(tree, tmp_path, capsys):
    scan(tree, None, capsys=capsys)
    assert not (tmp_path / "c").exists()


def test_the_policies_and_the_code_are_part_of_the_key(tmp_path, monkeypatch):
    shipped = tmp_path / "policies"
    write_tree(shipped, {"regions/x.yaml": "a: 1\n"})
    monkeypatch.setattr(results.policies, "policies_dir", lambda: shipped)
    results._code.cache_clear()
    before = results._code()
    os.utime(shipped / "regions" / "x.yaml", ns=(1, 1))
    results._code.cache_clear()
    assert results._code() != before
    results._code.cache_clear()


def _units(cache_dir):
    """The entry holding a scan's units (the others hold parsed files)."""
    for entry in cache_dir.glob("*/*.json"):
        k = entry.parent.name + entry.stem
        try:
            value = sealed.unseal(k, entry.read_bytes())
        except ValueError:  # the outcome of a scan: text after a line of JSON
            continue
        if isinstance(value, dict) and "ok" not in value and "error" not in value:
            return k, value
    raise AssertionError("no units kept")


def test_a_damaged_units_entry_is_rebuilt_and_noted(units_only, tree, tmp_path, capsys):
    cold = same_as_cold(tree, tmp_path / "c", tmp_path, capsys)
    k, _ = _units(tmp_path / "c")
    path = tmp_path / "c" / k[:2] / f"{k[2:]}.json"
    head = path.read_bytes().partition(b"\n")[0]
    path.write_bytes(head + b"\n{}")  # the old digest over other content
    warm, err = scan(tree, tmp_path / "c", capsys=capsys)
    assert warm == cold
    assert "cache entries did not match their digest" in err
    assert _units(tmp_path / "c")[1]  # rewritten whole


def _mutate(value, rng):
    """The same structure with some values of another type."""
    if rng.random() < 0.03:
        return {dict: [], list: {}, str: 1, int: "1", bool: "true", type(None): 1, float: "x"}[type(value)]
    if isinstance(value, dict):
        return {k: _mutate(v, rng) for k, v in value.items()}
    if isinstance(value, list):
        return [_mutate(v, rng) for v in value]
    return value


@pytest.mark.parametrize("seed", range(6))
def test_a_sealed_entry_of_another_shape_never_crashes_or_hides_findings(units_only, seed, tree, tmp_path, capsys):
    """Entries written with a valid digest but content of other types (another version's, or made by
    hand): each unit that does not read back is evaluated again."""
    cold = same_as_cold(tree, tmp_path / "c", tmp_path, capsys)
    k, value = _units(tmp_path / "c")
    assert cache.Cache(tmp_path / "c").put(k, _mutate(value, random.Random(seed)))
    assert scan(tree, tmp_path / "c", capsys=capsys)[0] == cold


FIXTURES = sorted(p.name for p in (REPO / "fixtures").iterdir() if p.is_dir() and p.name != "hostile")


@pytest.mark.parametrize("fixture", FIXTURES)
def test_each_fixture_reads_back_as_it_was_scanned(fixture, tmp_path, capsys):
    """Plans, Terragrunt units, downloaded modules, Kustomize, Helm and Compose beside the kept units."""
    root = tmp_path / fixture
    shutil.copytree(REPO / "fixtures" / fixture, root, symlinks=True)
    cold = same_as_cold(root, tmp_path / "c", tmp_path, capsys)
    assert same_as_cold(root, tmp_path / "c", tmp_path, capsys) == cold


def test_a_downloaded_module_moved_by_terraform_init_is_read_anew(tmp_path, capsys):
    root = tmp_path / "repo"
    shutil.copytree(REPO / "fixtures" / "downloaded-module", root, symlinks=True)
    before = same_as_cold(root, tmp_path / "c", tmp_path, capsys)
    moved = root / ".terraform" / "modules" / "moved"
    shutil.copytree(root / ".terraform" / "modules" / "queue", moved)
    write_tree(moved, {"extra.tf": 'resource "aws_sqs_queue" "x" {\n  region = "us-east-1"\n}\n'})
    index = root / ".terraform" / "modules" / "modules.json"
    index.write_text(index.read_text().replace(".terraform/modules/queue", ".terraform/modules/moved"))
    assert same_as_cold(root, tmp_path / "c", tmp_path, capsys) != before


def test_a_root_over_its_budget_is_evaluated_on_every_run(tree, tmp_path, capsys, monkeypatch):
    heavy = 'locals {\n  n = [for i in range(50) : i * 2]\n}\nresource "aws_s3_bucket" "h" {\n  count = length(local.n)\n}\n'
    write_tree(tree, {".sovlint.yaml": "limits:\n  eval_steps: 20\n", "envs/prod/heavy.tf": heavy})
    cold = same_as_cold(tree, tmp_path / "c", tmp_path, capsys)
    assert "could not evaluate" in cold
    evaluated = []
    real = tfscan._root
    monkeypatch.setattr(tfscan, "_root", lambda directory, *a: evaluated.append(directory) or real(directory, *a))
    assert scan(tree, tmp_path / "c", capsys=capsys)[0] == cold
    assert evaluated  # the roots that ran out of budget are not kept


def test_tf_var_from_the_environment_is_part_of_the_key(tree, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TF_VAR_region", "us-east-1")
    plain = same_as_cold(tree, tmp_path / "c", tmp_path, capsys, "--use-env")
    monkeypatch.setenv("TF_VAR_region", "ap-south-1")
    assert same_as_cold(tree, tmp_path / "c", tmp_path, capsys, "--use-env") != plain


def test_a_folder_fileset_found_missing_is_looked_for_again(tree, tmp_path, capsys):
    factory = (
        'resource "aws_s3_bucket" "each" {\n'
        '  for_each = { for f in fileset("buckets", "*.yaml") : f => f }\n  region = "us-east-1"\n}\n'
    )
    write_tree(tree, {"envs/prod/factory.tf": factory})
    before = same_as_cold(tree, tmp_path / "c", tmp_path, capsys)
    assert "aws_s3_bucket.each" not in before  # no folder, no bucket
    write_tree(tree, {"envs/prod/buckets/logs.yaml": "name: logs\n"})  # not a file sovlint reads
    after = same_as_cold(tree, tmp_path / "c", tmp_path, capsys)
    assert "aws_s3_bucket.each" in after
