"""What the scan says and where: paths from the repository root, output that scales, selections, empty scans."""

import json
import re

import pytest

from conftest import CORPUS, write_tree
from sovlint.cli import main

ROLE = 'resource "aws_iam_role" "r{n}" {{}}\n'
REPO_FILES = {
    ".git/HEAD": "ref: refs/heads/main\n",
    ".sovlint.yaml": 'exclude: ["infra/legacy/**"]\n',
    "infra/main.tf": 'resource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n',
    "infra/legacy/old.tf": ROLE.format(n=0),
    "k8s/app.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n"
    "      image: nginx\n",
}


@pytest.fixture
def repo(tmp_path, monkeypatch):
    write_tree(tmp_path / "repo", REPO_FILES)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path / "repo"


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("cwd", "target"), [(".", "."), ("infra", "."), ("infra", ".."), ("..", "repo"), ("k8s", "../infra")]
)
def test_paths_are_the_same_from_any_working_directory(repo, capsys, monkeypatch, cwd, target):
    monkeypatch.chdir(repo / cwd)
    status, out, _ = _run(capsys, "--format", "sarif", "--no-cache", target)
    assert status == 1
    (run,) = json.loads(out)["runs"]
    uris = sorted({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]})
    expected = (
        ["infra/main.tf"]
        if (cwd, target) in (("infra", "."), ("k8s", "../infra"))
        else ["infra/main.tf", "k8s/app.yaml"]
    )
    assert uris == expected  # infra/legacy is excluded by the root's config, whatever the working directory
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"


def test_globs_are_relative_to_the_config_files_folder(repo, capsys, monkeypatch):
    write_tree(repo, {"infra/.sovlint.yaml": 'exclude: ["legacy/**"]\n'})
    monkeypatch.chdir(repo)
    _, out, _ = _run(capsys, "--format", "json", "infra")
    assert [f["file"] for f in json.loads(out)["findings"]] == ["infra/main.tf", "infra/main.tf"]


def test_a_missing_baseline_accepts_nothing_and_says_so(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    status, out, err = _run(capsys, "--baseline", ".sovlint-baseline.json", "--fail-on-new", "warning", ".")
    assert status == 1 and "3 findings (2 errors, 1 warning)" in out
    assert "sovlint: note: .sovlint-baseline.json does not exist yet: no findings are accepted" in err


def test_select_and_ignore(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    write_tree(repo, {"broken.tf": 'resource "x" {\n'})

    def rules(*argv):
        _, out, _ = _run(capsys, "--format", "json", *argv, ".")
        return sorted(f["rule_id"] for f in json.loads(out)["findings"])

    assert rules() == ["SOV000", "SOV101", "SOV201", "SOV203"]
    assert rules("--select", "SOV2") == ["SOV000", "SOV201", "SOV203"]  # a file that cannot be read: always
    assert rules("--select", "SOV101,sov203") == ["SOV000", "SOV101", "SOV203"]
    assert rules("--ignore", "SOV2", "--ignore", "SOV000") == ["SOV000", "SOV101"]
    assert _run(capsys, "--select", "SOV9", ".")[0] == 2
    assert _run(capsys, "--ignore", "SOV9", ".")[2] == (
        "sovlint: --ignore SOV9: no rule has this id or prefix (sovlint rules lists them)\n"
    )
    # the exit status follows what is reported
    assert _run(capsys, "--select", "SOV203", "k8s")[0] == 0


def test_concise_statistics_and_quiet(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo / "infra")
    _, out, _ = _run(capsys, "--output-format", "concise", ".")
    lines = sorted(out.splitlines()[:2], key=lambda line: line.split()[2])
    assert re.fullmatch(
        r"infra/main\.tf:\d+:\d+: error SOV101 aws_s3_bucket\.b is in us-east-1 \(United States\), outside the EU/EEA",
        lines[0],
    )
    assert re.fullmatch(
        r"infra/main\.tf:\d+:\d+: error SOV201 aws_s3_bucket\.b is run by Amazon Web Services, .*", lines[1]
    )
    assert out.splitlines()[2] == ""  # then the summary
    _, out, _ = _run(capsys, "--statistics", "..")
    assert out.splitlines()[:3] == [
        "      1  SOV101  error   region-outside-allowed",
        "      1  SOV201  error   provider-foreign-control",
        "      1  SOV203  warning image-registry-foreign",
    ]
    status, out, err = _run(capsys, "-q", "--output-format", "concise", "--baseline", "none.json", ".")
    assert status == 1 and len(out.splitlines()) == 2
    assert "note:" not in err and "weakens the gate" in err  # what a configuration weakens is said all the same


def test_nothing_to_scan_is_said_and_can_fail(tmp_path, capsys, monkeypatch):
    write_tree(tmp_path, {"terragrunt/terragrunt.hcl": "inputs = {}\n", "ci.yml": "stages: [test]\n"})
    monkeypatch.chdir(tmp_path)
    status, _, err = _run(capsys, ".")
    assert status == 0
    assert err == (
        "sovlint: note: nothing to scan in .: no Terraform, OpenTofu, Kubernetes, Compose or Dockerfile was found\n"
    )
    assert _run(capsys, "--fail-on-empty", ".")[0] == 1
    status, _, err = _run(capsys, "-q", "--fail-on-empty", ".")
    assert status == 1 and "nothing to scan" in err
    write_tree(tmp_path, {"main.tf": 'variable "x" {}\n'})  # Terraform without resources is not nothing
    assert _run(capsys, "--fail-on-empty", ".")[0] == 0


def test_remote_modules_are_summed_up_in_one_line(tmp_path, capsys, monkeypatch):
    calls = "".join(f'module "m{n}" {{\n  source = "terraform-aws-modules/vpc/aws"\n}}\n' for n in range(5))
    write_tree(tmp_path, {"main.tf": calls})
    monkeypatch.chdir(tmp_path)
    _, _, err = _run(capsys, ".")
    assert err == (
        "sovlint: note: 5 module calls have remote sources that are not downloaded; their resources are not "
        "scanned (run `terraform init -backend=false` first, or scan a plan; first: main.tf:1: module.m0; "
        "--verbose lists them)\n"
    )
    _, _, err = _run(capsys, "--verbose", ".")
    assert err.count("has a remote source that is not downloaded") == 5


def test_terragrunt_units_with_remote_modules_not_downloaded_are_summed_up_in_one_line(tmp_path, capsys, monkeypatch):
    unit = 'terraform {\n  source = "git::https://example.org/modules.git//vpc?ref=v1"\n}\n'
    write_tree(tmp_path, {f"live/{env}/vpc/terragrunt.hcl": unit for env in ("dev", "prod", "stage")})
    monkeypatch.chdir(tmp_path)
    _, _, err = _run(capsys, ".")
    assert err.splitlines()[-1] + "\n" == (
        "sovlint: note: 3 Terragrunt units have remote module sources that are not downloaded; their resources are "
        "not scanned (run `terragrunt init` first; first: live/dev/vpc/terragrunt.hcl:2: "
        "git::https://example.org/modules.git//vpc?ref=v1; --verbose lists them)\n"
    )
    _, _, err = _run(capsys, "--verbose", ".")
    assert err.count("is a remote module source not downloaded") == 3


def test_terragrunt_stacks_are_summed_up_in_one_line(tmp_path, capsys, monkeypatch):
    stack = 'unit "vpc" {\n  source = "git::https://example.org/units.git//vpc"\n  path   = "vpc"\n}\n'
    write_tree(tmp_path, {f"live/{env}/terragrunt.stack.hcl": stack for env in ("dev", "prod")})
    monkeypatch.chdir(tmp_path)
    _, _, err = _run(capsys, ".")
    assert err.splitlines()[-1] == (
        "sovlint: note: 2 files are Terragrunt stacks: the units they generate are not read (run `terragrunt stack "
        "generate` first; first: live/dev/terragrunt.stack.hcl; --verbose lists them)"
    )
    _, _, err = _run(capsys, "--verbose", ".")
    assert err.count("is a Terragrunt stack: the units it generates are not read") == 2


def test_sarif_over_githubs_limits_is_said_on_stderr(repo, capsys, monkeypatch):
    from sovlint.reporters import sarif

    monkeypatch.setattr(sarif, "MAX_RESULTS", 2)
    monkeypatch.chdir(repo)
    _, out, err = _run(capsys, "-o", "sarif=out.sarif", ".")
    assert "sovlint: warning: 3 results are over GitHub's limit of 2 per run" in err
    assert len(json.loads((repo / "out.sarif").read_text())["runs"][0]["results"]) == 2
    assert "3 findings" in out  # the console still has them all


@pytest.mark.skipif(not (CORPUS / "terraform-aws-vpc").is_dir(), reason="../shared/corpus is absent")
def test_a_real_repository_fits_on_one_screen(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    status, out, err = _run(capsys, str(CORPUS / "terraform-aws-vpc"))
    assert status == 1 and re.search(r"^\d{3} findings \(\d{3} errors\) in 77 files", out, re.M)
    assert len(out.splitlines()) + len(err.splitlines()) <= 40


def test_terragrunt_paths_resolve_from_a_repository_root_above(tmp_path, capsys, monkeypatch):
    import shutil

    from conftest import REPO

    shutil.copytree(REPO / "fixtures/terragrunt-live", tmp_path / "infra/live")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path / "infra")
    _, out, _ = _run(capsys, "--format", "json", "live")
    found = [(f["rule_id"], f["file"], [r["file"] for r in f["related"]]) for f in json.loads(out)["findings"]]
    cached = (
        "infra/live/prod/us-east-1/prod/mysql/.terragrunt-cache/2rV5owJTNiPd3DdMFW4ZSbBnQ88/9KdFiGzs0Psssz02yWzKhq8EFFM"
    )

    def units(account, *envs):  # the units whose include brings the remote_state
        return [
            f"infra/live/{account}/us-east-1/{e}/{c}/terragrunt.hcl"
            for e in envs
            for c in ("mysql", "webserver-cluster")
        ]

    assert sorted(found) == [
        (
            "SOV101",
            "infra/live/prod/us-east-1/prod/mysql/terragrunt.hcl",
            ["infra/live/root.hcl", f"{cached}/modules/mysql/main.tf"],
        ),
        ("SOV201", "infra/live/prod/us-east-1/prod/mysql/terragrunt.hcl", [f"{cached}/modules/mysql/main.tf"]),
        (
            "SOV202",
            "infra/live/root.hcl",
            ["infra/live/non-prod/us-east-1/region.hcl", *units("non-prod", "qa", "stage")],
        ),
        ("SOV202", "infra/live/root.hcl", ["infra/live/prod/us-east-1/region.hcl", *units("prod", "prod")]),
    ]
