"""place(): where a resource is, in Terraform's order; is_located and is_created, the gates before it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import terraform_instances
from sovlint.knowledge import catalog as catalog_mod
from sovlint.limits import Budget, Limits, evaluation
from sovlint.terraform import syntax
from sovlint.terraform.place import is_created, is_located, place, place_all
from sovlint.terraform.scope import ModuleScope

CATALOG = catalog_mod.load()
BACKEND = 'terraform {\n  backend "local" {}\n}\n'  # a root module of its own, not a reusable one


def _placed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, address: str) -> Any:
    monkeypatch.chdir(tmp_path)
    instances, ctx, _ = terraform_instances(tmp_path, {"main.tf": source})
    root = instances[0]
    with evaluation(Budget(Limits())):
        return place_all(root.module.resources[address], root, ctx)


@pytest.mark.parametrize(
    ("source", "address", "expected"),
    [
        # the resource's own argument wins over its provider
        (
            'provider "aws" { region = "us-east-1" }\nresource "aws_instance" "a" { region = "eu-west-3" }\n',
            "aws_instance.a",
            ("eu-west-3", ("FR",), "literal", ""),
        ),
        # a null argument means "not set": the provider configuration decides
        (
            'provider "aws" { region = "eu-north-1" }\nresource "aws_instance" "a" { region = null }\n',
            "aws_instance.a",
            ("eu-north-1", ("SE",), "provider configuration", ""),
        ),
        # the aliased provider configuration the resource names
        (
            'provider "aws" { region = "eu-west-1" }\n'
            'provider "aws" {\n  alias  = "us"\n  region = "us-west-2"\n}\n'
            'resource "aws_instance" "a" { provider = aws.us }\n',
            "aws_instance.a",
            ("us-west-2", ("US",), "provider configuration", ""),
        ),
        # no argument and no provider configuration: the documented default of the type
        (
            BACKEND + 'resource "digitalocean_spaces_bucket" "b" { name = "b" }\n',
            "digitalocean_spaces_bucket.b",
            ("nyc3", ("US",), "documented default", ""),
        ),
        # ... but not in a reusable module (no provider, no backend): its caller decides
        (
            'resource "digitalocean_spaces_bucket" "b" { name = "b" }\n',
            "digitalocean_spaces_bucket.b",
            (None, (), "", "it sets no region"),
        ),
        # a provider with a region argument that no configuration sets: unresolved, with the reason
        (
            'resource "aws_instance" "a" {}\n',
            "aws_instance.a",
            (None, (), "", "no provider configuration 'aws' sets its location"),
        ),
        (
            'provider "aws" {}\nresource "aws_instance" "a" {}\n',
            "aws_instance.a",
            (None, (), "", "the provider configuration 'aws' sets no location (it would come from the environment)"),
        ),
        # only the resource can say where it is, and it does not
        (
            'resource "digitalocean_droplet" "d" { name = "d" }\n',
            "digitalocean_droplet.d",
            (None, (), "", "it sets no region"),
        ),
        # a location that cannot be evaluated: the expression and why
        (
            BACKEND + 'variable "region" {}\nresource "aws_instance" "a" { region = var.region }\n',
            "aws_instance.a",
            (
                None,
                (),
                "",
                "region = var.region: var.region has no default and no value in a .tfvars file, --var-file or --var",
            ),
        ),
    ],
)
def test_a_location_comes_from_the_argument_then_the_provider_then_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, address: str, expected: tuple[Any, ...]
) -> None:
    (placement,) = _placed(tmp_path, monkeypatch, source, address)
    assert (placement.region, placement.countries, placement.how, placement.unresolved) == expected


def test_each_location_a_resource_names_is_placed_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = BACKEND + 'resource "ovh_cloud_project_network_private" "n" {\n  regions = ["GRA11", "BHS5"]\n}\n'
    placements = _placed(tmp_path, monkeypatch, source, "ovh_cloud_project_network_private.n")
    assert [(p.region, p.countries) for p in placements] == [("GRA11", ("FR",)), ("BHS5", ("CA",))]
    assert {(o.file, o.line, o.what) for p in placements for o in p.origins} == {("main.tf", 5, "literal")}


def test_a_provider_configuration_is_evaluated_once_for_the_resources_of_an_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of 20,000 resources evaluates its provider's region once, and each still says where it was set."""
    monkeypatch.chdir(tmp_path)
    source = (
        'variable "region" { default = "europe-west9" }\n'
        'provider "google" {\n  region = var.region\n  universe_domain = var.domain\n}\n'
        'variable "domain" { default = "s3nsapis.fr" }\n'
        + "".join(f'resource "google_compute_subnetwork" "s{i}" {{}}\n' for i in range(3))
    )
    instances, ctx, _ = terraform_instances(tmp_path, {"main.tf": source})
    root = instances[0]
    config = root.module.providers[("google", "")].block.body
    evaluated: list[Any] = []
    evaluate = ModuleScope.value
    monkeypatch.setattr(ModuleScope, "value", lambda self, raw: evaluated.append(raw) or evaluate(self, raw))
    with evaluation(Budget(Limits())):
        placements = [place(root.module.resources[f"google_compute_subnetwork.s{i}"], root, ctx) for i in range(3)]
    assert [evaluated.count(config["region"]), evaluated.count(config["universe_domain"])] == [1, 1]
    where = [[(o.line, o.what) for o in p.origins] for p in placements]
    assert where == [[(3, "provider configuration"), (1, "variable default")]] * 3
    assert {(p.region, p.countries, p.offer) for p in placements} == {("europe-west9", ("FR",), "s3ns-premi3ns")}


def test_place_is_the_first_of_place_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = (
        'provider "aws" { region = "eu-central-1" }\nresource "aws_iam_role" "r" {}\nresource "aws_sqs_queue" "q" {}\n'
    )
    instances, ctx, _ = terraform_instances(tmp_path, {"main.tf": source})
    root = instances[0]
    with evaluation(Budget(Limits())):
        role = place(root.module.resources["aws_iam_role.r"], root, ctx)
        queue = place(root.module.resources["aws_sqs_queue.q"], root, ctx)
    assert (role.located, role.region, role.provider) == (False, None, "hashicorp/aws")
    assert (queue.located, queue.region, queue.countries) == (True, "eu-central-1", ("DE",))


@pytest.mark.parametrize(
    ("source", "rtype", "body", "expected"),
    [
        ("hashicorp/aws", "aws_instance", {}, True),  # located by nature: the provider's region applies
        ("hashicorp/aws", "aws_iam_role", {}, False),  # account-wide
        ("hashicorp/aws", "aws_s3_bucket_policy", {"bucket": "b"}, False),  # a part of its bucket
        ("hashicorp/aws", "aws_s3_object", {"region": "eu-west-1"}, False),  # a part, even when it writes one
        ("hashicorp/random", "random_id", {"region": "eu-west-1"}, False),  # a utility provider places nothing
        ("digitalocean/digitalocean", "digitalocean_droplet", {"region": "fra1"}, True),
        ("digitalocean/digitalocean", "digitalocean_domain", {"name": "x"}, False),
    ],
)
def test_is_located(source: str, rtype: str, body: dict[str, Any], expected: bool) -> None:
    provider = CATALOG.provider(source)
    assert provider is not None
    assert is_located(rtype, body, provider) is expected


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("", True),
        ("count = 0", False),
        ("count = 2", True),
        ("count = var.on ? 1 : 0", False),
        ("count = var.unset ? 1 : 0", True),  # unknown: kept, a gate must not hide a resource
        ("for_each = {}", False),
        ("for_each = toset([])", False),
        ('for_each = { a = "x" }', True),
        ("for_each = var.unset", True),
    ],
)
def test_is_created_only_false_when_known_to_create_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, meta: str, expected: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    source = (
        f'variable "on" {{ default = false }}\nvariable "unset" {{}}\nresource "aws_instance" "a" {{\n  {meta}\n}}\n'
    )
    instances, ctx, _ = terraform_instances(tmp_path, {"main.tf": source})
    root = instances[0]
    with evaluation(Budget(Limits())):
        assert is_created(root.module.resources["aws_instance.a"], ModuleScope(root, ctx)) is expected


def test_an_unknown_gate_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sovlint.terraform.place import existence

    monkeypatch.chdir(tmp_path)
    instances, ctx, _ = terraform_instances(tmp_path, {"main.tf": BACKEND + 'variable "unset" {}\n'})
    scope = ModuleScope(instances[0], ctx)
    with evaluation(Budget(Limits())):
        found = existence({"count": syntax.expression("var.unset ? 1 : 0")}, scope)
        wrong = existence({"count": syntax.expression('"two"')}, scope)
    assert found == (
        True,
        "count = var.unset ? 1 : 0: var.unset has no default and no value in a .tfvars file, --var-file or --var",
    )
    assert wrong == (True, "count = two: it is not a number")


def test_resources_of_one_type_are_each_placed_by_what_they_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Resources that write nothing about their location share their provider's placement; one that writes a
    region, a zone or a replica is placed by it, and a documented default points at each resource's own line."""
    monkeypatch.chdir(tmp_path)
    source = BACKEND + (
        'provider "aws" { region = "eu-west-1" }\n'
        'provider "aws" {\n  alias  = "us"\n  region = "us-east-2"\n}\n'
        'resource "aws_s3_bucket" "a" { bucket = "a" }\n'
        'resource "aws_s3_bucket" "b" { region = "eu-north-1" }\n'
        'resource "aws_s3_bucket" "c" { provider = aws.us }\n'
        'resource "aws_s3_bucket" "d" { bucket = "d" }\n'
        'resource "digitalocean_spaces_bucket" "e" { name = "e" }\n'
        'resource "digitalocean_spaces_bucket" "f" { name = "f" }\n'
    )
    instances, ctx, _ = terraform_instances(tmp_path, {"main.tf": source})
    root = instances[0]
    with evaluation(Budget(Limits())):
        placed = {a: place_all(root.module.resources[a], root, ctx) for a in root.module.resources}
    where = {a: [(p.region, p.how, [(o.line, o.what) for o in p.origins]) for p in ps] for a, ps in placed.items()}
    assert where == {
        "aws_s3_bucket.a": [("eu-west-1", "provider configuration", [(4, "provider configuration")])],
        "aws_s3_bucket.b": [("eu-north-1", "literal", [(10, "literal")])],
        "aws_s3_bucket.c": [("us-east-2", "provider configuration", [(7, "provider configuration")])],
        "aws_s3_bucket.d": [("eu-west-1", "provider configuration", [(4, "provider configuration")])],
        "digitalocean_spaces_bucket.e": [("nyc3", "documented default", [(13, "documented default")])],
        "digitalocean_spaces_bucket.f": [("nyc3", "documented default", [(14, "documented default")])],
    }
