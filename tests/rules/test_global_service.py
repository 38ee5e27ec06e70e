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


def test_a_dual_region_in_one_country_is_that_country(lint):
    findings = lint(
        {"main.tf": 'resource "google_storage_bucket" "b" {\n  location = "NAM4"\n}\n'}, only=["SOV101", "SOV104"]
    )
    assert [f.rule_id for f in findings] == ["SOV101"]
