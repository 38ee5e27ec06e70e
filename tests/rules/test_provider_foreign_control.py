import pytest


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('resource "aws_iam_role" "r" {}\n', ["aws_iam_role.r"], id="unlocated-still-controlled"),
        pytest.param('resource "azurerm_subnet" "s" {}\n', ["azurerm_subnet.s"], id="azure"),
        pytest.param('resource "scaleway_object_bucket" "b" {\n  region = "fr-par"\n}\n', [], id="scaleway-eu"),
        pytest.param('resource "random_id" "x" {}\n', [], id="unknown-provider"),
        pytest.param('data "aws_caller_identity" "me" {}\n', [], id="data-sources-create-nothing"),
    ],
)
def test_provider_foreign_control(lint, source, expected):
    assert [f.address for f in lint({"main.tf": source}, only=["SOV201"])] == expected


def test_message_names_the_chain(lint):
    (finding,) = lint({"main.tf": 'resource "google_storage_bucket" "b" {\n  location = "EU"\n}\n'}, only=["SOV201"])
    assert finding.message.startswith("google_storage_bucket.b is run by Google")
    assert "controlled by Alphabet Inc. (United States), outside the EU/EEA" in finding.message


def test_eu_residency_does_not_judge_control(lint):
    assert lint({"main.tf": 'resource "aws_iam_role" "r" {}\n'}, only=["SOV201"], profile="eu-residency") == []


def test_required_providers_source_is_followed(lint):
    source = (
        'terraform {\n  required_providers {\n    cloud = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n'
        'resource "aws_s3_bucket" "b" {\n  provider = cloud\n}\n'
    )
    assert [f.address for f in lint({"main.tf": source}, only=["SOV201"])] == ["aws_s3_bucket.b"]


SECRET = 'resource "vault_kv_secret_v2" "s" {\n  mount = "kv"\n  name = "app"\n  data_json = "{}"\n}\n'


@pytest.mark.parametrize(
    ("provider", "expected"),
    [
        pytest.param("", [], id="vault-from-the-environment"),
        pytest.param('provider "vault" {\n  address = "https://vault.example.eu:8200"\n}\n', [], id="own-vault"),
        pytest.param(
            'provider "vault" {\n  address = "https://vault-public-vault-1a2b.3c4d.z1.hashicorp.cloud:8200"\n}\n',
            ["vault_kv_secret_v2.s"],
            id="hcp-vault",
        ),
    ],
)
def test_software_is_judged_by_the_endpoint_it_reaches(lint, provider, expected):
    findings = lint({"main.tf": provider + SECRET}, only=["SOV201", "SOV204"])
    assert [f.address for f in findings] == expected
    assert all("HCP Vault Dedicated" in f.message for f in findings)


def test_a_database_of_ones_own_is_not_judged_by_who_writes_the_provider(lint):
    source = (
        'terraform {\n  required_providers {\n    postgresql = { source = "cyrilgdn/postgresql" }\n  }\n}\n'
        'provider "postgresql" {\n  host = "db.internal.example.eu"\n}\n'
        'resource "postgresql_role" "app" {\n  name = "app"\n}\n'
    )
    assert lint({"main.tf": source}, only=["SOV201", "SOV204"]) == []
    rds = source.replace("db.internal.example.eu", "mydb.abc123.us-east-1.rds.amazonaws.com")
    (finding,) = lint({"main.tf": rds}, only=["SOV201"])
    assert "Amazon RDS (PostgreSQL)" in finding.message
