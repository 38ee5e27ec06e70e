"""IBM, Alibaba, Huawei, Tencent, Yandex, DigitalOcean, Linode, UpCloud and Vultr resources are placed from policies/resource_types and regions."""

import pytest

RULES = ["SOV101", "SOV102", "SOV103", "SOV104"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            'provider "ibm" {\n  region = "eu-de"\n}\nresource "ibm_is_vpc" "v" {\n  name = "v"\n}\n',
            [],
            id="ibm-vpc-takes-the-provider-region",
        ),
        pytest.param('resource "ibm_compute_vm_instance" "c" {\n  datacenter = "ams03"\n}\n', [], id="ibm-datacenter"),
        pytest.param(
            'resource "ibm_cos_bucket" "b" {\n  region_location = "us-south"\n}\n', [("SOV101", 2)], id="ibm-cos-us"
        ),
        pytest.param(
            'resource "ibm_cos_bucket" "m" {\n  single_site_location = "mil01"\n}\n'
            'resource "ibm_cos_bucket" "o" {\n  single_site_location = "osl01"\n}\n'
            'resource "ibm_cos_bucket" "e" {\n  cross_region_location = "eu"\n}\n',
            [],
            id="ibm-cos-milan-oslo-and-eu-cross-region",
        ),
        pytest.param(
            'resource "ibm_cos_bucket" "s" {\n  single_site_location = "seo01"\n}\n'
            'resource "ibm_cos_bucket" "u" {\n  cross_region_location = "us"\n}\n'
            'resource "ibm_cos_bucket" "a" {\n  cross_region_location = "ap"\n}\n',
            [("SOV101", 2), ("SOV101", 5), ("SOV104", 8)],
            id="ibm-cos-seoul-and-us-ap-cross-region",
        ),
        pytest.param(
            'provider "alicloud" {\n  region = "cn-hangzhou-finance"\n}\nresource "alicloud_oss_bucket" "o" {\n  bucket = "o"\n}\n'
            'resource "alicloud_vpc" "m" {\n  provider = alicloud.mx\n}\nprovider "alicloud" {\n  alias  = "mx"\n  region = "na-south-1"\n}\n',
            [("SOV101", 4), ("SOV101", 7)],
            id="alicloud-finance-and-mexico-regions",
        ),
        pytest.param(
            'resource "ibm_resource_instance" "cos" {\n  location = "global"\n}\n',
            [("SOV104", 2)],
            id="ibm-global-instance",
        ),
        pytest.param(
            'resource "ibm_satellite_location" "s" {\n  location = "my-factory"\n}\n',
            [],
            id="ibm-satellite-location-is-not-a-region",
        ),
        pytest.param(
            'provider "alicloud" {\n  region = "eu-central-1"\n}\nresource "alicloud_oss_bucket" "o" {\n  bucket = "o"\n}\n'
            'resource "alicloud_pvtz_zone_record" "r" {\n  zone_id = "abc123"\n}\n',
            [],
            id="alicloud-frankfurt-and-a-dns-zone-id",
        ),
        pytest.param(
            'resource "alicloud_cdn_domain_new" "cdn" {\n  domain_name = "x"\n}\n', [("SOV104", 1)], id="alicloud-cdn"
        ),
        pytest.param(
            'resource "huaweicloud_compute_instance" "c" {\n  availability_zone = "cn-north-4a"\n}\n',
            [("SOV101", 2)],
            id="huawei-zone-in-china",
        ),
        pytest.param(
            'provider "tencentcloud" {\n  region = "eu-frankfurt"\n}\nresource "tencentcloud_vpc" "v" {\n  name = "v"\n}\n'
            'resource "tencentcloud_instance" "c" {\n  availability_zone = "ap-guangzhou-3"\n}\n',
            [("SOV101", 8)],
            id="tencent-provider-region-and-zone",
        ),
        pytest.param(
            'provider "yandex" {\n  zone = "ru-central1-a"\n}\nresource "yandex_compute_instance" "c" {\n  name = "c"\n}\n'
            'resource "yandex_dns_zone" "z" {\n  zone = "example.com."\n}\n',
            [("SOV101", 4)],
            id="yandex-zone-and-a-dns-zone-name",
        ),
        pytest.param(
            'resource "digitalocean_droplet" "web" {\n  region = "fra1"\n}\nresource "digitalocean_spaces_bucket" "b" {\n  region = "nyc3"\n}\n'
            'resource "digitalocean_cdn" "c" {\n  origin = "b.nyc3.digitaloceanspaces.com"\n}\n',
            [("SOV101", 5), ("SOV104", 7)],
            id="digitalocean-frankfurt-new-york-and-cdn",
        ),
        pytest.param(
            'resource "linode_instance" "i" {\n  region = "eu-central"\n}\nresource "linode_lke_cluster" "k" {\n  region = "us-east"\n}\n'
            'resource "linode_domain" "d" {\n  domain = "example.eu"\n}\n',
            [("SOV101", 5)],
            id="linode",
        ),
        pytest.param(
            'resource "upcloud_server" "s" {\n  zone = "de-fra1"\n}\nresource "upcloud_managed_database_postgresql" "db" {\n  zone = "us-nyc1"\n}\n',
            [("SOV101", 5)],
            id="upcloud",
        ),
        pytest.param(
            'resource "upcloud_server" "s" {\n  zone = "es-mad1"\n}\n'
            'resource "upcloud_managed_object_storage" "o" {\n  region = "europe-1"\n}\n',
            [("SOV103", 5)],
            id="upcloud-madrid-and-object-storage-region-of-unknown-country",
        ),
        pytest.param(
            'resource "upcloud_server" "cph" {\n  zone = "dk-cph1"\n}\nresource "upcloud_server" "svg" {\n  zone = "no-svg1"\n}\n'
            'resource "upcloud_server" "waw" {\n  zone = "pl-waw1"\n}\nresource "upcloud_server" "sto" {\n  zone = "se-sto1"\n}\n'
            'resource "upcloud_server" "syd" {\n  zone = "au-syd1"\n}\n',
            [("SOV101", 14)],
            id="upcloud-newer-zones-copenhagen-stavanger-warsaw-stockholm-sydney",
        ),
        pytest.param(
            'resource "digitalocean_droplet" "web" {\n  region = "syd1"\n}\nresource "digitalocean_droplet" "atl" {\n  region = "atl1"\n}\n',
            [("SOV101", 2), ("SOV103", 5)],
            id="digitalocean-sydney-and-atlanta-slug-without-a-country",
        ),
        pytest.param(
            'resource "vultr_instance" "i" {\n  region = "fra"\n}\nresource "vultr_kubernetes" "k" {\n  region = "ewr"\n}\n'
            'resource "vultr_dns_domain" "d" {\n  domain = "example.eu"\n}\n',
            [("SOV101", 5)],
            id="vultr",
        ),
        pytest.param(
            'resource "vultr_instance" "m" {\n  region = "man"\n}\nresource "vultr_instance" "w" {\n  region = "waw"\n}\n',
            [("SOV103", 2)],
            id="vultr-manchester-listed-without-a-country",
        ),
    ],
)
def test_other_cloud_locations(lint, source, expected):
    assert [(f.rule_id, f.line) for f in lint({"main.tf": source}, only=RULES)] == expected


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"main.tf": 'provider "ibm" {\n  ibmcloud_timeout = 60\n}\nresource "ibm_is_vpc" "v" {\n  name = "v"\n}\n'},
            [("SOV101", "us-south is the documented default when the configuration sets no location")],
            id="ibm-provider-without-region-uses-us-south",
        ),
        pytest.param(
            {"main.tf": 'provider "ibm" {\n  region = "eu-de"\n}\nresource "ibm_is_vpc" "v" {\n  name = "v"\n}\n'},
            [],
            id="a-configured-region-wins-over-the-default",
        ),
        pytest.param(
            {
                "main.tf": 'terraform {\n  backend "local" {}\n}\nresource "alicloud_oss_bucket" "b" {\n  bucket = "b"\n}\n'
            },
            [("SOV101", "cn-beijing is the documented default")],
            id="alicloud-root-module-without-provider-block",
        ),
        pytest.param(
            {"main.tf": 'resource "alicloud_oss_bucket" "b" {\n  bucket = "b"\n}\n'},
            [],
            id="a-reusable-module-takes-its-callers-region-not-the-default",
        ),
        pytest.param(
            {
                "main.tf": 'provider "digitalocean" {}\nresource "digitalocean_spaces_bucket" "b" {\n  name = "b"\n}\n'
                'resource "digitalocean_droplet" "d" {\n  name = "d"\n}\n'
            },
            [("SOV101", "nyc3 is the documented default"), ("SOV102", "it sets no region")],
            id="digitalocean-bucket-default-but-not-the-droplet",
        ),
    ],
)
def test_documented_defaults(lint, files, expected):
    findings = lint(files, only=RULES)
    assert [f.rule_id for f in findings] == [rule for rule, _ in expected]
    for finding, (_, fragment) in zip(findings, expected, strict=True):
        assert fragment in finding.message


def test_cloudflare_r2_jurisdiction(lint):
    source = (
        'provider "cloudflare" {}\n'
        'resource "cloudflare_r2_bucket" "eu" {\n  name = "a"\n  jurisdiction = "eu"\n}\n'
        'resource "cloudflare_r2_bucket" "hint" {\n  name = "b"\n  location = "weur"\n}\n'
        'resource "cloudflare_r2_bucket" "fed" {\n  name = "c"\n  jurisdiction = "fedramp"\n}\n'
        'resource "cloudflare_dns_record" "r" {\n  name = "x"\n}\n'
    )
    findings = lint({"main.tf": source}, only=RULES)
    assert [(f.rule_id, f.address) for f in findings] == [
        ("SOV102", "cloudflare_r2_bucket.hint"),  # a location hint is best effort, not a place
        ("SOV101", "cloudflare_r2_bucket.fed"),
    ]
    assert findings[0].message.endswith("it sets no jurisdiction")
