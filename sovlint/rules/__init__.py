"""The rules: an explicit map from rule id to check function. SOV000 is emitted by the engine.

Each rule module names the kinds of resource it judges (`KINDS`); the engine gives it no other (so that the
20,000 resources of one file are not each offered to the rules of backends or Kubernetes objects), and a rule
does not check again the kinds its KINDS exclude.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sovlint.model import Finding, Kind, Placement, Resource
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

_MODULES = (
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
RULES: dict[str, Check] = {module.ID: module.check for module in _MODULES}
KINDS: dict[str, frozenset[Kind]] = {module.ID: module.KINDS for module in _MODULES}  # what each rule judges

PARSE_ERROR = "SOV000"

__all__ = ["KINDS", "PARSE_ERROR", "RULES", "RuleContext"]
