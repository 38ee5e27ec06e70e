"""Variables, data sources and syntaxes, the way Terraform reads them."""

import json

AWS_VAR = 'provider "aws" {\n  region = var.region\n}\nvariable "region" {}\nresource "aws_s3_bucket" "b" {}\n'


def test_tf_var_environment_only_with_use_env(lint, monkeypatch):
    monkeypatch.setenv("TF_VAR_region", "us-east-1")
    assert [f.rule_id for f in lint({"main.tf": AWS_VAR}, only=["SOV101", "SOV102"])] == ["SOV102"]
    assert [f.rule_id for f in lint({"main.tf": AWS_VAR}, only=["SOV101", "SOV102"], use_env=True)] == ["SOV101"]


def test_tfvars_beat_the_environment(lint, monkeypatch):
    monkeypatch.setenv("TF_VAR_region", "us-east-1")
    files = {"main.tf": AWS_VAR, "terraform.tfvars": 'region = "eu-west-1"\n'}
    assert lint(files, only=["SOV101", "SOV102"], use_env=True) == []


def test_google_client_config_echoes_the_provider(lint):
    source = (
        'provider "google" {\n  region = "us-central1"\n}\ndata "google_client_config" "c" {}\n'
        'resource "google_storage_bucket" "b" {\n  location = data.google_client_config.c.region\n}\n'
    )
    (finding,) = lint({"main.tf": source}, only=["SOV101"])
    assert "us-central1 is set at main.tf:2 (provider configuration)" in finding.message


def test_azurerm_resource_group_data_source_declared_here(lint):
    source = (
        'resource "azurerm_resource_group" "rg" {\n  name = "shared"\n  location = "eastus"\n}\n'
        'data "azurerm_resource_group" "shared" {\n  name = "shared"\n}\n'
        'resource "azurerm_storage_account" "sa" {\n  location = data.azurerm_resource_group.shared.location\n}\n'
    )
    assert [f.address for f in lint({"main.tf": source}, only=["SOV101"])] == [
        "azurerm_resource_group.rg",
        "azurerm_storage_account.sa",
    ]


def test_azurerm_location_data_source_is_the_location_it_is_asked_about(lint):
    source = (
        'provider "azurerm" {\n  features {}\n}\nvariable "where" {\n  default = "East US 2"\n}\n'
        'data "azurerm_location" "here" {\n  location = var.where\n}\n'
        'resource "azurerm_resource_group" "rg" {\n  name = "x"\n  location = data.azurerm_location.here.location\n}\n'
        'resource "azurerm_resource_group" "zones" {\n  name = "y"\n'
        "  location = data.azurerm_location.here.zone_mappings[0].logical_zone\n}\n"
    )
    findings = lint({"main.tf": source}, only=["SOV101", "SOV102"])
    assert [(f.rule_id, f.address) for f in findings] == [
        ("SOV101", "azurerm_resource_group.rg"),
        ("SOV102", "azurerm_resource_group.zones"),  # another attribute: only known when Terraform runs
    ]
    assert "East US 2 is set at main.tf:5 (variable default)" in findings[0].message


def test_terraform_json_syntax(lint):
    config = {
        "provider": {"aws": [{"region": "eu-west-3"}, {"alias": "us", "region": "us-east-1"}]},
        "resource": {"aws_s3_bucket": {"b": {"provider": "aws.us", "bucket": "x"}}},
        "terraform": {"backend": {"s3": {"region": "us-east-1"}}},
    }
    text = json.dumps(config, indent=2)
    findings = lint({"main.tf.json": text}, only=["SOV101", "SOV202"])
    assert [(f.rule_id, f.address, f.line) for f in findings] == [
        ("SOV101", "aws_s3_bucket.b", 15),
        ("SOV202", "terraform.backend.s3", 21),
    ]


def test_tofu_file_hides_the_tf_file_of_the_same_name(lint):
    files = {
        "main.tf": 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {}\n',
        "main.tofu": 'provider "aws" {\n  region = "eu-west-3"\n}\nresource "aws_s3_bucket" "b" {}\n',
    }
    assert lint(files, only=["SOV101"]) == []


def test_wrong_type_and_bad_json_tfvars_are_reported_where_they_are(lint):
    files = {"main.tf": AWS_VAR, "terraform.tfvars.json": '{"region": [1, 2]'}
    findings = lint(files, only=["SOV000", "SOV102"])
    assert [(f.rule_id, f.file) for f in findings] == [("SOV102", "main.tf"), ("SOV000", "terraform.tfvars.json")]


def test_pathological_expression_is_bounded(lint):
    deep = "(" * 3000 + '"eu-west-1"' + ")" * 3000
    files = {
        "main.tf": f'provider "aws" {{\n  region = "eu-west-1"\n}}\nlocals {{\n  r = {deep}\n}}\n'
        'resource "aws_s3_bucket" "b" {\n  region = local.r\n}\n'
    }
    findings = lint(files)
    assert {f.rule_id for f in findings} <= {"SOV000", "SOV102", "SOV201"}
