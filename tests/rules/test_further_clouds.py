"""Nebius, cloudscale.ch, gridscale, Civo, Baidu AI Cloud, Selectel and VK Cloud: control and, where sourced, location."""

import pytest

RULES = ["SOV101", "SOV102", "SOV103", "SOV201"]


def _verdicts(findings):
    """(rule, country of the data, or for SOV201 the home of the ultimate parent)."""
    key = {"SOV201": "parent_country"}
    return sorted((f.rule_id, dict(f.properties).get(key.get(f.rule_id, "country"), "")) for f in findings)


@pytest.mark.parametrize(
    ("source", "expected", "profile"),
    [
        pytest.param(
            'resource "cloudscale_server" "web-worker01" {\n  name = "web-worker01"\n  flavor_slug = "flex-8-4"\n'
            '  image_slug = "debian-11"\n  zone_slug = "lpg1"\n  volume_size_gb = 10\n}\n',
            [("SOV101", "CH"), ("SOV201", "CH")],
            "eu-strict",
            id="cloudscale-switzerland-is-outside-eu-strict",
        ),
        pytest.param(
            'resource "cloudscale_server" "web" {\n  name = "web"\n  zone_slug = "rma1"\n}\n',
            [],
            "eu-adequate",
            id="cloudscale-switzerland-is-adequate",
        ),
        pytest.param(
            'provider "civo" {\n  region = "LON1"\n}\nresource "civo_instance" "foo" {\n  hostname = "foo.com"\n'
            '  size = "g3.xsmall"\n  disk_image = "debian-10"\n}\n',
            [("SOV101", "GB"), ("SOV201", "GB")],
            "eu-strict",
            id="civo-london",
        ),
        pytest.param(
            'resource "civo_kubernetes_cluster" "k" {\n  name = "k"\n  region = "fra1"\n}\n',
            [("SOV201", "GB")],
            "eu-strict",
            id="civo-frankfurt-lower-case",
        ),
        pytest.param(
            'provider "baiducloud" {\n  region = "bj"\n}\nresource "baiducloud_instance" "my-server" {\n'
            '  availability_zone = "cn-bj-c"\n  instance_spec = "bcc.gr1.c1m4"\n}\n',
            [("SOV101", "CN"), ("SOV201", "CN")],
            "eu-strict",
            id="baidu-beijing",
        ),
        pytest.param(
            'resource "gridscale_server" "server" {\n  name = "terra-server-test"\n  cores = 2\n  memory = 1\n}\n',
            [],
            "eu-strict",
            id="gridscale-owned-by-ovhcloud-is-eu",
        ),
        pytest.param(
            'resource "selectel_vpc_project_v2" "project_1" {\n  name = "my-first-project"\n}\n',
            [("SOV201", "RU")],
            "eu-strict",
            id="selectel-russia",
        ),
        pytest.param(
            'resource "vkcs_compute_instance" "basic" {\n  name = "basic-tf-example"\n  availability_zone = "GZ1"\n}\n',
            [("SOV201", "RU")],
            "eu-strict",
            id="vk-cloud-russia",
        ),
        pytest.param(
            'resource "nebius_compute_v1_instance" "vm" {\n  parent_id = "project-e00xyz"\n  name = "vm"\n}\n',
            [],
            "eu-strict",
            id="nebius-netherlands",
        ),
    ],
)
def test_further_clouds(lint, source, expected, profile):
    assert _verdicts(lint({"main.tf": source}, only=RULES, profile=profile)) == expected
