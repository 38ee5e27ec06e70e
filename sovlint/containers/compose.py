"""Compose files → one Resource per service that names an `image:`, at that line.

The YAML is walked as nodes, never constructed, so anchors and merge keys (`<<: *common`) are
followed without copying anything. Compose interpolation is applied where the file itself gives
the value (`${TAG:-latest}`); a reference that needs the environment cannot be judged and is
left out. A service with only `build:` pulls the images of its Dockerfile, judged there; with `build:`
its `image:` names what the build makes, pulled from nowhere when `pull_policy: build` says so or
when the name has no namespace: Docker Hub keeps such names for its official images, which no one
else pushes, so `image: api` beside `build: ./api` is a local tag.
"""

from __future__ import annotations

from typing import Any

import yaml

from sovlint import yamlload
from sovlint.containers.dockerfile import substitute
from sovlint.model import Kind, Resource

MAX_MERGES = 8  # `<<` merge keys followed per service


def parse(text: str, file: str) -> list[Resource]:
    """The services of a Compose file that pull an image; ParseError when it is not YAML."""
    try:
        documents = list(yamlload.compose_all(text.removeprefix("\ufeff")))
    except (yaml.YAMLError, RecursionError) as exc:
        raise yamlload.error(exc, "not a Compose file") from None
    resources = []
    for document in documents:
        services = _value(document, "services")
        if not isinstance(services, yaml.MappingNode):
            continue
        for key, service in services.value:
            image = _image(service)
            if image is None or not isinstance(key, yaml.ScalarNode):
                continue
            reference = substitute(str(image.value), {})
            if not reference or _built_here(service, reference):
                continue
            resources.append(
                Resource(
                    address=f"service/{key.value}",
                    type="ComposeService",
                    file=file,
                    line=key.start_mark.line + 1,
                    end_line=max(key.start_mark.line + 1, service.end_mark.line),
                    kind=Kind.CONTAINER,
                    images=((reference, image.start_mark.line + 1),),
                )
            )
    return resources


def _image(service: Any) -> Any:
    """The scalar node of a service's `image:`, its own or from a merged mapping."""
    image = _merged(service, "image")
    return image if isinstance(image, yaml.ScalarNode) and image.value else None


def _built_here(service: Any, reference: str) -> bool:
    """Whether the service's `image:` only names the image its `build:` makes (see the module's docstring)."""
    if _merged(service, "build") is None:
        return False
    policy = _merged(service, "pull_policy")
    if isinstance(policy, yaml.ScalarNode) and str(policy.value).lower() == "build":
        return True
    return "/" not in reference.split("@", 1)[0]  # `api`, `api:dev`: a name in no registry's namespace


def _merged(service: Any, name: str) -> Any:
    """The value node of `name` in a service, its own or from a mapping merged with `<<`."""
    for _ in range(MAX_MERGES):
        value = _value(service, name)
        if value is not None:
            return value
        service = _value(service, "<<")
        if isinstance(service, yaml.SequenceNode) and service.value:
            service = service.value[0]
    return None


def _value(node: Any, name: str) -> Any:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == name), None)
