"""Plan JSON input: resolved values, mapped back to the .tf lines that declare them."""

import json

MAIN = (
    'provider "aws" {\n  region = var.region\n}\nvariable "region" {}\n\n'
    'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n\n'
    'module "queue" {\n  source = "./queue"\n}\n'
)
QUEUE = 'resource "aws_sqs_queue" "this" {\n  name = "q"\n}\n'


def plan(**overrides):
    document = {
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "variables": {"region": {"value": "us-east-1"}},
        "planned_values": {
            "root_module": {
                "resources": [
                    {
                        "address": "aws_s3_bucket.logs",
                        "mode": "managed",
                        "type": "aws_s3_bucket",
                        "name": "logs",
                        "provider_name": "registry.terraform.io/hashicorp/aws",
                        "values": {"bucket": "logs"},
                    },
                    {
                        "address": "data.aws_region.current",
                        "mode": "data",
                        "type": "aws_region",
                        "name": "current",
                        "provider_name": "registry.terraform.io/hashicorp/aws",
                        "values": {},
                    },
                ],
                "child_modules": [
                    {
                        "address": "module.queue",
                        "resources": [
                            {
                                "address": "module.queue.aws_sqs_queue.this",
                                "mode": "managed",
                                "type": "aws_sqs_queue",
                                "name": "this",
                                "provider_name": "registry.terraform.io/hashicorp/aws",
                                "values": {"name": "q", "region": "eu-west-3"},
                            }
                        ],
                    }
                ],
            }
        },
        "configuration": {
            "provider_config": {"aws": {"name": "aws", "expressions": {"region": {"references": ["var.region"]}}}},
            "root_module": {
                "resources": [{"address": "aws_s3_bucket.logs", "provider_config_key": "aws"}],
                "module_calls": {"queue": {"source": "./queue", "module": {"resources": []}}},
            },
        },
    }
    document.update(overrides)
    return json.dumps(document, indent=2)


def test_plan_values_mapped_to_tf_lines(lint):
    findings = lint({"main.tf": MAIN, "queue/main.tf": QUEUE, "plan.json": plan()}, paths=["plan.json"])
    assert [(f.rule_id, f.address, f.file, f.line) for f in findings] == [
        ("SOV101", "aws_s3_bucket.logs", "main.tf", 6),
        ("SOV201", "aws_s3_bucket.logs", "main.tf", 6),
        ("SOV201", "module.queue.aws_sqs_queue.this", "queue/main.tf", 1),
    ]


def test_directory_and_plan_agree_and_plan_wins(lint):
    # alone, the directory cannot know var.region (SOV102); with the plan beside it, the plan decides
    alone = lint({"main.tf": MAIN, "queue/main.tf": QUEUE}, only=["SOV101", "SOV102"])
    assert [f.rule_id for f in alone] == ["SOV102", "SOV102"]
    both = lint({"plan.json": plan()}, only=["SOV101", "SOV102"])
    assert [(f.rule_id, f.address) for f in both] == [("SOV101", "aws_s3_bucket.logs")]


def test_plan_without_configuration_points_at_the_plan_file(lint):
    findings = lint({"out/plan.json": plan()}, only=["SOV101"])
    assert [(f.file, f.line) for f in findings] == [("out/plan.json", 1)]


def test_unknown_plan_format_is_a_parse_error(lint):
    findings = lint({"plan.json": plan(format_version="2.0"), "package.json": '{"name": "x"}'})
    assert [(f.rule_id, f.file, f.message) for f in findings] == [
        ("SOV000", "plan.json", "unsupported plan format version '2.0' (sovlint reads formats 0.x and 1.x)")
    ]


def _version(address):
    return {
        "address": address,
        "mode": "managed",
        "type": "aws_secretsmanager_secret_version",
        "name": address.rsplit(".", 1)[-1],
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "values": {"secret_id": "arn:aws:secretsmanager:us-east-1:1:secret:x"},
    }


def test_a_part_whose_parent_the_plan_does_not_create_is_judged_once_as_the_configuration_judges_it(lint):
    """As for the configuration (terraform/parts.py): a secret's versions for a secret created elsewhere are placed
    by their provider, the first of them judged; with the secret in the plan, only the secret is."""
    document = json.loads(plan())
    resources = document["planned_values"]["root_module"]["resources"]
    resources += [_version("aws_secretsmanager_secret_version.a"), _version("aws_secretsmanager_secret_version.b")]
    found = lint({"plan.json": json.dumps(document)}, only=["SOV101"])
    assert [f.address for f in found] == ["aws_s3_bucket.logs", "aws_secretsmanager_secret_version.a"]
    secret = dict(_version("aws_secretsmanager_secret.s"), type="aws_secretsmanager_secret", values={"name": "s"})
    resources.append(secret)
    found = lint({"plan.json": json.dumps(document)}, only=["SOV101"])
    assert [f.address for f in found] == ["aws_s3_bucket.logs", "aws_secretsmanager_secret.s"]


def _in(item, region):
    return dict(item, values={**item["values"], "region": region})


def test_a_part_in_another_region_than_the_first_part_is_judged_for_its_region(lint):
    """AWS provider v6 writes each resource's region: a secret version in us-east-1 is judged, whether or not an
    EU one of the same provider configuration comes first in the plan."""
    eu = _in(_version("aws_secretsmanager_secret_version.eu"), "eu-west-3")
    us = _in(_version("aws_secretsmanager_secret_version.us"), "us-east-1")
    for order in ([eu, us], [us, eu]):
        document = json.loads(plan(variables={"region": {"value": "eu-west-3"}}))
        document["planned_values"]["root_module"] = {"resources": order}
        found = lint({"plan.json": json.dumps(document)}, only=["SOV101"])
        assert [(f.address, f.file, f.line) for f in found] == [
            ("aws_secretsmanager_secret_version.us", "plan.json", 1)
        ]


def test_a_planned_parent_speaks_for_the_parts_of_its_region_only(lint):
    secret = dict(_version("aws_secretsmanager_secret.s"), type="aws_secretsmanager_secret", values={"name": "s"})
    resources = [
        _in(secret, "eu-west-3"),
        _in(_version("aws_secretsmanager_secret_version.eu"), "eu-west-3"),
        _in(_version("aws_secretsmanager_secret_version.us"), "us-east-1"),
        _in(_version("aws_secretsmanager_secret_version.us2"), "us-east-1"),
    ]
    document = json.loads(plan())
    document["planned_values"]["root_module"] = {"resources": resources}
    found = lint({"plan.json": json.dumps(document)}, only=["SOV101", "SOV102"])
    assert [(f.rule_id, f.address) for f in found] == [("SOV101", "aws_secretsmanager_secret_version.us")]
    resources[0] = _in(secret, "us-east-1")  # the secret in us-east-1 is reported, not its versions there
    found = lint({"plan.json": json.dumps(document)}, only=["SOV101", "SOV102"])
    assert [(f.rule_id, f.address) for f in found] == [("SOV101", "aws_secretsmanager_secret.s")]


def test_a_part_whose_location_the_plan_does_not_give_is_unresolved_once(lint):
    """No region in its values nor in its provider configuration: said once, not guessed, and not a crash on a
    location value that is not text."""
    odd = dict(_version("aws_secretsmanager_secret_version.odd"), values={"region": ["eu-west-3"]})
    resources = [_version("aws_secretsmanager_secret_version.a"), _version("aws_secretsmanager_secret_version.b"), odd]
    document = json.loads(plan(variables={}))
    document["planned_values"]["root_module"] = {"resources": resources}
    found = lint({"plan.json": json.dumps(document)}, only=["SOV000", "SOV101", "SOV102"])
    assert [(f.rule_id, f.address) for f in found] == [
        ("SOV102", "aws_secretsmanager_secret_version.a"),
        ("SOV102", "aws_secretsmanager_secret_version.odd"),
    ]
