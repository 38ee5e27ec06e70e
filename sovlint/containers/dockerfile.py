"""Dockerfiles → one Resource per build stage, with the images it pulls and their lines.

`FROM` lines are read as BuildKit reads them: continuation lines joined (the escape character may
be changed by a `# escape=` directive), `ARG` defaults declared before the first `FROM`
substituted (`$NAME`, `${NAME}`, `${NAME:-default}`), `--platform` and other flags ignored, the
name of an earlier stage never taken for an image, and `scratch` pulling nothing. `COPY --from=`
and `RUN --mount=…,from=` naming an image rather than a stage pull it too. A reference that still
holds a variable with no value cannot be judged and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from sovlint.model import Kind, Resource

_DIRECTIVE = re.compile(r"^#\s*escape\s*=\s*([\\`])\s*$", re.I)
_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")


@dataclass(slots=True)
class _Stage:
    name: str
    line: int
    end_line: int
    images: list[tuple[str, int]] = field(default_factory=list)


def parse(text: str, file: str) -> list[Resource]:
    """The build stages of a Dockerfile, each with the images it pulls."""
    arguments: dict[str, str | None] = {}
    stages: list[_Stage] = []
    for line, end, instruction, rest in instructions(text):
        if instruction == "ARG" and not stages:
            for name, value in _arguments(rest):
                arguments[name] = value
        elif instruction == "FROM":
            stages.append(_from(rest, line, arguments, {s.name.lower() for s in stages}, len(stages)))
        elif instruction in ("COPY", "RUN") and stages:
            names = {s.name.lower() for s in stages} | {str(i) for i in range(len(stages))}
            for reference in _sources(rest):
                image = substitute(reference, arguments)
                if image and image.lower() not in names and image != "scratch":
                    stages[-1].images.append((image, line))
        if stages:
            stages[-1].end_line = end
    return [
        Resource(
            address=f"stage/{s.name}",
            type="Dockerfile",
            file=file,
            line=s.line,
            end_line=s.end_line,
            kind=Kind.CONTAINER,
            images=tuple(s.images),
        )
        for s in stages
    ]


def instructions(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(first line, last line, INSTRUCTION, arguments) of each instruction, continuations joined."""
    lines = text.removeprefix("\ufeff").splitlines()
    escape = "\\"
    for raw in lines[:8]:  # parser directives come first, before any instruction or blank line
        found = _DIRECTIVE.match(raw.strip())
        if found:
            escape = found.group(1)
        elif not raw.strip().startswith("#"):
            break
    start, parts = 0, list[str]()
    for number, raw in enumerate(lines, 1):
        stripped = raw.strip()
        if not parts and (not stripped or stripped.startswith("#")):
            continue
        if parts and stripped.startswith("#"):
            continue  # a comment inside a continued instruction is dropped
        if not parts:
            start = number
        if stripped.endswith(escape):
            parts.append(stripped[:-1])
            continue
        parts.append(stripped)
        yield _split(start, number, " ".join(parts))
        parts = []
    if parts:
        yield _split(start, len(lines), " ".join(parts))


def _split(start: int, end: int, joined: str) -> tuple[int, int, str, str]:
    word, _, rest = joined.strip().partition(" ")
    return start, end, word.upper(), rest.strip()


def _arguments(rest: str) -> Iterator[tuple[str, str | None]]:
    for word in rest.split():
        name, equals, value = word.partition("=")
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            yield name, _unquote(value) if equals else None


def _from(rest: str, line: int, arguments: dict[str, str | None], earlier: set[str], index: int) -> _Stage:
    words = [w for w in rest.split() if not w.startswith("--")]
    name = words[2] if len(words) >= 3 and words[1].lower() == "as" else str(index)
    stage = _Stage(name, line, line)
    image = substitute(words[0], arguments) if words else None
    if image and image.lower() not in earlier and image.lower() != "scratch":
        stage.images.append((image, line))
    return stage


def _sources(rest: str) -> Iterator[str]:
    """Images named by `COPY --from=X` and `RUN --mount=type=…,from=X`."""
    for word in rest.split():
        if not word.startswith("--"):
            break  # flags come before the arguments
        if word.startswith("--from="):
            yield _unquote(word[len("--from=") :])
        elif word.startswith("--mount="):
            for option in word[len("--mount=") :].split(","):
                key, _, value = option.partition("=")
                if key == "from" and value:
                    yield _unquote(value)


def substitute(word: str, arguments: dict[str, str | None]) -> str | None:
    """`word` with its variables replaced by their values; None when one has no value."""
    missing = False

    def value(match: re.Match[str]) -> str:
        nonlocal missing
        name = match.group(1) or match.group(4)
        current = arguments.get(name)
        operator, alternative = match.group(2), match.group(3) or ""
        if operator in (":-", "-"):
            return current if current else alternative
        if operator in (":+", "+"):
            return alternative if current else ""
        if current is None:
            missing = True
            return ""
        return current

    result = _VARIABLE.sub(value, _unquote(word))
    return None if missing or not result else result


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
