"""One escaping function per place where text from a scanned repository is shown.

File names, addresses and values in findings and notes come from the repository, which may be a
hostile pull request. Each sink gets the one function that makes such text inert there:

| sink | function | what it stops |
|---|---|---|
| terminal, stderr notes, console | `terminal` | line breaks (a forged `::error` line), ANSI escapes, bidi |
| GitHub workflow commands | `workflow_data`, `workflow_property` | ending a command early or starting one |
| HTML text and attribute values | `html` | markup |
| HTML links | `href` | `javascript:` and other schemes: only http(s) and relative links |
| CSV cells | `csv_cell` | formulas (`=`, `+`, `-`, `@`) run by a spreadsheet |
| Markdown text / code spans | `markdown` / `markdown_code` | links, images, HTML, @mentions, table breakouts |
| XML text and attributes (JUnit) | `xml` | characters XML 1.0 cannot carry, even escaped |
| JSON strings, URIs | `unbytes`, `raw_bytes` | file names that are not UTF-8 |

A file name that is not UTF-8 reaches Python with each bad byte as a lone surrogate; it is shown as
`\\xNN` (and percent-encoded in URIs), so the report stays valid UTF-8 and still names the file.
"""

from __future__ import annotations

import functools
import re

# patterns as text: `re` compiles one when it is first used (a one-file run prints none of these)
_SURROGATE = "[\ud800-\udfff]"
_BIDI = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_TERMINAL = f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI}]"
_MULTILINE = f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]"  # keeps \t, \n, \r
_SPACE = r"\s+"
_MARKDOWN = r"([\\`*_\[\]()!|~])"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"


@functools.cache
def _xml() -> re.Pattern[str]:
    """What XML 1.0 does not allow, and bidi controls; compiled when first used (it takes milliseconds)."""
    return re.compile(f"[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[{_BIDI}]")


def unbytes(text: str) -> str:
    """Text that encodes as UTF-8: a byte of a non-UTF-8 file name becomes `\\xNN`, any other lone surrogate U+FFFD."""
    if text.isascii():
        return text
    return re.sub(_SURROGATE, _byte, text)


def _byte(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else REPLACEMENT


def raw_bytes(text: str) -> bytes:
    """The bytes a path stands for (a non-UTF-8 file name gets its own bytes back)."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return unbytes(text).encode("utf-8")


def terminal(text: str) -> str:
    """One line for a terminal or a CI log: control, line-break and bidi characters become U+FFFD."""
    return re.sub(_TERMINAL, REPLACEMENT, unbytes(text))


def workflow_data(text: str) -> str:
    """The message of a GitHub workflow command: line breaks are escaped (the runner shows them), `%` too."""
    text = re.sub(_MULTILINE, REPLACEMENT, unbytes(text))
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a GitHub workflow command (`file=…,title=…`)."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


def html(text: object) -> str:
    """HTML text or a quoted attribute value."""
    import html as html_mod

    return html_mod.escape(_xml().sub(REPLACEMENT, unbytes(str(text))), quote=True)


def href(target: str) -> str | None:
    """An attribute-safe link: http(s) URLs as they are, paths percent-encoded as relative links; else None."""
    if target.startswith(("https://", "http://")):
        return html(target) if not re.search(_TERMINAL, target) else None
    from urllib.parse import quote

    path = quote(raw_bytes(target), safe="/")  # ':' becomes %3A: no scheme can survive
    if path.startswith("//"):  # a network-path reference would leave the report's site
        path = "./" + path.lstrip("/")
    return html(path)


def csv_cell(text: str) -> str:
    """A spreadsheet cell that is never a formula: a leading = + - @ (or tab, CR) is quoted with `'`."""
    text = re.sub(_MULTILINE, REPLACEMENT, unbytes(text))
    return "'" + text if text.startswith(_FORMULA) else text


def markdown(text: str) -> str:
    """Markdown text on one line (a table cell): no link, image, HTML, mention or emphasis is formed."""
    text = re.sub(_SPACE, " ", re.sub(_TERMINAL, " ", unbytes(text))).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
    return re.sub(_MARKDOWN, r"\\\1", text)


def markdown_code(text: str) -> str:
    """Text inside a Markdown code span in a table cell: no backtick ends it, no pipe splits the cell."""
    text = re.sub(_SPACE, " ", re.sub(_TERMINAL, " ", unbytes(text))).strip()
    return text.replace("`", "'").replace("|", "\\|")


def xml(text: str) -> str:
    """Text XML 1.0 can carry (ElementTree escapes markup): other characters become U+FFFD."""
    return _xml().sub(REPLACEMENT, unbytes(text))
