import pytest

AWS_US = 'provider "aws" {\n  region = "us-east-1"\n}\n'


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"main.tf": AWS_US + 'resource "aws_s3_bucket" "b" {}\n'}, [("main.tf", 4)], id="provider-default"
        ),
        pytest.param(
            {"main.tf": 'provider "aws" {\n  region = "eu-west-3"\n}\nresource "aws_s3_bucket" "b" {}\n'},
            [],
            id="paris",
        ),
        pytest.param(
            {"main.tf": 'provider "aws" {\n  region = "eu-west-2"\n}\nresource "aws_s3_bucket" "b" {}\n'},
            [("main.tf", 4)],
            id="eu-west-2-is-london",
        ),
        pytest.param(
            {"main.tf": 'provider "aws" {\n  region = "eu-central-2"\n}\nresource "aws_s3_bucket" "b" {}\n'},
            [("main.tf", 4)],
            id="eu-central-2-is-zurich",
        ),
        pytest.param(
            {"main.tf": AWS_US + 'resource "aws_s3_bucket" "b" {\n  region = "eu-west-3"\n}\n'},
            [],
            id="resource-argument-wins",
        ),
        pytest.param(
            {
                "main.tf": 'provider "aws" {\n  region = "eu-west-3"\n}\nprovider "aws" {\n  alias  = "us"\n'
                '  region = "us-west-2"\n}\nresource "aws_s3_bucket" "b" {\n  provider = aws.us\n}\n'
            },
            [("main.tf", 8)],
            id="alias",
        ),
        pytest.param(
            {
                "main.tf": 'resource "azurerm_resource_group" "main" {\n  name = "rg"\n  location = "eastus"\n}\n'
                'resource "azurerm_storage_account" "sa" {\n  location = azurerm_resource_group.main.location\n}\n'
                'resource "azurerm_subnet" "s" {\n  name = "s"\n}\n'
            },
            [("main.tf", 3), ("main.tf", 6)],
            id="azure-reference-and-unlocated-subnet",
        ),
        pytest.param(
            {"main.tf": 'resource "azurerm_resource_group" "main" {\n  location = "West Europe"\n}\n'},
            [],
            id="azure-display-name",
        ),
        pytest.param(
            {"main.tf": 'resource "google_storage_bucket" "b" {\n  name = "b"\n  location = "US"\n}\n'},
            [],
            id="google-us-multi-region-is-sov104s",
        ),
        pytest.param(
            {"main.tf": 'resource "google_storage_bucket" "b" {\n  name = "b"\n  location = "EU"\n}\n'},
            [],
            id="google-eu-multi-region",
        ),
        pytest.param(
            {"main.tf": 'resource "google_compute_instance" "vm" {\n  zone = "europe-west1-b"\n}\n'},
            [],
            id="google-zone",
        ),
        pytest.param(
            {"main.tf": 'resource "google_compute_instance" "vm" {\n  zone = "us-central1-a"\n}\n'},
            [("main.tf", 2)],
            id="google-zone-us",
        ),
        pytest.param(
            {
                "main.tf": AWS_US.replace('"us-east-1"', "var.region")
                + 'resource "aws_s3_bucket" "b" {}\nvariable "region" {\n  default = "eu-west-1"\n}\n',
                "terraform.tfvars": 'region = "ap-southeast-1"\n',
            },
            [("main.tf", 4)],
            id="tfvars-beat-default",
        ),
        pytest.param(
            {
                "main.tf": AWS_US.replace('"us-east-1"', "var.region")
                + 'resource "aws_s3_bucket" "b" {}\nvariable "region" {\n  default = "us-east-1"\n}\n',
                "terraform.tfvars": 'region = "us-east-1"\n',
                "b.auto.tfvars": 'region = "us-west-1"\n',
                "z.auto.tfvars.json": '{"region": "eu-north-1"}\n',
            },
            [],
            id="auto-tfvars-lexical-order-last-wins",
        ),
    ],
)
def test_region_outside_allowed(lint, files, expected):
    assert [(f.file, f.line) for f in lint(files, only=["SOV101"])] == expected


def test_message_states_verdict_and_where_the_value_was_set(lint):
    findings = lint(
        {
            "main.tf": 'provider "aws" {\n  region = var.region\n}\n\nresource "aws_s3_bucket" "logs" {\n}\n',
            "variables.tf": 'variable "region" {\n  type    = string\n  default = "us-east-1"\n}\n',
        },
        only=["SOV101"],
    )
    assert len(findings) == 1
    f = findings[0]
    assert f.message == (
        "aws_s3_bucket.logs is in us-east-1 (United States), outside the EU/EEA; "
        "us-east-1 is set at variables.tf:3 (variable default)"
    )
    assert (f.line, f.end_line, f.address) == (5, 6, "aws_s3_bucket.logs")
    assert [(o.file, o.line, o.what) for o in f.related] == [
        ("main.tf", 2, "provider configuration"),
        ("variables.tf", 3, "variable default"),
    ]
    assert dict(f.properties) == {"provider": "hashicorp/aws", "region": "us-east-1", "country": "US"}


def test_locals_templates_and_functions(lint):
    source = (
        'locals {\n  regions = { prod = "us", test = "eu" }\n  suffix = "east-1"\n}\n'
        'resource "aws_s3_bucket" "b" {\n  region = "${lookup(local.regions, "prod", "eu")}-${local.suffix}"\n}\n'
    )
    findings = lint({"main.tf": source}, only=["SOV101"])
    assert [(f.address, dict(f.properties)["region"]) for f in findings] == [("aws_s3_bucket.b", "us-east-1")]


def test_var_file_and_var_override_tfvars(lint, tmp_path):
    (tmp_path / "prod.tfvars").write_text('region = "us-east-2"\n')
    base = {
        "main.tf": 'resource "aws_s3_bucket" "b" {\n  region = var.region\n}\nvariable "region" {\n  default = "eu-west-1"\n}\n'
    }
    assert lint(base, only=["SOV101"]) == []
    from_file = lint(base, only=["SOV101"], var_files=(str(tmp_path / "prod.tfvars"),))
    assert [dict(f.properties)["region"] for f in from_file] == ["us-east-2"]
    from_var = lint(
        base,
        only=["SOV101"],
        var_files=(str(tmp_path / "prod.tfvars"),),
        variables=(("region", "eu-west-3"),),
    )
    assert from_var == []


def test_eu_adequate_allows_london(lint):
    files = {"main.tf": 'resource "aws_s3_bucket" "b" {\n  region = "eu-west-2"\n}\n'}
    assert lint(files, only=["SOV101"], profile="eu-adequate") == []
    assert len(lint(files, only=["SOV101"], profile="eu-strict")) == 1


def test_a_secrets_versions_and_a_permission_sets_assignments_are_judged_with_their_parent(lint):
    source = (
        'provider "aws" {\n  region = "us-west-2"\n}\n'
        'resource "aws_secretsmanager_secret" "s" {\n  name = "s"\n}\n'
        'resource "aws_secretsmanager_secret_version" "v" {\n  secret_id     = aws_secretsmanager_secret.s.id\n'
        '  secret_string = "x"\n}\n'
        'resource "aws_ssoadmin_permission_set" "p" {\n  name         = "p"\n  instance_arn = "arn"\n}\n'
        'resource "aws_ssoadmin_account_assignment" "a" {\n  instance_arn       = "arn"\n'
        "  permission_set_arn = aws_ssoadmin_permission_set.p.arn\n}\n"
    )
    found = lint({"main.tf": source}, only=["SOV101"])
    assert [f.address for f in found] == ["aws_secretsmanager_secret.s", "aws_ssoadmin_permission_set.p"]
