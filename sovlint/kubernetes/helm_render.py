"""`--helm-render`: charts rendered by a `helm` binary found on PATH, the output judged like any manifest.

Only on request, and only `helm template`: no cluster is contacted (no `--validate`), no dependency is
downloaded (a chart whose dependencies are not vendored fails, with a note), no plugin is loaded
(Helm's homes point at an empty temporary directory), and the run is cut at the per-file time
limit. Helm reads a copy of the chart made by sovlint: regular files only, and a chart holding a
symbolic link that leaves the repository is not rendered at all (a pull request could point one at
any file of the machine running the gate). Each object is mapped back to the template Helm names
in its `# Source:` comment; an image is put on the template line that writes the matching
`image:` (the first such line for the first image of the object, and so on), and on the template's
first line when the counts do not match.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field

from sovlint import repository
from sovlint.discover import SourceFile, read_text
from sovlint.errors import ParseError
from sovlint.kubernetes import manifests
from sovlint.limits import Limits
from sovlint.model import Resource

_SOURCE = re.compile(r"^# Source: (\S+)\s*$", re.M)
_IMAGE_LINE = re.compile(r"^\s*(?:-\s+)?image\s*:", re.M)


@dataclass(slots=True)
class Rendered:
    objects: list[Resource] = field(default_factory=list)
    charts: set[str] = field(default_factory=set)  # chart directories that rendered: their values are not read
    notes: list[str] = field(default_factory=list)


def render_all(files: list[SourceFile], limits: Limits, roots: tuple[str, ...] = ()) -> Rendered:
    """Render every chart among `files` (a directory with a Chart.yaml) with the helm found on PATH;
    every file helm is given lies inside `roots` (real paths; default: the working directory)."""
    out = Rendered()
    roots = roots or (os.path.realpath("."),)
    charts = sorted({os.path.dirname(f.path) or "." for f in files if os.path.basename(f.path) == "Chart.yaml"})
    if not charts:
        return out
    helm = shutil.which("helm")
    if helm is None:
        out.notes.append("--helm-render: no helm on PATH; charts are judged by their values files only")
        return out
    for chart in charts:
        if any(chart.startswith(f"{other}/charts/") for other in charts):
            continue  # a subchart: rendered with its parent
        try:
            text = run_helm(helm, chart, limits, roots)
        except ParseError as error:
            out.notes.append(f"{chart}: helm template failed: {error.message}")
            continue
        out.objects += objects(text, chart, limits)
        out.charts.add(chart)
        out.charts.update(c for c in charts if c.startswith(f"{chart}/charts/"))
    return out


def run_helm(helm: str, chart: str, limits: Limits, roots: tuple[str, ...]) -> str:
    """`helm template` of a copy of one chart, isolated from the user's Helm homes, clusters and plugins."""
    with tempfile.TemporaryDirectory(prefix="sovlint-helm-") as home:
        copy = stage(chart, os.path.join(home, "chart"), roots, limits)
        env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "KUBECONFIG": os.path.join(home, "none")}
        env.update({f"HELM_{k}_HOME": os.path.join(home, k.lower()) for k in ("CACHE", "CONFIG", "DATA")})
        env["HELM_PLUGINS"] = os.path.join(home, "plugins")
        command = [helm, "template", "release", copy]
        try:
            done = subprocess.run(  # noqa: S603 - opt-in, a fixed argument list, no shell
                command, cwd=home, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=limits.timeout_s
            )
        except subprocess.TimeoutExpired:
            raise ParseError(f"no output within {limits.timeout_s:g} s") from None
        except OSError as exc:
            raise ParseError(exc.strerror or "helm could not be started") from None
    if done.returncode != 0:
        first = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[0]
        raise ParseError(first[:300])
    if len(done.stdout) > limits.max_file_mb * 1024 * 1024:
        raise ParseError(f"its output is over the {limits.max_file_mb:g} MB limit")
    return done.stdout.decode("utf-8", "replace")


MAX_CHART_FILES = 10_000


def stage(chart: str, into: str, roots: tuple[str, ...], limits: Limits) -> str:
    """Copy a chart for helm: symbolic links inside the repository followed, regular files only; a link
    leaving the repository, or a chart over the limits, is a ParseError (the chart is not rendered)."""
    try:
        return _copy(chart, into, roots, limits)
    except OSError as exc:
        raise ParseError(f"the chart cannot be read ({exc.strerror or type(exc).__name__}); not rendered") from None


def _copy(chart: str, into: str, roots: tuple[str, ...], limits: Limits) -> str:
    top = os.path.realpath(chart)
    if not repository.inside(top, roots):
        raise ParseError("the chart is outside the repository; not rendered")
    target = os.path.join(into, os.path.basename(top) or "chart")
    budget = [MAX_CHART_FILES, int(limits.max_file_mb * 1048576) * 8]  # files, bytes
    stack: list[tuple[str, str, tuple[str, ...]]] = [(chart, target, (top,))]
    while stack:
        source, copy, ancestors = stack.pop()
        os.makedirs(copy, exist_ok=True)
        for name in sorted(os.listdir(source)):
            path, real = os.path.join(source, name), os.path.realpath(os.path.join(source, name))
            if not repository.inside(real, roots):
                raise ParseError(f"{path} is a symbolic link leaving the repository; the chart is not rendered")
            if os.path.isdir(real):
                if real not in ancestors:  # a link back up would never end
                    stack.append((path, os.path.join(copy, name), (*ancestors, real)))
            elif os.path.isfile(real):
                budget[0] -= 1
                budget[1] -= os.stat(real).st_size
                if budget[0] < 0 or budget[1] < 0:
                    raise ParseError("the chart is over the size limit for rendering; not rendered")
                shutil.copyfile(real, os.path.join(copy, name))
    return target


def objects(text: str, chart: str, limits: Limits) -> list[Resource]:
    """The objects of a rendered chart, each in the template file its `# Source:` comment names."""
    out: list[Resource] = []
    for chunk in re.split(r"^---[ \t]*$", text, flags=re.M):
        source = _SOURCE.search(chunk)
        if source is None:
            continue
        template = _template(chart, source.group(1))
        try:
            found = manifests.parse(chunk, template) or []
        except ParseError:
            continue  # helm wrote it: a document that is not YAML is not one to judge
        image_lines = _image_lines(template, limits)
        for resource in found:
            images = tuple(
                (ref, image_lines[i] if len(image_lines) == len(resource.images) else 1)
                for i, (ref, _) in enumerate(resource.images)
            )
            facts = resource.facts.on_line(1) if resource.facts else None
            out.append(resource._replace(line=1, end_line=1, images=images, facts=facts))
    return out


def _template(chart: str, source: str) -> str:
    """`podinfo/templates/deployment.yaml` → the file in the chart directory (the first part is the chart's name)."""
    relative = source.split("/", 1)[1] if "/" in source else source
    path = os.path.normpath(os.path.join(chart, relative))
    inside = path == chart or path.startswith(chart.rstrip("/") + "/") or chart == "."
    if inside and not path.startswith("..") and os.path.isfile(path):
        return path
    return os.path.join(chart, "Chart.yaml")  # a template that is not in the tree: the chart itself


def _image_lines(template: str, limits: Limits) -> list[int]:
    try:
        text = read_text(SourceFile(template, os.path.realpath(template), "yaml"), limits)
    except ParseError:
        return []
    return [text.count("\n", 0, m.start()) + 1 for m in _IMAGE_LINE.finditer(text)]
