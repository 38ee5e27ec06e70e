"""Sovereign offers: the operator, not the technology vendor, decides control."""

import pytest


def test_s3ns_universe_is_operated_from_france(lint):
    source = (
        'provider "google" {\n  universe_domain = "s3nsapis.fr"\n  region = "europe-west9"\n}\n'
        'resource "google_compute_subnetwork" "s" {\n  name = "s"\n}\n'
    )
    assert lint({"main.tf": source}, only=["SOV201"]) == []
    plain = source.replace('  universe_domain = "s3nsapis.fr"\n', "")
    assert [f.address for f in lint({"main.tf": plain}, only=["SOV201"])] == ["google_compute_subnetwork.s"]


def test_aws_european_sovereign_cloud_is_named_but_still_us_controlled(lint):
    source = 'provider "aws" {\n  region = "eusc-de-east-1"\n}\nresource "aws_s3_bucket" "b" {}\n'
    (finding,) = lint({"main.tf": source}, only=["SOV101", "SOV201"])
    assert finding.rule_id == "SOV201"
    assert finding.message.startswith(
        "aws_s3_bucket.b runs on AWS European Sovereign Cloud, operated by AWS European Sovereign Cloud GmbH"
    )
    assert dict(finding.properties)["offer"] == "aws-european-sovereign-cloud"
    assert "us-cloud-act" in dict(finding.properties)["laws"]


BLEU_STORAGE = """
resource "azurerm_resource_group" "example" {
  name     = "example-resources"
  location = "%s"
}
resource "azurerm_storage_account" "example" {
  name                     = "storageaccountname"
  resource_group_name      = azurerm_resource_group.example.name
  location                 = azurerm_resource_group.example.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
"""


@pytest.mark.parametrize(
    ("location", "country"),
    [
        ("bleufrancecentral", "FR"),
        ("Bleu France South", "FR"),  # the display name Azure also accepts
        ("deloscloudgermanycentral", "DE"),
        ("Delos Cloud Germany North", "DE"),
    ],
)
def test_bleu_and_delos_locations_are_operated_in_the_eu(lint, location, country):
    assert lint({"main.tf": BLEU_STORAGE % location}, only=["SOV101", "SOV103", "SOV201"]) == []
    (foreign,) = lint({"main.tf": BLEU_STORAGE % "westeurope"}, only=["SOV201"])[:1]
    assert "Microsoft Corporation" in foreign.message  # the same resources on Azure itself are Microsoft's


@pytest.mark.parametrize(
    ("host", "operator"),
    [("management.sovcloud-api.fr", "Bleu"), ("management.sovcloud-api.de", "Delos Cloud")],
)
def test_bleu_and_delos_resource_manager_as_metadata_host(tmp_path, monkeypatch, capsys, host, operator):
    import json

    from sovlint.cli import main

    (tmp_path / "main.tf").write_text(
        f'provider "azurerm" {{\n  features {{}}\n  metadata_host = "{host}"\n}}\n' + BLEU_STORAGE % "francecentral"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["inventory", "--format", "json", "."]) == 0
    rows = json.loads(capsys.readouterr().out)["resources"]
    assert {(r["company"], r["control"]) for r in rows} == {(operator, "EU/EEA")}  # the operator, not Microsoft
    (tmp_path / "main.tf").write_text(BLEU_STORAGE % "francecentral")
    assert main(["inventory", "--format", "json", "."]) == 0
    rows = json.loads(capsys.readouterr().out)["resources"]
    assert {(r["company"], r["control"]) for r in rows} == {("Microsoft Corporation", "foreign")}


def test_azapi_resources_in_a_bleu_location(lint):
    source = (
        'resource "azapi_resource" "example" {\n  type = "Microsoft.ContainerRegistry/registries@2020-11-01-preview"\n'
        '  name = "registry1"\n  parent_id = "/subscriptions/0/resourceGroups/example"\n  location = "%s"\n}\n'
    )
    assert lint({"main.tf": source % "bleufrancecentral"}, only=["SOV101", "SOV201"]) == []
    found = lint({"main.tf": source % "eastus"}, only=["SOV101", "SOV201"])
    assert sorted(f.rule_id for f in found) == ["SOV101", "SOV201"]


def test_catalog_says_bleu_runs_microsoft_technology():
    from sovlint.knowledge import facts

    text = facts.provider("hashicorp/azurerm")
    assert "Sovereign offer: Bleu (Microsoft Azure technology operated by Bleu, France)" in text
    assert "the software is Microsoft's (a US company)" in text
