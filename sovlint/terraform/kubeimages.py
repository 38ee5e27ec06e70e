"""The images Terraform hands to Kubernetes in a manifest or a Helm release, judged as a manifest's (SOV203).

- `kubectl_manifest` (gavinbunney/kubectl, alekc/kubectl): the manifest in `yaml_body`;
- `kubernetes_manifest` (hashicorp/kubernetes): the object in `manifest`, written in HCL or `yamldecode`d;
- `helm_release` (hashicorp/helm): the chart's values (`values`, then each `set`, as Helm merges them) read by
  the conventions of a chart's values.yaml, and a chart pulled from an OCI registry (`oci://…`).
A manifest's object is read as a manifest file is (workloads' containers, GitOps releases' values). The text
is known as texts.py tells; an image that holds a value known only when Terraform runs is left alone. The
finding is at the line of the image in a heredoc, else at the argument that gives it (`yaml_body`, `values`,
`set`, `repository`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol

from sovlint import yamlload
from sovlint.limits import BudgetExceeded, budget
from sovlint.terraform.lang.eval import Expr, Unknown
from sovlint.terraform.texts import UNKNOWN, encode, text

Lines = dict[str, tuple[int, int]]
Found = Iterator[tuple[str, int]]
_OCI = "oci://"


class Readers(Protocol):
    """The Kubernetes readers' answers (kubernetes/handed.py), which the engine gives the Terraform scan."""

    def manifest(self, text: str) -> list[tuple[str, int]]: ...  # (image, line in text) of a manifest's objects
    def values(self, text: str) -> list[tuple[str, int]]: ...  # (image, line in text) Helm values name


def images(rtype: str, body: Any, scope: Any, lines: Lines | None, readers: Readers) -> tuple[tuple[str, int], ...]:
    """The images a manifest or Helm release resource hands to Kubernetes, once each, with their lines (0: at the
    resource); () for any other type."""
    reader = _READERS.get(rtype)
    if reader is None or not isinstance(body, dict):
        return ()
    found: dict[str, int] = {}
    try:
        for reference, line in reader(body, scope, lines or {}, _Timed(readers)):
            if UNKNOWN not in reference:
                found.setdefault(reference, line)
    except BudgetExceeded:
        pass  # a text over the budget, or the root's time is up: the scan reports it at the resource
    return tuple(found.items())


class _Timed:
    """The readers, with the root's time limit checked before each text is read (reading is no evaluation step)."""

    def __init__(self, readers: Readers) -> None:
        self.readers = readers

    def manifest(self, text: str) -> list[tuple[str, int]]:
        budget().check_time()
        return self.readers.manifest(text)

    def values(self, text: str) -> list[tuple[str, int]]:
        budget().check_time()
        return self.readers.values(text)


def _kubectl(body: dict[str, Any], scope: Any, lines: Lines, readers: Readers) -> Found:
    raw = body.get("yaml_body")
    found = text(raw, scope) if raw is not None else Unknown("no yaml_body")
    if isinstance(found, str):
        span = lines.get("yaml_body", (0, 0))
        offset = _offset(raw, span)
        for reference, line in readers.manifest(found):
            yield reference, line + offset if offset is not None else span[0]


def _kubernetes(body: dict[str, Any], scope: Any, lines: Lines, readers: Readers) -> Found:
    raw = body.get("manifest")
    at = lines.get("manifest", (0, 0))[0]
    node = raw.node if isinstance(raw, Expr) else None
    if node is not None and node[0] == "call" and node[1] == "yamldecode" and len(node[2]) == 1:
        found: Any = text(Expr(node[2][0]), scope)  # the manifest's text, read as a manifest file
        if isinstance(found, str):
            yield from ((ref, at) for ref, _ in readers.manifest(found))
        return
    value = scope.value(raw) if raw is not None else None
    if isinstance(value, dict):
        yield from ((ref, at) for ref, _ in readers.manifest(encode(value)))


def _offset(raw: Any, span: tuple[int, int]) -> int | None:
    """The line before a heredoc's first line of text; None when the text is not written in place (a call)."""
    if span[1] <= span[0]:
        return None
    written = isinstance(raw, str) or (isinstance(raw, Expr) and raw.node[0] in ("tmpl", "lit"))
    return span[0] if written else None


def _helm(body: dict[str, Any], scope: Any, lines: Lines, readers: Readers) -> Found:
    yield from _chart(body, scope, lines)
    at_values = lines.get("values", (0, 0))[0]
    raw = body.get("values")
    items = raw if isinstance(raw, list) else [raw] if raw is not None else []
    texts = [t for t in (text(item, scope) for item in items) if isinstance(t, str)]
    own: dict[str, None] = {}
    for source in texts:
        own.update((reference, None) for reference, _ in readers.values(source))
    settings = _settings(body, scope)
    if not settings:
        yield from ((reference, at_values) for reference in own)
        return
    merged = _merged(texts, settings)
    at_set = lines.get("set", (at_values, 0))[0]
    for reference, _ in readers.values(encode(merged)) if merged is not None else ():
        yield reference, at_values if reference in own else at_set


def _chart(body: dict[str, Any], scope: Any, lines: Lines) -> Found:
    """A chart pulled from an OCI registry: `repository = "oci://host/path"` and `chart`, or an `oci://` chart."""
    repository, chart, version = (scope.value(body.get(k)) for k in ("repository", "chart", "version"))
    if isinstance(chart, str) and chart.startswith(_OCI):
        reference, at = chart.removeprefix(_OCI), lines.get("chart", (0, 0))[0]
    elif isinstance(repository, str) and repository.startswith(_OCI) and isinstance(chart, str) and chart:
        reference, at = f"{repository.removeprefix(_OCI).rstrip('/')}/{chart}", lines.get("repository", (0, 0))[0]
    else:
        return
    if isinstance(version, str) and version and "/" not in version and ":" not in reference.rsplit("/", 1)[-1]:
        reference += f":{version}"
    if len(reference.split("/", 1)) == 2 and "{" not in reference:
        yield reference, at


def _settings(body: dict[str, Any], scope: Any) -> list[tuple[list[str], Any]]:
    """Each `set` (a block, or the helm provider 3's list of objects) as its path of keys and its value."""
    raw = body.get("set")
    blocks = raw if isinstance(raw, list) else [raw] if isinstance(raw, dict) else []
    out: list[tuple[list[str], Any]] = []
    for block in blocks:
        block = scope.value(block)
        if not isinstance(block, dict):
            continue
        name, value = block.get("name"), block.get("value")
        if not isinstance(name, str) or "[" in name or isinstance(value, (dict, list)):
            continue  # an element of a list is not set here
        out.append((_path(name), UNKNOWN if isinstance(value, Unknown) or value is None else value))
    return out


def _path(name: str) -> list[str]:
    """Helm's `--set` key: dots separate keys, `\\.` is a dot in a key."""
    return [part.replace("\0", ".") for part in name.replace("\\.", "\0").split(".")]


MAX_VALUES_NODES = 100_000  # nodes of values constructed to merge them with `set` (real values: a few thousand)


def _merged(texts: list[str], settings: list[tuple[list[str], Any]]) -> dict[str, Any] | None:
    """The values Helm gives the chart: each text merged over the last, then each `set`; None when a text would
    expand beyond MAX_VALUES_NODES through its aliases."""
    merged: dict[str, Any] = {}
    for source in texts:
        root = yamlload.first_mapping(source)
        if root is None:
            continue
        if yamlload.expanded_size(root) > MAX_VALUES_NODES:
            return None
        data = yamlload.construct(root)
        if isinstance(data, dict):
            _merge(merged, data)
    for path, value in settings:
        at = merged
        for key in path[:-1]:
            if not isinstance(at.get(key), dict):
                at[key] = {}  # a value that is not a mapping is replaced, as Helm does
            at = at[key]
        at[path[-1]] = value
    return merged


def _merge(into: dict[str, Any], data: dict[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


_READERS: dict[str, Callable[[dict[str, Any], Any, Lines, Readers], Found]] = {
    "kubectl_manifest": _kubectl,
    "kubernetes_manifest": _kubernetes,
    "helm_release": _helm,
}
