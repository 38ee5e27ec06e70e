import pytest


def test_proprietary_service_names_alternatives(lint):
    files = {"main.tf": 'resource "aws_sfn_state_machine" "flow" {\n  name = "x"\n}\nresource "aws_s3_bucket" "b" {}\n'}
    (finding,) = lint(files, only=["SOV301"])
    assert finding.address == "aws_sfn_state_machine.flow"
    assert finding.message.startswith(
        "aws_sfn_state_machine.flow uses AWS Step Functions, a proprietary service with no open, compatible"
    )
    assert "portable alternatives:" in finding.message
    assert str(finding.level) == "warning"


def test_dynamodb_hint_names_postgresql_and_a_compatible_engine(lint):
    files = {
        "main.tf": 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n}\n'
        'resource "aws_rds_cluster" "pg" {\n  engine = "aurora-postgresql"\n}\n'
        'resource "aws_elasticache_cluster" "c" {\n  engine = "redis"\n}\n'
    }
    (finding,) = lint(files, only=["SOV301"])  # managed open-source engines are portable, not flagged
    assert finding.address == "aws_dynamodb_table.t"
    assert finding.message.endswith(
        "portable alternatives: PostgreSQL with JSONB, a DynamoDB-compatible engine such as ScyllaDB Alternator"
    )


@pytest.mark.parametrize("rtype", ["google_cloudfunctions_function", "google_cloudfunctions2_function"])
def test_cloud_functions_both_generations(lint, rtype):
    source = f'resource "{rtype}" "function" {{\n  name = "function-v2"\n  location = "europe-west1"\n}}\n'
    (finding,) = lint({"main.tf": source}, only=["SOV301"])
    assert "Google Cloud Functions" in finding.message and "Knative" in finding.message
