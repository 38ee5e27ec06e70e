import pytest

from sovlint.kubernetes.images import parse


@pytest.mark.parametrize(
    ("ref", "registry", "repository", "tag", "digest"),
    [
        ("nginx", "docker.io", "library/nginx", "", ""),
        ("nginx:1.27", "docker.io", "library/nginx", "1.27", ""),
        ("bitnami/redis:7", "docker.io", "bitnami/redis", "7", ""),
        ("index.docker.io/nginx", "docker.io", "library/nginx", "", ""),
        ("ghcr.io/acme/app:v1", "ghcr.io", "acme/app", "v1", ""),
        ("localhost/app", "localhost", "app", "", ""),
        ("localhost:5000/app:1", "localhost:5000", "app", "1", ""),
        (
            "registry.example.eu:8443/team/app@sha256:abc",
            "registry.example.eu:8443",
            "team/app",
            "",
            "sha256:abc",
        ),
        ("quay.io/org/app:1@sha256:abc", "quay.io", "org/app", "1", "sha256:abc"),
        (
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
            "app",
            "",
            "",
        ),
    ],
)
def test_parse_like_docker(ref, registry, repository, tag, digest):
    image = parse(ref)
    assert (image.registry, image.repository, image.tag, image.digest) == (registry, repository, tag, digest)


def test_host_drops_the_port():
    assert parse("localhost:5000/app").host == "localhost"
