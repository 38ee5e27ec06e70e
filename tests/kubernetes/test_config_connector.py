"""Config Connector objects placed as Terraform places the resources they create: a Spanner instance by its
instance configuration, a compute kind whose location is `global` as the global resource it is."""

import pytest

SPANNER = (
    "apiVersion: spanner.cnrm.cloud.google.com/v1beta1\nkind: SpannerInstance\nmetadata:\n  name: db\n"
    "spec:\n  config: {config}\n  displayName: db\n  numNodes: 1\n"
)
ADDRESS = (
    "apiVersion: compute.cnrm.cloud.google.com/v1beta1\nkind: ComputeAddress\nmetadata:\n  name: ip\n"
    "spec:\n  location: {location}\n  addressType: INTERNAL\n  purpose: VPC_PEERING\n  prefixLength: 16\n"
)
LOCATION_RULES = ["SOV101", "SOV102", "SOV103", "SOV104"]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        pytest.param("regional-us-west1", [("SOV101", 1)], id="regional-us"),
        pytest.param("regional-europe-west1", [], id="regional-eu"),
        pytest.param("nam3", [("SOV103", 1)], id="multi-region-config-unknown"),
    ],
)
def test_a_spanner_instance_is_placed_by_its_instance_configuration(lint, config, expected):
    findings = lint({"spanner.yaml": SPANNER.format(config=config)}, only=LOCATION_RULES)
    assert [(f.rule_id, f.line) for f in findings] == expected  # at the object, as every placement finding


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        pytest.param("global", [], id="global-address-has-no-location-of-its-own"),
        pytest.param("us-central1", ["SOV101"], id="regional-address"),
    ],
)
def test_a_global_compute_address_is_judged_as_terraform_s_global_address(lint, location, expected):
    findings = lint({"address.yaml": ADDRESS.format(location=location)})
    assert [f.rule_id for f in findings if f.rule_id in LOCATION_RULES] == expected
    assert [f.rule_id for f in findings if f.rule_id == "SOV201"] == ["SOV201"]  # run by Google either way


def test_a_kind_without_a_global_counterpart_stays_global(lint):
    keyring = "apiVersion: kms.cnrm.cloud.google.com/v1beta1\nkind: KMSKeyRing\nmetadata:\n  name: k\nspec:\n  location: global\n"
    assert [f.rule_id for f in lint({"k.yaml": keyring}, only=LOCATION_RULES)] == ["SOV104"]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        pytest.param("regional-asia-east1", ["SOV101"], id="regional-outside"),
        pytest.param("regional-europe-west3", [], id="regional-inside"),
    ],
)
def test_terraform_places_a_spanner_instance_by_its_config(lint, config, expected):
    main = (
        'provider "google" {\n  region = "europe-west1"\n}\n'
        f'resource "google_spanner_instance" "db" {{\n  config       = "{config}"\n  display_name = "db"\n}}\n'
    )
    assert [f.rule_id for f in lint({"main.tf": main}, only=LOCATION_RULES)] == expected
