"""What every rule receives: the profile, the catalog and a factory that stamps findings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sovlint.knowledge.catalog import Catalog
from sovlint.knowledge.records import Rule
from sovlint.model import Finding, Kind, Level, Origin, Placement, Profile, Resource

T = TypeVar("T")


class RuleContext:
    __slots__ = ("catalog", "profile", "shared")

    def __init__(self, catalog: Catalog, profile: Profile) -> None:
        self.catalog = catalog
        self.profile = profile
        self.shared: dict[Any, Any] = {}  # see once()

    def once(self, key: Any, make: Callable[[], T]) -> T:
        """What `make` gives, made once per key for this catalog and profile: what a rule works out from
        the catalog alone (who controls a provider) is the same for each of thousands of resources."""
        if key not in self.shared:
            self.shared[key] = make()
        found: T = self.shared[key]
        return found

    def finding(
        self,
        rule_id: str,
        resource: Resource,
        message: str,
        *,
        placement: Placement | None = None,
        line: int = 0,
        key: str = "",
        related: tuple[Origin, ...] | None = None,
        extra: tuple[tuple[str, str], ...] = (),
        at: Origin | None = None,
    ) -> Finding:
        """A finding on `resource`, with the rule's level, fix hint and the location properties; `at` is the
        place that decided it when that is in another file (a value a Kustomize patch set): it is reported there,
        with the resource as a related location."""
        meta, level = self._rule(rule_id)
        if related is None:  # the module calls that lead to the resource
            via = placement.via if placement else ()
            related = tuple(o for o in reversed(via) if not _inside(o, resource)) if via else ()
        if placement is not None:
            properties = self._placed(extra, placement)
            if placement.condition:
                message += f" (if created: {placement.condition})"
        else:
            properties = self._same(tuple((k, v) for k, v in extra if v))
        file = resource.file
        if at is not None:
            line = at.line or line
            if at.file != resource.file:
                file = at.file
                others = tuple(o for o in related if (o.file, o.line) != (at.file, at.line))
                related = (Origin(resource.file, resource.line, resource.address), *others)
        span = (line, 1, line, 0) if line else (resource.line, 1, resource.end_line, 0)
        if not line and placement is not None and "data-residency" in meta.tags:
            span = _deciding(placement, resource) or span
        return Finding(
            file=file,
            line=span[0],
            end_line=span[2],
            column=span[1],
            end_column=span[3],
            rule_id=rule_id,
            address=resource.address,
            level=level,
            message=message,
            fix=meta.fix,
            key=key,
            related=related,
            properties=properties,
        )

    def _rule(self, rule_id: str) -> tuple[Rule, Level]:
        """A rule's entry in the catalog and its configured level, looked up once for all its findings."""
        found: tuple[Rule, Level] | None = self.shared.get(("rule", rule_id))
        if found is None:
            meta = self.catalog.rules[rule_id]
            found = self.shared[("rule", rule_id)] = meta, self.profile.levels.get(rule_id) or meta.level
        return found

    def _placed(self, extra: tuple[tuple[str, str], ...], placement: Placement) -> tuple[tuple[str, str], ...]:
        """The properties of a finding on a placed resource: `extra`, then its provider, region and countries;
        made once for each that thousands of findings share."""
        key = ("placed", extra, placement.provider, placement.region, placement.countries)
        found: tuple[tuple[str, str], ...] | None = self.shared.get(key)
        if found is None:
            where = (("provider", placement.provider), ("region", placement.region or ""))
            props = (*extra, *where, ("country", ",".join(placement.countries)))
            found = self.shared[key] = self._same(tuple((k, v) for k, v in props if v))
        return found

    def _same(self, properties: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        """One tuple for equal properties: findings on thousands of resources share a few."""
        found: tuple[tuple[str, str], ...] = self.shared.setdefault(("properties", properties), properties)
        return found

    def stamp(self, finding: Finding) -> Finding:
        """A finding made outside a rule (SOV000 by a reader, SOV001 by suppression) with the level the
        configuration sets and the rule's fix hint, as `finding()` gives them to the rules' own."""
        meta = self.catalog.rules.get(finding.rule_id)
        if meta is None:
            return finding
        level = self.profile.levels.get(finding.rule_id) or meta.level
        fix = finding.fix or meta.fix
        if (level, fix) == (finding.level, finding.fix):
            return finding
        return finding._replace(level=level, fix=fix)

    def countries(self, codes: tuple[str, ...] | list[str]) -> str:
        """'United States', or 'Germany, France' for several; long lists are cut."""
        names = [self.catalog.country_name(c) for c in codes]
        return ", ".join(names) if len(names) <= 4 else f"{', '.join(names[:3])} and {len(names) - 3} more"

    def owner(self, company_id: str) -> tuple[str, str] | None:
        """('run by X, controlled by Y (Country)', ultimate country) for a company, or None if unknown."""
        return self.once(("owner", company_id), lambda: self._owner(company_id))

    def _owner(self, company_id: str) -> tuple[str, str] | None:
        chain = self.catalog.chain(company_id)
        if not chain:
            return None
        top = chain[-1]
        if len(chain) == 1:
            return f"{top.name} ({self.catalog.country_name(top.country)})", top.country
        return (
            f"{chain[0].name}, controlled by {top.name} ({self.catalog.country_name(top.country)})",
            top.country,
        )


def set_at(placement: Placement, resource: Resource) -> str:
    """'; us-east-1 is set at variables.tf:3 (variable default)' when decided outside the block."""
    if placement.how == "documented default":
        where = "manifest" if resource.kind != Kind.TERRAFORM else "configuration"
        return f"; {placement.region} is the documented default when the {where} sets no location"
    outside = [o for o in placement.origins if not _inside(o, resource)]
    if not outside:
        return ""
    o = outside[-1]
    return f"; {placement.region} is set at {o.file}:{o.line} ({o.what})"


def decided_at(placement: Placement, resource: Resource) -> tuple[Origin, ...]:
    """Where the deciding value was set outside the resource's block, then the module calls that lead to it."""
    seen: list[Origin] = []
    for origin in (*placement.origins, *reversed(placement.via)):
        if not _inside(origin, resource) and origin not in seen:
            seen.append(origin)
    return tuple(seen)


def _deciding(placement: Placement, resource: Resource) -> tuple[int, int, int, int] | None:
    """The span of the resource's own argument that decides its location (`region = …`), when known."""
    own = placement.origins[0] if placement.origins else None
    if own is None or not own.column or not _inside(own, resource):
        return None
    return own.line, own.column, max(own.line, own.end_line), own.end_column


def _inside(origin: Origin, resource: Resource) -> bool:
    return origin.file == resource.file and resource.line <= origin.line <= resource.end_line
