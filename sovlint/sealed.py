"""JSON kept on disk between runs (the parse cache, the policy copy), sealed with a digest of key and content.

An entry is the SHA-256 digest of its key and its JSON content, a newline, and the content. Reading
it under another key, or after its content was edited or cut, raises `Tampered`: the caller treats
it as a miss, rebuilds the value and notes it. The digest is not a secret; it catches a copy damaged
or edited by hand, not one rewritten by someone who can run code as the user.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from typing import Any


class Tampered(ValueError):
    """A cached copy whose digest does not match its key and content."""


def digest(k: str, body: bytes | memoryview) -> bytes:
    """The digest of an entry's key and content (hex, as written)."""
    return digest_of(k, (body,))


def digest_of(k: str, pieces: Iterable[bytes | memoryview]) -> bytes:
    """The digest of an entry's key and the content these pieces make, one after another."""
    found = digester(k)
    for piece in pieces:
        found.update(piece)
    return found.hexdigest().encode()


def digester(k: str) -> hashlib._Hash:
    """The digest of an entry's key, to update with its content (its `hexdigest()`, encoded, is the entry's head)."""
    return hashlib.sha256(f"sovlint-cache|{k}|".encode())


def name_of(value: Any) -> str:
    """The hex SHA-256 of a value's JSON (lone surrogates of non-UTF-8 file names kept): a cache entry's name
    made from everything that decides its content."""
    return hashlib.sha256(json.dumps(value).encode("utf-8", "surrogatepass")).hexdigest()


def matches(k: str, head: bytes, body: bytes | memoryview) -> bool:
    """Whether `head` is the digest of `k` and `body`."""
    return hmac.compare_digest(head, digest(k, body))


def seal(k: str, value: Any) -> bytes:
    """The bytes of an entry: the digest of key and content, a newline, the JSON content."""
    return seal_bytes(k, json.dumps(value, separators=(",", ":")).encode())


def unseal(k: str, data: bytes) -> Any:
    """The content of an entry stored under `k`; Tampered when its digest does not match."""
    return json.loads(unseal_bytes(k, data))


def seal_bytes(k: str, body: bytes) -> bytes:
    """An entry whose content is `body` as it is (the reader decodes it)."""
    return digest(k, body) + b"\n" + body


def unseal_bytes(k: str, data: bytes) -> bytes:
    """The content of an entry stored under `k`, undecoded; Tampered when its digest does not match."""
    head, newline, body = data.partition(b"\n")
    if not newline or not matches(k, head, body):
        raise Tampered(k)
    return body
