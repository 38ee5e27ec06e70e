"""run(files, options) → findings: read, parse, resolve, check, filter, sort.

A file that cannot be read or parsed becomes one SOV000 finding and the scan goes on. Terraform
files are evaluated with their whole module directory (sibling .tf and .tfvars are read from
disk even when only one file is named, as pre-commit does), but findings are reported only for
the files that were named, or whose deciding value was set in a named file.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from typing import Any

from sovlint import baseline as baseline_mod
from sovlint import debuglog, kubernetes, stored
from sovlint.discover import SourceFile, read_text
from sovlint.errors import ParseError, parse_error, unexpected
from sovlint.knowledge import catalog as catalog_mod
from sovlint.knowledge import policies
from sovlint.model import Finding, Kind, Level, Placement, Profile, Resource
from sovlint.options import Options as Options  # where it was first defined
from sovlint.parsing import results
from sovlint.parsing.parser import Parser
from sovlint.rules import KINDS, PARSE_ERROR, RULES, Check, RuleContext
from sovlint.stored import Unit
from sovlint.terraform import scan as tfscan


class Result:
    __slots__ = ("findings", "inventory", "files", "notes", "stale", "catalog", "trace")

    def __init__(
        self,
        findings: list[Finding],
        inventory: list[tuple[Resource, Placement]] | None = None,
        files: int = 0,
        notes: list[str] | None = None,
        stale: list[baseline_mod.Entry] | None = None,
        catalog: catalog_mod.Catalog | None = None,
    ) -> None:
        self.findings = findings
        self.inventory: list[tuple[Resource, Placement]] = [] if inventory is None else inventory
        self.files = files
        self.notes: list[str] = [] if notes is None else notes  # said once on stderr: remote modules, cycles, …
        self.stale: list[baseline_mod.Entry] = [] if stale is None else stale  # baseline entries no longer found
        self.catalog = catalog  # the catalog the scan used, with the config's endpoints
        # what the scan read beyond its files (results.unchanged checks it), None when it cannot say
        self.trace: dict[str, Any] | None = None


def run(files: list[SourceFile], options: Options, parser: Parser | None = None) -> Result:
    """The findings of a scan of `files`. `parser` reads them (Options.parser()): the scan's own, or the one the
    check of a kept outcome read them with, so that no file is read or hashed twice."""
    catalog = catalog_mod.load().with_endpoints(options.profile.endpoints)
    ctx = RuleContext(catalog, options.profile)
    named, total = {f.path for f in files}, len(files)
    findings = [parse_error(f.path, ParseError(f.error)) for f in files if f.error]
    files = [f for f in files if not f.error]
    parser = options.parser() if parser is None else parser
    with stage(f"parse {len(files)} files"):
        parser.prefetch(files)
        kept = results.Results(parser.cache, parser, options)
    found = _found(files, findings, kept, catalog, options, parser)
    off = turned_off(options.profile)
    checks = checks_by_kind(off)
    with stage(f"rules on {len(found.inventory)} resources"):
        findings += kept.judge(found.inventory, found.units, lambda r, p: _judge(r, p, ctx, checks[r.kind]))
        findings = once(findings)
    named |= found.rendered  # templates and plans are not scanned files, but rendered
    with stage("suppressions, levels, baseline"):
        reported, stale = _reported(findings, named, files, found, options, ctx, off, parser)
    reported.sort(key=Finding.sort_key)
    kept.save()
    parser.cache.tidy()
    result = Result(reported, found.inventory, total, sorted(set(found.notes)), stale, catalog)
    result.trace = {"terraform": found.trace} if found.traced else None
    return result


def _found(
    files: list[SourceFile],
    findings: list[Finding],
    kept: results.Results,
    catalog: catalog_mod.Catalog,
    options: Options,
    parser: Parser,
) -> Found:
    """Every resource of the scan, placed: Kubernetes, Kustomize, Helm and container files first, then Terraform;
    the readers' findings are added to `findings`."""
    found = Found()
    if any(f.kind in OTHER_KINDS for f in files):  # a Terraform-only run imports none of their readers
        with stage("kubernetes, kustomize, containers, helm"):
            found = _others(files, findings, kept, catalog, options)
    with stage("terraform"):
        scan = tfscan.scan(files, options, catalog, parser, kept, kubernetes.HANDED)
        parser.flush()
    stored.keep()  # the resources found, kept to the end, are not walked by the collections judging and reporting make
    findings += scan.findings
    for unit in scan.units:  # made for this scan: their places move after the other inventory's
        unit.start += len(found.inventory)
    found.units += scan.units
    found.inventory += scan.inventory
    found.rendered |= scan.planned
    said = policies.cache_notes()
    found.notes = list(scan.notes) + found.notes + said
    cache = parser.cache
    found.traced = scan.trace is not None and found.traced and not (said or cache.rejected)
    found.trace = scan.trace
    if cache.rejected:
        found.notes.append(f"{cache.directory}: {cache.rejected} cache entries did not match their digest; rewritten")
    _log_placements(found.inventory)
    return found


def turned_off(profile: Profile) -> set[str]:
    """The rules the profile turns off everywhere: not run, and their findings not reported."""
    levels, per_path = profile.levels, profile.per_path
    return {r for r, lv in levels.items() if lv is None} - {r for _, lv in per_path for r in lv}


def checks_by_kind(off: set[str]) -> dict[Kind, tuple[Check, ...]]:
    """The rules that judge each kind of resource (their KINDS), but those turned `off`: a rule is given only
    resources of its kinds."""
    return {
        kind: tuple(check for rule_id, check in RULES.items() if rule_id not in off and kind in KINDS[rule_id])
        for kind in Kind
    }


def _reported(
    findings: list[Finding],
    named: set[str],
    files: list[SourceFile],
    found: Found,
    options: Options,
    ctx: RuleContext,
    off: set[str],
    parser: Parser,
) -> tuple[list[Finding], list[baseline_mod.Entry]]:
    """The findings on the named files that are not suppressed, at their levels, and those the baseline does not
    accept; the baseline's entries no longer found."""
    reported = [f for f in findings if f.file in named or any(o.file in named for o in f.related)]
    reported = _suppress(reported, files, found.inventory, options, ctx.catalog, parser)
    # findings made outside the rules (SOV000, SOV001) take the configured level too; SOV000 is never off
    reported = [f if f.rule_id in RULES else ctx.stamp(f) for f in reported if f.rule_id not in off - {PARSE_ERROR}]
    reported = _per_path(reported, options.profile)
    stale: list[baseline_mod.Entry] = []
    if options.baseline is not None:
        reported, stale = baseline_mod.apply(reported, options.baseline)
    return reported, stale


OTHER_KINDS = ("yaml", "dockerfile", "compose")  # what the Kubernetes, Kustomize, Helm and container readers read


class Found:
    """What the readers found: the placed resources (Kubernetes and containers first), their units, notes."""

    __slots__ = ("inventory", "notes", "rendered", "units", "traced", "trace")

    def __init__(
        self,
        inventory: list[tuple[Resource, Placement]] | None = None,
        notes: list[str] | None = None,
        rendered: set[str] | None = None,
        units: list[Unit] | None = None,
    ) -> None:
        self.inventory: list[tuple[Resource, Placement]] = [] if inventory is None else inventory
        self.notes: list[str] = [] if notes is None else notes
        # files of objects Helm rendered, and plans' configurations: reported like named files
        self.rendered: set[str] = set() if rendered is None else rendered
        self.units: list[Unit] = [] if units is None else units  # units kept between runs (results.py)
        self.traced = True  # the readers read only the scanned files (no Kustomize build, no Helm chart)
        self.trace: Any = None  # what the Terraform reader read beyond the scanned files (results.unchanged)


def _others(
    files: list[SourceFile],
    findings: list[Finding],
    kept: results.Results,
    catalog: catalog_mod.Catalog,
    options: Options,
) -> Found:
    from sovlint import containers
    from sovlint.kubernetes import helm, is_kustomization

    used, objects, images, notes = _kustomized(files, findings, options)
    plain = [f for f in files if f.kind == "yaml" and f.path not in used]  # kustomized: in their builds
    rendered: list[Resource] = []
    charts: set[str] = set()
    if options.helm_render:  # the renderer (subprocess, temporary homes) is imported only to render
        from sovlint.kubernetes import helm_render

        done = helm_render.render_all(files, options.limits, options.roots)
        rendered, charts, notes = done.objects, done.charts, notes + done.notes
    inventory, units = kept.kubernetes(plain, findings, objects + rendered, catalog)
    inventory += images
    inventory += containers.scan(files, findings, options.limits)
    inventory += helm.scan(files, findings, options.limits, charts)
    others = Found(inventory, notes, {r.file for r in rendered}, units)
    others.traced = not options.helm_render and not any(
        is_kustomization(f.path) or helm.is_values(os.path.basename(f.path)) for f in files
    )
    return others


def _kustomized(
    files: list[SourceFile], findings: list[Finding], options: Options
) -> tuple[set[str], list[Resource], list[tuple[Resource, Placement]], list[str]]:
    """What the root kustomizations among `files` build: the files their builds read, the objects, the images
    an overlay decided, and notes. The builder (and what it needs) is imported only when there is one."""
    from sovlint.kubernetes import is_kustomization

    if not any(is_kustomization(f.path) for f in files):
        return set(), [], [], []
    from sovlint.kubernetes import kustomize_scan

    built = kustomize_scan.build_all(files, findings, options.limits, options.roots)
    return built.used, built.objects, built.images, list(built.notes)


def _judge(resource: Resource, placement: Placement, ctx: RuleContext, checks: tuple[Check, ...]) -> list[Finding]:
    """Every rule on one resource; a defect costs this resource a SOV000, not the scan its report."""
    out: list[Finding] = []
    try:
        for check in checks:
            out.extend(check(resource, placement, ctx))
    except Exception as exc:
        why = ParseError(f"{resource.address}: could not be judged: {unexpected(exc)}", resource.line)
        out.append(parse_error(resource.file, why))
    return out


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Log how long a stage of the scan took (with --debug)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        debuglog.debug("%s: %.3f s", name, time.perf_counter() - start)


def _log_placements(inventory: list[tuple[Resource, Placement]]) -> None:
    """With --debug, where each resource was placed and how sovlint knows, or why it could not tell."""
    if not debuglog.enabled():
        return
    for resource, p in inventory:
        if not p.located:
            where = "no location of its own"
        elif p.unresolved:
            where = f"unresolved: {p.unresolved}"
        else:
            at = ", ".join(f"{o.what} at {o.file}:{o.line}" for o in p.origins)
            countries = "global" if p.is_global else ",".join(p.countries) or "?"
            where = f"{p.region} ({countries}) by {p.how}"
            where += f"; {at}" if at else ""
        who = p.provider or resource.kind
        debuglog.debug("placed %s (%s:%d) [%s]: %s", resource.address, resource.file, resource.line, who, where)


def once(findings: list[Finding]) -> list[Finding]:
    """Identical findings (rule, file, line, address, message) once, in first-seen order; the module calls
    and deciding places of the others (a module called from several roots) become related locations."""
    kept: dict[tuple[str, str, int, str, str, str], Finding] = {}
    for finding in findings:
        key = (finding.rule_id, finding.file, finding.line, finding.address, finding.message, finding.key)
        first = kept.get(key)
        if first is None:
            kept[key] = finding
            continue
        extra = tuple(o for o in finding.related if o not in first.related)
        if extra:
            kept[key] = first._replace(related=(*first.related, *extra))
    return list(kept.values())


def _suppress(
    findings: list[Finding],
    files: list[SourceFile],
    inventory: list[tuple[Resource, Placement]],
    options: Options,
    catalog: catalog_mod.Catalog,
    parser: Parser,
) -> list[Finding]:
    from sovlint import suppress

    by_path = {f.path: f for f in files}

    def text(path: str) -> str | None:
        if parser.marked.get(path) is False:
            return ""  # read for the scan already, without a suppression in it
        try:
            return read_text(by_path.get(path) or SourceFile(path, os.path.abspath(path), ""))
        except ParseError:
            return None

    starts = {(r.file, r.address): r.line for r, _ in inventory}
    annotations = {}
    for r, _ in inventory:
        found = r.facts.annotation(suppress.ANNOTATION) if r.facts else None
        if found is not None:
            annotations[(r.file, r.address)] = (found[1] if found[1] > 0 else r.line, found[0])
    return suppress.apply(
        findings,
        text,
        starts,
        options.today,
        frozenset(catalog.rules),
        annotations,
        disabled=not options.inline_suppressions,
        enclosing=suppress.Blocks(parser, by_path).enclosing,
    )


def _per_path(findings: list[Finding], profile: Profile) -> list[Finding]:
    """Levels set for some paths (`per_path:`); the last glob that names a rule wins, None drops it."""
    if not profile.per_path:
        return findings
    from sovlint.globs import matches

    out = []
    for f in findings:
        level: Level | None = f.level
        if profile.levels.get(f.rule_id, f.level) is None:
            level = None  # off everywhere else: it ran only for the paths that turn it back on
        for glob, levels in profile.per_path:
            if f.rule_id in levels and matches(f.file, [glob]):
                level = levels[f.rule_id]
        if level is not None:
            out.append(f if level == f.level else f._replace(level=level))
    return out
