"""Files that container runtimes read: Dockerfiles and Compose files, judged for the images they pull (SOV203).

They are kept apart from `kubernetes/`: neither is a Kubernetes object, and all they share with
manifests is the image reference, which SOV203 parses for every reader alike.
"""

from __future__ import annotations

import functools

from sovlint.discover import SourceFile, read_text
from sovlint.errors import reported
from sovlint.limits import Limits
from sovlint.model import Finding, Placement, Resource

KINDS = ("dockerfile", "compose")


def scan(files: list[SourceFile], findings: list[Finding], limits: Limits) -> list[tuple[Resource, Placement]]:
    """The build stages and Compose services among `files`; a file that cannot be read is a SOV000 finding."""
    out: list[tuple[Resource, Placement]] = []
    for source in files:
        if source.kind not in KINDS:
            continue
        found = reported(source.path, findings, functools.partial(_read, source, limits))
        out += [(r, Placement(located=False)) for r in found or []]
    return out


def _read(source: SourceFile, limits: Limits) -> list[Resource]:
    return resources(source.kind, read_text(source, limits), source.path)


def resources(kind: str, text: str, file: str) -> list[Resource]:
    """The stages of a Dockerfile or the services of a Compose file; ParseError for broken YAML."""
    if kind == "dockerfile":
        from sovlint.containers import dockerfile

        return dockerfile.parse(text, file)
    from sovlint.containers import compose

    return compose.parse(text, file)
