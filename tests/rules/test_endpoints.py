"""Resources and state reached through another operator's endpoint (S3-compatible storage, OpenStack clouds)."""

import pytest

from sovlint.knowledge import catalog

RULES = ["SOV101", "SOV102", "SOV103", "SOV201", "SOV202", "SOV204"]

AWS_S3 = """
provider "aws" {{
  region = "{region}"
  endpoints {{
    s3 = "{url}"
  }}
  skip_region_validation = true
}}
resource "aws_s3_bucket" "b" {{
  bucket = "b"
}}
resource "aws_sqs_queue" "q" {{
  name = "q"
}}
"""

BACKEND = """
terraform {{
  backend "s3" {{
    bucket = "state"
    key    = "x"
    region = "{region}"
    {endpoint}
  }}
}}
"""


def _rules(findings, address):
    return sorted(f.rule_id for f in findings if f.address == address)


def test_a_local_s3_endpoint_is_a_test_double_for_buckets_only(lint):
    findings = lint({"main.tf": AWS_S3.format(region="us-east-1", url="http://localhost:4566")}, only=RULES)
    assert _rules(findings, "aws_s3_bucket.b") == []
    assert _rules(findings, "aws_sqs_queue.q") == ["SOV101", "SOV201"]  # the queue still goes to AWS


def test_an_unknown_s3_endpoint_is_not_guessed_to_be_aws_and_is_reported_once_where_it_is_set(lint):
    findings = lint(
        {"main.tf": AWS_S3.format(region="us-east-1", url="https://minio.example.internal:9000")}, only=RULES
    )
    assert _rules(findings, "aws_s3_bucket.b") == []  # not judged: who runs the endpoint is not known
    assert _rules(findings, "aws_sqs_queue.q") == ["SOV101", "SOV201"]
    [endpoint] = [f for f in findings if f.rule_id == "SOV204"]
    assert (endpoint.file, endpoint.line, endpoint.address) == ("main.tf", 5, 'provider["hashicorp/aws"]')
    assert "minio.example.internal is not an operator sovlint knows" in endpoint.message


@pytest.mark.parametrize("default", ["null", '""'])
def test_an_endpoint_set_to_null_or_empty_is_not_set(lint, default):
    """`s3 = var.s3_endpoint` with a null default: Terraform uses the provider's own endpoint, as if unset; an
    empty endpoint falls back to the default endpoint too (aws-sdk-go #3349, #3423)."""
    variable = f'variable "s3_endpoint" {{\n  type    = string\n  default = {default}\n}}\n'
    source = variable + AWS_S3.format(region="us-east-1", url="x").replace('"x"', "var.s3_endpoint")
    findings = lint({"main.tf": source}, only=RULES)
    assert _rules(findings, "aws_s3_bucket.b") == ["SOV101", "SOV201"]  # Amazon S3 in us-east-1
    assert not any("not a URL" in f.message for f in findings)
    openstack = variable.replace("s3_endpoint", "auth") + OPENSTACK.format(auth="auth_url = var.auth", region="R")
    (unresolved,) = lint({"main.tf": openstack}, only=RULES)
    assert unresolved.rule_id == "SOV102" and "does not name the OpenStack cloud in auth_url" in unresolved.message


def test_an_unknown_endpoint_used_by_many_resources_and_module_instances_is_one_finding(lint):
    module = 'resource "aws_s3_bucket" "a" {}\nresource "aws_s3_bucket" "b" {}\n'
    root = AWS_S3.format(region="eu-west-1", url="https://objects.example.org") + (
        'module "m" {\n  source = "./m"\n  count  = 2\n}\n'
    )
    findings = lint({"main.tf": root, "m/main.tf": module}, only=RULES)
    assert [(f.rule_id, f.line) for f in findings if f.rule_id != "SOV201"] == [("SOV204", 5)]


def test_an_aws_s3_endpoint_names_its_region(lint):
    url = "https://s3.eu-central-1.amazonaws.com"
    findings = lint({"main.tf": AWS_S3.format(region="us-east-1", url=url)}, only=RULES)
    assert _rules(findings, "aws_s3_bucket.b") == ["SOV201"]  # Frankfurt from the host, not us-east-1


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        pytest.param("", ["SOV202"], id="aws"),
        pytest.param('endpoints = { s3 = "http://127.0.0.1:9000" }', [], id="local"),
        pytest.param('endpoint = "https://minio.example.internal"', ["SOV204"], id="unknown-endpoint"),
        pytest.param('endpoints = { s3 = "https://s3.us-west-2.amazonaws.com" }', ["SOV202"], id="aws-endpoint"),
    ],
)
def test_s3_backend_endpoint(lint, endpoint, expected):
    findings = lint({"main.tf": BACKEND.format(region="eu-west-1", endpoint=endpoint)}, only=RULES)
    assert [f.rule_id for f in findings] == expected


def test_backend_on_aws_endpoint_in_a_us_region_says_where(lint):
    endpoint = 'endpoints = { s3 = "https://s3.us-west-2.amazonaws.com" }'
    [finding] = lint({"main.tf": BACKEND.format(region="eu-west-1", endpoint=endpoint)}, only=["SOV202"])
    assert "us-west-2 (United States)" in finding.message


OPENSTACK = """
provider "openstack" {{
  {auth}
  region = "{region}"
}}
resource "openstack_compute_instance_v2" "vm" {{
  name = "vm"
}}
resource "openstack_identity_project_v3" "p" {{
  name = "p"
}}
"""


def test_openstack_without_auth_url_is_unresolved_not_guessed(lint):
    findings = lint({"main.tf": OPENSTACK.format(auth="", region="RegionOne")}, only=RULES)
    assert [(f.rule_id, f.address) for f in findings] == [("SOV102", "openstack_compute_instance_v2.vm")]
    assert "auth_url" in findings[0].message


def test_openstack_reusable_module_takes_the_callers_cloud(lint):
    module = 'resource "openstack_compute_instance_v2" "vm" {\n  name = "vm"\n  region = "GRA11"\n}\n'
    assert lint({"modules/vm/main.tf": module}, only=RULES) == []


def test_openstack_private_cloud_is_an_unknown_endpoint(lint):
    auth = 'auth_url = "https://keystone.example.internal:5000/v3"'
    findings = lint({"main.tf": OPENSTACK.format(auth=auth, region="RegionOne")}, only=RULES)
    assert [(f.rule_id, f.address) for f in findings] == [
        ("SOV204", 'provider["terraform-provider-openstack/openstack"]')
    ]
    assert "keystone.example.internal" in findings[0].message


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://S3.Example.COM:443/path", "s3.example.com"),
        ("s3.example.com:9000", "s3.example.com"),
        ("http://[::1]:9000", "::1"),
        ("not a url at all", ""),
        ("http://[broken", ""),
    ],
)
def test_endpoint_host_of_odd_urls(url, host):
    assert catalog.load().endpoint("s3", url).host == host


OWN = """
provider "aws" {
  region = "eu-central-1"
  endpoints {
    s3 = "https://s3.storage.example.eu"
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
}
provider "openstack" {
  auth_url = "https://keystone.example.eu:5000/v3"
  region   = "RegionOne"
}
resource "openstack_compute_instance_v2" "vm" {
  name = "vm"
}
terraform {
  backend "s3" {
    bucket   = "state"
    key      = "x"
    region   = "us-east-1"
    endpoint = "https://s3.storage.example.eu"
  }
}
"""


def _json_run(tmp_path, monkeypatch, capsys, config):
    import json

    from conftest import write_tree
    from sovlint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir(exist_ok=True)
    write_tree(tmp_path, {"main.tf": OWN, ".sovlint.yaml": config})
    status = main(["--format", "json", "--no-cache", "--inventory", "."])
    out, err = capsys.readouterr()
    return status, json.loads(out), err


def test_endpoints_declared_in_config_are_placed_in_their_country(tmp_path, monkeypatch, capsys):
    status, report, _ = _json_run(tmp_path, monkeypatch, capsys, "profile: eu-strict\n")
    assert status == 0  # unknown endpoints are notes (SOV204), never a guessed AWS finding
    assert {f["rule_id"] for f in report["findings"]} == {"SOV204"}
    config = 'endpoints:\n  - {name: "our Ceph", hosts: ["*.example.eu"], country: DE}\n'
    status, report, err = _json_run(tmp_path, monkeypatch, capsys, config)
    assert status == 0 and report["findings"] == [], err
    config = 'endpoints:\n  - {name: "rented racks", hosts: ["*.example.eu"], country: CH, operator_country: US}\n'
    status, report, _ = _json_run(tmp_path, monkeypatch, capsys, config)
    found = sorted((f["rule_id"], f["address"]) for f in report["findings"])
    assert status == 1
    assert found == [
        ("SOV101", "aws_s3_bucket.b"),
        ("SOV101", "openstack_compute_instance_v2.vm"),
        ("SOV201", "aws_s3_bucket.b"),
        ("SOV201", "openstack_compute_instance_v2.vm"),
        ("SOV202", "terraform.backend.s3"),
    ]
    assert any("runs on rented racks" in f["message"] for f in report["findings"])


def test_a_bad_endpoint_in_config_is_a_usage_error(tmp_path, monkeypatch, capsys):
    from conftest import write_tree
    from sovlint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    write_tree(
        tmp_path, {"main.tf": OWN, ".sovlint.yaml": "endpoints:\n  - {hosts: [s3.example.eu], country: Germany}\n"}
    )
    assert main(["--format", "json", "."]) == 2
    assert ".sovlint.yaml:2: endpoints.0.country" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("auth", "region", "expected"),
    [
        pytest.param("https://auth.cloud.ovh.net/v3", "GRA11", [], id="ovh-gravelines"),
        pytest.param("https://auth.cloud.ovh.net/v3/", "US-EAST-VA-1", ["SOV101"], id="ovh-virginia"),
        pytest.param("https://kna1.citycloud.com:5000/v3", "", [], id="cleura-region-from-host"),
        pytest.param("https://sto2.citycloud.com:5000", "Buf1", ["SOV101"], id="cleura-region-argument-wins"),
        pytest.param("https://iam.eu-nl.otc.t-systems.com/v3", "", [], id="otc-amsterdam-from-host"),
        pytest.param("https://auth.binero.cloud:5000/v3", "europe-se-1", [], id="binero"),
        pytest.param(
            "https://api.pub1.infomaniak.cloud/identity/v3", "dc3-a", ["SOV101", "SOV201"], id="infomaniak-is-swiss"
        ),
        # an unknown code the provider configuration sets: one finding there, not one per resource (below)
        pytest.param("https://auth.cloud.ovh.net/v3", "GRA99", [], id="ovh-unknown-region"),
    ],
)
def test_openstack_public_clouds(lint, auth, region, expected):
    source = OPENSTACK.format(auth=f'auth_url = "{auth}"', region=region)
    if not region:
        source = source.replace('  region = ""\n', "")
    findings = lint({"main.tf": source}, only=RULES)
    assert [f.rule_id for f in findings if f.address == "openstack_compute_instance_v2.vm"] == expected
    control = [r for r in expected if r == "SOV201"]  # an identity project is judged on control only
    assert [f.rule_id for f in findings if f.address == "openstack_identity_project_v3.p"] == control


def test_openstack_finding_names_the_cloud_and_where_its_operator_was_set(lint):
    source = OPENSTACK.format(auth='auth_url = "https://auth.cloud.ovh.net/v3"', region="GRA99")
    [finding] = lint({"main.tf": source}, only=["SOV103"])
    assert "does not know for OVHcloud Public Cloud (OpenStack)" in finding.message
    assert finding.address == 'provider["terraform-provider-openstack/openstack"]'
    assert [o.what for o in finding.related] == ["openstack_compute_instance_v2.vm", "endpoint"]


@pytest.mark.parametrize(
    ("url", "endpoint", "region", "countries"),
    [
        ("https://s3.fr-par.scw.cloud", "scaleway-object-storage", "fr-par", ("FR",)),
        ("https://my-bucket.s3.pl-waw.scw.cloud", "scaleway-object-storage", "pl-waw", ("PL",)),
        ("https://s3.gra.io.cloud.ovh.net", "ovhcloud-object-storage", "gra", ("FR",)),
        ("https://s3.eu-west-par.io.cloud.ovh.net/", "ovhcloud-object-storage", "eu-west-par", ("FR",)),
        ("https://s3.bhs.perf.cloud.ovh.net", "ovhcloud-object-storage", "bhs", ("CA",)),
        ("https://s3.waw.cloud.ovh.net", "ovhcloud-object-storage-swift-legacy", "waw", ("PL",)),
        ("https://sos-ch-gva-2.exo.io", "exoscale-sos", "ch-gva-2", ("CH",)),
        ("https://s3.eu-central-2.ionoscloud.com", "ionos-object-storage", "eu-central-2", ("DE",)),
        ("https://s3-eu-south-2.ionoscloud.com", "ionos-object-storage", "eu-south-2", ("ES",)),
        ("https://s3.us-central-1.ionoscloud.com", "ionos-object-storage", "us-central-1", ("US",)),
        ("https://s3-de-central.profitbricks.com", "ionos-object-storage-legacy-profitbricks", "de", ("DE",)),
        ("https://fsn1.your-objectstorage.com", "hetzner-object-storage", "fsn1", ("DE",)),
        ("https://b.hel1.your-objectstorage.com", "hetzner-object-storage", "hel1", ("FI",)),
        ("https://object.storage.eu01.onstackit.cloud", "stackit-object-storage", "eu01", ("DE",)),
        ("https://mud5q.upcloudobjects.com", "upcloud-object-storage", "", ()),
        ("https://s3.pub2.infomaniak.cloud", "infomaniak-public-cloud-s3", "pub2", ("CH",)),
        ("https://obs.eu-nl.otc.t-systems.com", "otc-obs", "eu-nl", ("NL",)),
        ("https://obs.eu-ch2.sc.otc.t-systems.com", "otc-obs", "eu-ch2", ("CH",)),
        ("https://oos.eu-west-2.outscale.com", "outscale-oos", "eu-west-2", ("FR",)),
        ("https://oss.eu-west-0.prod-cloud-ocb.orange-business.com", "flexibleengine-obs", "eu-west-0", ("FR",)),
        ("https://s3.eu-west-1.amazonaws.com", "aws-s3", "eu-west-1", ("IE",)),
        ("https://fra1.digitaloceanspaces.com", "digitalocean-spaces", "fra1", ("DE",)),
        ("https://b.nyc3.digitaloceanspaces.com", "digitalocean-spaces", "nyc3", ("US",)),
        ("https://0123abcd.r2.cloudflarestorage.com", "cloudflare-r2", "", ()),
        ("https://0123abcd.fedramp.r2.cloudflarestorage.com", "cloudflare-r2", "fedramp", ("US",)),
        ("https://storage.googleapis.com", "google-cloud-storage-xml", "", ()),
        ("https://storage.s3nsapis.fr", "s3ns-cloud-storage-xml", "", ()),
        ("https://s3.private.eu-de.cloud-object-storage.appdomain.cloud", "ibm-cloud-object-storage", "eu-de", ("DE",)),
        ("https://s3.eu-gb.objectstorage.softlayer.net", "ibm-cloud-object-storage", "eu-gb", ("GB",)),
        (
            "https://ns.compat.objectstorage.eu-frankfurt-1.oraclecloud.com",
            "oci-object-storage-s3",
            "eu-frankfurt-1",
            ("DE",),
        ),
    ],
)
def test_s3_endpoints_of_operators(url, endpoint, region, countries):
    cat = catalog.load()
    match = cat.endpoint("s3", url)
    assert match.endpoint is not None and match.endpoint.id == endpoint
    assert match.region == region
    found = cat.endpoint_region(match.endpoint, region)
    assert (found.countries if found else ()) == countries


@pytest.mark.parametrize(
    ("region", "url", "expected"),
    [
        pytest.param("fr-par", "https://s3.fr-par.scw.cloud", [], id="scaleway-paris"),
        pytest.param("us-east-1", "https://s3.nl-ams.scw.cloud", [], id="host-region-wins-over-a-signing-region"),
        pytest.param("gra", "https://s3.gra.io.cloud.ovh.net", [], id="ovh-gravelines"),
        pytest.param("eu01", "https://object.storage.eu01.onstackit.cloud", [], id="stackit"),
        pytest.param("us-central-1", "https://s3.us-central-1.ionoscloud.com", ["SOV101"], id="ionos-lenexa"),
        pytest.param("europe-1", "https://mud5q.upcloudobjects.com", [], id="upcloud-region-unmapped"),
    ],
)
def test_aws_provider_on_an_eu_operators_s3_endpoint(lint, region, url, expected):
    findings = lint({"main.tf": AWS_S3.format(region=region, url=url)}, only=RULES)
    assert _rules(findings, "aws_s3_bucket.b") == expected
    # a code the provider configuration sets that the operator's table lacks: once, at the configuration
    unknown = [f.address for f in findings if f.rule_id == "SOV103" and "UpCloud" in f.message]
    assert unknown == (['provider["hashicorp/aws"]'] if "upcloud" in url else [])


def test_state_on_r2_in_the_eu_jurisdiction_is_foreign_controlled_but_located_in_the_eu(lint):
    endpoint = 'endpoints = { s3 = "https://0123abcd.eu.r2.cloudflarestorage.com" }'
    [finding] = lint({"main.tf": BACKEND.format(region="auto", endpoint=endpoint)}, only=RULES)
    assert finding.rule_id == "SOV202" and "with Cloudflare" in finding.message and " in eu " not in finding.message


def test_state_on_an_eu_operators_s3_is_not_foreign(lint):
    endpoint = 'endpoints = { s3 = "https://s3.fr-par.scw.cloud" }'
    assert lint({"main.tf": BACKEND.format(region="fr-par", endpoint=endpoint)}, only=RULES) == []
    endpoint = 'endpoint = "https://s3.fr-par.scw.cloud"'
    assert lint({"main.tf": BACKEND.format(region="fr-par", endpoint=endpoint)}, only=RULES) == []


MINIO = """
provider "minio" {{
  minio_server = "{server}"
  minio_region = "us-east-1"
}}
resource "minio_s3_bucket" "b" {{
  bucket = "b"
}}
resource "minio_iam_user" "u" {{
  name = "u"
}}
"""


@pytest.mark.parametrize(
    ("server", "expected"),
    [
        pytest.param("s3.nl-ams.scw.cloud", [], id="scaleway-host-wins-over-the-signing-region"),
        pytest.param("s3.us-west-1.amazonaws.com", ["SOV101", "SOV201"], id="aws"),
        pytest.param("localhost:9000", [], id="local-test-double"),
        pytest.param("minio.example.internal:9000", [], id="self-hosted-unknown"),
    ],
)
def test_minio_provider_reaches_s3_endpoints(lint, server, expected):
    findings = lint({"main.tf": MINIO.format(server=server)}, only=RULES)
    assert _rules(findings, "minio_s3_bucket.b") == expected
    unknown = [(f.line, f.address) for f in findings if f.rule_id == "SOV204"]
    assert unknown == ([(3, 'provider["aminueza/minio"]')] if "example.internal" in server else [])
    assert [f.rule_id for f in findings if f.address == "minio_iam_user.u"] == [r for r in expected if r == "SOV201"]


def test_an_endpoint_whose_region_argument_only_signs_leaves_the_location_unresolved(lint):
    findings = lint(
        {"main.tf": AWS_S3.format(region="auto", url="https://0123abcd.r2.cloudflarestorage.com")}, only=RULES
    )
    assert _rules(findings, "aws_s3_bucket.b") == ["SOV102", "SOV201"]
    [unresolved] = [f for f in findings if f.rule_id == "SOV102"]
    assert "names no location" in unresolved.message
    findings = lint(
        {"main.tf": AWS_S3.format(region="auto", url="https://0123abcd.eu.r2.cloudflarestorage.com")}, only=RULES
    )
    assert _rules(findings, "aws_s3_bucket.b") == ["SOV201"]


def test_inventory_names_the_endpoint_operator_and_unknown_control(tmp_path, monkeypatch, capsys):
    from conftest import write_tree
    from sovlint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    source = AWS_S3.format(region="fr-par", url="https://s3.fr-par.scw.cloud") + MINIO.format(server="minio.lan:9000")
    write_tree(tmp_path, {"main.tf": source})
    assert main(["inventory", "--format", "csv", "--no-cache", "."]) == 0
    import csv
    import io

    rows = {row[0]: row for row in list(csv.reader(io.StringIO(capsys.readouterr().out)))[1:]}
    assert rows["aws_s3_bucket.b"][5:9] == ["Scaleway SAS", "iliad S.A.", "FR", "EU/EEA"]
    assert rows["minio_s3_bucket.b"][5:9] == ["", "", "", "unknown"]
    assert rows["aws_sqs_queue.q"][8] == "foreign"
