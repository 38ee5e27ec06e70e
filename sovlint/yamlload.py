"""The one place that picks PyYAML's loader: libyaml's CSafeLoader when present, SafeLoader otherwise.

Only safe loaders are used, so tags such as `!!python/object` are rejected, never constructed.
"""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """Load one YAML document from trusted data (sovlint's own policies)."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - safe loader


def compose_all(text: str) -> Any:
    """Yield the node tree of each document; nodes carry 0-based line marks."""
    loader = SafeLoader(text)
    try:
        while loader.check_node():
            yield loader, loader.get_node()
    finally:
        loader.dispose()
