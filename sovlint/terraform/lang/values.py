"""The two non-values of static evaluation: an unknown value and an expression Terraform would reject."""

from __future__ import annotations


class Unknown:
    """A value that cannot be known statically, with the reason why."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __repr__(self) -> str:
        return f"Unknown({self.reason!r})"


class EvalError(Exception):
    """An expression that Terraform itself would reject (missing key, bad index): `try()` catches it."""
