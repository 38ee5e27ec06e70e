"""Instances of count and for_each: judged apart when their locations differ, once when they agree."""

BUCKETS = """
provider "aws" {
  region = "eu-west-1"
}
variable "sites" {
  default = %s
}
resource "aws_s3_bucket" "b" {
  for_each = var.sites
  bucket   = each.key
  region   = each.value
}
"""


def test_instances_with_different_regions_are_judged_apart(lint):
    sites = '{ paris = "eu-west-3", virginia = "us-east-1", ohio = "us-east-2" }'
    findings = lint({"main.tf": BUCKETS % sites}, only=["SOV101", "SOV102"])
    assert [(f.rule_id, f.address) for f in findings] == [
        ("SOV101", 'aws_s3_bucket.b["ohio"]'),
        ("SOV101", 'aws_s3_bucket.b["virginia"]'),
    ]


def test_instances_that_share_a_verdict_give_one_finding_that_names_them(lint):
    sites = '{ a = "us-east-1", b = "us-east-1", paris = "eu-west-3" }'
    findings = lint({"main.tf": BUCKETS % sites}, only=["SOV101"])
    assert [f.address for f in findings] == ['aws_s3_bucket.b["a", "b"]']


def test_instances_that_all_agree_keep_the_resource_address(lint):
    sites = '{ a = "us-east-1", b = "us-east-1" }'
    (finding,) = lint({"main.tf": BUCKETS % sites}, only=["SOV101"])
    assert finding.address == "aws_s3_bucket.b"


def test_each_value_is_known_per_instance(lint):
    sites = '{ a = "eu-west-3" }'
    assert lint({"main.tf": BUCKETS % sites}, only=["SOV101", "SOV102"]) == []


CHAINED = """
provider "azurerm" {
  features {}
}
variable "zones" {
  default = %s
}
resource "azurerm_storage_account" "sa" {
  for_each = var.zones
  name     = each.key
  location = "westeurope"
}
resource "azurerm_key_vault" "by_account" {
  for_each = azurerm_storage_account.sa
  name     = each.key
  location = "eastus"
}
resource "azurerm_key_vault" "by_count" {
  count    = length(azurerm_storage_account.sa)
  name     = "kv"
  location = "eastus2"
}
"""


def test_for_each_over_a_resource_takes_its_instance_keys(lint):
    """`for_each = azurerm_storage_account.sa`: the keys are known before apply, so existence is known."""
    findings = lint({"main.tf": CHAINED % '{ a = "x", b = "y" }'}, only=["SOV101"])
    assert [(f.address, f.message.endswith(")")) for f in findings] == [
        ("azurerm_key_vault.by_account", False),
        ("azurerm_key_vault.by_count", False),
    ]
    assert lint({"main.tf": CHAINED % "{}"}, only=["SOV101", "SOV201"]) == []
