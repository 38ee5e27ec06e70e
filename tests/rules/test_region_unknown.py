def test_typo_in_region_code(lint):
    findings = lint(
        {"main.tf": 'provider "aws" {\n  region = "eu-wset-3"\n}\nresource "aws_s3_bucket" "b" {}\n'},
        only=["SOV101", "SOV102", "SOV103"],
    )
    assert [(f.rule_id, f.line) for f in findings] == [("SOV103", 4)]
    assert findings[0].message == (
        "aws_s3_bucket.b is in region 'eu-wset-3', which sovlint does not know for Amazon Web Services; "
        "eu-wset-3 is set at main.tf:2 (provider configuration)"
    )


def test_global_location_is_known_and_not_a_country(lint):
    source = 'resource "google_gke_hub_membership" "m" {\n  membership_id = "m"\n  location = "global"\n}\n'
    assert lint({"main.tf": source}, only=["SOV101", "SOV102", "SOV103"]) == []
