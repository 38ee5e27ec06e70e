"""Where a resource's location is written (any shape), which resources have none of their own, and
dynamic blocks expanded the way Terraform expands them."""

import pytest

from sovlint.knowledge import catalog as catalog_mod
from sovlint.knowledge import records
from sovlint.terraform import shapes
from sovlint.terraform.place import is_located

# Sub-resource types that the most used public modules of each big provider create (terraform-aws-modules
# s3-bucket, rds, vpc, eks and cloudfront; terraform-google-modules kubernetes-engine and sql-db; Azure
# verified modules for storage, AKS and PostgreSQL; the OVHcloud, Exoscale, UpCloud and Hetzner examples).
SUB_RESOURCES = {
    "hashicorp/aws": [
        "aws_s3_bucket_policy",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_lifecycle_configuration",
        "aws_s3_bucket_replication_configuration",
        "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_acl",
        "aws_s3_bucket_logging",
        "aws_s3_bucket_website_configuration",
        "aws_s3_bucket_cors_configuration",
        "aws_s3_object",
        "aws_db_instance_role_association",
        "aws_rds_cluster_instance",
        "aws_subnet",
        "aws_route_table",
        "aws_route",
        "aws_route_table_association",
        "aws_internet_gateway",
        "aws_nat_gateway",
        "aws_network_acl",
        "aws_network_acl_rule",
        "aws_default_route_table",
        "aws_default_network_acl",
        "aws_default_security_group",
        "aws_egress_only_internet_gateway",
        "aws_db_subnet_group",
        "aws_elasticache_subnet_group",
        "aws_redshift_subnet_group",
        "aws_vpc_ipv4_cidr_block_association",
        "aws_vpc_dhcp_options_association",
        "aws_flow_log",
        "aws_vpn_gateway_attachment",
        "aws_vpc_block_public_access_exclusion",
        "aws_eks_node_group",
        "aws_eks_capability",
        "aws_ec2_tag",
        "aws_vpc_peering_connection",
        "aws_vpc_peering_connection_accepter",
        "aws_eks_addon",
        "aws_eks_access_entry",
        "aws_cloudfront_cache_policy",
        "aws_cloudfront_origin_request_policy",
        "aws_cloudfront_origin_access_control",
        "aws_cloudfront_response_headers_policy",
        "aws_cloudfront_monitoring_subscription",
        "aws_security_group",
        "aws_security_group_rule",
        "aws_dynamodb_resource_policy",
        "aws_secretsmanager_secret_version",
        "aws_ssoadmin_account_assignment",
        "aws_ssoadmin_managed_policy_attachment",
        "aws_vpclattice_service_network_vpc_association",
        "aws_acmpca_certificate",
        "aws_resourcegroups_resource",
    ],
    "hashicorp/google": [
        "google_container_node_pool",
        "google_sql_database",
        "google_sql_user",
        "google_storage_bucket_object",
        "google_storage_bucket_iam_member",
        "google_storage_notification",
        "google_bigquery_table",
    ],
    "hashicorp/azurerm": [
        "azurerm_subnet",
        "azurerm_subnet_network_security_group_association",
        "azurerm_kubernetes_cluster_node_pool",
        "azurerm_storage_container",
        "azurerm_storage_share",
        "azurerm_storage_management_policy",
        "azurerm_postgresql_flexible_server_database",
        "azurerm_postgresql_flexible_server_configuration",
        "azurerm_mssql_database",
        "azurerm_key_vault_secret",
    ],
    "ovh/ovh": [
        "ovh_cloud_project_kube_nodepool",
        "ovh_cloud_project_database_ip_restriction",
        "ovh_cloud_project_database_postgresql_user",
        "ovh_cloud_project_database_database",
    ],
    "exoscale/exoscale": ["exoscale_sks_nodepool", "exoscale_sks_kubeconfig"],
    "upcloudltd/upcloud": ["upcloud_kubernetes_node_group", "upcloud_managed_database_user"],
    "hetznercloud/hcloud": ["hcloud_load_balancer_target", "hcloud_load_balancer_service", "hcloud_server_network"],
}


@pytest.mark.parametrize(("source", "rtype"), [(s, t) for s, types in sorted(SUB_RESOURCES.items()) for t in types])
def test_sub_resources_have_no_location_of_their_own(source, rtype):
    catalog = catalog_mod.load()
    provider = catalog.provider(source)
    body = {arg.split(".")[0]: "eu-west-1" for arg in shapes.location_args(rtype, provider)}
    assert not is_located(rtype, body, provider)  # even when it repeats its parent's location
    assert catalog.part_of(provider, rtype) or any(records.type_matches(rtype, (g,)) for g in provider.unlocated)


def test_located_parents_stay_located():
    catalog = catalog_mod.load()
    aws, ovh = catalog.provider("hashicorp/aws"), catalog.provider("ovh/ovh")
    assert is_located("aws_s3_bucket", {}, aws) and is_located("aws_vpc", {}, aws)
    assert is_located("ovh_cloud_project_database", {"nodes": [{"region": "GRA"}]}, ovh)


@pytest.mark.parametrize(
    ("body", "path", "expected"),
    [
        ({"nodes": [{"region": "GRA"}, {"region": "BHS"}]}, "nodes.region", ["GRA", "BHS"]),
        ({"regions": ["GRA11", "BHS5"]}, "regions", [["GRA11", "BHS5"]]),
        ({"region": "x"}, "nodes.region", []),
    ],
)
def test_values_at(body, path, expected):
    assert shapes.values_at(body, path) == expected


def test_codes_flatten_lists_and_drop_nulls():
    assert shapes.codes([["GRA11", None, "GRA11"], "BHS5", None]) == ["GRA11", "BHS5"]


CATALOG_TF = {
    "versions.tf": 'terraform {\n  required_providers {\n    ovh = { source = "ovh/ovh" }\n  }\n}\nprovider "ovh" {}\n',
}


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        pytest.param(
            'resource "ovh_cloud_project_database" "db" {\n  nodes {\n    region = "BHS"\n  }\n}\n',
            [("SOV101", "BHS")],
            id="nested-block",
        ),
        pytest.param(
            'resource "ovh_cloud_project_network_private" "n" {\n  regions = ["GRA11", "BHS5"]\n}\n',
            [("SOV101", "BHS5")],
            id="each-element-of-a-list",
        ),
        pytest.param(
            'resource "ovh_cloud_project_kube" "k" {\n  region = "GRA7"\n}\n'
            'resource "ovh_cloud_project_kube_nodepool" "p" {\n  kube_id = ovh_cloud_project_kube.k.id\n'
            '  region = "BHS5"\n}\n',
            [],
            id="a-part-is-not-located",
        ),
        pytest.param(  # its cluster is not in the scan: the node pool is judged as the cluster would be
            'resource "ovh_cloud_project_kube_nodepool" "p" {\n  kube_id = "k"\n  region = "BHS5"\n}\n',
            [("SOV101", "BHS5")],
            id="a-part-of-a-parent-elsewhere",
        ),
    ],
)
def test_location_in_any_shape(lint, resource, expected):
    findings = lint({**CATALOG_TF, "main.tf": resource}, only=["SOV101", "SOV102", "SOV103"])
    assert [(f.rule_id, dict(f.properties)["region"]) for f in findings] == expected


DYNAMO = """
provider "aws" {
  region = "eu-west-1"
}
variable "replica_regions" {
  default = [{ region_name = "us-east-1" }]
}
resource "aws_dynamodb_table" "t" {
  name = "t"
  dynamic "replica" {
    for_each = var.replica_regions
    content {
      region_name = replica.value.region_name
    }
  }
}
"""


def test_dynamic_blocks_expand_like_terraform(lint):
    (finding,) = lint({"main.tf": DYNAMO}, only=["SOV105"])
    assert "us-east-1" in finding.message


def test_dynamic_block_with_an_iterator_and_an_empty_for_each(lint):
    source = DYNAMO.replace("replica.value", "r.value").replace("for_each", "iterator = r\n    for_each")
    assert len(lint({"main.tf": source}, only=["SOV105"])) == 1
    empty = DYNAMO.replace('[{ region_name = "us-east-1" }]', "[]")
    assert lint({"main.tf": empty}, only=["SOV105"]) == []


class _Asked:
    """A scope that answers var.NAME from a table and records what was asked."""

    def __init__(self, values: dict[str, object]) -> None:
        self.values, self.asked, self.trail = values, [], []

    def resolve(self, root: str, steps: list[object]) -> tuple[object, int]:
        self.asked.append(f"{root}.{steps[0]}")
        self.trail.append(f"{root}.{steps[0]}")
        return self.values[str(steps[0])], 1


LAZY = """
resource "google_container_cluster" "c" {
  name = "c"
  dynamic "node_pool" {
    for_each = var.pools
    content {
      name = node_pool.value
      dynamic "autoscaling" {
        for_each = var.scaling
        content {
          max = autoscaling.value
        }
      }
    }
  }
  node_pool {
    name = "static"
  }
  dynamic "maintenance_policy" {
    for_each = var.windows
    content {
      start = maintenance_policy.value
    }
  }
  dynamic "dynamic" {
    for_each = var.pools
    content {}
  }
}
"""


def test_dynamic_blocks_are_expanded_only_when_their_name_is_read():
    from sovlint.terraform import syntax
    from sovlint.terraform.module import Located

    (block,) = syntax.parse(LAZY)
    values = {"pools": ["a", "b"], "scaling": [3], "windows": ["02:00"]}
    eager = shapes.expand(block.body, _Asked(values))
    scope = _Asked(values)
    body = shapes.when_read(Located("main.tf", block), scope).block.body
    assert list(body.keys()) == list(eager) == ["name", "node_pool", "maintenance_policy", "dynamic"]
    assert scope.asked == []  # nothing is evaluated before it is read
    assert body["node_pool"] == eager["node_pool"]
    assert scope.asked == ["var.pools", "var.scaling", "var.scaling"]
    assert scope.trail == []  # what the expansion followed is not a location's origin
    assert body.get("maintenance_policy") == [{"start": "02:00"}]
    assert body == eager and dict(body) == eager and {**body} == eager
    assert body.get("absent", 1) == 1 and "absent" not in body
