"""Resources of the European clouds are placed from their own region lists (policies/regions, resource_types)."""

import pytest

LOCATION_RULES = ["SOV101", "SOV102", "SOV103"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            'provider "opentelekomcloud" {\n  region = "eu-ch2"\n}\nresource "opentelekomcloud_obs_bucket" "b" {\n  bucket = "x"\n}\n',
            [("SOV101", "CH")],
            id="otc-swiss-region-from-provider",
        ),
        pytest.param(
            'provider "opentelekomcloud" {\n  region = "eu-ch2"\n}\n'
            'resource "opentelekomcloud_obs_bucket" "b" {\n  region = "eu-nl"\n}\n',
            [],
            id="otc-resource-region-wins",
        ),
        pytest.param(
            'resource "opentelekomcloud_compute_instance_v2" "vm" {\n  availability_zone = "eu-de-02"\n}\n',
            [],
            id="otc-zone",
        ),
        pytest.param(
            'provider "opentelekomcloud" {\n  region = "eu-ch2"\n}\n'
            'resource "opentelekomcloud_identity_project_v3" "p" {\n  name = "p"\n}\n',
            [],
            id="otc-identity-has-no-location",
        ),
        pytest.param(
            'provider "opentelekomcloud" {\n  auth_url = "https://iam.example"\n}\n'
            'resource "opentelekomcloud_obs_bucket" "b" {\n  bucket = "x"\n}\n',
            [("SOV102", "")],
            id="otc-no-region-anywhere",
        ),
        pytest.param(
            'resource "arubacloud_cloudserver" "s" {\n  location = "ITBG-Bergamo"\n  zone = "ITBG-1"\n}\n',
            [],
            id="aruba-bergamo",
        ),
        pytest.param(
            'resource "arubacloud_blockstorage" "v" {\n  location = "ITBG-Nowhere"\n}\n',
            [("SOV103", "")],
            id="aruba-unknown-location",
        ),
    ],
)
def test_european_cloud_locations(lint, source, expected):
    findings = lint({"main.tf": source}, only=LOCATION_RULES)
    assert [(f.rule_id, dict(f.properties).get("country", "")) for f in findings] == expected
