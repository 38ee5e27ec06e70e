"""`fileset()` where Terraform's answer does not depend on a file's content: a path that names nothing.

Terraform resolves a relative path against its working directory, the root module's directory, and
globs `path/pattern` with github.com/bmatcuk/doublestar: when the part of the joined pattern before its
first wildcard does not exist, the set is empty and there is no error (hashicorp/terraform,
internal/lang/funcs/filesystem.go, MakeFileSetFunc). Factory modules rely on it: Cloud Foundation Fabric
calls `fileset(coalesce(var.factories_config.tags, "-"), "*.yaml")`, which creates nothing by default.
Files that exist are not listed (their names decide instances sovlint cannot judge without their content),
nor paths that leave the root module's directory: the answer is then unknown.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from typing import Any

from sovlint.terraform.lang.functions import known
from sovlint.terraform.lang.values import Unknown

_WILDCARDS = frozenset("*?[{\\")  # what starts a pattern component in doublestar


def fileset_function(root: str, exists: Callable[[str], bool]) -> Callable[..., Any]:
    """Terraform's `fileset(path, pattern)` for a configuration whose root module is in `root`."""

    def fileset(path: str, pattern: str) -> Any:
        if not isinstance(path, str) or not isinstance(pattern, str):
            raise TypeError("fileset() takes a path and a pattern, both strings")
        if path.startswith("/") or (not path and pattern.startswith("/")):
            return Unknown("fileset() over an absolute path depends on the machine Terraform runs on")
        joined = posixpath.normpath("/".join(part for part in (path, pattern) if part))
        literal: list[str] = []
        for component in joined.split("/"):
            if _WILDCARDS & set(component):
                break
            literal.append(component)
        base = "/".join(literal) or "."
        if base == ".." or base.startswith("../"):
            return Unknown("fileset() over a path outside the root module's directory is not evaluated")
        if exists(os.path.join(root, base)):
            return Unknown("fileset() over files that exist is not evaluated")
        return []

    return known(fileset)
