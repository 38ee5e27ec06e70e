"""Sovereign offers: the operator, not the technology vendor, decides control."""


def test_s3ns_universe_is_operated_from_france(lint):
    source = (
        'provider "google" {\n  universe_domain = "s3nsapis.fr"\n  region = "europe-west9"\n}\n'
        'resource "google_compute_subnetwork" "s" {\n  name = "s"\n}\n'
    )
    assert lint({"main.tf": source}, only=["SOV201"]) == []
    plain = source.replace('  universe_domain = "s3nsapis.fr"\n', "")
    assert [f.address for f in lint({"main.tf": plain}, only=["SOV201"])] == ["google_compute_subnetwork.s"]


def test_aws_european_sovereign_cloud_is_named_but_still_us_controlled(lint):
    source = 'provider "aws" {\n  region = "eusc-de-east-1"\n}\nresource "aws_s3_bucket" "b" {}\n'
    (finding,) = lint({"main.tf": source}, only=["SOV101", "SOV201"])
    assert finding.rule_id == "SOV201"
    assert finding.message.startswith(
        "aws_s3_bucket.b runs on AWS European Sovereign Cloud, operated by AWS European Sovereign Cloud GmbH"
    )
    assert dict(finding.properties)["offer"] == "aws-european-sovereign-cloud"
    assert "us-cloud-act" in dict(finding.properties)["laws"]
