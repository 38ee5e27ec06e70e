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
        pytest.param('resource "aws_s3_bucket" "b" {\n  region = "eu-west-1"\n}\n', [], id="regional"),
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
