"""Turn python-hcl2/lark exceptions into one sentence a person understands, with line and column."""

from __future__ import annotations

import re

from sovlint.errors import ParseError

_TOKENS = {
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "LSQB": "'['",
    "RSQB": "']'",
    "LPAR": "'('",
    "RPAR": "')'",
    "DBLQUOTE": "'\"'",
    "EQ": "'='",
    "COMMA": "','",
    "COLON": "':'",
    "NAME": "a name",
    "NL_OR_COMMENT": "a new line",
    "INT_LITERAL": "a number",
    "FLOAT_LITERAL": "a number",
    "STRING_CHARS": "text",
}


def from_exception(exc: Exception, text: str) -> ParseError:
    """Rewrite a parser exception as a ParseError; never leaks lark token dumps."""
    line = int(getattr(exc, "line", 0) or 0)
    column = int(getattr(exc, "column", 0) or 0)
    token = getattr(exc, "token", None)
    expected = set(getattr(exc, "expected", None) or ())
    if isinstance(exc, RecursionError):
        return ParseError("nesting is too deep to parse")
    if isinstance(exc, RuntimeError) and "already defined" in str(exc):
        name = re.findall(r"Attribute (\S+)", str(exc))
        return ParseError(f"'{name[0] if name else '?'}' is defined both as an argument and as a block")
    if token is None:
        return ParseError(f"invalid HCL: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", line, column)
    limitation = _known_limitation(text, line)
    if limitation:
        return ParseError(f"{limitation} (a known limitation of the HCL parser; see docs/security.md)", line, column)
    value = str(token)
    if getattr(token, "type", "") == "$END":
        if "RBRACE" in expected:
            opened = _unclosed_brace(text)
            where = f" opened on line {opened}" if opened else ""
            return ParseError(f"the file ends inside a block{where}: a closing '}}' is missing", line, column)
        if "DBLQUOTE" in expected:
            return ParseError("the file ends inside a string: a closing '\"' is missing", line, column)
        return ParseError("the file ends in the middle of an expression", line, column)
    if value.startswith("<<<<<<<") or value.startswith("=======") or value.startswith(">>>>>>>"):
        return ParseError("a merge conflict marker is in the file; resolve the conflict first", line, column)
    if value.startswith("<<"):
        return ParseError("a heredoc is not closed: its end marker is missing", line, column)
    shown = value.splitlines()[0][:40] if value.strip() else "end of line"
    wanted = sorted({_TOKENS[t] for t in expected if t in _TOKENS})
    hint = f"; expected {' or '.join(wanted[:3])}" if wanted and len(wanted) <= 3 else ""
    return ParseError(f"unexpected {shown!r}{hint}", line, column)


_LABEL_COMMENT = re.compile(r'^\s*[A-Za-z_][\w-]*(\s+"[^"]*")*\s*(/\*|//|#)')
_NON_ASCII_NAME = re.compile(r"^\s*[^\s\x00-\x7f=]|^\s*[\w-]*[^\x00-\x7f][\w-]*\s*=")


def _known_limitation(text: str, line: int) -> str:
    """Valid Terraform that python-hcl2 rejects: say so instead of calling the file broken."""
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if _LABEL_COMMENT.match(source) and "{" in source:
        return "Terraform accepts a comment between block labels, but sovlint's HCL parser does not: move the comment"
    if _NON_ASCII_NAME.match(source):
        return "Terraform accepts names with non-ASCII letters, but sovlint's HCL parser does not"
    return ""


def _unclosed_brace(text: str) -> int:
    """Line of the last '{' left open, skipping strings and comments (good enough for a message)."""
    stack: list[int] = []
    line, i, n = 1, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        elif ch == "#" or text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        elif ch == '"':
            i += 1
            while i < n and text[i] not in '"\n':
                i += 2 if text[i] == "\\" else 1
        elif ch == "{":
            stack.append(line)
        elif ch == "}" and stack:
            stack.pop()
        i += 1
    return stack[0] if stack else 0
