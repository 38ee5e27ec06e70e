"""Images that Terraform hands to Kubernetes in a manifest or a Helm release are judged as a manifest's (SOV203)."""

import json

import pytest

PROVIDERS = 'provider "kubernetes" {\n  config_path = "~/.kube/config"\n}\n'
POD = """apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: mcr.microsoft.com/dotnet/runtime:8.0
"""


def _pulled(findings):
    return [(f.address, dict(f.properties)["image"], f.file, f.line) for f in findings]


def test_a_kubectl_manifest_heredoc_is_judged_at_the_line_of_its_image(lint):
    """A value known only when Terraform runs, inside a line, leaves the rest of the manifest readable; an image
    that holds one is not guessed."""
    source = """resource "kubectl_manifest" "web" {
  yaml_body = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${var.namespace}
spec:
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/org/web:1
        - name: other
          image: ${var.registry}/other:1
YAML
}
variable "namespace" {}
variable "registry" {}
"""
    findings = lint({"main.tf": PROVIDERS + source}, only=["SOV203"])
    assert _pulled(findings) == [("kubectl_manifest.web", "ghcr.io/org/web:1", "main.tf", 16)]
    assert findings[0].message == (
        "kubectl_manifest.web pulls ghcr.io/org/web:1 from ghcr.io, run by GitHub, Inc., controlled by Microsoft"
        " Corporation (United States), outside the EU/EEA"
    )


def test_a_value_standing_alone_on_its_line_makes_the_text_unknown(lint):
    """`${indent(…, yamlencode(…))}` alone on a line may add containers of its own: nothing is read."""
    source = """resource "kubectl_manifest" "web" {
  yaml_body = <<-YAML
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
    spec:
      containers:
        - name: c
          image: nginx:1.27
      ${var.extra}
  YAML
}
variable "extra" {}
"""
    assert lint({"main.tf": PROVIDERS + source}, only=["SOV203"]) == []


def test_file_and_templatefile_read_files_of_the_module(lint):
    main = """module "apps" {
  source = "./apps"
}
"""
    apps = """resource "kubectl_manifest" "pod" {
  yaml_body = file("${path.module}/pod.yaml")
}
resource "kubectl_manifest" "templated" {
  yaml_body = templatefile("${path.module}/pod.tpl.yaml", { image = "docker.io/bitnami/redis:7", name = "r" })
}
resource "kubernetes_manifest" "decoded" {
  manifest = yamldecode(file("${path.module}/pod.yaml"))
}
"""
    template = POD.replace("mcr.microsoft.com/dotnet/runtime:8.0", "${image}").replace("name: p", "name: ${name}")
    files = {"main.tf": PROVIDERS + main, "apps/main.tf": apps, "apps/pod.yaml": POD, "apps/pod.tpl.yaml": template}
    findings = lint(files, only=["SOV203"])
    assert sorted(_pulled(findings)) == [
        ("Pod/p", "mcr.microsoft.com/dotnet/runtime:8.0", "apps/pod.yaml", 8),  # the file itself, as a manifest
        ("module.apps.kubectl_manifest.pod", "mcr.microsoft.com/dotnet/runtime:8.0", "apps/main.tf", 2),
        ("module.apps.kubectl_manifest.templated", "docker.io/bitnami/redis:7", "apps/main.tf", 5),
        ("module.apps.kubernetes_manifest.decoded", "mcr.microsoft.com/dotnet/runtime:8.0", "apps/main.tf", 8),
    ]


def test_a_template_file_scanned_on_its_own_is_not_judged_by_its_placeholders(lint):
    """`image: ${image}` is filled by templatefile(); read as a manifest it is not docker.io/library/${image}."""
    template = POD.replace("mcr.microsoft.com/dotnet/runtime:8.0", "${image}")
    assert lint({"pod.tpl.yaml": template}, only=["SOV203"]) == []


@pytest.mark.parametrize(
    ("call", "why"),
    [
        ('file("../outside.yaml")', "outside the scanned tree"),
        ('file("/etc/hostname")', "an absolute path"),
        ('file("${path.module}/missing.yaml")', "a missing file"),
        ('file("${path.module}/big.yaml")', "over the size limit"),
        ('file("${path.module}/binary.yaml")', "not text"),
        ('templatefile("${path.module}/pod.yaml", { image = var.image })', "a template of an unknown variable"),
        ('templatefile("${path.module}/directive.yaml", {})', "template directives"),
        ("data.kubectl_file_documents.docs.documents[0]", "a data source"),
    ],
)
def test_a_text_that_cannot_be_read_gives_nothing(lint, tmp_path, call, why):
    """Beside a file that is read in the same run: only what cannot be read is left out."""
    (tmp_path.parent / "outside.yaml").write_text(POD, encoding="utf-8")
    big = POD + "# padding\n" * 300_000  # 3 MB
    resources = f'resource "kubectl_manifest" "m" {{\n  yaml_body = {call}\n}}\nvariable "image" {{}}\n'
    resources += 'resource "kubectl_manifest" "ok" {\n  yaml_body = file("good.yaml")\n}\n'
    files = {
        "main.tf": PROVIDERS + resources,
        "good.yaml": POD.replace("mcr.microsoft.com/dotnet/runtime:8.0", "quay.io/a/b:1"),
        "big.yaml": big,
        "binary.yaml": b"apiVersion: v1\x00\xff",
        "directive.yaml": POD + "%{ if true }x%{ endif }\n",
    }
    findings = lint(files, only=["SOV203", "SOV000"], limits=_limits(max_file_mb=1.0))
    assert [(f.rule_id, f.address) for f in findings if f.file == "main.tf"] == [("SOV203", "kubectl_manifest.ok")], why


def _limits(**values):
    from sovlint.limits import Limits

    return Limits(**values)


def test_a_relative_path_is_read_from_the_root_modules_directory(lint):
    files = {
        "main.tf": PROVIDERS + 'resource "kubectl_manifest" "m" {\n  yaml_body = file("pod.json")\n}\n',
        "pod.json": json.dumps({"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"image": "quay.io/a/b"}]}}),
    }
    assert _pulled(lint(files, only=["SOV203"])) == [("kubectl_manifest.m", "quay.io/a/b", "main.tf", 5)]


def test_a_kubernetes_manifest_object_written_in_hcl(lint):
    source = """resource "kubernetes_manifest" "job" {
  manifest = {
    apiVersion = "batch/v1"
    kind       = "Job"
    metadata   = { name = "j", namespace = var.namespace }
    spec = {
      template = {
        spec = {
          containers = [{ name = "c", image = "registry.k8s.io/pause:3.9" }, { name = "d", image = var.image }]
        }
      }
    }
  }
}
variable "namespace" {}
variable "image" {}
"""
    findings = lint({"main.tf": PROVIDERS + source}, only=["SOV203"])
    assert _pulled(findings) == [("kubernetes_manifest.job", "registry.k8s.io/pause:3.9", "main.tf", 5)]


HELM = """resource "helm_release" "app" {
  name       = "app"
  repository = "oci://registry-1.docker.io/bitnamicharts"
  chart      = "redis"
  version    = "19.0.1"
  values = [
    file("${path.module}/values.yaml"),
    yamlencode({ metrics = { image = { registry = "quay.io", repository = "oliver006/redis_exporter", tag = "v1" } } }),
  ]
  set {
    name  = "image.tag"
    value = "7.2"
  }
  set {
    name  = "sidecar\\\\.image"
    value = var.sidecar
  }
}
variable "sidecar" {}
"""


def test_a_helm_release_chart_values_and_set(lint):
    """The OCI chart at `repository`; values merged as Helm merges them (a file, then an encoded object, then each
    `set`): an image a `set` completes is at the `set`, one the values give whole at `values`."""
    values = "image:\n  registry: docker.io\n  repository: bitnami/redis\n  tag: '7.0'\n"
    findings = lint({"main.tf": PROVIDERS + HELM, "values.yaml": values}, only=["SOV203"])
    assert _pulled(findings) == [
        ("helm_release.app", "registry-1.docker.io/bitnamicharts/redis:19.0.1", "main.tf", 6),
        ("helm_release.app", "quay.io/oliver006/redis_exporter:v1", "main.tf", 9),
        ("helm_release.app", "docker.io/bitnami/redis:7.2", "main.tf", 13),
    ]


def test_a_helm_release_from_a_chart_repository_over_https_pulls_no_image_it_names(lint):
    source = (
        'resource "helm_release" "x" {\n  name = "x"\n  repository = "https://charts.example.com"\n  chart = "x"\n}\n'
    )
    assert lint({"main.tf": PROVIDERS + source}, only=["SOV203"]) == []


def test_a_plan_gives_the_resolved_manifest_and_values(lint):
    def item(address, rtype, values):
        name = address.split(".")[1]
        provider = "registry.terraform.io/hashicorp/helm"
        return {
            "address": address,
            "mode": "managed",
            "type": rtype,
            "name": name,
            "provider_name": provider,
            "values": values,
        }

    resources = [
        item("kubectl_manifest.m", "kubectl_manifest", {"yaml_body": POD}),
        item("helm_release.h", "helm_release", {"values": ["image: ghcr.io/org/app:2\n"], "set": []}),
    ]
    document = {"format_version": "1.2", "planned_values": {"root_module": {"resources": resources}}}
    findings = lint({"plan.json": json.dumps(document)}, only=["SOV203"])
    assert sorted((a, i) for a, i, _, _ in _pulled(findings)) == [
        ("helm_release.h", "ghcr.io/org/app:2"),
        ("kubectl_manifest.m", "mcr.microsoft.com/dotnet/runtime:8.0"),
    ]


def test_a_changed_file_is_read_again_from_a_warm_cache(tmp_path, capsys):
    """A root module kept between runs depends on the files its file() read."""
    from conftest import write_tree
    from sovlint.cli import main

    tree = tmp_path / "repo"
    write_tree(tree, {"main.tf": PROVIDERS + 'resource "kubectl_manifest" "m" {\n  yaml_body = file("pod.yaml")\n}\n'})
    (tree / "pod.yaml").write_text(POD, encoding="utf-8")

    def images() -> list[str]:
        main(["-f", "json", "--cache-dir", str(tmp_path / "cache"), "--select", "SOV203", str(tree)])
        found = json.loads(capsys.readouterr().out)["findings"]
        return [f["properties"]["image"] for f in found if f["address"] == "kubectl_manifest.m"]

    assert images() == ["mcr.microsoft.com/dotnet/runtime:8.0"]
    assert images() == ["mcr.microsoft.com/dotnet/runtime:8.0"]
    (tree / "pod.yaml").write_text(POD.replace("mcr.microsoft.com/dotnet/runtime:8.0", "quay.io/x/y:1"))
    assert images() == ["quay.io/x/y:1"]
