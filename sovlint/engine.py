"""run(files, options) → findings: read, parse, resolve, check, filter, sort.

A file that cannot be read or parsed becomes one SOV000 finding and the scan goes on. Terraform
files are evaluated with their whole module directory (sibling .tf and .tfvars are read from
disk even when only one file is named, as pre-commit does), but findings are reported only for
the files that were named, or whose deciding value was set in a named file.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field

from sovlint import catalog as catalog_mod
from sovlint.discover import SourceFile, kind_of
from sovlint.errors import ParseError
from sovlint.model import Finding, Level, Origin, Placement, Resource
from sovlint.rules import PARSE_ERROR, RULES, Profile, RuleContext
from sovlint.tfmodule import TfModule, directory_of, is_auto_tfvars, tfvars_order

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Options:
    profile: Profile
    var_files: tuple[str, ...] = ()
    variables: tuple[tuple[str, str], ...] = ()  # from --var NAME=VALUE, in order


@dataclass(slots=True)
class Result:
    findings: list[Finding]
    inventory: list[tuple[Resource, Placement]] = field(default_factory=list)
    files: int = 0


def run(files: list[SourceFile], options: Options) -> Result:
    catalog = catalog_mod.load()
    ctx = RuleContext(catalog, options.profile)
    named = {f.path for f in files}
    findings: list[Finding] = []
    inventory: list[tuple[Resource, Placement]] = []

    for f in files:
        if f.kind == "yaml":
            inventory += [(r, Placement(located=False)) for r in _kubernetes(f, findings)]

    for module, wanted in _terraform_modules(files, options, findings):
        inventory += _terraform_resources(module, wanted, catalog)

    for resource, placement in inventory:
        for rule_id, check in RULES.items():
            if rule_id in options.profile.levels and options.profile.levels[rule_id] is None:
                continue  # turned off by the profile
            findings.extend(check(resource, placement, ctx))

    reported = [f for f in findings if f.file in named or any(o.file in named for o in f.related)]
    reported.sort(key=Finding.sort_key)
    return Result(reported, inventory, len(files))


def read(source: SourceFile) -> str:
    """The text of a file; ParseError for what cannot be read as UTF-8 text."""
    if source.text is not None:
        return source.text
    try:
        size = os.stat(source.real).st_size
        if size > MAX_FILE_BYTES:
            raise ParseError(
                f"skipped: the file is {size // (1024 * 1024)} MB, over the {MAX_FILE_BYTES >> 20} MB limit"
            )
        with open(source.real, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ParseError(f"cannot be read: {exc.strerror}") from None
    if b"\0" in data[:8192]:
        raise ParseError("binary file: it is not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise ParseError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, column) from None


def parse_error(source: SourceFile, error: ParseError) -> Finding:
    return Finding(
        file=source.path,
        line=error.line,
        end_line=error.line,
        column=error.column,
        rule_id=PARSE_ERROR,
        address="",
        level=Level.ERROR,
        message=error.message,
        fix=catalog_mod.load().rules[PARSE_ERROR]["fix"],
    )


def _kubernetes(source: SourceFile, findings: list[Finding]) -> list[Resource]:
    from sovlint.parsers import kubernetes

    try:
        return kubernetes.parse(read(source), source.path) or []
    except ParseError as error:
        findings.append(parse_error(source, error))
        return []


def _terraform_modules(
    files: list[SourceFile], options: Options, findings: list[Finding]
) -> list[tuple[TfModule, set[str] | None]]:
    """Each module directory with the named files in it (None: report on every file of the module)."""
    by_dir: dict[str, list[SourceFile]] = defaultdict(list)
    for f in files:
        if f.kind in ("terraform", "tfvars"):
            by_dir[directory_of(f.path)].append(f)
    modules = []
    for directory, named in sorted(by_dir.items()):
        members = _with_siblings(named)
        module = TfModule(directory)
        for f in members:
            if f.kind == "terraform":
                blocks = _parse_or_report(f, findings, named)
                module.add(f.path, blocks)
        by_name = {os.path.basename(f.path): f for f in members if f.kind == "tfvars"}
        for name in tfvars_order(list(by_name)):
            module.add_values(by_name[name].path, _parse_or_report(by_name[name], findings, named))
        _command_line_values(module, options, findings)
        wanted = None if any(f.kind == "tfvars" for f in named) else {f.path for f in named}
        modules.append((module, wanted))
    return modules


def _with_siblings(named: list[SourceFile]) -> list[SourceFile]:
    """The named files plus the other .tf and auto-loaded .tfvars files of their directory."""
    members = {f.path: f for f in named}
    first = named[0]
    if first.real:
        directory, display_dir = os.path.dirname(first.real), directory_of(first.path)
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            names = []
        for name in names:
            kind = kind_of(name)
            if kind == "terraform" or (kind == "tfvars" and is_auto_tfvars(name)):
                display = name if display_dir == "." else f"{display_dir}/{name}"
                real = os.path.join(directory, name)
                if display not in members and os.path.isfile(real):
                    members[display] = SourceFile(display, real, kind)
    return sorted(members.values(), key=lambda f: f.path)


def _parse_or_report(source: SourceFile, findings: list[Finding], named: list[SourceFile]) -> list:  # type: ignore[type-arg]
    from sovlint.parsers import terraform
    from sovlint.tfmodule import tfvars_json_blocks

    try:
        text = read(source)
        if source.path.endswith(".json"):
            try:
                return tfvars_json_blocks(text)
            except ValueError as exc:
                raise ParseError(f"invalid JSON: {exc}") from None
        return terraform.parse(text)
    except ParseError as error:
        if source in named:
            findings.append(parse_error(source, error))
        return []


def _command_line_values(module: TfModule, options: Options, findings: list[Finding]) -> None:
    from sovlint.parsers import terraform
    from sovlint.tfmodule import tfvars_json_blocks

    for path in options.var_files:
        source = SourceFile(path, os.path.abspath(path), "tfvars")
        try:
            text = read(source)
            blocks = tfvars_json_blocks(text) if path.endswith(".json") else terraform.parse(text)
        except (ParseError, ValueError):
            continue  # reported once by the command line check
        module.add_values(path, blocks, "--var-file")
    for name, value in options.variables:
        module.values[name] = (value, Origin("", 0, "--var"))


def _terraform_resources(module: TfModule, wanted: set[str] | None, catalog: catalog_mod.Catalog) -> list:  # type: ignore[type-arg]
    from sovlint.resolve import place

    out: list[tuple[Resource, Placement]] = []
    for address, located in module.resources.items():
        if wanted is not None and located.file not in wanted:
            continue
        block = located.block
        resource = Resource(address, block.labels[0], located.file, block.line, block.end_line, body=block.body)
        out.append((resource, place(located, module, catalog)))
    for located in module.backends:
        if wanted is None or located.file in wanted:
            out.extend(_backends(located, catalog))
    return out


def _backends(located, catalog: catalog_mod.Catalog) -> list[tuple[Resource, Placement]]:  # type: ignore[no-untyped-def]
    block = located.block
    entries = [(name, cfg) for b in block.body.get("backend") or [] for name, cfg in b.items()]
    if block.body.get("cloud"):
        entries.append(("cloud", {}))
    out = []
    for name, config in entries:
        path = "cloud" if name == "cloud" else f"backend.{name}"
        start, end = block.lines.get(path, (block.line, block.end_line))
        address = "terraform.cloud" if name == "cloud" else f"terraform.backend.{name}"
        resource = Resource(address, name, located.file, start, end, kind="backend", body=config)
        out.append((resource, _backend_placement(name, config, catalog, located.file, block.lines)))
    return out


def _backend_placement(name: str, config: dict, catalog: catalog_mod.Catalog, file: str, lines: dict) -> Placement:  # type: ignore[type-arg]
    spec = catalog.backends.get(name) or {}
    provider = catalog.provider(spec.get("provider", "")) if spec.get("provider") else None
    region = config.get(spec.get("region_arg", "")) if spec.get("region_arg") else None
    if provider is None or not isinstance(region, str) or "${" in region:
        return Placement(provider=spec.get("provider", ""), located=False)
    found = catalog.region(provider, region)
    line = lines.get(f"backend.{name}.{spec['region_arg']}", (0, 0))[0]
    origins = (Origin(file, line, "literal"),) if line else ()
    return Placement(
        provider=provider.source,
        region=region,
        countries=found.countries if found else (),
        known_region=found is not None,
        how="literal",
        origins=origins,
    )
