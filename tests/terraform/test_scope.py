"""ModuleScope: what a name means inside one module instance, and where its value was set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import terraform_instances
from sovlint.limits import Budget, Limits, evaluation
from sovlint.terraform import syntax
from sovlint.terraform.lang.values import Unknown
from sovlint.terraform.scope import MISSING, ModuleScope, dotted

MAIN = """
variable "with_default" { default = "eu-west-1" }
variable "from_tfvars" { default = "us-east-1" }
variable "bare" {}
locals {
  region = var.with_default
  joined = "${var.with_default}-x"
  loop_a = local.loop_b
  loop_b = local.loop_a
}
provider "aws" { region = "eu-north-1" }
data "aws_region" "current" {}
resource "aws_s3_bucket" "b" {}
resource "azurerm_resource_group" "rg" {
  name     = "rg-main"
  location = "westeurope"
}
data "azurerm_resource_group" "rg" { name = "rg-main" }
data "azurerm_resource_group" "other" { name = "rg-elsewhere" }
resource "azurerm_storage_account" "sa" {
  location = azurerm_resource_group.rg.location
}
resource "azurerm_storage_account" "self" {
  location = azurerm_storage_account.self.location
}
module "net" {
  source = "./net"
  cidr   = "10.0.0.0/16"
}
module "missing" { source = "./nowhere" }
module "label" { source = "cloudposse/label/null" }
"""
NET = """
variable "cidr" {}
variable "unset" {}
output "cidr" { value = var.cidr }
output "echo" { value = "net-${var.cidr}" }
"""


@pytest.fixture
def scope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.chdir(tmp_path)
    files: dict[str, str | bytes] = {
        "main.tf": MAIN,
        "net/main.tf": NET,
        "terraform.tfvars": 'from_tfvars = "eu-central-1"\n',
    }
    instances, ctx, _ = terraform_instances(tmp_path, files)
    with evaluation(Budget(Limits())):
        yield {i.prefix: ModuleScope(i, ctx) for i in instances}


def _value(scope: ModuleScope, expression: str) -> Any:
    return scope.value(syntax.expression(expression))


@pytest.mark.parametrize(
    ("expression", "expected", "origins"),
    [
        ("var.with_default", "eu-west-1", [("main.tf", 2, "variable default")]),
        ("var.from_tfvars", "eu-central-1", [("terraform.tfvars", 1, "tfvars")]),
        ("local.region", "eu-west-1", [("main.tf", 6, "local value"), ("main.tf", 2, "variable default")]),
        ("local.joined", "eu-west-1-x", [("main.tf", 7, "local value"), ("main.tf", 2, "variable default")]),
        ("module.net.cidr", "10.0.0.0/16", [("main.tf", 28, "input of module.net")]),
        ("module.net.echo", "net-10.0.0.0/16", [("main.tf", 28, "input of module.net")]),
        ("data.aws_region.current.name", "eu-north-1", [("main.tf", 11, "provider configuration")]),
        (
            "data.azurerm_resource_group.rg.location",
            "westeurope",
            [("main.tf", 16, "argument of azurerm_resource_group.rg")],
        ),
        (
            "azurerm_resource_group.rg.location",
            "westeurope",
            [("main.tf", 16, "argument of azurerm_resource_group.rg")],
        ),
        ("azurerm_storage_account.sa.location", "westeurope", None),
    ],
)
def test_a_reference_evaluates_to_its_value_and_records_where_it_was_set(
    scope: Any, expression: str, expected: str, origins: list[tuple[str, int, str]] | None
) -> None:
    root = scope[""]
    assert _value(root, expression) == expected
    if origins is not None:
        assert [(o.file, o.line, o.what) for o in root.trail] == origins


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("var.bare", "var.bare has no default and no value in a .tfvars file, --var-file or --var"),
        ("var.nope", "var.nope is not declared"),
        ("local.nope", "local.nope is not defined"),
        ("local.loop_a", "local.loop_a refers to itself"),
        ("azurerm_storage_account.self.location", "self.location refers to itself"),
        ("module.missing.x", "module.missing (./nowhere) cannot be read"),
        ("module.label.x", "module.label comes from cloudposse/label/null, which is not downloaded"),
        ("module.undeclared.x", "module.undeclared is not declared in this module"),
        ("module.net.nope", "module.net has no output 'nope'"),
        (
            "data.azurerm_resource_group.other.location",
            "data.azurerm_resource_group.other.location is only known when Terraform runs",
        ),
        (
            "data.aws_caller_identity.me.account_id",
            "data.aws_caller_identity.me.account_id is only known when Terraform runs",
        ),
        ("aws_s3_bucket.b.arn", "aws_s3_bucket.b.arn is only known after apply"),
        ("aws_s3_bucket.nope.arn", "aws_s3_bucket.nope is not a resource of this module"),
        ("path.module", "path.module is only known when Terraform runs"),
        ("count.index", "count.index is only known when Terraform runs"),
    ],
)
def test_what_cannot_be_known_is_unknown_with_the_reason(scope: Any, expression: str, reason: str) -> None:
    value = _value(scope[""], expression)
    assert isinstance(value, Unknown)
    assert value.reason == reason


def test_a_variable_of_a_called_module_comes_from_the_call(scope: Any) -> None:
    child = scope["module.net."]
    assert _value(child, "var.cidr") == "10.0.0.0/16"
    assert [(o.file, o.line, o.what) for o in child.trail] == [("main.tf", 28, "input of module.net")]
    unset = _value(child, "var.unset")
    assert isinstance(unset, Unknown)
    assert unset.reason == "var.unset has no default and module.net does not set it"


@pytest.mark.parametrize(
    ("value", "path", "expected"),
    [
        ({"endpoints": {"s3": "https://x"}}, "endpoints.s3", "https://x"),
        ({"api": [{"region": "eu"}]}, "api.region", "eu"),  # a nested block, as a list of one
        ({"region": None}, "region", None),  # a written null is not missing
        ({"region": "eu"}, "zone", MISSING),
        ({"endpoints": "https://x"}, "endpoints.s3", MISSING),
        ({"api": [{"region": "a"}, {"region": "b"}]}, "api.region", MISSING),
    ],
)
def test_dotted_reaches_through_maps_and_blocks(value: Any, path: str, expected: Any) -> None:
    found = dotted(value, path)
    assert found is MISSING if expected is MISSING else found == expected
