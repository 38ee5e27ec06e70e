"""The HCL front end against python-hcl2 as the reference, over the real Terraform of ../shared/corpus.

Wherever python-hcl2 reads a file, the blocks, their labels and lines, the argument and nested block
names and every literal value must be the same; an expression must be an expression on both sides.
Files where they differ for a known reason are listed in DIFFERENCES with the reason. By default a
fixed sample of the corpus is compared (every SAMPLE_EVERY-th file, so that the suite stays fast);
DIFFERENTIAL=all compares every file (several minutes: python-hcl2 reads about 0.1 MB/s).
"""

import os
import re
from pathlib import Path

import pytest

from conftest import REPO
from sovlint.terraform.lang.values import Expr
from sovlint.terraform.syntax import read

hcl2 = pytest.importorskip("hcl2")

CORPUS = REPO.parent / "shared" / "corpus"
SAMPLE_EVERY = 3
MAX_BYTES = 64 * 1024  # larger files only in the full run: python-hcl2 takes seconds on them

# Files where the front ends differ, relative to the corpus, and why. None at present: over the 609 .tf
# files of the corpus, the 607 that python-hcl2 reads compare equal (DIFFERENTIAL=all), once the ways
# python-hcl2 writes values are undone in _compare (each with its reason there); the other 2 are invalid
# Terraform (an unterminated object, an interpolation nested inside an interpolation).
DIFFERENCES: dict[str, str] = {}
# Gaps of the tree-sitter-hcl 1.2.0 grammar, each worked around in sovlint.terraform.syntax, with a source
# that shows it (no file of the corpus does): valid Terraform that python-hcl2 reads, and that must read alike.
GAPS = {
    "a number with an exponent and no fraction (3e10) is a syntax error": (
        'variable "n" {\n  default = 3e10\n}\nlocals {\n  xs = [1E+3, -2e-2, 1.5e3]\n  s = "1e5"\n}\n'
    ),
}
VALID = REPO / "fixtures" / "hcl-valid"  # valid Terraform that python-hcl2 rejects


def _files():
    if not CORPUS.is_dir():
        return []
    found = sorted(p for p in CORPUS.rglob("*.tf") if p.is_file())
    if os.environ.get("DIFFERENTIAL") == "all":
        return found
    return [p for i, p in enumerate(found) if i % SAMPLE_EVERY == 0 and p.stat().st_size <= MAX_BYTES]


FILES = _files()


def _reference(text):
    """Blocks as python-hcl2 gives them: (kind, labels, line, body)."""
    from hcl2 import SerializationOptions
    from hcl2.rules.base import AttributeRule, BlockRule

    options = SerializationOptions(strip_string_quotes=True, explicit_blocks=False, with_comments=False)
    out = []
    for child in hcl2.parses(text.removeprefix("\ufeff"), discard_comments=True).body.children:
        if isinstance(child, BlockRule):
            labels = tuple(str(label.serialize(options)) for label in child.labels)
            out.append((labels[0], labels[1:], child._meta.line, child.body.serialize(options)))
        elif isinstance(child, AttributeRule):
            name = str(child.identifier.serialize(options))
            out.append(("attribute", (name,), child._meta.line, {name: child.expression.serialize(options)}))
    return out


_NUMBER = re.compile(r"^\$\{(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)\}$")


def _heredoc(text):
    """python-hcl2 keeps a heredoc as written; Terraform's value drops the markers and keeps the last newline."""
    head, _, rest = text.partition("\n")
    body = rest.rsplit("\n", 1)[0] + "\n" if "\n" in rest else ""
    if head.startswith("<<-"):
        lines = body.split("\n")
        cut = min((len(x) - len(x.lstrip(" \t")) for x in lines if x.strip()), default=0)
        body = "\n".join(x[cut:] for x in lines)
    return body


def _compare(new, old, path, problems):
    if isinstance(new, Expr):
        if new.node[0] == "ref" and not new.node[2] and old == new.node[1]:
            return  # python-hcl2 writes a bare name (`type = string`, `provider = google`) without `${}`
        if new.node[0] == "obj" and isinstance(old, dict) and any("${" in k for k in old):
            return  # an object with a computed key is an expression; python-hcl2 keeps a dict with `${…}` keys
        if not (isinstance(old, str) and ("${" in old or "%{" in old)):
            problems.append(f"{path}: an expression here, the literal {old!r} in python-hcl2")
        return
    if isinstance(old, str) and _NUMBER.match(old):  # python-hcl2 keeps `1e3` as an expression
        old = float(_NUMBER.match(old).group(1))
    if isinstance(new, dict):
        if not isinstance(old, dict) or set(new) != set(old):
            problems.append(f"{path}: keys {sorted(new)} here, {sorted(old) if isinstance(old, dict) else old!r}")
            return
        for key in new:
            _compare(new[key], old[key], f"{path}.{key}", problems)
    elif isinstance(new, list):
        if not isinstance(old, list) or len(new) != len(old):
            problems.append(f"{path}: {len(new)} items here, {old!r} in python-hcl2")
            return
        for i, (a, b) in enumerate(zip(new, old, strict=True)):
            _compare(a, b, f"{path}[{i}]", problems)
    elif isinstance(new, str) and isinstance(old, str):
        if old.startswith("<<") and "\n" in old:
            old = _heredoc(old)
        old = old.replace("$${", "${").replace("%%{", "%{")  # python-hcl2 keeps the escapes
        if new != old:
            problems.append(f"{path}: {new!r} here, {old!r} in python-hcl2")
    elif new != old or type(new) is bool and type(old) is not bool:
        problems.append(f"{path}: {new!r} here, {old!r} in python-hcl2")


@pytest.mark.skipif(not FILES, reason="../shared/corpus is absent")
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_same_blocks_and_literals_as_python_hcl2(path):
    name = str(path.relative_to(CORPUS))
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        reference = _reference(text)
    except Exception:  # python-hcl2 rejects the file: nothing to compare
        return
    problems = _problems(text, reference)
    if name in DIFFERENCES:
        assert problems, f"{name} no longer differs: remove it from DIFFERENCES"
        return
    assert problems == []


def _problems(text, reference):
    blocks, error = read(text)
    problems = [] if error is None else [f"syntax error {error.line}:{error.column}: {error.message}"]
    if [(b.kind, b.labels, b.line) for b in blocks] != [(k, labels, line) for k, labels, line, _ in reference]:
        problems.append("blocks differ")
    else:
        for block, (_, _, _, body) in zip(blocks, reference, strict=True):
            _compare(block.body, body, f"{block.kind}{list(block.labels)}", problems)
    return problems


@pytest.mark.parametrize("text", list(GAPS.values()), ids=list(GAPS))
def test_grammar_gaps_worked_around_read_as_python_hcl2_reads_them(text):
    assert _problems(text, _reference(text)) == []


def test_the_sample_is_meaningful():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    assert len(FILES) >= 150
    assert sum(Path(p).stat().st_size for p in FILES) >= 150_000


@pytest.mark.parametrize("path", sorted(VALID.glob("*.tf")), ids=lambda p: p.name)
def test_valid_terraform_that_python_hcl2_rejects_is_read_whole(path):
    text = path.read_text(encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 - python-hcl2 raises lark's many error types
        hcl2.parses(text)
    blocks, error = read(text)
    assert error is None
    assert any(b.kind == "resource" for b in blocks)
