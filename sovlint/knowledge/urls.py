"""The host of an endpoint URL, read as the providers read it (Go's net/url), not as urlsplit would."""

import re
from urllib.parse import urlsplit

_REFUSED = re.compile(r"[\\\x00-\x1f\x7f]")  # a backslash or a control character anywhere in the URL
# user information (before the last `@` of the authority) with a character net/url's validUserinfo refuses
_BAD_USERINFO = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//[^/?#]*[^-A-Za-z0-9._:~!$&'()*+,;=%@/?#][^/?#]*@")


def host(url: str) -> str:
    """The lower-case host of a URL, or of a bare host name with or without a port. A URL that Go's net/url (the
    providers' parser) refuses has none: a backslash or a control character anywhere, or user information with
    characters it does not allow (`https://evil.com\\@x.eks.amazonaws.com`, which urlsplit reads as the host
    after the `@`)."""
    text = url.strip()
    text = text if "//" in text else "//" + text
    if _REFUSED.search(text) or _BAD_USERINFO.match(text):
        return ""
    try:
        found = (urlsplit(text).hostname or "").lower()
    except ValueError:
        found = ""
    return found if re.fullmatch(r"[a-z0-9.:_-]+", found) else ""
