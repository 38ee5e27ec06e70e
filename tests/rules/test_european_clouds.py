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
        pytest.param(
            'provider "outscale" {\n  api {\n    region = "eu-west-2"\n  }\n}\nresource "outscale_net" "n" {\n  ip_range = "10.0.0.0/16"\n}\n',
            [],
            id="outscale-eu-west-2-is-france-from-nested-api-block",
        ),
        pytest.param(
            'provider "outscale" {\n  region = "us-east-2"\n}\nresource "outscale_net" "n" {\n  ip_range = "10.0.0.0/16"\n}\n',
            [("SOV101", "US")],
            id="outscale-deprecated-top-level-region",
        ),
        pytest.param(
            'resource "outscale_volume" "v" {\n  subregion_name = "ap-northeast-1a"\n}\n',
            [("SOV101", "JP")],
            id="outscale-subregion",
        ),
        pytest.param(
            'provider "flexibleengine" {\n  region = "eu-west-0"\n}\nresource "flexibleengine_vpc_v1" "v" {\n  cidr = "10.0.0.0/16"\n}\n'
            'resource "flexibleengine_compute_instance_v2" "vm" {\n  availability_zone = "eu-west-1b"\n}\n',
            [],
            id="flexibleengine-paris-and-amsterdam",
        ),
        pytest.param(
            'resource "infomaniak_dbaas" "db" {\n  region = "dc4-a"\n}\nresource "infomaniak_zone" "z" {\n  fqdn = "example.ch"\n}\n',
            [("SOV101", "CH")],
            id="infomaniak-switzerland",
        ),
        pytest.param(
            'resource "exoscale_sks_cluster" "k" {\n  zone = "de-fra-1"\n}\nresource "exoscale_compute_instance" "vm" {\n  zone = "ch-gva-2"\n}\n'
            'resource "exoscale_iam_role" "r" {\n  name = "r"\n}\n',
            [("SOV101", "CH")],
            id="exoscale-frankfurt-and-geneva",
        ),
        pytest.param(
            'resource "exoscale_nlb" "n" {\n  zone = "ch-dk-1"\n}\n',
            [("SOV103", "")],
            id="exoscale-retired-zone-is-unknown",
        ),
    ],
)
def test_european_cloud_locations(lint, source, expected):
    findings = lint({"main.tf": source}, only=LOCATION_RULES)
    assert [(f.rule_id, dict(f.properties).get("country", "")) for f in findings] == expected


def test_switzerland_is_adequate(lint):
    files = {"main.tf": 'resource "infomaniak_dbaas" "db" {\n  region = "dc4-a"\n}\n'}
    assert lint(files, only=LOCATION_RULES, profile="eu-adequate") == []


OVH = 'provider "ovh" {\n  endpoint = "ovh-eu"\n}\n'


@pytest.mark.parametrize("rtype", ["ovh_cloud_project_storage", "ovh_cloud_project_volume"])
@pytest.mark.parametrize(
    ("region", "expected"),
    [("GRA", []), ("BHS5", [("SOV101", "CA")]), ("var.bucket_region", [("SOV102", "")])],
)
def test_an_ovh_bucket_or_volume_is_placed_by_its_region_name(lint, rtype, region, expected):
    """An Object Storage bucket or a volume names its region in region_name: Gravelines is in France, Beauharnois in
    Canada, and a variable no one declares leaves it unresolved."""
    written = region if region.startswith("var.") else f'"{region}"'
    source = OVH + f'resource "{rtype}" "b" {{\n  service_name = "p"\n  region_name  = {written}\n  name = "b"\n}}\n'
    findings = lint({"main.tf": source}, only=LOCATION_RULES)
    assert [(f.rule_id, dict(f.properties).get("country", "")) for f in findings] == expected


def test_an_ovh_buckets_replication_to_another_continent_is_reported(lint):
    rules = '[{ destination = { name = "copy", region = "BHS" } }]'
    source = OVH + (
        'resource "ovh_cloud_project_storage" "b" {\n  service_name = "p"\n  region_name  = "GRA"\n  name = "b"\n'
        f"  replication = {{\n    rules = {rules}\n  }}\n}}\n"
    )
    findings = lint({"main.tf": source}, only=[*LOCATION_RULES, "SOV105"])
    assert [f.rule_id for f in findings] == ["SOV105"]
    assert "BHS" in findings[0].message
