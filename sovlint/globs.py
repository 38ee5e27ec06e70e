"""Path globs for include/exclude: `*` stays within a directory, `**` crosses directories.

A pattern without a slash matches a file or directory name anywhere (`*.auto.tfvars`, `.terraform`).
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=256)
def compile_glob(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + "(?:/.*)?$")


def matches(path: str, patterns: list[str]) -> bool:
    """True when the POSIX path (or, for slash-less patterns, one of its parts) matches a pattern."""
    parts = path.split("/")
    for pattern in patterns:
        pattern = pattern.removeprefix("./")
        if "/" in pattern.rstrip("/"):
            if compile_glob(pattern.rstrip("/")).match(path):
                return True
        elif any(compile_glob(pattern.rstrip("/")).match(part) for part in parts):
            return True
    return False
