"""Loader and Tree: the files of a module, its variable values in Terraform's order, and its instances."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import terraform_instances
from sovlint.limits import Budget, Limits, evaluation

BACKEND = 'terraform {\n  backend "local" {}\n}\n'
VARIABLES = 'variable "a" {}\nvariable "b" {}\nvariable "c" {}\nvariable "d" {}\n'


def _values(tmp_path: Path, files: dict[str, str | bytes], **options: object) -> dict[str, tuple[str, str, str]]:
    instances, _, _ = terraform_instances(tmp_path, {"main.tf": BACKEND + VARIABLES, **files}, **options)  # type: ignore[arg-type]
    values = instances[0].module.values
    return {name: (raw, origin.file, origin.what) for name, (raw, origin) in sorted(values.items())}


def test_tfvars_are_layered_in_terraform_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files: dict[str, str | bytes] = {
        "terraform.tfvars": 'a = "base"\nb = "base"\nc = "base"\nd = "base"\n',
        "b.auto.tfvars": 'b = "b-auto"\nc = "b-auto"\nd = "b-auto"\n',
        "a.auto.tfvars": 'b = "a-auto"\nc = "a-auto"\n',  # read before b.auto.tfvars: lexical order
        "extra.tfvars": 'c = "var-file"\nd = "var-file"\n',  # only with --var-file
    }
    found = _values(tmp_path, files, var_files=("extra.tfvars",), variables=(("d", "cli"),))
    assert found == {
        "a": ("base", "terraform.tfvars", "tfvars"),
        "b": ("b-auto", "b.auto.tfvars", "tfvars"),
        "c": ("var-file", "extra.tfvars", "--var-file"),
        "d": ("cli", "", "--var"),
    }


def test_a_tfvars_file_that_is_not_automatic_is_read_only_when_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _values(tmp_path, {"prod.tfvars": 'a = "prod"\n'}) == {}


def test_later_var_files_and_vars_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files: dict[str, str | bytes] = {"one.tfvars": 'a = "one"\nb = "one"\n', "two.tfvars": 'a = "two"\n'}
    found = _values(
        tmp_path, files, var_files=("one.tfvars", "two.tfvars"), variables=(("b", "first"), ("b", "second"))
    )
    assert found == {"a": ("two", "two.tfvars", "--var-file"), "b": ("second", "", "--var")}


def test_a_tofu_file_hides_the_tf_file_of_the_same_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files: dict[str, str | bytes] = {
        "main.tf": BACKEND,
        "net.tf": 'resource "aws_vpc" "tf" {}\n',
        "net.tofu": 'resource "aws_vpc" "tofu" {}\n',
        "other.tf": 'resource "aws_vpc" "other" {}\n',
    }
    instances, _, _ = terraform_instances(tmp_path, files)
    module = instances[0].module
    assert {a: r.file for a, r in module.resources.items()} == {"aws_vpc.tofu": "net.tofu", "aws_vpc.other": "other.tf"}


def test_a_syntax_error_is_a_finding_and_the_rest_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files: dict[str, str | bytes] = {"main.tf": BACKEND + 'resource "aws_vpc" "ok" {}\n', "bad.tf": 'resource "x" {\n'}
    instances, _, loader = terraform_instances(tmp_path, files)
    assert list(instances[0].module.resources) == ["aws_vpc.ok"]
    assert [(f.rule_id, f.file) for f in loader.findings] == [("SOV000", "bad.tf")]


CHILD = 'variable "name" { default = "" }\nresource "aws_vpc" "v" {}\n'


@pytest.mark.parametrize(
    ("call", "prefixes", "bindings"),
    [
        ("", ["module.net."], [{}]),
        ("count = 2", ["module.net[0].", "module.net[1]."], [{"count.index": 0}, {"count.index": 1}]),
        ("count = 0", [], []),
        (
            'for_each = toset(["a", "b"])',
            ['module.net["a"].', 'module.net["b"].'],
            [{"each.key": "a", "each.value": "a"}, {"each.key": "b", "each.value": "b"}],
        ),
    ],
)
def test_a_local_module_call_becomes_its_instances(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, prefixes: list[str], bindings: list[dict[str, object]]
) -> None:
    monkeypatch.chdir(tmp_path)
    main = BACKEND + f'module "net" {{\n  source = "./modules/net"\n  {call}\n}}\n'
    with evaluation(Budget(Limits())):
        instances, _, _ = terraform_instances(tmp_path, {"main.tf": main, "modules/net/main.tf": CHILD})
    children = instances[1:]
    assert [i.prefix for i in children] == prefixes
    assert [i.binding for i in children] == bindings
    assert all(i.module.directory == "modules/net" and i.parent is instances[0] for i in children)
    assert [[(o.file, o.line, o.what) for o in i.calls] for i in children] == [[("main.tf", 4, "module.net")]] * len(
        children
    )


def test_a_call_to_a_directory_without_terraform_is_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sovlint.terraform.tree import Tree

    monkeypatch.chdir(tmp_path)
    main = BACKEND + 'module "gone" {\n  source = "./gone"\n}\n'
    (tmp_path / "gone").mkdir()
    instances, _, loader = terraform_instances(tmp_path, {"main.tf": main})
    assert len(instances) == 1
    tree = Tree(loader.module)
    assert tree.expand(instances[0].module)[1:] == []
    assert tree.notes == ["main.tf:4: module.gone calls ./gone, which holds no Terraform files"]


def test_the_real_path_of_a_directory_is_what_realpath_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from sovlint.terraform.loader import Loader

    for directory in ("repo/a/b/c", "elsewhere/x/y"):
        (tmp_path / directory).mkdir(parents=True)
    os.symlink("../elsewhere/x", tmp_path / "repo" / "link")  # a relative link climbing out
    os.symlink(tmp_path / "repo" / "a", tmp_path / "repo" / "a" / "b" / "up")  # an absolute link, and a cycle
    monkeypatch.chdir(tmp_path / "repo")
    loader = Loader({}, (str(tmp_path),), parser=None)  # type: ignore[arg-type]
    asked = [
        ".", "a", "a/b/c", "link", "link/y", "a/b/up/b/c", "a/b/up/b/up", "a/./b", "a/b/../b/c", "missing/z",
        "link/missing", str(tmp_path / "repo" / "link" / "y"), "/",
    ]  # fmt: skip
    for directory in asked + asked:  # the second time from what the first worked out
        assert loader.real(directory) == os.path.realpath(directory), directory


def test_a_directory_discovery_walked_is_not_listed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from sovlint import discover
    from sovlint.terraform.loader import Loader

    for path in ("repo/a/main.tf", "repo/a/x.auto.tfvars", "repo/b/main.tofu", "repo/b/main.tf", "elsewhere/x/y.tf"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(BACKEND)
    os.symlink("../elsewhere/x", tmp_path / "repo" / "link")
    os.symlink(tmp_path / "repo" / "a", tmp_path / "repo" / "b" / "up")
    monkeypatch.chdir(tmp_path / "repo")
    files, _ = discover.discover(["."])
    named = {f.path: f for f in files if f.kind in ("terraform", "tfvars")}
    asked = [".", "a", "b", "link", "b/up", "elsewhere", "../elsewhere/x", "a/./b"]

    def seen(loader: Loader) -> dict[str, tuple[str, list[str], list[str]]]:
        return {d: (loader.real(d), [f.path for f in loader.files(d)], loader.notes[:]) for d in asked}

    listed: list[str] = []
    listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda path: listed.append(path) or listdir(path))
    walked = seen(Loader(named, (str(tmp_path / "repo"),), parser=None))  # type: ignore[arg-type]
    # those discovery did not walk: reached twice, missing, not a path as discovery names it (outside: not listed)
    assert sorted(listed) == sorted(os.path.realpath(d) for d in ("b/up", "elsewhere", "a/./b"))
    monkeypatch.setattr(discover._Walk, "directories", {})  # as if discovery had walked nothing: all are listed
    assert seen(Loader(named, (str(tmp_path / "repo"),), parser=None)) == walked  # type: ignore[arg-type]
