"""python-hcl2 → top-level blocks with their line spans. The only module that knows hcl2's tree shape.

python-hcl2 8.x drops line numbers from its dict output, so the tree is walked instead: every
top-level block keeps its start/end line, and every argument and nested block its own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sovlint.errors import ParseError


@dataclass(frozen=True, slots=True)
class Block:
    """A top-level block (`resource "t" "n" {…}`) or, for .tfvars, one argument."""

    kind: str  # 'resource', 'data', 'provider', 'module', 'variable', 'locals', 'output', 'terraform'
    labels: tuple[str, ...]
    body: dict[str, Any]
    line: int
    end_line: int
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)  # 'backend.s3.region' -> span


def parse(text: str) -> list[Block]:
    """Parse one .tf or .tfvars file; raise ParseError with a readable message."""
    import hcl2  # imported here: a cache hit or a YAML-only scan never pays for it
    from hcl2.rules.base import AttributeRule, BlockRule

    from sovlint.terraform.hclerrors import from_exception

    text = text.removeprefix("\ufeff")
    try:
        start = hcl2.parses(text, discard_comments=True)
        return list(_blocks(start.body, AttributeRule, BlockRule))
    except ParseError:
        raise
    except (Exception, RecursionError) as exc:  # lark raises many types; each becomes one SOV000
        raise from_exception(exc, text) from None


def _blocks(body: Any, attribute_rule: Any, block_rule: Any) -> Any:
    from hcl2 import SerializationOptions

    options = SerializationOptions(strip_string_quotes=True, explicit_blocks=False, with_comments=False)
    for child in body.children:
        meta = child._meta  # lark's Meta: the only place python-hcl2 keeps positions
        if isinstance(child, block_rule):
            labels = tuple(str(label.serialize(options)) for label in child.labels)
            lines: dict[str, tuple[int, int]] = {}
            _collect_lines(child.body, "", lines, options, attribute_rule, block_rule)
            yield Block(labels[0], labels[1:], child.body.serialize(options), meta.line, meta.end_line, lines)
        elif isinstance(child, attribute_rule):
            name = str(child.identifier.serialize(options))
            value = child.expression.serialize(options)
            yield Block("attribute", (name,), {name: value}, meta.line, meta.end_line, {})


def _collect_lines(
    body: Any,
    prefix: str,
    out: dict[str, tuple[int, int]],
    options: Any,
    attribute_rule: Any,
    block_rule: Any,
) -> None:
    for child in body.children:
        meta = child._meta
        if isinstance(child, attribute_rule):
            out.setdefault(prefix + str(child.identifier.serialize(options)), (meta.line, meta.end_line))
        elif isinstance(child, block_rule) and prefix.count(".") < 3:
            path = prefix + ".".join(str(label.serialize(options)) for label in child.labels)
            out.setdefault(path, (meta.line, meta.end_line))
            _collect_lines(child.body, path + ".", out, options, attribute_rule, block_rule)
