import datetime
import json

import pytest

from sovlint.suppress import parse

TODAY = datetime.date(2026, 11, 22)


def test_parse_comment_forms():
    text = (
        '# sovlint:ignore SOV201 reason="accepted by the CISO" expires=2027-06-30\n'
        '// sovlint:ignore SOV101, SOV102 reason="lab account"\n'
        "# sovlint:ignore SOV201\n"
        '# sovlint:ignore reason="no id"\n'
        '# sovlint:ignore SOV201 reason="x" expires=soon\n'
        "# an ordinary comment\n"
    )
    found, problems = parse("main.tf", text)
    assert [(s.line, sorted(s.rule_ids), s.reason, s.expires) for s in found] == [
        (1, ["SOV201"], "accepted by the CISO", datetime.date(2027, 6, 30)),
        (2, ["SOV101", "SOV102"], "lab account", None),
    ]
    assert [line for line, _ in problems] == [3, 4, 5]


@pytest.mark.parametrize(
    ("source", "rules_left"),
    [
        pytest.param(
            '# sovlint:ignore SOV201 reason="accepted"\nresource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n',
            ["SOV101"],
            id="above-the-block",
        ),
        pytest.param(
            'resource "aws_s3_bucket" "b" { # sovlint:ignore SOV101,SOV201 reason="lab"\n  region = "us-east-1"\n}\n',
            [],
            id="on-the-block-line",
        ),
        pytest.param(
            '# sovlint:ignore SOV201 reason="x" expires=2026-01-01\nresource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n',
            ["SOV101", "SOV201"],
            id="expired",
        ),
        pytest.param(
            '# sovlint:ignore SOV201\nresource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n',
            ["SOV001", "SOV101", "SOV201"],
            id="no-reason-suppresses-nothing",
        ),
    ],
)
def test_suppression_on_terraform_blocks(lint, source, rules_left):
    findings = lint({"main.tf": source}, today=TODAY)
    assert sorted(f.rule_id for f in findings if not f.suppressed) == rules_left


def test_expired_suppression_says_so(lint):
    source = '# sovlint:ignore SOV201 reason="x" expires=2026-01-01\nresource "aws_iam_role" "r" {}\n'
    (finding,) = lint({"main.tf": source}, today=TODAY)
    assert finding.message.endswith("(its suppression at main.tf:1 expired on 2026-01-01)")


def test_suppression_on_a_module_call_covers_what_the_module_creates(lint):
    files = {
        "main.tf": 'provider "aws" {\n  region = "eu-west-3"\n}\n'
        '# sovlint:ignore SOV201 reason="AWS accepted for this workload"\nmodule "q" {\n  source = "./q"\n}\n',
        "q/main.tf": 'resource "aws_sqs_queue" "this" {}\n',
    }
    (finding,) = lint(files, today=TODAY)
    assert (finding.address, finding.suppressed, finding.suppressed_by) == (
        "module.q.aws_sqs_queue.this",
        "AWS accepted for this workload",
        "inSource",
    )


def test_yaml_object_and_image_line(lint):
    manifest = (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n"
        '    - name: a\n      image: nginx  # sovlint:ignore SOV203 reason="public base image"\n'
        "    - name: b\n      image: ghcr.io/x/b\n"
        "---\n"
        '# sovlint:ignore SOV203 reason="vendor image"\n'
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\nspec:\n  containers:\n    - name: c\n      image: quay.io/x/c\n"
    )
    findings = lint({"pods.yaml": manifest}, today=TODAY)
    assert [(f.line, bool(f.suppressed)) for f in findings] == [(8, True), (10, False), (20, True)]


def test_parse_errors_cannot_be_suppressed(lint):
    findings = lint({"main.tf": '# sovlint:ignore SOV000 reason="x"\nresource "a" {\n'}, today=TODAY)
    assert [(f.rule_id, f.suppressed) for f in findings] == [("SOV000", "")]


def _open(findings):
    return [(f.rule_id, f.file, f.line, f.address) for f in findings if not f.suppressed]


def test_a_comment_above_a_provider_block_suppresses_its_region_finding(lint):
    """SOV103 points at the provider configuration's `region` argument; the comment sits above the block."""
    source = (
        '# sovlint:ignore SOV103 reason="a region opened this month"\nprovider "aws" {\n  region = "us-eest-1"\n}\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
    )
    findings = lint({"main.tf": source}, only=["SOV103"], today=TODAY)
    assert [(f.line, f.address, f.suppressed) for f in findings] == [
        (3, 'provider["hashicorp/aws"]', "a region opened this month")
    ]


def test_a_comment_above_another_block_or_an_expired_one_leaves_the_provider_finding(lint):
    source = (
        'provider "aws" {\n  region = "us-eest-1"\n}\n'
        '# sovlint:ignore SOV103 reason="only the bucket"\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
    )
    assert _open(lint({"main.tf": source}, only=["SOV103"], today=TODAY)) == [
        ("SOV103", "main.tf", 2, 'provider["hashicorp/aws"]')
    ]
    expired = '# sovlint:ignore SOV103 reason="x" expires=2026-01-01\n' + source.split("# sovlint")[0]
    expired += 'resource "aws_s3_bucket" "b" {}\n'
    (finding,) = lint({"main.tf": expired}, only=["SOV103"], today=TODAY)
    assert (finding.line, finding.suppressed) == (3, "")
    assert finding.message.endswith("(its suppression at main.tf:1 expired on 2026-01-01)")


def test_a_comment_above_a_provider_block_in_a_module_suppresses_each_instance(lint):
    child = (
        'variable "region" {}\n# sovlint:ignore SOV103 reason="checked"\nprovider "aws" {\n  alias  = "x"\n'
        '  region = var.region\n}\nresource "aws_s3_bucket" "b" {\n  provider = aws.x\n  bucket   = "b"\n}\n'
    )
    root = "".join(f'module "{m}" {{\n  source = "./mod"\n  region = "eu-wset-3"\n}}\n' for m in ("one", "two"))
    findings = lint({"main.tf": root, "mod/main.tf": child}, only=["SOV103"], today=TODAY)
    assert [(f.address, f.line, f.suppressed) for f in findings] == [
        ('module.one.provider["hashicorp/aws"].x', 5, "checked"),
        ('module.two.provider["hashicorp/aws"].x', 5, "checked"),
    ]


@pytest.mark.parametrize(
    ("source", "left"),
    [
        pytest.param(
            '# sovlint:ignore SOV204 reason="our own provider"\nterraform {\n  required_providers {\n'
            '    acme = {\n      source = "example/acme"\n    }\n  }\n}\nresource "acme_thing" "a" {}\n',
            [],
            id="required-provider-above-the-terraform-block",
        ),
        pytest.param(
            'terraform {\n  required_providers {\n    acme = {\n      source = "example/acme"\n    }\n  }\n}\n'
            '# sovlint:ignore SOV204 reason="our own provider"\nresource "acme_thing" "a" {}\n',
            [("SOV204", "main.tf", 3, 'provider["example/acme"]')],
            id="another-block-suppresses-nothing",
        ),
        pytest.param(
            '# sovlint:ignore SOV202 reason="state in the US accepted"\nterraform {\n  required_version = ">= 1.5"\n'
            '  backend "s3" {\n    bucket = "x"\n    key    = "y"\n    region = "us-east-1"\n  }\n}\n',
            [],
            id="backend-above-the-terraform-block",
        ),
        pytest.param(
            '# sovlint:ignore SOV204 reason="our Vault"\nprovider "vault" {\n  address = "https://vault.example.org"\n}\n'
            'resource "vault_generic_secret" "s" {\n  path      = "secret/x"\n  data_json = "{}"\n}\n',
            [],
            id="endpoint-above-the-provider-block",
        ),
    ],
)
def test_findings_of_terraform_and_provider_blocks_are_suppressed_above_the_block(lint, source, left):
    assert _open(lint({"main.tf": source}, only=["SOV202", "SOV204"], today=TODAY)) == left


def test_a_suppression_above_a_provider_block_holds_in_a_file_with_a_syntax_error_further_down(lint):
    source = (
        '# sovlint:ignore SOV103 reason="checked"\nprovider "aws" {\n  region = "us-eest-1"\n}\n'
        'resource "aws_s3_bucket" "b" {}\nresource "a" {\n'
    )
    findings = lint({"main.tf": source}, only=["SOV000", "SOV103"], today=TODAY)
    assert [(f.rule_id, f.line, bool(f.suppressed)) for f in findings] == [("SOV103", 3, True), ("SOV000", 7, False)]


ROOT_CONFIG = 'provider "aws" {\n  region = "eu-wset-3"\n}\nresource "aws_s3_bucket" "root" {\n  bucket = "r"\n}\n'


@pytest.mark.parametrize(
    ("files", "left"),
    [
        pytest.param(
            {
                "main.tf": ROOT_CONFIG + 'module "one" {\n  source = "./mod"\n}\n',
                "mod/main.tf": '# sovlint:ignore SOV103 reason="x"\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
            },
            [("SOV103", "main.tf", 2, 'provider["hashicorp/aws"]')],
            id="a-resource-of-a-module-that-uses-the-configuration",
        ),
        pytest.param(
            {
                "main.tf": ROOT_CONFIG + '# sovlint:ignore SOV103 reason="x"\nmodule "one" {\n  source = "./mod"\n}\n',
                "mod/main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
            },
            [("SOV103", "main.tf", 2, 'provider["hashicorp/aws"]')],
            id="a-module-call-that-is-passed-the-configuration",
        ),
    ],
)
def test_a_suppression_elsewhere_does_not_hide_a_root_provider_configuration(lint, files, left):
    """The configuration's finding lists the resources that use it, and the calls that lead to them, as related
    locations: a comment at one of them is not a comment on the configuration."""
    assert _open(lint(files, only=["SOV103"], today=TODAY)) == left


def test_a_suppression_on_a_module_call_covers_the_configurations_its_instances_make(lint):
    child = 'variable "region" {}\nprovider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "b" {}\n'
    root = (
        '# sovlint:ignore SOV103 reason="checked"\nmodule "one" {\n  source = "./mod"\n  region = "eu-wset-3"\n}\n'
        'module "two" {\n  source = "./mod"\n  region = "eu-wset-3"\n}\n'
    )
    findings = lint({"main.tf": root, "mod/main.tf": child}, only=["SOV103"], today=TODAY)
    assert [(f.address, bool(f.suppressed)) for f in findings] == [
        ('module.one.provider["hashicorp/aws"]', True),
        ('module.two.provider["hashicorp/aws"]', False),
    ]


@pytest.mark.parametrize("suppressed_in", [("a",), ("a", "b")])
def test_a_module_shared_by_two_roots_is_suppressed_when_each_call_is(lint, suppressed_in):
    """Its finding is made once, with both calls as related locations: one root's comment does not hide the
    other root's resource."""
    files = {"modules/q/main.tf": 'resource "aws_sqs_queue" "this" {}\n'}
    for root in ("a", "b"):
        comment = f'# sovlint:ignore SOV201 reason="accepted in {root}"\n' if root in suppressed_in else ""
        files[f"{root}/main.tf"] = (
            f'provider "aws" {{\n  region = "eu-west-3"\n}}\n{comment}module "q" {{\n  source = "../modules/q"\n}}\n'
        )
    (finding,) = lint(files, only=["SOV201"], today=TODAY)
    assert [o.file for o in finding.related] == ["a/main.tf", "b/main.tf"]
    assert finding.suppressed == ("accepted in a" if suppressed_in == ("a", "b") else "")


@pytest.mark.parametrize("kept", ["outcome", "units"])
def test_a_warm_run_suppresses_a_provider_finding_as_a_cold_one(tmp_path, capsys, monkeypatch, kept):
    """The blocks a suppression is matched against are read back from the cache when the scan's results are kept."""
    from conftest import write_tree
    from sovlint import replay
    from sovlint.cli import main

    if kept == "units":
        monkeypatch.setattr(replay.Replay, "find", lambda *args: False)
    source = '# sovlint:ignore SOV103 reason="checked"\nprovider "aws" {\n  region = "us-eest-1"\n}\n'
    write_tree(tmp_path / "repo", {"main.tf": source + 'resource "aws_s3_bucket" "b" {}\n'})
    monkeypatch.chdir(tmp_path / "repo")
    runs = []
    for _ in range(2):
        main(["-f", "json", "--fail-on", "never", "--cache-dir", str(tmp_path / "cache"), "."])
        runs.append(capsys.readouterr().out)
    assert runs[0] == runs[1]
    (region,) = [f for f in json.loads(runs[1])["findings"] if f["rule_id"] == "SOV103"]
    assert (region["line"], region["suppressed"]) == (3, {"kind": "inSource", "reason": "checked"})


def test_a_comment_above_a_module_provider_block_suppresses_the_endpoint_of_each_instance(lint):
    child = (
        'variable "addr" {}\n# sovlint:ignore SOV204 reason="our Vault servers"\nprovider "vault" {\n'
        '  address = var.addr\n}\nresource "vault_generic_secret" "s" {\n  path      = "secret/s"\n'
        '  data_json = "{}"\n}\n'
    )
    root = "".join(
        f'module "{m}" {{\n  source = "./mod"\n  addr   = "https://{m}.example.org"\n}}\n' for m in ("a", "b")
    )
    findings = lint({"main.tf": root, "mod/main.tf": child}, only=["SOV204"], today=TODAY)
    assert [(f.address, f.line, f.suppressed) for f in findings] == [
        ('module.a.provider["hashicorp/vault"]', 4, "our Vault servers"),
        ('module.b.provider["hashicorp/vault"]', 4, "our Vault servers"),
    ]
