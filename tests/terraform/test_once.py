"""Once: a finding is reported once, with the other callers as related locations; a called module is no root."""

MODULE = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'


def test_a_module_called_from_two_roots_is_reported_once_with_both_callers(lint):
    caller = 'provider "aws" {\n  region = "us-east-1"\n}\nmodule "m" {\n  source = "../../mod"\n}\n'
    files = {"mod/main.tf": MODULE, "examples/a/main.tf": caller, "examples/b/main.tf": caller}
    findings = lint(files, only=["SOV201"])
    assert [(f.file, f.address) for f in findings] == [("mod/main.tf", "module.m.aws_s3_bucket.b")]
    assert {o.file for o in findings[0].related} >= {"examples/a/main.tf", "examples/b/main.tf"}


def test_a_called_module_with_its_own_provider_block_is_not_also_a_root(lint):
    module = 'provider "aws" {\n  region = "eu-west-1"\n}\n' + MODULE
    root = 'provider "aws" {\n  region = "us-east-1"\n}\nmodule "m" {\n  source = "./mod"\n}\n'
    findings = lint({"main.tf": root, "mod/main.tf": module}, only=["SOV201", "SOV101"])
    assert sorted((f.rule_id, f.address) for f in findings) == [("SOV201", "module.m.aws_s3_bucket.b")]


def test_findings_that_name_different_deciding_places_stay_apart(lint):
    caller = 'provider "aws" {\n  region = "%s"\n}\nmodule "m" {\n  source = "../../mod"\n}\n'
    files = {
        "mod/main.tf": MODULE,
        "examples/a/main.tf": caller % "us-east-1",
        "examples/b/main.tf": caller % "ap-south-1",
    }
    assert len(lint(files, only=["SOV101"])) == 2


def test_a_gate_that_cannot_be_evaluated_keeps_the_resource_and_says_if_created(lint):
    source = (
        'provider "aws" {\n  region = "us-east-1"\n}\nvariable "create" {}\n'
        'resource "aws_s3_bucket" "b" {\n  count = var.create ? 1 : 0\n}\n'
    )
    (finding,) = lint({"main.tf": source}, only=["SOV101"])
    assert "(if created: count = var.create ? 1 : 0: var.create has no default" in finding.message


def test_a_module_call_gate_that_cannot_be_evaluated_is_named(lint):
    root = (
        'provider "aws" {\n  region = "us-east-1"\n}\nvariable "on" {}\n'
        'module "m" {\n  source = "./mod"\n  count = var.on ? 1 : 0\n}\n'
    )
    (finding,) = lint({"main.tf": root, "mod/main.tf": MODULE}, only=["SOV101"])
    assert "(if created: module.m: count = var.on ? 1 : 0" in finding.message


def test_known_gates_say_nothing(lint):
    source = 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {\n  count = 1\n}\n'
    (finding,) = lint({"main.tf": source}, only=["SOV101"])
    assert "if created" not in finding.message
