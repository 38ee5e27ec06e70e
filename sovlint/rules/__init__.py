"""The rules: an explicit map from rule id to check function. SOV000 is emitted by the engine."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sovlint.model import Finding, Placement, Resource
from sovlint.rules import (
    cloud_coupled_kubernetes,
    global_service,
    image_registry_foreign,
    proprietary_service,
    provider_foreign_control,
    provider_unknown,
    region_outside_allowed,
    region_unknown,
    region_unresolved,
    replication_outside_allowed,
    state_backend_foreign,
)
from sovlint.rules.base import RuleContext

Check = Callable[[Resource, Placement, RuleContext], Iterator[Finding]]

RULES: dict[str, Check] = {
    module.ID: module.check
    for module in (
        region_outside_allowed,
        region_unresolved,
        region_unknown,
        global_service,
        replication_outside_allowed,
        provider_foreign_control,
        provider_unknown,
        state_backend_foreign,
        image_registry_foreign,
        proprietary_service,
        cloud_coupled_kubernetes,
    )
}

PARSE_ERROR = "SOV000"

__all__ = ["PARSE_ERROR", "RULES", "RuleContext"]
