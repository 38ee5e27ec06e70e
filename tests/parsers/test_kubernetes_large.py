"""A large object is read without composing the `spec` entries no rule reads: its objects, lines, facts and
errors are those of a whole reading, which the readers of every YAML file here and in ../shared/corpus show."""

import pytest

from conftest import CORPUS, REPO
from sovlint import yamlskim
from sovlint.errors import ParseError
from sovlint.kubernetes import manifests

HEAD = """\
apiVersion: storage.cnrm.cloud.google.com/v1beta1
kind: StorageBucket
metadata:
  name: big
  annotations:
    cnrm.cloud.google.com/project-id: demo
spec:
  interfaces:
    variables:
"""
VARIABLE = """\
      - name: v{i}
        description: "Whether it is regional (WARNING: destructive!) = {i}"
        varType: |-
          object({{
              enabled = optional(bool)
          }})
        defaultValue: []
"""
TAIL = """\
  location: US
  requirements:
    roles:
      - level: Project
        roles:
          - roles/container.admin
status:
  ready: true
"""


def _big(inside: str = "") -> str:
    """A 10 KB object whose `location` follows an entry of 60 variables; `inside` is put in the 30th."""
    variables = [VARIABLE.format(i=i) for i in range(60)]
    variables[30] += inside
    return HEAD + "".join(variables) + TAIL


def _whole(text: str, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patched:
        patched.setattr(manifests, "SKIM_MIN_CHARS", 1 << 60)
        return _outcome(text)


def _outcome(text: str) -> object:
    try:
        found, error = manifests.read(text, "big.yaml")
    except ParseError as error:
        return "raised", error.message, error.line, error.column
    return found, error and (error.message, error.line, error.column)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_large_object_keeps_its_lines_and_the_location_after_a_long_entry(monkeypatch):
    text = _big()
    (bucket,) = manifests.parse(text, "big.yaml")
    assert (bucket.address, bucket.line, bucket.end_line) == ("StorageBucket/big", 1, text.count("\n"))
    assert bucket.facts is not None
    assert bucket.facts.location == (("spec.location", "US", _line_of(text, "  location: US")),)
    assert bucket.facts.annotation_lines == (("cnrm.cloud.google.com/project-id", 6),)
    assert manifests._skimmed(text) is not None and _outcome(text) == _whole(text, monkeypatch)
    assert _outcome(text.rstrip("\n")) == _whole(text.rstrip("\n"), monkeypatch)


@pytest.mark.parametrize(
    ("inside", "message"),
    [
        ("        replicas: !!int x\n", "'x' is not a valid int"),
        ("        n: 0b_\n", "'0b_' is not a valid int"),
        ("        e: !!python/name:os.system x\n", "could not determine a constructor"),
        ("        [a, b]: c\n", "found unhashable key"),
        ("        ? [a]\n        : b\n", "found unhashable key"),
        ('        broken: "no end\n', "did not find expected key"),
        ("        broken: [1, 2\n", "did not find expected ',' or ']'"),
        ("\tx: 1\n", "a tab is used for indentation"),
        ("        deep: " + "[" * 1000 + "]" * 1000 + "\n", "exceeded maximum nesting depth"),
        ("        huge: " + "1" * 5000 + "\n", "is not a valid int"),
    ],
)
def test_an_error_deep_in_a_long_entry_is_reported_at_its_line(inside, message, monkeypatch):
    text = _big(inside)
    outcome = _outcome(text)
    assert outcome == _whole(text, monkeypatch)
    error = outcome[1:] if outcome[0] == "raised" else outcome[1]
    assert message in error[0] and error[1] >= _line_of(text, "name: v30")


@pytest.mark.parametrize(
    "inside",
    [
        "        merged:\n          <<: {a: 1}\n",
        "        anchored: &a 1\n        alias: *a\n",
        "        when: 2001-02-30\n        digits: " + "1" * 700 + "\n",
        "        region: us-east1\n",  # not an entry of `spec`: read or not, no fact
    ],
)
def test_a_long_entry_that_reads_without_error_changes_nothing(inside, monkeypatch):
    text = _big(inside)
    found, error = _outcome(text)
    assert error is None and found == _whole(text, monkeypatch)[0]
    assert found[0].facts.location == (("spec.location", "US", _line_of(text, "  location: US")),)


def test_a_spec_line_inside_a_quoted_annotation_is_not_taken_for_an_entry(monkeypatch):
    text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    note: "a\nspec:\n  info:\n    b\n  "\n'
    text += "# padding\n" * 500
    (config,) = manifests.parse(text, "big.yaml")
    assert config.facts is not None and config.facts.annotations == (("note", "a spec: info: b "),)
    assert _outcome(text) == _whole(text, monkeypatch)


def test_a_last_entry_without_a_final_newline_keeps_the_end_line(monkeypatch):
    text = HEAD + "".join(VARIABLE.format(i=i) for i in range(60)) + "  location: US\n  notes:\n    text: end"
    (bucket,) = manifests.parse(text, "big.yaml")
    assert bucket.end_line == text.count("\n") + 1
    assert manifests._skimmed(text) is not None and _outcome(text) == _whole(text, monkeypatch)


def _yaml_files():
    roots = [REPO / "fixtures", REPO / "tests", CORPUS]
    return sorted(p for root in roots if root.is_dir() for p in root.rglob("*.y*ml") if p.is_file())


@pytest.mark.parametrize("smallest", [manifests.SKIM_MIN_CHARS, 0])
def test_every_yaml_file_reads_as_a_whole_reading_reads_it(smallest, monkeypatch):
    """Over the fixtures, the tests' files and the corpus (also with small files and values read so), nothing
    differs."""
    files = _yaml_files()
    if not any(CORPUS in p.parents for p in files):
        pytest.skip("../shared/corpus is absent")
    monkeypatch.setattr(yamlskim, "_SMALLEST", min(smallest, yamlskim._SMALLEST))
    skimmed = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        monkeypatch.setattr(manifests, "SKIM_MIN_CHARS", smallest)
        skimmed += manifests._skimmed(text.removeprefix("\ufeff")) is not None
        assert _outcome(text) == _whole(text, monkeypatch), path
    assert skimmed >= (30 if smallest else 200)  # the blueprints' metadata of terraform-google-kubernetes-engine, …
