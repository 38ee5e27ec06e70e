"""GitOps objects that make a controller pull: a Helm release's values, an OCI chart source (SOV203)."""

RELEASE = """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: apps
spec:
  chart:
    spec:
      chart: podinfo
  values:
    image:
      repository: ghcr.io/stefanprodan/podinfo
      tag: 6.7.0
    redis:
      enabled: true
      repository: harbor.example.eu/mirror/redis
      tag: "7"
    sidecarImage: public.ecr.aws/acme/sidecar:1
    replicaCount: 2
"""

SOURCES = """\
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: cert-manager
spec:
  url: oci://quay.io/jetstack/charts/cert-manager
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: podinfo
spec:
  url: https://stefanprodan.github.io/podinfo
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: bitnami
spec:
  type: oci
  url: oci://registry-1.docker.io/bitnamicharts
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: eu
spec:
  url: oci://harbor.example.eu/charts/app
"""

APPLICATION = """\
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web
spec:
  source:
    chart: web
    helm:
      valuesObject:
        image: {registry: gcr.io, repository: acme/web, tag: "1"}
  sources:
    - chart: cache
      helm:
        valuesObject:
          cache:
            image: {repository: quay.io/acme/cache, tag: "2"}
    - repoURL: https://github.com/acme/config
"""


def _sov203(findings):
    return [(f.file, f.line, f.address, dict(f.properties)["image"]) for f in findings if f.rule_id == "SOV203"]


def test_the_images_a_helm_release_gives_its_chart_are_judged(lint):
    found = _sov203(lint({"release.yaml": RELEASE}))
    assert found == [
        ("release.yaml", 12, "apps/HelmRelease/podinfo", "ghcr.io/stefanprodan/podinfo:6.7.0"),
        ("release.yaml", 18, "apps/HelmRelease/podinfo", "public.ecr.aws/acme/sidecar:1"),
    ]  # the redis mirror is in the EU; replicaCount is no image


def test_a_release_of_another_controller_is_not_read_as_flux(lint):
    other = RELEASE.replace("helm.toolkit.fluxcd.io/v2", "example.com/v1")
    assert _sov203(lint({"release.yaml": other})) == []


def test_an_oci_chart_source_is_judged_by_its_registry(lint):
    found = _sov203(lint({"sources.yaml": SOURCES}))
    assert found == [
        ("sources.yaml", 6, "OCIRepository/cert-manager", "quay.io/jetstack/charts/cert-manager"),
        ("sources.yaml", 21, "HelmRepository/bitnami", "registry-1.docker.io/bitnamicharts"),
    ]  # an https chart repository is no registry; the EU Harbor is allowed


def test_an_argo_cd_application_s_helm_values_are_judged(lint):
    found = _sov203(lint({"app.yaml": APPLICATION}))
    assert found == [
        ("app.yaml", 10, "Application/web", "gcr.io/acme/web:1"),
        ("app.yaml", 16, "Application/web", "quay.io/acme/cache:2"),
    ]


def test_a_value_a_kustomize_patch_sets_is_reported_in_the_patch(lint):
    patch = (
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: apps\n"
        "spec:\n  values:\n    image:\n      repository: docker.io/stefanprodan/podinfo\n"
    )
    files = {
        "base/kustomization.yaml": "resources:\n  - release.yaml\n",
        "base/release.yaml": RELEASE,
        "prod/kustomization.yaml": "resources:\n  - ../base\npatches:\n  - path: values.yaml\n",
        "prod/values.yaml": patch,
    }
    found = _sov203(lint(files))
    assert ("prod/values.yaml", 9, "apps/HelmRelease/podinfo", "docker.io/stefanprodan/podinfo:6.7.0") in found
    assert ("base/release.yaml", 18, "apps/HelmRelease/podinfo", "public.ecr.aws/acme/sidecar:1") in found
    assert not any(image.startswith("ghcr.io/") for *_, image in found)  # the patch replaced it
