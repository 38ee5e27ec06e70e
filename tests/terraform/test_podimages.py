"""Kubernetes workloads written in Terraform pull their containers' images as their manifests would (SOV203)."""

import json

import pytest

PROVIDER = 'provider "kubernetes" {\n  config_path = "~/.kube/config"\n}\n'
DEPLOYMENT = """resource "kubernetes_deployment_v1" "web" {
  metadata {
    name = "web"
  }
  spec {
    template {
      metadata {
        labels = { app = "web" }
      }
      spec {
        init_container {
          name  = "wait"
          image = "busybox:1.36"
        }
        container {
          name  = "web"
          image = var.image
        }
        container {
          name  = "sidecar"
          image = "registry.example.eu/proxy:2"
        }
      }
    }
  }
}
"""


def _pulled(findings):
    return [(f.address, dict(f.properties)["image"], f.line) for f in findings]


def test_a_deployments_containers_and_init_containers_are_judged_at_the_resource(lint):
    """Docker Hub (Docker, Inc., United States) for the init container and the image a variable gives; a registry
    sovlint does not know is not guessed. The finding points at the resource: its nested blocks keep no lines."""
    variables = 'variable "image" {\n  default = "nginx:1.27"\n}\n'
    findings = lint({"main.tf": PROVIDER + variables + DEPLOYMENT}, only=["SOV203"])
    assert _pulled(findings) == [
        ("kubernetes_deployment_v1.web", "busybox:1.36", 7),
        ("kubernetes_deployment_v1.web", "nginx:1.27", 7),
    ]
    assert "pulls busybox:1.36 from docker.io, run by Docker, Inc. (United States)" in findings[0].message


def test_an_image_known_only_when_terraform_runs_is_not_guessed(lint):
    findings = lint({"main.tf": PROVIDER + 'variable "image" {}\n' + DEPLOYMENT}, only=["SOV203"])
    assert _pulled(findings) == [("kubernetes_deployment_v1.web", "busybox:1.36", 5)]


@pytest.mark.parametrize(
    ("rtype", "wrap"),
    [
        ("kubernetes_pod", "spec {{ {c} }}"),
        ("kubernetes_stateful_set_v1", "spec {{\n template {{\n spec {{ {c} }}\n }}\n }}"),
        (
            "kubernetes_cron_job_v1",
            "spec {{\n job_template {{\n spec {{\n template {{\n spec {{ {c} }}\n }}\n }}\n }}\n }}",
        ),
    ],
)
def test_every_workload_kind_finds_its_pod_spec(lint, rtype, wrap):
    container = '\n container {\n name = "c"\n image = "quay.io/org/app:1"\n }\n'
    source = PROVIDER + f'resource "{rtype}" "w" {{\n' + wrap.format(c=container) + "\n}\n"
    findings = lint({"main.tf": source}, only=["SOV203"])
    assert _pulled(findings) == [(f"{rtype}.w", "quay.io/org/app:1", 4)]
    assert "run by Red Hat" in findings[0].message or "run by IBM" in findings[0].message


def test_a_service_or_a_workload_of_no_known_kind_pulls_nothing(lint):
    service = (
        'resource "kubernetes_service_v1" "s" {\n  spec {\n    container {\n      image = "nginx"\n    }\n  }\n}\n'
    )
    assert lint({"main.tf": PROVIDER + service}, only=["SOV203"]) == []


def test_a_plan_gives_the_resolved_image(lint):
    values = {"spec": [{"template": [{"spec": [{"container": [{"name": "c", "image": "nginx:1.27"}]}]}]}]}
    item = {
        "address": "kubernetes_deployment_v1.web",
        "mode": "managed",
        "type": "kubernetes_deployment_v1",
        "name": "web",
        "provider_name": "registry.terraform.io/hashicorp/kubernetes",
        "values": values,
    }
    document = {"format_version": "1.2", "planned_values": {"root_module": {"resources": [item]}}}
    findings = lint({"plan.json": json.dumps(document)}, only=["SOV203"])
    assert _pulled(findings) == [("kubernetes_deployment_v1.web", "nginx:1.27", 1)]
