"""Who runs the endpoint a resource is reached through: S3-compatible storage, OpenStack clouds, sovereign offers.

A generic API (policies/endpoints.yaml) is served by many operators; the provider configuration's
endpoint URL says which one, and that operator decides the location and the control.
"""

from __future__ import annotations

from typing import Any

from sovlint.knowledge.catalog import Catalog
from sovlint.knowledge.records import Api, Endpoint, Provider
from sovlint.model import Origin, Placement
from sovlint.terraform.lang.values import Expr, Unknown, Unset
from sovlint.terraform.module import Located, TfModule, argument_origin
from sovlint.terraform.scope import MISSING, ModuleScope, configured, dotted, shown
from sovlint.terraform.tree import Instance


def through_endpoint(
    api: Api,
    placement: Placement,
    config: tuple[Located, Instance] | None,
    label: str,
    library: bool,
    scope: ModuleScope,
    catalog: Catalog,
    holds_data: bool = False,
) -> Placement:
    """A resource reached through an operator's endpoint (S3-compatible storage, an OpenStack cloud) is theirs.
    `holds_data`: an object the server keeps (a Kubernetes object, a database), placed where the server is when its
    host names a region, though it has no location argument of its own."""
    # null means "not set", as for any argument, and so does "" for an endpoint (the client's default): the next
    # argument decides, else the provider's own endpoint
    found = next(
        (
            (arg, v)
            for arg in api.arguments
            if config and (v := _argument(api, config, arg, scope)) and v[1] not in (None, "")
        ),
        None,
    )
    if found is None:
        return _unnamed(api, placement, config, label, library, scope)
    arg, (raw, value, origin) = found
    if not placement.located:  # judged on control only: who runs the endpoint
        read_raw = _through_locals(raw, config[1].module) if config else raw
        read = _read_from(api, read_raw, catalog)
        if read is not None:  # a server this configuration only reads: judged here, by who runs it
            where = _where_read(read_raw, config, scope) if holds_data and config else {}
            return placement._replace(endpoint=read.id, **where)
        if not isinstance(value, str) or not value:
            return _unset_value(api, placement, f"{arg} = {shown(raw)}", value, origin, label)
        match = catalog.endpoint(api.endpoints_of, value)
        if match.endpoint is None and not match.local:  # reported once, where it is configured (SOV204)
            return placement._replace(endpoint="?", unresolved=_unknown(match.host or value), origins=(_at(origin),))
        if match.region and holds_data:  # a managed server whose host names its region (EKS, AKS, RDS)
            return _at_endpoint(api, placement._replace(located=True), value, origin, catalog)
        return placement._replace(endpoint=match.endpoint.id if match.endpoint else "local")
    if not isinstance(value, str) or not value:
        why = value.reason if isinstance(value, Unknown) else "it is not a URL"
        reason = f"provider {label}: endpoint {shown(raw)}: {why}"
        unknown = library and isinstance(value, Unknown)
        return placement._replace(
            region=None, countries=(), known_region=True, unresolved=reason, endpoint="?", library=unknown
        )
    return _at_endpoint(api, placement, value, origin, catalog)


def _read_from(api: Api, raw: Any, catalog: Catalog) -> Endpoint | None:
    """The operator's endpoint a data source's attribute holds (`host = data.aws_eks_cluster.this.endpoint`, also
    `"https://${data.google_container_cluster.c.endpoint}"`): the cluster is read, not created, so no finding of
    this configuration says who runs it but its objects'."""
    node = _data_ref(raw)
    if not node or node[0] != "ref" or node[1] != "data" or len(node[2]) < 3:
        return None
    rtype, _name, *steps = node[2]
    path = ".".join(s for s in steps if isinstance(s, str) and not s.isdigit())
    return catalog.endpoint_read_from(api.endpoints_of, f"{rtype}.{path}") if isinstance(rtype, str) else None


def _data_ref(raw: Any) -> Any:
    """The reference an address is written as: itself, or the one interpolation of a URL written around it."""
    node = raw.node if isinstance(raw, Expr) else None
    if node and node[0] == "tmpl" and len(node[1]) == 2 and node[1][0] == ("lit", "https://"):
        return node[1][1]
    return node


def _through_locals(raw: Any, module: TfModule) -> Any:
    """The expression a local value stands for (`host = local.host`, `host = data.aws_eks_cluster.c.endpoint` in
    locals), through a few locals in a row."""
    for _ in range(8):
        node = raw.node if isinstance(raw, Expr) else None
        if not node or node[0] != "ref" or node[1] != "local" or len(node[2]) != 1 or node[2][0] not in module.locals:
            return raw
        raw = module.locals[node[2][0]][0]
    return raw


def _where_read(raw: Any, config: tuple[Located, Instance], scope: ModuleScope) -> dict[str, Any]:
    """Where the cluster a data source of the provider configuration's module reads is, when its region is known
    (`data.aws_eks_cluster.this`, read through the AWS provider of region eu-west-1): where its objects are kept."""
    rtype, name = _data_ref(raw)[2][0], _data_ref(raw)[2][1]
    located = config[1].module.data.get(f"{rtype}.{name}") if isinstance(name, str) else None
    if located is None:
        return {}
    at = scope.ctx.place(located, config[1], ModuleScope(config[1], scope.ctx))
    if not at.region or not at.countries or at.unresolved:
        return {}
    fields = ("region", "countries", "known_region", "is_global", "how", "origins")
    return {"located": True, **{field: getattr(at, field) for field in fields}}


def _unnamed(
    api: Api,
    placement: Placement,
    config: tuple[Located, Instance] | None,
    label: str,
    library: bool,
    scope: ModuleScope,
) -> Placement:
    """No provider configuration names the endpoint: the provider's own, or unresolved when it has none."""
    if not api.required:
        return placement  # the provider's own endpoint
    if not placement.located:  # judged on control only, by a server no configuration names
        return _unset(api, placement, config, label, library, scope)
    reason = f"no provider configuration '{label}' names the {api.name} cloud ({' or '.join(api.arguments)})"
    if config is not None:
        reason = (
            f"the provider configuration '{label}' does not name the {api.name} cloud in {api.arguments[0]}"
            " (it would come from the environment)"
        )
    return placement._replace(
        region=None, countries=(), known_region=True, unresolved=reason, endpoint="?", library=library
    )


def _unset(
    api: Api,
    placement: Placement,
    config: tuple[Located, Instance] | None,
    label: str,
    library: bool,
    scope: ModuleScope,
) -> Placement:
    """A server of the user's own (Vault, PostgreSQL) whose address the configuration does not set: said once,
    where the provider is configured (SOV204); a reusable module without a provider block leaves it to its caller."""
    if not api.unset or (config is None and library):  # an OpenStack cloud's located resources say it (SOV102)
        return placement._replace(endpoint="?")
    where = f"no provider configuration '{label}' sets" if config is None else f"provider {label} does not set"
    reason = (
        f"{where} {' or '.join(api.arguments)} (the {api.name} server it reaches; {api.unset}): who runs that server"
        " and where cannot be told; set it in the configuration and declare its host under endpoints: in .sovlint.yaml,"
        f" or accept the provider there (providers: [{placement.provider}])"
    )
    if config is not None:
        origins: tuple[Origin, ...] = (Origin(config[0].file, config[0].block.line, "endpoint"),)
    else:  # Terraform's empty configuration: said at the required_providers entry, else at the first resource
        required = scope.module.required_at.get(label.split(".")[0])
        origins = (required,) if required else ()
    return placement._replace(endpoint="?", unresolved=reason, origins=origins)


def _unset_value(api: Api, placement: Placement, written: str, value: Any, origin: Origin, label: str) -> Placement:
    """A server of the user's own whose address is written but given no value (`address = var.vault_addr`, the
    variable unset) or no URL: said once, where it is written (SOV204). An address known only when Terraform runs
    (a cluster's endpoint, a caller's input to a reusable module) is left to where it comes from."""
    if isinstance(value, Unknown) and not isinstance(value, Unset):
        return placement._replace(endpoint="?")  # an address known when Terraform runs: a cluster's, judged there
    why = value.reason if isinstance(value, Unset) else "it is not a URL"
    reason = (
        f"provider {label}: {written}: {why} (the {api.name} server it"
        " reaches): who runs that server and where cannot be told; give it a value and declare its host under"
        f" endpoints: in .sovlint.yaml, or accept the provider there (providers: [{placement.provider}])"
    )
    return placement._replace(endpoint="?", unresolved=reason, origins=(_at(origin),))


def _at_endpoint(api: Api, placement: Placement, value: str, origin: Origin, catalog: Catalog) -> Placement:
    """Placed by the operator that serves the endpoint URL, and the region in its host or argument."""
    match = catalog.endpoint(api.endpoints_of, value)
    if match.local:
        return Placement(provider=placement.provider, located=False, endpoint="local", via=placement.via)
    if match.endpoint is None:
        # not judged here: the endpoint itself is reported once, where it is configured (SOV204)
        reason, at = _unknown(match.host or value), (_at(origin),)
        return placement._replace(located=False, region=None, countries=(), origins=at, unresolved=reason, endpoint="?")
    endpoint = match.endpoint
    region, from_host = catalog.region_via(api, match, placement.region)
    if not region and not endpoint.country:
        if endpoint.region_argument:
            return placement._replace(endpoint=endpoint.id)
        reason = f"its endpoint {match.host} names no location and {endpoint.name} places data without a region"
        return placement._replace(region=None, countries=(), known_region=True, unresolved=reason, endpoint=endpoint.id)
    entry = catalog.endpoint_region(endpoint, region or "")
    origins = placement.origins
    how = placement.how
    if from_host:
        origins, how = (Origin(origin.file, origin.line, "endpoint"),), "endpoint"
    elif origin not in origins:
        origins = (*origins, Origin(origin.file, origin.line, "endpoint"))
    return placement._replace(
        region=region or None,
        countries=entry.countries if entry else (),
        known_region=entry is not None,
        is_global=bool(entry and entry.is_global),
        how=how,
        origins=origins,
        unresolved="",
        endpoint=endpoint.id,
    )


def _unknown(host: str) -> str:
    return (
        f"its endpoint {host} is not an operator sovlint knows: who runs it and where its"
        " resources are cannot be told (declare it under endpoints: in .sovlint.yaml)"
    )


def _at(origin: Origin) -> Origin:
    return Origin(origin.file, origin.line, "endpoint")


def _argument(
    api: Api, config: tuple[Located, Instance], arg: str, scope: ModuleScope
) -> tuple[Any, Any, Origin] | None:
    """A provider configuration argument, also inside an object written as an attribute (the helm provider's
    `kubernetes = { host = … }`, where older versions take a `kubernetes { host = … }` block). An argument of a
    block that may be either is placed at the block or attribute that holds it: both forms point at one setting."""
    found = _config_value(config, arg, scope)
    head, _, rest = arg.partition(".")
    if found is not None and rest and api.either_form:  # at the block, where the object form is reported too
        return found[0], found[1], argument_origin(config[0], head, "provider configuration")
    if found is not None or not rest:
        return found
    whole = _config_value(config, head, scope)
    if whole is None or not isinstance(whole[1], (dict, Unknown)):
        return None
    value = whole[1] if isinstance(whole[1], Unknown) else dotted(whole[1], rest)
    return None if value is MISSING else (whole[0], value, whole[2])


def _config_value(config: tuple[Located, Instance], arg: str, scope: ModuleScope) -> tuple[Any, Any, Origin] | None:
    """A provider configuration argument (`configured`), without the origins its value followed."""
    start = len(scope.trail)
    out = configured(config, arg, scope)
    del scope.trail[start:]
    return out


def offer(
    provider: Provider,
    placement: Placement,
    config: tuple[Located, Instance] | None,
    scope: ModuleScope,
    catalog: Catalog,
) -> str:
    values: dict[str, Any] = {}
    if config is not None:
        for arg in catalog.offer_arguments(provider):
            found = _config_value(config, arg, scope)
            if found is not None:
                values[arg] = found[1]
    offer = catalog.offer_for(provider, placement.region, values)
    return offer["id"] if offer else ""
