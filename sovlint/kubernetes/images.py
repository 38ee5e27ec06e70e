"""Container image references, normalised the way Docker and containerd read them.

`nginx` is `docker.io/library/nginx:latest`; the first path component is a registry only when it
contains a '.' or a ':' or is `localhost`.
"""

import ipaddress
from typing import NamedTuple

_DOCKER_HUB_ALIASES = {"index.docker.io", "registry-1.docker.io", "docker.io"}


class ImageRef(NamedTuple):
    registry: str  # 'docker.io', 'ghcr.io', 'localhost:5000'
    repository: str  # 'library/nginx'
    tag: str = ""
    digest: str = ""

    @property
    def host(self) -> str:
        """The registry host without its port."""
        return self.registry.rsplit(":", 1)[0] if ":" in self.registry else self.registry


def parse(reference: str) -> ImageRef:
    ref = reference.strip()
    digest = ""
    if "@" in ref:
        ref, digest = ref.split("@", 1)
    first, sep, rest = ref.partition("/")
    if sep and ("." in first or ":" in first or first == "localhost"):
        registry, path = first.lower(), rest
    else:
        registry, path = "docker.io", ref
    if registry in _DOCKER_HUB_ALIASES:
        registry = "docker.io"
        if "/" not in path:
            path = f"library/{path}"
    tag = ""
    name_part = path.rsplit("/", 1)[-1]
    if ":" in name_part:
        path, tag = path.rsplit(":", 1)
    return ImageRef(registry, path, tag, digest)


_OWN_SUFFIXES = (".local", ".localhost", ".internal", ".svc", ".cluster.local", ".lan", ".home.arpa", ".test")


def own_network(host: str) -> bool:
    """Whether a registry host can only be a machine of the user's own network: `localhost`, a name of one label
    (`registry:5000`), a cluster's service name, a special-use or private domain, a private or loopback address."""
    name = host.strip("[]").lower()
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return "." not in name or name.endswith(_OWN_SUFFIXES)
    return address.is_private or address.is_loopback or address.is_link_local
