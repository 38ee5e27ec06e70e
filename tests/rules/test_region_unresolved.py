def test_variable_without_value_is_unresolved_never_guessed(lint):
    findings = lint(
        {
            "main.tf": 'provider "aws" {\n  region = "eu-west-3"\n}\n'
            'resource "aws_s3_bucket" "b" {\n  region = var.region\n}\nvariable "region" {}\n'
        },
        only=["SOV101", "SOV102"],
    )
    assert [(f.rule_id, f.line) for f in findings] == [("SOV102", 5)]
    assert findings[0].message == (
        "aws_s3_bucket.b: the region cannot be determined statically: region = var.region: "
        "var.region has no default and no value in a .tfvars file, --var-file or --var"
    )


def test_provider_without_region(lint):
    findings = lint(
        {"main.tf": 'provider "aws" {}\nresource "aws_s3_bucket" "b" {}\n'},
        only=["SOV102"],
    )
    assert [f.message.split(": ", 2)[-1] for f in findings] == [
        "the provider configuration 'aws' sets no location (it would come from the environment)"
    ]


def test_reusable_module_is_not_flooded(lint):
    # no provider block, no backend: the caller decides the location (SPEC §3)
    files = {"main.tf": 'resource "aws_s3_bucket" "b" {}\nresource "aws_sqs_queue" "q" {\n  region = var.r\n}\n'}
    findings = lint(files)
    assert {f.rule_id for f in findings} == {"SOV201"}


def test_data_source_and_conditional_on_unknown(lint):
    files = {
        "main.tf": 'provider "aws" {\n  region = "eu-west-1"\n}\n'
        'data "aws_ssm_parameter" "region" {\n  name = "/region"\n}\n'
        'resource "aws_s3_bucket" "a" {\n  region = data.aws_ssm_parameter.region.value\n}\n'
        'resource "aws_s3_bucket" "b" {\n  region = var.prod ? "eu-west-1" : "eu-west-1"\n}\n'
        'variable "prod" {}\n'
    }
    findings = lint(files, only=["SOV101", "SOV102"])
    assert [(f.rule_id, f.address) for f in findings] == [("SOV102", "aws_s3_bucket.a")]
    assert findings[0].message.endswith("data.aws_ssm_parameter.region.value is only known when Terraform runs")


def test_reference_cycle_is_unresolved_not_a_crash(lint):
    files = {
        "main.tf": 'provider "aws" {}\nlocals {\n  a = local.b\n  b = local.a\n}\n'
        'resource "aws_s3_bucket" "b" {\n  region = local.a\n}\n'
    }
    findings = lint(files, only=["SOV102"])
    assert len(findings) == 1 and "refers to itself" in findings[0].message


def test_the_message_names_the_chain_that_was_tried(lint):
    files = {
        "main.tf": 'provider "aws" {\n  region = local.region\n}\nlocals {\n  region = lookup(var.regions, "prod")\n}\n'
        'variable "regions" {}\nresource "aws_s3_bucket" "b" {}\n'
    }
    (finding,) = lint(files, only=["SOV102"])
    assert finding.message.endswith(
        "provider aws: region = local.region: var.regions has no default and no value in a .tfvars file, "
        "--var-file or --var (followed: local value at main.tf:5)"
    )


SERVERS = """provider "scaleway" {}
provider "hcloud" {}
resource "scaleway_instance_server" "s" {
  type  = "PLAY2-MICRO"
  image = "ubuntu_jammy"
}
resource "hcloud_server" "h" {
  name        = "h"
  server_type = "cx22"
  image       = "ubuntu-24.04"
}
"""


def test_a_provider_whose_every_region_is_allowed_needs_no_written_location(lint):
    """Scaleway takes only fr-par, nl-ams, pl-waw and it-mil: whichever the environment gives is in the EU.
    Hetzner also has Ashburn, Hillsboro and Singapore: there the location must be written."""
    findings = lint({"main.tf": SERVERS}, only=["SOV101", "SOV102", "SOV103"])
    assert [(f.rule_id, f.address) for f in findings] == [("SOV102", "hcloud_server.h")]


def test_an_empty_region_is_said_to_be_empty(lint):
    """cloudposse examples default `region` to "": not a string of another type, just empty."""
    source = 'variable "region" {\n  default = ""\n}\nprovider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "b" {}\n'
    (finding,) = lint({"main.tf": source}, only=["SOV102"])
    assert "region = var.region: the location is an empty string (followed: variable default at main.tf:2)" in (
        finding.message
    )
