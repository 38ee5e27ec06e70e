def test_dynamodb_replica_outside(lint):
    source = (
        'resource "aws_dynamodb_table" "t" {\n  region = "eu-west-1"\n  name = "t"\n'
        '  replica {\n    region_name = "eu-central-1"\n  }\n  replica {\n    region_name = "us-east-1"\n  }\n}\n'
    )
    (finding,) = lint({"main.tf": source}, only=["SOV101", "SOV105"])
    assert (finding.rule_id, finding.line, finding.key) == ("SOV105", 4, "us-east-1")
    assert finding.message == "aws_dynamodb_table.t copies its data to us-east-1 (United States), outside the EU/EEA"


def test_google_secret_replicas(lint):
    source = (
        'resource "google_secret_manager_secret" "s" {\n  secret_id = "s"\n  replication {\n    user_managed {\n'
        '      replicas {\n        location = "europe-west1"\n      }\n      replicas {\n        location = "us-central1"\n'
        "      }\n    }\n  }\n}\n"
    )
    assert [f.key for f in lint({"main.tf": source}, only=["SOV105"])] == ["us-central1"]


def test_geo_redundant_storage_follows_the_region_pair(lint):
    account = 'resource "azurerm_storage_account" "sa" {{\n  location = "{where}"\n  account_replication_type = "{mode}"\n}}\n'
    assert lint({"main.tf": account.format(where="westeurope", mode="GRS")}, only=["SOV105"]) == []
    assert lint({"main.tf": account.format(where="westeurope", mode="LRS")}, only=["SOV105"]) == []
    findings = lint({"main.tf": account.format(where="uksouth", mode="RAGRS")}, only=["SOV105"], profile="eu-adequate")
    assert findings == []


def test_geo_redundant_copy_to_a_pair_abroad(lint):
    account = 'resource "azurerm_storage_account" "sa" {\n  location = "brazilsouth"\n  account_replication_type = "GZRS"\n}\n'
    (finding,) = lint({"main.tf": account}, only=["SOV105"])
    assert (finding.key, finding.line) == ("southcentralus", 3)


def test_container_registry_geo_replications(lint):
    source = (
        'resource "azurerm_container_registry" "acr" {\n  name = "containerRegistry1"\n  resource_group_name = "rg"\n'
        '  location = "West Europe"\n  sku = "Premium"\n  georeplications {\n    location = "East US"\n'
        '    zone_redundancy_enabled = true\n  }\n  georeplications {\n    location = "North Europe"\n  }\n}\n'
    )
    findings = lint({"main.tf": source}, only=["SOV105"])
    assert [(f.line, "East US (United States)" in f.message) for f in findings] == [(6, True)]


def test_geo_redundant_backups_go_to_the_paired_region(lint):
    source = (
        'resource "azurerm_postgresql_flexible_server" "db" {\n  location = "westus"\n'
        "  geo_redundant_backup_enabled = true\n}\n"
    )
    (finding,) = lint({"main.tf": source}, only=["SOV105"])
    assert "eastus" in finding.message
    assert lint({"main.tf": source.replace("true", "false")}, only=["SOV105"]) == []


def test_dsql_witness_region_written_in_a_dynamic_block(lint):
    """A multi-Region Aurora DSQL cluster keeps its transaction log in its witness Region: reported at the block
    that names it, a dynamic one included; the cluster's peering is a part of it, with no location finding."""
    source = (
        'provider "aws" {\n  region = "eu-west-1"\n}\nvariable "witness" {\n  default = "us-west-2"\n}\n'
        'resource "aws_dsql_cluster" "a" {\n  dynamic "multi_region_properties" {\n    for_each = [1]\n'
        "    content {\n      witness_region = var.witness\n    }\n  }\n}\n"
        'resource "aws_dsql_cluster_peering" "a" {\n  identifier = aws_dsql_cluster.a.identifier\n'
        '  region = "us-east-1"\n  clusters = ["arn:aws:dsql:us-east-2:123456789012:cluster/x"]\n}\n'
    )
    findings = lint({"main.tf": source}, only=["SOV101", "SOV105"])
    assert [(f.rule_id, f.address, f.line, f.key) for f in findings] == [
        ("SOV105", "aws_dsql_cluster.a", 8, "us-west-2")
    ]
    in_eu = source.replace('default = "us-west-2"', 'default = "eu-central-1"')
    assert lint({"main.tf": in_eu}, only=["SOV105"]) == []
