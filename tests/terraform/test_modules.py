"""Local module calls, evaluated the way Terraform expands them."""

ROOT_EU = 'provider "aws" {\n  region = "eu-west-3"\n}\n'
BUCKET_MODULE = {
    "modules/bucket/main.tf": 'variable "region" {\n  default = null\n}\nresource "aws_s3_bucket" "this" {\n  region = var.region\n}\n',
}


def _ids(findings, rule="SOV101"):
    return [(f.address, f.file, f.line) for f in findings if f.rule_id == rule]


def test_inputs_reach_the_module_and_the_finding_points_into_it(lint):
    files = {
        **BUCKET_MODULE,
        "main.tf": ROOT_EU + '\nmodule "logs" {\n  source = "./modules/bucket"\n  region = "us-east-1"\n}\n',
    }
    findings = lint(files, only=["SOV101"])
    assert _ids(findings) == [("module.logs.aws_s3_bucket.this", "modules/bucket/main.tf", 5)]
    assert [(o.file, o.line, o.what) for o in findings[0].related] == [
        ("main.tf", 7, "input of module.logs"),
        ("main.tf", 5, "module.logs"),
    ]


def test_inherited_default_provider_and_providers_map(lint):
    module = {"modules/q/main.tf": 'resource "aws_sqs_queue" "this" {}\n'}
    root = (
        ROOT_EU
        + 'provider "aws" {\n  alias  = "us"\n  region = "us-west-2"\n}\n'
        + 'module "eu" {\n  source = "./modules/q"\n}\n'
        + 'module "us" {\n  source = "./modules/q"\n  providers = {\n    aws = aws.us\n  }\n}\n'
    )
    findings = lint({**module, "main.tf": root}, only=["SOV101", "SOV102"])
    assert [(f.rule_id, f.address) for f in findings] == [("SOV101", "module.us.aws_sqs_queue.this")]
    assert "us-west-2 is set at main.tf:6 (provider configuration)" in findings[0].message


def test_nested_modules_and_outputs(lint):
    files = {
        "main.tf": ROOT_EU + 'module "app" {\n  source = "./app"\n  location = "us-east-1"\n}\n'
        'resource "aws_sns_topic" "t" {\n  region = module.app.region\n}\n',
        "app/main.tf": 'variable "location" {}\nmodule "store" {\n  source = "../modules/bucket"\n  region = var.location\n}\n'
        'output "region" {\n  value = var.location\n}\n',
        **BUCKET_MODULE,
    }
    findings = lint(files, only=["SOV101"])
    assert sorted(f.address for f in findings) == ["aws_sns_topic.t", "module.app.module.store.aws_s3_bucket.this"]


def test_count_and_for_each_on_module_calls(lint):
    files = {
        **BUCKET_MODULE,
        "main.tf": ROOT_EU
        + 'module "none" {\n  source = "./modules/bucket"\n  count  = 0\n  region = "us-east-1"\n}\n'
        + 'module "two" {\n  source = "./modules/bucket"\n  count  = 2\n  region = "us-east-1"\n}\n'
        + 'module "each" {\n  source   = "./modules/bucket"\n  for_each = {a = "eu-west-1", b = "us-east-2"}\n'
        + "  region   = each.value\n}\n",
    }
    assert [f.address for f in lint(files, only=["SOV101"])] == [
        'module.each["b"].aws_s3_bucket.this',
        "module.two[0].aws_s3_bucket.this",
        "module.two[1].aws_s3_bucket.this",
    ]


def test_resource_count_zero_creates_nothing(lint):
    files = {
        "main.tf": 'provider "aws" {\n  region = "us-east-1"\n}\nvariable "create" {\n  default = false\n}\n'
        'resource "aws_s3_bucket" "b" {\n  count = var.create ? 1 : 0\n}\n'
    }
    assert lint(files) == []


def test_a_chain_of_conditionals_in_a_count_reads_from_the_right(lint):
    """`a ? 0 : b ? 0 : 1` is `a ? 0 : (b ? 0 : 1)`, as Azure's AKS module gates its agent pool: with a true, nothing
    is created (it was judged 'if created: the condition cannot be determined')."""
    pool = (
        'variable "output_data_only" {\n  type = bool\n  default = false\n}\n'
        'variable "create_before_destroy" {\n  type = bool\n  default = false\n}\n'
        'resource "aws_sqs_queue" "this" {\n  count = var.output_data_only ? 0 : var.create_before_destroy ? 0 : 1\n}\n'
        'resource "aws_sqs_queue" "cbd" {\n  count = var.output_data_only ? 0 : var.create_before_destroy ? 1 : 0\n}\n'
    )
    call = 'module "{name}" {{\n  source = "./pool"\n  output_data_only = {only}\n}}\n'
    root = 'provider "aws" {\n  region = "us-east-1"\n}\n'
    files = {"pool/main.tf": pool, "main.tf": root + call.format(name="data", only="true")}
    assert lint(files) == []
    files["main.tf"] = root + call.format(name="made", only="false")
    assert [(f.rule_id, f.address) for f in lint(files, only=["SOV101"])] == [
        ("SOV101", "module.made.aws_sqs_queue.this")
    ]


def test_existence_is_decided_per_module_instance_with_its_own_inputs(lint):
    """One module, one gate written once, called with different inputs from two calls of a root and from two
    roots: each instance's count and for_each follow its own inputs, and the instances it creates its own."""
    module = (
        'variable "create" {\n  type = bool\n}\nvariable "regions" {\n  default = []\n}\n'
        "locals {\n  on = var.create && length(var.regions) > 0\n}\n"
        'resource "aws_sqs_queue" "gated" {\n  count  = local.on ? 1 : 0\n  region = var.regions[0]\n}\n'
        'resource "aws_sns_topic" "each" {\n  for_each = local.on ? toset(var.regions) : toset([])\n'
        "  region   = each.value\n}\n"
    )
    call = 'module "{name}" {{\n  source  = "{source}"\n  create  = {create}\n  regions = {regions}\n}}\n'
    files = {
        "modules/q/main.tf": module,
        "one/main.tf": ROOT_EU
        + call.format(name="on", source="../modules/q", create="true", regions='["us-east-1", "eu-west-1"]')
        + call.format(name="off", source="../modules/q", create="false", regions='["us-east-1"]'),
        "two/main.tf": ROOT_EU
        + call.format(name="empty", source="../modules/q", create="true", regions="[]")
        + call.format(name="west", source="../modules/q", create="1 == 1", regions='["us-west-2"]'),
    }
    assert sorted((f.file, f.address, f.line) for f in lint(files, only=["SOV101"])) == [
        ("modules/q/main.tf", 'module.on.aws_sns_topic.each["us-east-1"]', 16),
        ("modules/q/main.tf", "module.on.aws_sqs_queue.gated", 12),
        ("modules/q/main.tf", "module.west.aws_sns_topic.each", 16),
        ("modules/q/main.tf", "module.west.aws_sqs_queue.gated", 12),
    ]


def test_remote_cycle_and_missing_sources_are_notes_not_findings(tmp_path):
    from conftest import write_tree
    from sovlint import engine
    from sovlint.discover import discover
    from sovlint.knowledge import profiles

    write_tree(
        tmp_path,
        {
            "main.tf": ROOT_EU + 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n'
            'module "gone" {\n  source = "./missing"\n}\nmodule "loop" {\n  source = "./loop"\n}\n',
            "loop/main.tf": 'module "back" {\n  source = "../loop"\n}\nresource "aws_sqs_queue" "q" {}\n',
        },
    )
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        files, _ = discover(["."])
        result = engine.run(files, engine.Options(profiles.load("eu-strict")))
    finally:
        os.chdir(cwd)
    assert [f.rule_id for f in result.findings if f.rule_id != "SOV201"] == []
    assert result.notes == [
        "loop/main.tf:1: module.back calls ../loop, which is already being expanded (a cycle)",
        "main.tf:4: module.vpc has a remote source that is not downloaded; its resources are not scanned"
        " (run `terraform init -backend=false` first, or scan a plan)",
        "main.tf:7: module.gone calls ./missing, which holds no Terraform files",
    ]
    assert "module.loop.aws_sqs_queue.q" in {f.address for f in result.findings}


def test_called_library_is_not_scanned_alone(lint):
    files = {**BUCKET_MODULE, "main.tf": ROOT_EU + 'module "b" {\n  source = "./modules/bucket"\n}\n'}
    findings = lint(files)
    assert {f.address for f in findings} == {"module.b.aws_s3_bucket.this"}
    assert {f.rule_id for f in findings} == {"SOV201"}  # region null in the module → provider's eu-west-3


def test_single_named_root_file_reads_the_modules_it_calls(lint, tmp_path):
    files = {
        **BUCKET_MODULE,
        "main.tf": ROOT_EU + 'module "b" {\n  source = "./modules/bucket"\n  region = "us-east-1"\n}\n',
    }
    findings = lint(files, paths=["main.tf"], only=["SOV101"])
    assert [(f.address, f.file) for f in findings] == [("module.b.aws_s3_bucket.this", "modules/bucket/main.tf")]


# The shape of terraform-aws-modules/eks: a map of node groups whose object type declares optional
# attributes, a submodule per group, `nullable = false` inputs that fall back to their default, and
# merge() over maps that may be null.
GROUPS_ROOT = (
    ROOT_EU
    + 'variable "groups" {\n'
    + "  type = map(object({\n"
    + "    create = optional(bool, true)\n"
    + "    region = optional(string)\n"
    + "    extra  = optional(map(string))\n"
    + "  }))\n"
    + '  default = {\n    a = {}\n    b = { create = false }\n    c = { region = "us-east-1" }\n  }\n'
    + "}\n"
    + 'module "group" {\n  source   = "./modules/group"\n  for_each = var.groups\n'
    + "  create   = each.value.create\n  region   = each.value.region\n  extra    = each.value.extra\n}\n"
)
GROUP_MODULE = (
    'variable "create" {\n  type = bool\n  default = true\n  nullable = false\n}\n'
    'variable "region" {\n  type = string\n  default = null\n}\n'
    'variable "extra" {\n  type = map(string)\n  default = {}\n  nullable = false\n}\n'
    'locals {\n  tags = merge({ a = "1" }, var.extra, null)\n}\n'
    'resource "aws_sqs_queue" "this" {\n  count  = var.create && length(local.tags) > 0 ? 1 : 0\n'
    "  region = var.region\n}\n"
)


def test_optional_object_attributes_and_non_nullable_inputs_decide_existence(lint):
    findings = lint({"main.tf": GROUPS_ROOT, "modules/group/main.tf": GROUP_MODULE}, only=["SOV101", "SOV201"])
    assert {(f.rule_id, f.address) for f in findings} == {
        ("SOV201", 'module.group["a"].aws_sqs_queue.this'),
        ("SOV201", 'module.group["c"].aws_sqs_queue.this'),
        ("SOV101", 'module.group["c"].aws_sqs_queue.this'),
    }
    assert not any("if created" in f.message or "invalid" in f.message for f in findings)


def test_an_object_key_that_cannot_be_known_is_not_an_internal_error(lint):
    body = 'variable "k" {}\nresource "aws_sqs_queue" "q" {\n  dynamic "tag" {\n    for_each = { (var.k) = "v", x = "y" }\n    content {\n      key = tag.key\n    }\n  }\n}\n'
    findings = lint({"main.tf": ROOT_EU + body})
    assert [f.rule_id for f in findings] == ["SOV201"]
