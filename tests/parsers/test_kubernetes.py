from pathlib import Path

import pytest

from sovlint.errors import ParseError
from sovlint.kubernetes.manifests import parse
from sovlint.kubernetes.manifests import read as read_manifests

DEPLOYMENT = """\
# leading comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
        - name: sidecar
          image: "ghcr.io/acme/sidecar:2"
      ephemeralContainers:
        - name: debug
          image: busybox
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: prod
data: {a: b}
"""


def test_objects_addresses_lines_and_images():
    web, cfg = parse(DEPLOYMENT, "d.yaml")
    assert (web.address, web.type, web.line, web.end_line) == ("Deployment/web", "Deployment", 2, 16)
    assert web.images == (("nginx:1.27", 11), ("ghcr.io/acme/sidecar:2", 13), ("busybox", 16))
    assert (cfg.address, cfg.line, cfg.images) == ("prod/ConfigMap/cfg", 18, ())


def test_not_kubernetes_is_none():
    assert parse("services:\n  web:\n    image: nginx\n", "docker-compose.yml") is None
    assert parse("", "empty.yaml") is None
    assert parse("- a\n- b\n", "list.yaml") is None


def test_python_tags_are_rejected_never_constructed(tmp_path: Path):
    source = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: !!python/object/apply:os.system ['touch pwned']\n"
    with pytest.raises(ParseError, match="invalid YAML"):
        parse(source, "evil.yaml")
    assert not (tmp_path / "pwned").exists()


def test_alias_bomb_is_a_parse_error_not_a_memory_blow_up():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n" + "".join(
        "  " + line + "\n" for line in bomb.splitlines()
    )
    with pytest.raises(ParseError, match="skipped: its YAML aliases would expand to more than 1,000,000 nodes"):
        parse(manifest, "bomb.yaml")
    modest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: &a x\n  b: *a\n"
    (cm,) = parse(modest, "ok.yaml")
    assert cm.address == "ConfigMap/ok"


CONSTRUCTED = [
    "a: 0x1F\nb: 1_000\nc: 1:30\nd: .inf\ne: -0o17\nf: 1e3\ng: yes\nh: ~\ni: 2001-02-30\nj: '007'\n",
    "yes: 1\n1: 2\n~: 3\n1.5: 4\na: 1\na: 2\n",  # keys of every scalar type; a repeated key keeps its last value
    "a: &x {b: [1]}\nc: *x\n",
    "<<: {a: 1}\nb: 2\n",  # a merge key
    "a: !!binary aGVsbG8=\nb: !!set {x}\nc: !!omap [k: 1]\nd: !!str 3\ne: !!timestamp 2001-01-01\n",
    "enum: [=, '=~', =]\nop: =\n<<: {x: =}\n",  # YAML 1.1's "value key": the text "=", directly and through a merge
    "x: " + "[" * 150 + "]" * 150 + "\n",  # deeper than the direct construction goes
    "a: &a [1]\nb: [*a, *a]\n",  # an alias used twice, never inside itself
]


@pytest.mark.parametrize("text", CONSTRUCTED)
def test_documents_are_built_as_pyyaml_builds_them(text: str):
    import yaml

    from sovlint import yamlload

    (node,) = yamlload.compose_all(text)
    expected = yamlload._ScannedConstructor().construct_document(node)
    assert repr(yamlload.construct(node)) == repr(expected)
    data = yamlload.construct(yaml.compose("a: &x {b: 1}\nc: *x\n", Loader=yamlload._ScannedLoader))
    assert data["a"] is data["c"]  # an alias is the same object, not a copy


def test_a_list_that_contains_itself_is_refused_at_its_anchor():
    import yaml

    from sovlint import yamlload

    with pytest.raises(yaml.composer.ComposerError) as refused:
        list(yamlload.compose_all("a: 1\nb: &a [*a]\n"))
    assert refused.value.problem == "an alias refers to the node that contains it, so its value would never end"
    assert refused.value.problem_mark.line == 1


@pytest.mark.parametrize("text", ["a: !Ref x\n", "? [a]\n: b\n"])
def test_documents_pyyaml_rejects_are_rejected_with_its_message(text: str):
    import yaml  # (`!!int x`, a bare ValueError in PyYAML, is a YAML error with its line: tested below)

    from sovlint import yamlload

    (node,) = yamlload.compose_all(text)
    with pytest.raises((yaml.YAMLError, ValueError)) as expected:
        yamlload._ScannedConstructor().construct_document(node)
    with pytest.raises(expected.type) as got:
        yamlload.construct(node)
    assert str(got.value) == str(expected.value)


def test_a_plain_equals_sign_is_the_text_every_kubernetes_tool_reads():
    from sovlint.kubernetes.manifests import parse

    crd = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ops\ndata:\n  equal: =\n  enum: [=, '!=']\n"
    (cm,) = parse(crd, "ops.yaml")  # PyYAML alone has no constructor for it: "could not determine a constructor"
    assert cm.address == "ConfigMap/ops"


def test_scalars_get_pyyaml_tags_when_their_words_recur():
    import yaml

    from sovlint import yamlload

    text = "a: [yes, 'yes', no, 1, '1', 1.5, ~, null, x, 2001-01-01, 0x1f, .inf, =, <<, '']\nb: {c: [1]}\n"

    def tags(node: yaml.Node) -> list[str]:
        children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else node.value
        return [node.tag, *(t for c in children for t in tags(c))] if isinstance(children, list) else [node.tag]

    expected = tags(yaml.compose(text, Loader=yaml.SafeLoader))
    for _ in range(2):  # the second time, from the remembered tags
        assert [tags(node) for node in yamlload.compose_all(text)] == [expected]


@pytest.mark.parametrize(("value", "kind"), [("!!int x", "int"), ("!!float many", "float"), ("!!bool maybe", "bool")])
def test_a_tagged_value_that_is_not_of_its_type_is_reported_at_its_line(value: str, kind: str) -> None:
    text = f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: {value}\n"
    with pytest.raises(ParseError, match=f"invalid YAML: .* is not a valid {kind}") as raised:
        parse(text, "cm.yaml")
    assert raised.value.line == 6


def test_a_tagged_value_in_a_document_pyyaml_builds_itself_is_reported_at_its_line() -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  base: &b {x: 1}\ndata:\n  <<: *b\n  a: !!int x\n"
    with pytest.raises(ParseError, match="'x' is not a valid int") as raised:
        parse(text, "cm.yaml")
    assert raised.value.line == 8


def test_a_value_that_does_not_fit_its_tag_loses_only_its_own_document(tmp_path, monkeypatch, capsys) -> None:
    """The other documents of the file are judged, cold and from the cache; one SOV000 at the bad value."""
    import json

    from sovlint import cli

    pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n    - name: a\n      image: {image}\n"
    broken = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicas: !!int three\n"
    text = "---\n".join(
        [pod.format(name="first", image="gcr.io/x/a:1"), broken, pod.format(name="third", image="nginx")]
    )
    (tmp_path / ".git").mkdir()
    (tmp_path / "app.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # the second run reads the parsed file back from the cache
        cli.main(["-f", "json", "--fail-on", "never", "--cache-dir", str(tmp_path / "cache"), "."])
        found = [(f["rule_id"], f["line"], f["address"]) for f in json.loads(capsys.readouterr().out)["findings"]]
        assert sorted(found) == [("SOV000", 15, ""), ("SOV203", 8, "Pod/first"), ("SOV203", 24, "Pod/third")]
    # a file that is not Kubernetes stays skipped, whatever its values
    assert read_manifests("ci:\n  retries: !!int x\n---\nkind: x\n", "ci.yaml") == (None, None)
