"""A part whose parent is not in the scan (a secret's version for a secret another configuration manages) is
placed by its provider configuration, as the parent would be, and judged once per parent type and provider
configuration; a part whose parent is in the scan is not judged under SOV1xx (its parent is)."""

import pytest

PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n'
SECRET = 'resource "aws_secretsmanager_secret" "s" {\n  name = "s"\n}\n'
PARTS = (
    'resource "aws_secretsmanager_secret_version" "v" {{\n  secret_id     = {ref}\n  secret_string = "x"\n}}\n'
    'resource "aws_secretsmanager_secret_policy" "p" {{\n  secret_arn = {ref}\n  policy     = "{{}}"\n}}\n'
)
RULES = ["SOV101", "SOV102", "SOV103"]


def _where(findings):
    return [(f.rule_id, f.address) for f in findings]


@pytest.mark.parametrize(
    "ref",
    [
        pytest.param("var.secret_id", id="variable"),
        pytest.param("data.aws_secretsmanager_secret.by_name.id", id="data-source"),
        pytest.param('"arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf"', id="literal"),
    ],
)
def test_a_part_whose_parent_is_elsewhere_is_judged_once_by_its_provider(lint, ref):
    source = PROVIDER + 'variable "secret_id" {\n  default = "x"\n}\n' + PARTS.format(ref=ref)
    found = lint({"main.tf": source}, only=RULES)
    assert _where(found) == [("SOV101", "aws_secretsmanager_secret_version.v")]
    assert found[0].message.endswith("us-east-1 is set at main.tf:2 (provider configuration)")


def test_a_part_whose_parent_is_in_the_scan_is_not_judged_again(lint):
    source = PROVIDER + SECRET + PARTS.format(ref="aws_secretsmanager_secret.s.id")
    assert _where(lint({"main.tf": source}, only=RULES)) == [("SOV101", "aws_secretsmanager_secret.s")]


def test_a_parent_passed_through_a_module_input_local_or_output_is_in_the_scan(lint):
    child = 'variable "secret_id" {}\nlocals {\n  id = var.secret_id\n}\n' + PARTS.format(ref="local.id")
    maker = SECRET + 'output "id" {\n  value = aws_secretsmanager_secret.s.id\n}\n'
    caller = (
        PROVIDER + 'module "secret" {\n  source = "./secret"\n}\n'
        'module "parts" {\n  source    = "./parts"\n  secret_id = module.secret.id\n}\n'
    )
    files = {"main.tf": caller, "parts/main.tf": child, "secret/main.tf": maker}
    assert _where(lint(files, only=RULES)) == [("SOV101", "module.secret.aws_secretsmanager_secret.s")]
    # the same module given a secret from outside: its parts are judged, once
    elsewhere = caller.replace("module.secret.id", '"arn:aws:secretsmanager:us-east-1:1:secret:x"')
    found = _where(lint({**files, "main.tf": elsewhere}, only=RULES))
    assert found == [
        ("SOV101", "module.parts.aws_secretsmanager_secret_version.v"),
        ("SOV101", "module.secret.aws_secretsmanager_secret.s"),
    ]


def test_parts_of_an_outside_parent_under_two_provider_configurations_are_judged_apart(lint):
    source = (
        PROVIDER + 'provider "aws" {\n  alias  = "paris"\n  region = "eu-west-3"\n}\n'
        'variable "secret_id" {\n  default = "x"\n}\n'
        + PARTS.format(ref="var.secret_id")
        + 'resource "aws_secretsmanager_secret_version" "eu" {\n  provider      = aws.paris\n'
        '  secret_id     = var.secret_id\n  secret_string = "x"\n}\n'
    )
    assert _where(lint({"main.tf": source}, only=RULES)) == [("SOV101", "aws_secretsmanager_secret_version.v")]


def test_a_reusable_module_of_parts_leaves_the_location_to_its_caller(lint):
    source = 'variable "secret_id" {}\n' + PARTS.format(ref="var.secret_id")
    assert lint({"main.tf": source}, only=RULES) == []


def test_a_record_of_a_dns_zone_elsewhere_is_not_judged_by_a_region(lint):
    """A DNS zone is a global service: its records have no region to be judged by when it is elsewhere."""
    source = PROVIDER + (
        'resource "aws_route53_record" "www" {\n  zone_id = "Z123"\n  name    = "www"\n  type    = "A"\n'
        '  ttl     = 60\n  records = ["192.0.2.1"]\n}\n'
    )
    assert lint({"main.tf": source}, only=[*RULES, "SOV104"]) == []


def test_a_part_attached_through_another_part_or_a_located_resource_is_in_the_scan(lint):
    """A security group rule names its group, the group its VPC (a module's output); a tag names a security group
    that a cluster of the configuration creates: each is attached to something the scan judges, not elsewhere."""
    source = PROVIDER + (
        'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n'
        'resource "aws_security_group" "cluster" {\n  vpc_id = module.vpc.vpc_id\n}\n'
        'resource "aws_security_group_rule" "cluster" {\n  security_group_id = aws_security_group.cluster.id\n'
        '  type              = "ingress"\n}\n'
        'resource "aws_eks_cluster" "this" {\n  name     = "c"\n  role_arn = "arn"\n}\n'
        'resource "aws_ec2_tag" "primary" {\n'
        "  resource_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id\n"
        '  key         = "k"\n  value       = "v"\n}\n'
    )
    assert _where(lint({"main.tf": source}, only=RULES)) == [("SOV101", "aws_eks_cluster.this")]


def test_the_parts_of_a_cognito_pool_are_judged_with_their_pool(lint):
    """A role mapping of an identity pool, a client and a domain of a user pool live in their pool: the pool in
    us-east-1 is reported, they are not reported again; each is still run by Amazon (SOV201)."""
    source = PROVIDER + (
        'resource "aws_cognito_identity_pool" "i" {\n  identity_pool_name = "i"\n}\n'
        'resource "aws_cognito_identity_pool_roles_attachment" "r" {\n'
        "  identity_pool_id = aws_cognito_identity_pool.i.id\n  roles = {}\n}\n"
        'resource "aws_cognito_user_pool" "u" {\n  name = "u"\n}\n'
        'resource "aws_cognito_user_pool_client" "c" {\n  name = "c"\n  user_pool_id = aws_cognito_user_pool.u.id\n}\n'
        'resource "aws_cognito_user_pool_domain" "d" {\n  domain = "d"\n  user_pool_id = aws_cognito_user_pool.u.id\n}\n'
    )
    found = lint({"main.tf": source}, only=[*RULES, "SOV201"])
    assert sorted(_where(f for f in found if f.rule_id != "SOV201")) == [
        ("SOV101", "aws_cognito_identity_pool.i"),
        ("SOV101", "aws_cognito_user_pool.u"),
    ]
    assert len([f for f in found if f.rule_id == "SOV201"]) == 5


POLICY = 'resource "aws_s3_bucket_policy" "{name}" {{\n{extra}  bucket = {bucket}\n  policy = "{{}}"\n}}\n'


def _policy(name, extra="", bucket='"other-bucket"'):
    return POLICY.format(name=name, extra=extra, bucket=bucket)


def test_a_part_that_is_not_created_does_not_hide_one_that_is(lint):
    source = PROVIDER + _policy("a", "  count  = 0\n") + _policy("p")
    found = lint({"main.tf": source}, only=RULES)
    assert _where(found) == [("SOV101", "aws_s3_bucket_policy.p")]


def test_a_part_certainly_created_speaks_for_the_slot_rather_than_one_perhaps_created(lint):
    source = PROVIDER + 'variable "n" {}\n' + _policy("a", "  count  = var.n\n") + _policy("p")
    found = lint({"main.tf": source}, only=RULES)
    assert _where(found) == [("SOV101", "aws_s3_bucket_policy.p")]
    assert "if created" not in found[0].message
    # perhaps created is still judged when no other part is certain: the finding says so
    alone = lint({"main.tf": PROVIDER + 'variable "n" {}\n' + _policy("a", "  count  = var.n\n")}, only=RULES)
    assert _where(alone) == [("SOV101", "aws_s3_bucket_policy.a")] and "(if created: count = var.n" in alone[0].message


def test_a_part_that_writes_its_own_region_is_judged_by_it(lint):
    source = (
        'provider "aws" {\n  region = "eu-west-1"\n}\n'
        + _policy("a")
        + _policy("p", '  region = "us-east-1"\n')
        + _policy("q", '  region = "us-east-1"\n')
    )
    found = lint({"main.tf": source}, only=RULES)
    assert _where(found) == [("SOV101", "aws_s3_bucket_policy.p")]  # q is in the same region as p: once
    assert "us-east-1" in found[0].message


def test_a_parent_given_through_a_module_calls_for_each_is_in_the_scan(lint):
    caller = PROVIDER + (
        'resource "aws_s3_bucket" "b" {\n  for_each = toset(["a", "b"])\n  bucket   = each.key\n}\n'
        'module "m" {\n  source   = "./mod"\n  for_each = aws_s3_bucket.b\n  bucket   = each.value.id\n}\n'
    )
    child = 'variable "bucket" {}\n' + _policy("p", bucket="var.bucket")
    found = lint({"main.tf": caller, "mod/main.tf": child}, only=RULES)
    assert _where(found) == [("SOV101", "aws_s3_bucket.b")]


def test_a_parent_named_by_the_same_value_as_its_part_reports_the_location_once(lint):
    source = (
        PROVIDER
        + ('variable "name" {\n  default = "my-bucket"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\n')
        + _policy("p", bucket="var.name")
    )
    assert _where(lint({"main.tf": source}, only=RULES)) == [("SOV101", "aws_s3_bucket.b")]


def test_a_part_in_another_region_than_the_parents_of_its_instance_is_judged(lint):
    """The bucket of the instance is in eu-west-1 (allowed); the policy writes us-east-1, for a bucket elsewhere."""
    source = (
        'provider "aws" {\n  region = "eu-west-1"\n}\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = "mine"\n}\n' + _policy("p", '  region = "us-east-1"\n')
    )
    assert _where(lint({"main.tf": source}, only=RULES)) == [("SOV101", "aws_s3_bucket_policy.p")]
