import pytest


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            'resource "aws_cloudfront_distribution" "cdn" {}\n', ["aws_cloudfront_distribution.cdn"], id="cdn"
        ),
        pytest.param(
            'resource "google_gke_hub_membership" "m" {\n  location = "global"\n}\n',
            ["google_gke_hub_membership.m"],
            id="global-location",
        ),
        pytest.param(
            'resource "google_storage_bucket" "b" {\n  location = "EUR5"\n}\n',
            ["google_storage_bucket.b"],
            id="eu-uk-dual-region",
        ),
        pytest.param('resource "google_storage_bucket" "b" {\n  location = "EU"\n}\n', [], id="eu-multi-region"),
        pytest.param(
            'resource "google_logging_log_scope" "s" {\n  location = "global"\n  resource_names = ["projects/p"]\n}\n',
            [],
            id="a-log-scope-lists-where-to-read-and-global-is-its-only-location",
        ),
        pytest.param('resource "aws_s3_bucket" "b" {\n  region = "eu-west-1"\n}\n', [], id="regional"),
        pytest.param(
            'provider "aws" {\n  region = "eu-west-1"\n}\nresource "aws_route53_health_check" "h" {\n  fqdn = "x.eu"\n}\n',
            ["aws_route53_health_check.h"],
            id="health-checkers-worldwide-whatever-the-provider-region",
        ),
    ],
)
def test_global_service(lint, source, expected):
    assert [f.address for f in lint({"main.tf": source}, only=["SOV104", "SOV101"])] == expected


def test_message_for_a_multi_region(lint):
    (finding,) = lint({"main.tf": 'resource "google_storage_bucket" "b" {\n  location = "EUR5"\n}\n'}, only=["SOV104"])
    assert (
        finding.message
        == "google_storage_bucket.b is in EUR5, a multi-region that includes United Kingdom, outside the EU/EEA"
    )


@pytest.mark.parametrize("location", ["US", "NAM4"])
def test_a_multi_region_in_one_country_is_a_multi_region(lint, location):
    """SPEC §4: `US` multi-region buckets are SOV104's, though all their data centres are in one country."""
    source = f'resource "google_storage_bucket" "b" {{\n  location = "{location}"\n}}\n'
    (finding,) = lint({"main.tf": source}, only=["SOV101", "SOV104"])
    assert finding.rule_id == "SOV104"
    assert finding.message == (
        f"google_storage_bucket.b is in {location}, a multi-region that includes United States, outside the EU/EEA"
    )


def test_parts_of_an_edge_service_are_not_global_services(lint):
    source = 'resource "aws_cloudfront_cache_policy" "p" {\n  name = "p"\n}\n'
    assert lint({"main.tf": source}, only=["SOV104"]) == []


# One rule for DNS in every cloud: a zone is a global service (SOV104); its records and links are parts of it,
# with no SOV1xx of their own, whatever location they write.
DNS = """
provider "aws" {
  region = "eu-west-1"
}
provider "azurerm" {
  features {}
}
provider "google" {
  region = "europe-west1"
}
resource "aws_route53_zone" "public" {
  name = "example.com"
}
resource "aws_route53_zone" "private" {
  name = "internal.example.com"
  vpc {
    vpc_id = "vpc-1"
  }
}
resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "www"
  type    = "A"
}
resource "azurerm_dns_zone" "public" {
  name                = "example.com"
  resource_group_name = "rg"
}
resource "azurerm_dns_a_record" "www" {
  name      = "www"
  zone_name = azurerm_dns_zone.public.name
}
resource "azurerm_private_dns_zone" "blob" {
  name                = "privatelink.blob.core.windows.net"
  resource_group_name = "rg"
}
resource "azurerm_private_dns_zone_virtual_network_link" "blob" {
  private_dns_zone_name = azurerm_private_dns_zone.blob.name
  virtual_network_id    = "vnet"
}
resource "azapi_resource" "zone" {
  type      = "Microsoft.Network/privateDnsZones@2020-06-01"
  name      = "privatelink.vaultcore.azure.net"
  parent_id = "rg"
  location  = "global"
}
resource "azapi_resource" "link" {
  type      = "Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01"
  name      = "link"
  parent_id = azapi_resource.zone.id
  location  = "global"
}
resource "azapi_resource" "record" {
  type      = "microsoft.network/privatednszones/A@2020-06-01"
  name      = "www"
  parent_id = azapi_resource.zone.id
}
resource "azapi_resource" "vault" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "kv"
  parent_id = "rg"
  location  = "global"
}
resource "google_dns_managed_zone" "zone" {
  name     = "zone"
  dns_name = "example.com."
}
resource "google_dns_record_set" "www" {
  managed_zone = google_dns_managed_zone.zone.name
  name         = "www.example.com."
  type         = "A"
}
"""


def test_dns_zones_are_global_in_every_cloud_and_their_records_and_links_are_parts(lint):
    found = lint(
        {"main.tf": 'terraform {\n  required_providers {\n    azapi = { source = "Azure/azapi" }\n  }\n}\n' + DNS}
    )
    sov1xx = sorted(f.address for f in found if f.rule_id.startswith("SOV1"))
    assert sov1xx == [
        "aws_route53_zone.private",
        "aws_route53_zone.public",
        "azapi_resource.vault",  # a resource of another type in the 'global' location is still judged by it
        "azapi_resource.zone",
        "azurerm_dns_zone.public",
        "azurerm_private_dns_zone.blob",
        "google_dns_managed_zone.zone",
    ]
    assert {f.rule_id for f in found if f.rule_id.startswith("SOV1")} == {"SOV104"}
    controlled = {f.address for f in found if f.rule_id == "SOV201"}
    assert {"aws_route53_record.www", "azapi_resource.link", "google_dns_record_set.www"} <= controlled


def test_a_log_scope_is_still_run_by_google(lint):
    source = 'resource "google_logging_log_scope" "s" {\n  location = "global"\n  resource_names = ["projects/p"]\n}\n'
    assert [(f.rule_id, f.address) for f in lint({"main.tf": source})] == [("SOV201", "google_logging_log_scope.s")]
