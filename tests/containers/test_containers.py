"""Dockerfiles and Compose files: the images they pull, judged by SOV203 at their lines."""

import json

import pytest

from conftest import write_tree
from sovlint.cli import main
from sovlint.discover import kind_of

DOCKERFILE = """\
# syntax=docker/dockerfile:1
ARG BASE=ghcr.io/acme/base:1
ARG GO_VERSION
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
RUN go build -o /app .

FROM ${BASE} AS runtime
COPY --from=build /app /app
COPY --from=quay.io/acme/tools:2 /bin/tool /bin/tool
RUN --mount=type=cache,target=/root/.cache \\
    --mount=type=bind,from=public.ecr.aws/acme/assets:3,target=/assets \\
    cp -r /assets /srv

FROM build AS test
FROM scratch
FROM golang:${GO_VERSION}
FROM harbor.example.eu/library/nginx:1.27
"""


def test_stages_pull_their_images_at_their_lines(lint):
    findings = lint({"Dockerfile": DOCKERFILE}, only=["SOV203"])
    assert [(f.line, f.address, dict(f.properties)["image"]) for f in findings] == [
        (4, "stage/build", "golang:1.22"),  # --platform is a flag, not the image
        (7, "stage/runtime", "ghcr.io/acme/base:1"),  # the ARG default before the first FROM
        (9, "stage/runtime", "quay.io/acme/tools:2"),  # COPY --from an image, not a stage
        (10, "stage/runtime", "public.ecr.aws/acme/assets:3"),  # a continued RUN: its first line
    ]
    # `FROM build` is a stage, `scratch` is nothing, `${GO_VERSION}` has no value, harbor.example.eu is unknown
    assert findings[0].message == (
        "stage/build pulls golang:1.22 from docker.io, run by Docker, Inc. (United States), outside the EU/EEA"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("FROM nginx\n", [(1, "stage/0")], id="unnamed-stage-by-index"),
        pytest.param("from nginx as web\n", [(1, "stage/web")], id="lower-case"),
        pytest.param("# escape=`\nFROM `\n  nginx\n", [(2, "stage/0")], id="escape-directive"),
        pytest.param('ARG IMG="quay.io/x/y"\nFROM $IMG\n', [(2, "stage/0")], id="quoted-arg"),
        pytest.param("ARG R=\nFROM ${R:-ghcr.io}/x/y\n", [(2, "stage/0")], id="default-when-empty"),
        pytest.param("FROM web AS web2\n", [(1, "stage/web2")], id="later-stage-name-is-an-image"),
        pytest.param("FROM a AS one\nFROM ONE\n", [(1, "stage/one")], id="stage-names-ignore-case"),
        pytest.param("", [], id="empty"),
    ],
)
def test_dockerfile_cases(lint, source, expected):
    findings = lint({"Dockerfile": source}, only=["SOV203"])
    assert [(f.line, f.address) for f in findings] == expected


COMPOSE = """\
x-common: &common
  image: ghcr.io/acme/api:${TAG:-latest}
  restart: always

services:
  api:
    <<: *common
    ports: ["8080:80"]
  cache:
    image: redis:7
  worker:
    build: ./worker
  private:
    image: ${REGISTRY}/acme/private:1
  eu:
    image: harbor.example.eu/acme/eu:1
"""


def test_compose_services_at_their_image_lines(lint):
    findings = lint({"compose.yaml": COMPOSE}, only=["SOV203"])
    assert [(f.line, f.address, dict(f.properties)["image"]) for f in findings] == [
        (2, "service/api", "ghcr.io/acme/api:latest"),  # through the merge key, at the anchor's line
        (10, "service/cache", "redis:7"),
    ]


def test_mirrors_in_the_configuration_are_honoured(tmp_path, monkeypatch, capsys):
    config = "registries:\n  mirrors:\n    docker.io: harbor.example.eu\n"
    write_tree(tmp_path, {".sovlint.yaml": config, "Dockerfile": "FROM nginx\n", "compose.yml": COMPOSE})
    monkeypatch.chdir(tmp_path)
    assert main(["--format", "json", "--fail-on", "warning", "."]) == 1
    found = [(f["file"], f["line"]) for f in json.loads(capsys.readouterr().out)["findings"]]
    assert found == [("compose.yml", 2)]  # docker.io images come from the mirror; ghcr.io still counts


def test_a_broken_compose_file_is_a_parse_error_at_its_line(lint):
    findings = lint({"docker-compose.yml": "services:\n  web:\n    image: [nginx\n"})
    assert [(f.rule_id, f.file, f.line) for f in findings] == [("SOV000", "docker-compose.yml", 4)]
    assert findings[0].message.startswith("invalid YAML")


def test_a_compose_file_is_no_kubernetes_manifest(lint):
    # a document with apiVersion/kind under a Compose name is still read as Compose only
    assert lint({"compose.yaml": "services: {}\n"}) == []


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Dockerfile", "dockerfile"),
        ("Containerfile", "dockerfile"),
        ("Dockerfile.prod", "dockerfile"),
        ("api.Dockerfile", "dockerfile"),
        ("docker-compose.yml", "compose"),
        ("docker-compose.override.yaml", "compose"),
        ("compose.yaml", "compose"),
        ("compose.prod.yml", "compose"),
        ("docker-stack.yml", "compose"),
        ("deployment.yaml", "yaml"),
        ("Dockerfile.md", None),
        ("README.md", None),
    ],
)
def test_file_kinds(name, kind):
    assert kind_of(name) == kind


BUILT = """\
x-build: &build
  build: ./api
services:
  api:
    image: api:dev
    build: ./api
  worker:
    <<: *build
    image: worker
  pushed:
    image: acme/api:1
    build: ./api
  rebuilt:
    image: ghcr.io/acme/api:1
    build: ./api
    pull_policy: build
  cache:
    image: redis:7
"""


def test_an_image_that_names_what_the_build_makes_is_not_pulled(lint):
    findings = lint({"compose.yaml": BUILT}, only=["SOV203"])
    # `api:dev` and `worker` tag the build (no namespace: Docker Hub keeps those for its official images);
    # `acme/api:1` may be pushed to Docker Hub and pulled back; `pull_policy: build` never pulls
    assert [(f.address, dict(f.properties)["image"]) for f in findings] == [
        ("service/pushed", "acme/api:1"),
        ("service/cache", "redis:7"),
    ]
