import pytest

from sovlint.baseline import fingerprint


def test_typo_in_region_code(lint):
    findings = lint(
        {"main.tf": 'provider "aws" {\n  region = "eu-wset-3"\n}\nresource "aws_s3_bucket" "b" {}\n'},
        only=["SOV101", "SOV102", "SOV103"],
    )
    assert [(f.rule_id, f.line) for f in findings] == [("SOV103", 2)]
    assert findings[0].message == (
        "the resources of provider[\"hashicorp/aws\"] are in region 'eu-wset-3', which sovlint does not know for"
        " Amazon Web Services"
    )


def test_a_code_a_provider_configuration_sets_is_one_finding_per_configuration_and_value(lint):
    """Fifty resources of one Okta org are one org domain to look up, not fifty: the finding is at the
    provider's base_url, once per configuration and value, the resources as related locations."""
    required = 'terraform {\n  required_providers {\n    okta = { source = "okta/okta" }\n  }\n}\n'
    providers = (
        'provider "okta" {\n  org_name = "a"\n  base_url = "okta.com"\n}\n'
        'provider "okta" {\n  alias    = "emea"\n  org_name = "b"\n  base_url = var.domain\n}\n'
        'variable "domain" {\n  default = "okta-emea.com"\n}\n'
    )
    groups = "".join(f'resource "okta_group" "g{i}" {{\n  name = "g{i}"\n}}\n' for i in range(3))
    emea = 'resource "okta_group" "e" {\n  provider = okta.emea\n  name     = "e"\n}\n'
    findings = lint({"main.tf": required + providers + groups + emea}, only=["SOV103"])
    assert [(f.line, f.address) for f in findings] == [(8, 'provider["okta/okta"]'), (13, 'provider["okta/okta"].emea')]
    first, second = findings
    assert [o.what for o in first.related] == ["okta_group.g0", "okta_group.g1", "okta_group.g2"]
    assert [o.what for o in second.related] == ["okta_group.e", "variable default"]
    assert second.message.endswith("okta-emea.com is set at main.tf:16 (variable default)")
    # a code the resource writes itself stays the resource's finding
    own = 'resource "aws_s3_bucket" "b" {\n  region = "eu-wset-3"\n}\n'
    assert [(f.line, f.address) for f in lint({"main.tf": own}, only=["SOV103"])] == [(2, "aws_s3_bucket.b")]


def test_resources_perhaps_created_share_the_configurations_one_finding(lint):
    """One configuration and value is one finding, whether each resource is created or perhaps: that goes with
    the resource among the related locations, not in the message (two messages were two findings with one
    fingerprint)."""
    source = (
        'provider "aws" {\n  region = "eu-wset-3"\n}\nvariable "n" {}\n'
        'resource "aws_s3_bucket" "a" {\n  count  = var.n\n  bucket = "a"\n}\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
    )
    findings = lint({"main.tf": source}, only=["SOV103"])
    assert [(f.line, f.address) for f in findings] == [(2, 'provider["hashicorp/aws"]')]
    assert "if created" not in findings[0].message
    assert [(o.line, o.what) for o in findings[0].related] == [
        (
            5,
            "aws_s3_bucket.a (if created: count = var.n: var.n has no default and no value in a .tfvars file,"
            " --var-file or --var)",
        ),
        (9, "aws_s3_bucket.b"),
    ]


def test_a_configuration_in_a_module_instance_is_named_with_its_instance_and_alias(lint):
    """Each instance of a module configures its own provider: Terraform's address names the instance and the
    alias, so that two instances, or two aliases in one file, are not one fingerprint."""
    child = (
        'variable "region" {}\nprovider "aws" {\n  alias  = "x"\n  region = var.region\n}\n'
        'resource "aws_s3_bucket" "b" {\n  provider = aws.x\n  bucket   = "b"\n}\n'
    )
    root = "".join(f'module "{m}" {{\n  source = "./mod"\n  region = "eu-wset-3"\n}}\n' for m in ("one", "two"))
    findings = lint({"main.tf": root, "mod/main.tf": child}, only=["SOV103"])
    assert [(f.file, f.line, f.address) for f in findings] == [
        ("mod/main.tf", 4, 'module.one.provider["hashicorp/aws"].x'),
        ("mod/main.tf", 4, 'module.two.provider["hashicorp/aws"].x'),
    ]
    assert findings[0].message.endswith("eu-wset-3 is set at main.tf:3 (input of module.one)")
    assert len({fingerprint(f) for f in findings}) == 2
    # a configuration the root passes down keeps the root's address
    passed = 'provider "aws" {\n  region = "eu-wset-3"\n}\nmodule "one" {\n  source = "./mod"\n}\n'
    inner = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
    found = lint({"main.tf": passed, "mod/main.tf": inner}, only=["SOV103"])
    assert [(f.line, f.address) for f in found] == [(2, 'provider["hashicorp/aws"]')]


def test_global_location_is_known_and_not_a_country(lint):
    source = 'resource "google_gke_hub_membership" "m" {\n  membership_id = "m"\n  location = "global"\n}\n'
    assert lint({"main.tf": source}, only=["SOV101", "SOV102", "SOV103"]) == []


@pytest.mark.parametrize("location", ["global", "Global"])
def test_azure_global_location_is_a_global_service_not_an_unknown_region(lint, location):
    """Azure Resource Manager puts private DNS zones in location "global" (AVM modules write it)."""
    source = (
        'resource "azapi_resource" "zone" {\n  type      = "Microsoft.Network/privateDnsZones@2024-06-01"\n'
        f'  name      = "privatelink.blob.core.windows.net"\n  location  = "{location}"\n'
        '  parent_id = "/subscriptions/0/resourceGroups/rg"\n}\n'
    )
    findings = lint({"main.tf": source}, only=["SOV101", "SOV102", "SOV103", "SOV104"])
    assert [(f.rule_id, f.line) for f in findings] == [("SOV104", 4)]


ISTANBUL = (
    'provider "aws" {\n  region = "eu-central-1"\n}\n'
    'variable "az" {\n  default = "eu-central-1-ist-1a"\n}\n'
    'resource "aws_instance" "edge" {\n  ami               = "ami-1"\n  availability_zone = var.az\n}\n'
)


def test_a_local_zone_of_unsourced_country_is_unknown_not_its_parent_region(lint):
    """eu-central-1-ist-1a is a Local Zone of Frankfurt in Istanbul: never placed in Germany by its name."""
    findings = lint({"main.tf": ISTANBUL}, only=["SOV101", "SOV102", "SOV103"], profile="eu-residency")
    assert [(f.rule_id, f.line) for f in findings] == [("SOV103", 9)]
    assert "'eu-central-1-ist-1a' of Amazon Web Services, whose country sovlint cannot establish" in findings[0].message
    assert "an AWS Local Zone" in findings[0].message
    assert findings[0].message.endswith("eu-central-1-ist-1a is set at main.tf:5 (variable default)")


def test_a_local_zone_with_a_sourced_place_decides_over_the_provider_region(lint):
    source = ISTANBUL.replace("eu-central-1-ist-1a", "us-east-1-qro-1a")
    findings = lint({"main.tf": source}, only=["SOV101", "SOV102", "SOV103"], profile="eu-residency")
    assert [(f.rule_id, f.line) for f in findings] == [("SOV101", 9)]
    assert "us-east-1-qro-1a (Mexico)" in findings[0].message


@pytest.mark.parametrize("zone", ['"eu-central-1a"', "data.aws_availability_zones.all.names[0]"])
def test_an_ordinary_or_unknown_zone_leaves_the_region_to_decide(lint, zone):
    source = ISTANBUL.replace("var.az", zone)
    assert lint({"main.tf": source}, only=["SOV101", "SOV102", "SOV103"], profile="eu-residency") == []


def test_an_ovhcloud_local_zone_is_unknown_with_its_reason(lint):
    source = 'resource "ovh_cloud_project_instance" "vm" {\n  region = "EU-WEST-LZ-BRU-A"\n}\n'
    findings = lint({"main.tf": source}, only=["SOV101", "SOV102", "SOV103"])
    assert [(f.rule_id, f.line) for f in findings] == [("SOV103", 2)]
    assert "an OVHcloud Local Zone" in findings[0].message and "does not guess" in findings[0].message


def test_an_ordinary_zone_places_a_resource_whose_region_is_not_set(lint):
    """No region in the provider configuration (it would come from the environment): the zone tells it."""
    source = 'provider "aws" {}\nresource "aws_instance" "vm" {\n  availability_zone = "us-east-1b"\n}\n'
    findings = lint({"main.tf": source}, only=["SOV101", "SOV102", "SOV103"])
    assert [(f.rule_id, f.line) for f in findings] == [("SOV101", 3)]
    assert "us-east-1b (United States)" in findings[0].message
