import json

import pytest

from conftest import write_tree
from sovlint import cli


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


SECRET = 'resource "vault_kv_secret_v2" "s" {\n  mount = "kv"\n  name = "app"\n  data_json = "{}"\n}\n'


@pytest.mark.parametrize(
    ("provider", "expected"),
    [
        pytest.param("", [], id="vault-from-the-environment"),
        pytest.param(
            'provider "vault" {\n  address = "https://vault-public-vault-1a2b.3c4d.z1.hashicorp.cloud:8200"\n}\n',
            ["vault_kv_secret_v2.s"],
            id="hcp-vault",
        ),
    ],
)
def test_software_is_judged_by_the_endpoint_it_reaches(lint, provider, expected):
    findings = lint({"main.tf": provider + SECRET}, only=["SOV201", "SOV204"])
    assert [f.address for f in findings] == expected
    assert all("HCP Vault Dedicated" in f.message for f in findings)


def test_a_database_of_ones_own_is_not_judged_by_who_writes_the_provider(lint):
    source = (
        'terraform {\n  required_providers {\n    postgresql = { source = "cyrilgdn/postgresql" }\n  }\n}\n'
        'provider "postgresql" {\n  host = "db.internal.example.eu"\n}\n'
        'resource "postgresql_role" "app" {\n  name = "app"\n}\n'
        'resource "postgresql_database" "app" {\n  name = "app"\n}\n'
    )
    # who runs db.internal.example.eu is not known: said once, where the host is set, as for an S3 endpoint
    (unknown,) = lint({"main.tf": source}, only=["SOV201", "SOV204"])
    assert (unknown.rule_id, unknown.address, unknown.line) == ("SOV204", 'provider["cyrilgdn/postgresql"]', 7)
    assert "its endpoint db.internal.example.eu is not an operator sovlint knows" in unknown.message
    rds = source.replace("db.internal.example.eu", "mydb.abc123.us-east-1.rds.amazonaws.com")
    assert [f.rule_id for f in lint({"main.tf": rds}, only=["SOV201", "SOV204"])] == ["SOV201", "SOV201"]
    assert "Amazon RDS (PostgreSQL)" in lint({"main.tf": rds}, only=["SOV201"])[0].message
    local = source.replace("db.internal.example.eu", "localhost")
    assert lint({"main.tf": local}, only=["SOV201", "SOV204"]) == []  # the machine itself: nothing to judge


@pytest.mark.parametrize(
    ("name", "source", "argument", "host"),
    [
        ("vault", "hashicorp/vault", 'address = "https://vault.example.eu:8200"', "vault.example.eu"),
        ("mysql", "petoju/mysql", 'endpoint = "mysql.example.eu:3306"', "mysql.example.eu"),
    ],
)
def test_a_server_of_ones_own_is_said_once_and_judged_once_declared(
    name, source, argument, host, tmp_path, monkeypatch, capsys
):
    resources = "".join(f'resource "{name}_database" "d{i}" {{\n  name = "d{i}"\n}}\n' for i in range(3))
    main = (
        f'terraform {{\n  required_providers {{\n    {name} = {{ source = "{source}" }}\n  }}\n}}\n'
        f'provider "{name}" {{\n  {argument}\n}}\n' + resources
    )

    def scan(config):
        monkeypatch.chdir(tmp_path)
        (tmp_path / ".git").mkdir(exist_ok=True)
        write_tree(tmp_path, {"main.tf": main, ".sovlint.yaml": config})
        cli.main(["--format", "json", "--no-cache", "."])
        return [(f["rule_id"], f["line"], f["message"]) for f in json.loads(capsys.readouterr().out)["findings"]]

    ((rule, line, message),) = scan("profile: eu-strict\n")
    assert (rule, line) == ("SOV204", 7) and f"its endpoint {host} is not an operator sovlint knows" in message
    declared = f"endpoints:\n  - name: our {name} in Frankfurt\n    hosts: [{host}]\n    country: DE\n"
    assert scan(declared) == []
    abroad = scan(declared.replace("country: DE", "country: US"))
    assert [rule for rule, _, _ in abroad] == ["SOV201"] * 3


@pytest.mark.parametrize(
    ("name", "source", "argument", "variable"),
    [
        ("vault", "hashicorp/vault", "address", "VAULT_ADDR"),
        ("postgresql", "cyrilgdn/postgresql", "host", "PGHOST"),
        ("mysql", "petoju/mysql", "endpoint", "MYSQL_ENDPOINT"),
        ("consul", "hashicorp/consul", "address", "CONSUL_HTTP_ADDR"),
        ("nomad", "hashicorp/nomad", "address", "NOMAD_ADDR"),
        ("rabbitmq", "cyrilgdn/rabbitmq", "endpoint", "RABBITMQ_ENDPOINT"),
        ("keycloak", "keycloak/keycloak", "url", "KEYCLOAK_URL"),
        ("keycloak", "mrparkers/keycloak", "url", "KEYCLOAK_URL"),
        ("kubernetes", "hashicorp/kubernetes", "host", "KUBE_HOST"),
        ("kubectl", "alekc/kubectl", "host", "KUBE_HOST"),
        ("kubectl", "gavinbunney/kubectl", "host", "KUBE_HOST"),
    ],
)
def test_a_server_whose_address_comes_from_the_environment_is_said_once(lint, name, source, argument, variable):
    required = f'terraform {{\n  required_providers {{\n    {name} = {{ source = "{source}" }}\n  }}\n}}\n'
    resources = "".join(f'resource "{name}_thing" "t{i}" {{\n  name = "t{i}"\n}}\n' for i in range(3))
    configured = required + f'provider "{name}" {{\n  token = "x"\n}}\n' + resources
    (note,) = lint({"main.tf": configured}, only=["SOV201", "SOV204"])
    assert (note.rule_id, note.address, note.line) == ("SOV204", f'provider["{source}"]', 6)
    assert f"provider {name} does not set {argument}" in note.message and variable in note.message
    assert "declare its host under endpoints:" in note.message and f"providers: [{source}]" in note.message
    # Terraform's empty configuration in a root module: said at the required_providers entry
    root = required.replace("terraform {\n", 'terraform {\n  backend "local" {}\n') + resources
    (note,) = lint({"main.tf": root}, only=["SOV201", "SOV204"])
    assert (note.rule_id, note.line) == ("SOV204", 4) and f"no provider configuration '{name}' sets" in note.message
    # a reusable module: its caller's provider block decides, and is judged there
    assert lint({"main.tf": required + resources}, only=["SOV201", "SOV204"]) == []
    # once the address is set: judged by it (the machine itself is a test double, not judged)
    local = configured.replace('token = "x"', f'{argument} = "http://localhost:8200"')
    assert lint({"main.tf": local}, only=["SOV201", "SOV204"]) == []
    own = lint({"main.tf": local.replace("localhost", "srv.example.eu")}, only=["SOV201", "SOV204"])
    assert [(f.rule_id, f.line) for f in own] == [("SOV204", 7)]  # at the argument that names it
    assert "its endpoint srv.example.eu is not an operator sovlint knows" in own[0].message


def test_a_server_left_to_the_environment_is_accepted_with_its_provider_in_the_configuration(
    tmp_path, monkeypatch, capsys
):
    """A kubeconfig or VAULT_ADDR in CI names no server to declare: accepting the provider is the way to say
    the organisation knows who runs it; the run names that weakening, and the note is gone."""
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "main.tf": 'provider "kubernetes" {\n  config_path = "~/.kube/config"\n}\n'
            'resource "kubernetes_namespace" "a" {\n  metadata {\n    name = "a"\n  }\n}\n'
        },
    )
    cli.main(["-f", "json", "--no-cache", "."])
    (note,) = json.loads(capsys.readouterr().out)["findings"]
    assert (note["rule_id"], note["line"]) == ("SOV204", 1)
    (tmp_path / ".sovlint.yaml").write_text("providers: [hashicorp/kubernetes]\n")
    assert cli.main(["-f", "json", "--no-cache", "."]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["findings"] == []
    assert "weakens the gate: accepts providers whoever controls them: hashicorp/kubernetes" in err


@pytest.mark.parametrize(
    ("kubernetes", "line"),
    [
        # the same place in both forms: the setting that holds the host (Helm 3 made the block an attribute)
        pytest.param('kubernetes = {\n    host = "{host}"\n  }', 5, id="attribute"),
        pytest.param('kubernetes {\n    host = "{host}"\n  }', 5, id="block"),
    ],
)
def test_helm_releases_are_judged_by_the_cluster_the_provider_reaches(lint, kubernetes, line):
    release = 'resource "helm_release" "r" {\n  name  = "r"\n  chart = "c"\n}\n'
    root = 'terraform {\n  backend "local" {}\n}\n'

    def findings(config):
        return [(f.rule_id, f.line) for f in lint({"main.tf": root + config + release}, only=["SOV201", "SOV204"])]

    configured = 'provider "helm" {\n  ' + kubernetes + "\n}\n"
    assert findings(configured.replace("{host}", "https://k8s.example.eu:6443")) == [("SOV204", line)]
    assert findings(configured.replace("{host}", "https://127.0.0.1:6443")) == []  # a local cluster (kind, k3d)
    # the cluster's own endpoint, known once it is created: the cluster is judged where it is declared
    assert findings(configured.replace('"{host}"', "aws_eks_cluster.c.endpoint")) == []
    assert findings('provider "helm" {\n  kubernetes = {\n    config_path = "~/.kube/config"\n  }\n}\n') == [
        ("SOV204", 4)
    ]


def test_dns_records_are_judged_by_the_server_that_takes_the_updates(lint):
    root = 'terraform {\n  backend "local" {}\n}\n'
    record = 'resource "dns_a_record_set" "www" {\n  zone = "example.eu."\n  name = "www"\n}\n'
    provider = 'provider "dns" {\n  update {\n    server = "ns1.example.eu"\n  }\n}\n'
    (own,) = lint({"main.tf": root + provider + record}, only=["SOV201", "SOV204"])
    assert (own.rule_id, own.line) == ("SOV204", 6) and "ns1.example.eu is not an operator" in own.message
    (unset,) = lint({"main.tf": root + 'provider "dns" {}\n' + record}, only=["SOV201", "SOV204"])
    assert "DNS_UPDATE_SERVER" in unset.message
    lookup = 'data "dns_a_record_set" "api" {\n  host = "api.example.eu"\n}\n'
    assert lint({"main.tf": root + lookup}, only=["SOV201", "SOV204"]) == []  # a lookup creates nothing


@pytest.mark.parametrize(
    ("name", "source", "argument"),
    [
        ("vault", "hashicorp/vault", "address"),
        ("postgresql", "cyrilgdn/postgresql", "host"),
        ("kubernetes", "hashicorp/kubernetes", "host"),
    ],
)
def test_a_server_address_from_a_variable_with_no_value_is_said_once(lint, name, source, argument):
    """`address = var.vault_addr` with no default and no value anywhere names no server, as an unset address
    does: one note where it is written. A value given later judges the server it names."""
    required = f'terraform {{\n  required_providers {{\n    {name} = {{ source = "{source}" }}\n  }}\n}}\n'
    resources = "".join(f'resource "{name}_thing" "t{i}" {{\n  name = "t{i}"\n}}\n' for i in range(3))
    unset = required + f'variable "server" {{}}\nprovider "{name}" {{\n  {argument} = var.server\n}}\n' + resources
    (note,) = lint({"main.tf": unset}, only=["SOV201", "SOV204"])
    assert (note.rule_id, note.address, note.line) == ("SOV204", f'provider["{source}"]', 8)
    assert f"provider {name}: {argument} = var.server: var.server has no default" in note.message
    assert f"providers: [{source}]" in note.message
    given = lint({"main.tf": unset, "terraform.tfvars": 'server = "https://srv.example.eu"\n'}, only=["SOV204"])
    assert [f.line for f in given] == [8] and "its endpoint srv.example.eu is not an operator" in given[0].message
    # a reusable module: the caller gives the address, and its provider configuration is judged there
    module = required + f'variable "server" {{}}\nprovider "{name}" {{\n  {argument} = var.server\n}}\n' + resources
    caller = f'module "m" {{\n  source = "./m"\n  server = {name}_thing.other.endpoint\n}}\n'
    assert lint({"m/main.tf": module, "main.tf": caller}, only=["SOV201", "SOV204"]) == []


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        pytest.param(
            "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
            [("SOV101", "us-east-1"), ("SOV201", "Amazon EKS")],
            id="eks-us",
        ),
        pytest.param(
            "https://ABCDEF0123456789ABCDEF0123456789.yl4.eu-central-1.eks.amazonaws.com",
            [("SOV201", "Amazon EKS")],
            id="eks-frankfurt",
        ),
        pytest.param("https://my-cluster.eu-west-1.api.aws", [("SOV201", "Amazon EKS")], id="eks-dual-stack"),
        pytest.param(
            "https://myaks-dns-1a2b3c4d.hcp.eastus.azmk8s.io:443",
            [("SOV101", "eastus"), ("SOV201", "Azure Kubernetes Service")],
            id="aks-us",
        ),
        pytest.param(
            "https://myaks-1a2b3c4d.privatelink.westeurope.azmk8s.io:443",
            [("SOV201", "Azure Kubernetes Service")],
            id="aks-private-netherlands",
        ),
    ],
)
@pytest.mark.parametrize("form", ["kubernetes", "helm"])
def test_a_managed_cluster_named_by_its_host_is_judged_by_its_cloud_and_region(lint, host, expected, form):
    """The API server host of EKS or AKS names the cloud and the region of the cluster: what a Kubernetes or Helm
    provider writes there is judged by them, not reported as an unknown endpoint."""
    if form == "helm":
        config = f'provider "helm" {{\n  kubernetes = {{\n    host = "{host}"\n  }}\n}}\n'
        resource = 'resource "helm_release" "r" {\n  name  = "r"\n  chart = "c"\n}\n'
    else:
        config = f'provider "kubernetes" {{\n  host = "{host}"\n}}\n'
        resource = 'resource "kubernetes_namespace" "r" {\n  metadata {\n    name = "r"\n  }\n}\n'
    findings = lint({"main.tf": config + resource}, only=["SOV101", "SOV103", "SOV201", "SOV204"])
    assert [rule for rule, _ in expected] == [f.rule_id for f in findings]
    assert all(word in f.message for (_, word), f in zip(expected, findings, strict=True))


@pytest.mark.parametrize(
    ("source", "host", "operator"),
    [
        pytest.param(
            'data "aws_eks_cluster" "c" {\n  name = "c"\n}\n',
            "data.aws_eks_cluster.c.endpoint",
            "Amazon EKS",
            id="eks",
        ),
        pytest.param(
            'data "google_container_cluster" "c" {\n  name     = "c"\n  location = "europe-west1"\n}\n',
            '"https://${data.google_container_cluster.c.endpoint}"',
            "Google Kubernetes Engine",
            id="gke-url-around-its-address",
        ),
        pytest.param(
            'data "azurerm_kubernetes_cluster" "c" {\n  name                = "c"\n  resource_group_name = "g"\n}\n',
            "data.azurerm_kubernetes_cluster.c.kube_config.0.host",
            "Azure Kubernetes Service",
            id="aks",
        ),
        pytest.param(
            'data "azurerm_kubernetes_cluster" "c" {\n  name                = "c"\n  resource_group_name = "g"\n}\n',
            "data.azurerm_kubernetes_cluster.c.kube_admin_config[0].host",
            "Azure Kubernetes Service",
            id="aks-admin",
        ),
    ],
)
@pytest.mark.parametrize("form", ["kubernetes", "helm-block"])
def test_a_managed_cluster_read_through_a_data_source_is_judged_by_who_runs_it(lint, source, host, operator, form):
    """A configuration that only reads its cluster (`host = data.aws_eks_cluster.c.endpoint`, kept in another state)
    judges none of the cloud's resources: its Kubernetes objects say who runs the server they live on; the
    cluster's region is not in the data source, so no SOV1xx."""
    if form == "helm-block":
        config = f'provider "helm" {{\n  kubernetes {{\n    host = {host}\n  }}\n}}\n'
        resource = 'resource "helm_release" "r" {\n  name  = "r"\n  chart = "c"\n}\n'
    else:
        config = f'provider "kubernetes" {{\n  host = {host}\n}}\n'
        resource = 'resource "kubernetes_namespace" "r" {\n  metadata {\n    name = "r"\n  }\n}\n'
    findings = lint({"main.tf": source + config + resource})
    assert [f.rule_id for f in findings] == ["SOV201"]
    assert f"runs on {operator}" in findings[0].message and "(United States)" in findings[0].message


@pytest.mark.parametrize(("region", "located"), [("us-east-1", ["SOV101"]), ("eu-west-1", [])])
@pytest.mark.parametrize("form", ["kubernetes", "helm-block"])
def test_objects_on_a_cluster_read_through_a_data_source_are_where_the_data_source_reads(lint, region, located, form):
    """The EKS cluster a data source reads is in the region of the AWS provider configuration it uses: the objects
    kept on it are there, as those of a cluster whose host names its region."""
    source = f'provider "aws" {{\n  region = "{region}"\n}}\ndata "aws_eks_cluster" "c" {{\n  name = "c"\n}}\n'
    if form == "helm-block":
        config = 'provider "helm" {\n  kubernetes {\n    host = data.aws_eks_cluster.c.endpoint\n  }\n}\n'
        resource = 'resource "helm_release" "r" {\n  name  = "r"\n  chart = "c"\n}\n'
    else:
        config = 'provider "kubernetes" {\n  host = data.aws_eks_cluster.c.endpoint\n}\n'
        resource = 'resource "kubernetes_namespace" "r" {\n  metadata {\n    name = "r"\n  }\n}\n'
    findings = lint({"main.tf": source + config + resource})
    assert [f.rule_id for f in findings] == [*located, "SOV201"]
    assert all(f.line == (source + config).count("\n") + 1 for f in findings)  # at the object
    if located:
        assert f"in {region} (United States)" in findings[0].message and "main.tf:2" in findings[0].message


def test_a_cluster_host_given_through_locals_is_followed_to_its_data_source(lint):
    source = (
        'provider "aws" {\n  region = "us-east-1"\n}\ndata "aws_eks_cluster" "c" {\n  name = "c"\n}\n'
        "locals {\n  endpoint = data.aws_eks_cluster.c.endpoint\n  host     = local.endpoint\n}\n"
        'provider "kubernetes" {\n  host = local.host\n}\n'
        'resource "kubernetes_namespace" "r" {\n  metadata {\n    name = "r"\n  }\n}\n'
    )
    findings = lint({"main.tf": source})
    assert [(f.rule_id, f.address) for f in findings] == [
        ("SOV101", "kubernetes_namespace.r"),
        ("SOV201", "kubernetes_namespace.r"),
    ]
    assert "runs on Amazon EKS" in findings[1].message


@pytest.mark.parametrize(
    "host", ['"https://${data.google_container_cluster.c.endpoint}"', '"https://uid.us-central1.gke.goog"']
)
def test_objects_on_a_gke_cluster_are_where_it_is(lint, host):
    source = (
        'data "google_container_cluster" "c" {\n  name     = "c"\n  location = "us-central1"\n}\n'
        f'provider "kubernetes" {{\n  host = {host}\n}}\n'
        'resource "kubernetes_namespace" "r" {\n  metadata {\n    name = "r"\n  }\n}\n'
    )
    findings = lint({"main.tf": source})
    assert [f.rule_id for f in findings] == ["SOV101", "SOV201"]
    assert "us-central1 (United States)" in findings[0].message and "Google Kubernetes Engine" in findings[1].message


def test_a_cluster_endpoint_of_a_data_source_sovlint_cannot_tell_stays_unjudged(lint):
    """Another attribute of the data source, or a data source that is no managed cluster, names no operator: the
    address is known only when Terraform runs, and nothing is guessed."""
    config = (
        'data "aws_eks_cluster" "c" {\n  name = "c"\n}\n'
        'data "external" "h" {\n  program = ["h"]\n}\n'
        'provider "kubernetes" {\n  host = data.aws_eks_cluster.c.arn\n}\n'
        'provider "kubernetes" {\n  alias = "x"\n  host  = data.external.h.result.endpoint\n}\n'
        'resource "kubernetes_namespace" "r" {\n  metadata {\n    name = "r"\n  }\n}\n'
        'resource "kubernetes_namespace" "x" {\n  provider = kubernetes.x\n  metadata {\n    name = "x"\n  }\n}\n'
    )
    assert lint({"main.tf": config}, only=["SOV201", "SOV204", "SOV102"]) == []
