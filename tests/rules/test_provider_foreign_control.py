import pytest


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('resource "aws_iam_role" "r" {}\n', ["aws_iam_role.r"], id="unlocated-still-controlled"),
        pytest.param('resource "azurerm_subnet" "s" {}\n', ["azurerm_subnet.s"], id="azure"),
        pytest.param('resource "scaleway_object_bucket" "b" {\n  region = "fr-par"\n}\n', [], id="scaleway-eu"),
        pytest.param('resource "random_id" "x" {}\n', [], id="unknown-provider"),
        pytest.param('data "aws_caller_identity" "me" {}\n', [], id="data-sources-create-nothing"),
    ],
)
def test_provider_foreign_control(lint, source, expected):
    assert [f.address for f in lint({"main.tf": source}, only=["SOV201"])] == expected


def test_message_names_the_chain(lint):
    (finding,) = lint({"main.tf": 'resource "google_storage_bucket" "b" {\n  location = "EU"\n}\n'}, only=["SOV201"])
    assert finding.message.startswith("google_storage_bucket.b is run by Google")
    assert "controlled by Alphabet Inc. (United States), outside the EU/EEA" in finding.message


def test_eu_residency_does_not_judge_control(lint):
    assert lint({"main.tf": 'resource "aws_iam_role" "r" {}\n'}, only=["SOV201"], profile="eu-residency") == []


def test_required_providers_source_is_followed(lint):
    source = (
        'terraform {\n  required_providers {\n    cloud = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n'
        'resource "aws_s3_bucket" "b" {\n  provider = cloud\n}\n'
    )
    assert [f.address for f in lint({"main.tf": source}, only=["SOV201"])] == ["aws_s3_bucket.b"]
