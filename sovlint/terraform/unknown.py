"""Providers a module uses that the catalog does not know: never passed silently (SOV204).

A module uses a provider when it requires it, configures it or declares a resource of it. Each unknown
provider becomes one pseudo-resource, `provider["namespace/type"]`, placed where the module first
names it: its required_providers entry, else its provider block, else its first resource.
"""

from __future__ import annotations

import os

from sovlint.knowledge.catalog import Catalog
from sovlint.model import Kind, Origin, Placement, Resource
from sovlint.terraform.module import TfModule

BUILTIN = frozenset({"terraform"})  # terraform_data, terraform_remote_state: Terraform's own


def unknown_providers(module: TfModule, catalog: Catalog) -> list[tuple[Resource, Placement]]:
    """One (Resource, Placement) of kind 'provider' per provider of `module` that the catalog does not know."""
    places: dict[str, Origin] = {}
    for name, origin in module.required_at.items():
        places.setdefault(name, origin)
    for (name, _alias), located in sorted(module.providers.items()):
        places.setdefault(name, Origin(located.file, located.block.line, "provider block"))
    for located in module.resources.values():
        name = located.block.labels[0].split("_", 1)[0]
        if name not in places:  # no Origin made for each of thousands of resources of one provider
            places[name] = Origin(located.file, located.block.line, "resource")
    out = []
    for name, origin in sorted(places.items(), key=lambda item: (item[1].file, item[1].line)):
        source = module.required.get(name) or name
        if name in BUILTIN or catalog.provider(source) or catalog.provider(name):
            continue
        shown = source if "/" in source else f"hashicorp/{source}"  # Terraform's implied source
        resource = Resource(f'provider["{shown}"]', shown, origin.file, origin.line, origin.line, kind=Kind.PROVIDER)
        out.append((resource, Placement(provider=shown, located=False)))
    return out


def unknown_endpoints(pairs: list[tuple[Resource, Placement]]) -> list[tuple[Resource, Placement]]:
    """One pseudo-resource per endpoint URL, among these resources' placements, that the catalog does not know.

    A resource reached through an unknown endpoint (an S3-compatible store, an OpenStack cloud) is not
    judged itself; the endpoint is reported once for each provider configuration, at the argument that names it
    (SOV204), with the configuration's address (`module.eu.provider["hashicorp/vault"].ops`, as SOV103 names it).
    """
    out: dict[tuple[str, int | str, str], tuple[Resource, Placement]] = {}
    for resource, placement in pairs:
        if resource.kind != Kind.TERRAFORM or placement.endpoint != "?" or not placement.unresolved:
            continue
        if placement.located:
            continue
        address = placement.configuration or f'provider["{placement.provider}"]'
        if placement.origins:
            at = placement.origins[0]
            key: tuple[str, int | str, str] = (at.file, at.line, address)
        else:  # configured nowhere: said once per module, at its first resource that uses it
            at = Origin(resource.file, resource.line, "resource")
            key = (os.path.dirname(resource.file), placement.unresolved, address)
        if key not in out:
            out[key] = (
                configuration(placement, at),
                Placement(provider=placement.provider, located=False, endpoint="?", unresolved=placement.unresolved),
            )
    return list(out.values())


def configuration(placement: Placement, at: Origin) -> Resource:
    """The provider configuration that sets a placement's location or endpoint, as a pseudo-resource at `at`, named
    as Terraform names it (`Placement.configuration`; `provider["<source>"]`, the root's default, when unnamed)."""
    address = placement.configuration or f'provider["{placement.provider}"]'
    return Resource(address, placement.provider, at.file, at.line, max(at.line, at.end_line), kind=Kind.PROVIDER)
