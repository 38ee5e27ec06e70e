"""Where Terragrunt downloaded a unit's remote module: `.terragrunt-cache/W/H/SUBDIR` beside its terragrunt.hcl.

Terragrunt downloads the part of a `terraform { source }` before `//` (the repository) into
`.terragrunt-cache/W/H` and runs Terraform in `W/H/SUBDIR`, SUBDIR being what follows `//`. W is the
base64url SHA-1 of the unit's absolute path (it differs from one machine to another), H that of the
source URL without its query string, and the file `W/H/.terragrunt-source-version` holds that of the
query string (`ref=v0.8.0`): the version downloaded. A download is taken when its version matches the
source's and it holds SUBDIR; when several do, the one whose H matches the source (as Terragrunt
writes the common forms: `git::ssh://…`, `git::https://…`, `github.com/…`, `tfr:///…`) is taken, and
otherwise none. Nothing is fetched and nothing outside the scanned trees is read.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

CACHE = ".terragrunt-cache"
VERSION_FILE = ".terragrunt-source-version"
MAX_ENTRIES = 64  # directories looked at on each level of a cache
_FORCED = re.compile(r"^([A-Za-z0-9]+)::(.+)$")
_SCP = re.compile(r"^([A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+):(?!//)(.+)$")  # git@github.com:org/repo.git


def encoded(text: str) -> str:
    """Terragrunt's EncodeBase64Sha1: the SHA-1 of a text, base64url without padding."""
    return base64.urlsafe_b64encode(hashlib.sha1(text.encode()).digest()).decode().rstrip("=")  # noqa: S324


def split(source: str) -> tuple[str, str, str]:
    """(the URL before `//`, the subdirectory after it, the query string) of a module source."""
    url, _, query = source.partition("?")
    rest = url
    while (forced := _FORCED.match(rest)) is not None:
        rest = forced.group(2)
    scheme = rest.find("://")
    start = len(url) - len(rest) + (scheme + 3 if scheme >= 0 else 0)
    cut = url.find("//", start)
    if cut < 0:
        return url, "", query
    return url[:cut], url[cut + 2 :].strip("/"), query


def version(query: str) -> str:
    """What Terragrunt writes in `.terragrunt-source-version` for a source's query string (Go's sorted encoding)."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True), key=lambda kv: kv[0])
    return encoded(urlencode(pairs))


def canonical(root: str) -> str:
    """The source URL as Terragrunt hashes it into H, for the common forms (a best effort, used to choose)."""
    forced = ""
    if (match := _FORCED.match(root)) is not None:
        forced, root = match.group(1) + "::", match.group(2)
    if (scp := _SCP.match(root)) is not None:
        return f"{forced or 'git::'}ssh://{scp.group(1)}/{scp.group(2)}"
    if not forced and root.startswith(("github.com/", "gitlab.com/")):
        return f"git::https://{root}" + ("" if root.endswith(".git") else ".git")
    return forced + root


def downloaded(unit_dir: str, source: str, inside: Callable[[str], bool]) -> tuple[str | None, str]:
    """The directory Terraform runs in for a unit's remote source, or None and why it is not there."""
    cache = os.path.join(unit_dir, CACHE)
    if not os.path.isdir(cache):
        return None, ""  # not downloaded: the caller says so (tree.UNIT_REMOTE_NOTE)
    if not inside(os.path.realpath(cache)):
        return None, f"not read ({cache} leads outside the repository)"
    root, subdir, query = split(source)
    if ".." in subdir.split("/"):
        return None, f"its subdirectory {subdir} leaves the download; not read"
    wanted, found = version(query), []
    for first in _entries(cache):
        for download in _entries(os.path.join(cache, first)):
            here = os.path.join(cache, first, download)
            work = os.path.normpath(os.path.join(here, subdir)) if subdir else here
            if _version(here) == wanted and inside(os.path.realpath(work)) and _has_terraform(work):
                found.append((download, work))
    if len(found) > 1:
        found = [(h, work) for h, work in found if h == encoded(canonical(root))]
    if len(found) == 1:
        return found[0][1], ""
    if found:
        return None, f"several downloads in {cache} match it; clear the cache and run `terragrunt init` again"
    return None, f"no download of this version in {cache} (run `terragrunt init` again)"


def _entries(directory: str) -> list[str]:
    try:
        names = sorted(os.listdir(directory))[:MAX_ENTRIES]
    except OSError:
        return []
    paths = [(n, os.path.join(directory, n)) for n in names]
    return [n for n, path in paths if os.path.isdir(path) and not os.path.islink(path)]


def _version(download: str) -> str:
    path = os.path.join(download, VERSION_FILE)
    if os.path.islink(path) or not os.path.isfile(path):
        return ""
    try:
        with open(path, "rb") as fh:
            return fh.read(256).decode("ascii", "replace").strip().rstrip("=")
    except OSError:
        return ""


def _has_terraform(directory: str) -> bool:
    try:
        return any(n.endswith((".tf", ".tofu", ".tf.json")) for n in os.listdir(directory))
    except OSError:
        return False
