import json
import os

import pytest

from sovlint.cli import main
from sovlint.discover import discover
from sovlint.errors import SovlintError


def _paths(root, args):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        files, notes = discover(args)
    finally:
        os.chdir(cwd)
    return [(f.path, f.kind) for f in files], notes


def test_walks_recursively_and_skips_tool_directories(tmp_path):
    for name in [
        "a/main.tf",
        "a/prod.tfvars",
        "a/.terraform/modules/x/main.tf",
        ".git/x.yaml",
        "node_modules/p/k.yaml",
        "k8s/app.yml",
        "README.md",
        "b/main.tofu",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    files, notes = _paths(tmp_path, ["."])
    assert files == [
        ("a/main.tf", "terraform"),
        ("a/prod.tfvars", "tfvars"),
        ("b/main.tofu", "terraform"),
        ("k8s/app.yml", "yaml"),
    ]
    assert notes == []


def test_symlinks_leaving_the_tree_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.tf").write_text("")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "main.tf").write_text("")
    (tree / "escape.tf").symlink_to(outside / "secret.tf")
    (tree / "loop").symlink_to(tree)
    (tree / "dangling.tf").symlink_to(tree / "nowhere.tf")
    files, notes = _paths(tree, ["."])
    assert files == [("main.tf", "terraform")]
    assert notes == ["escape.tf: symbolic link leaving the scanned tree, not followed"]


def test_each_file_once_however_often_named(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "main.tf").write_text("")
    files, _ = _paths(tmp_path, [".", "d", "d/main.tf", "./d/main.tf"])
    assert files == [("d/main.tf", "terraform")]


def test_fifo_is_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.tf")
    (tmp_path / "main.tf").write_text("")
    assert _paths(tmp_path, ["."])[0] == [("main.tf", "terraform")]


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(SovlintError, match="nope.tf: No such file or directory"):
        _paths(tmp_path, ["nope.tf"])


def test_paths_are_relative_to_the_working_directory_however_the_tree_is_named(tmp_path):
    for name in ["repo/a/main.tf", "repo/b/c/k.yaml", "other/x.tf"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    inside = ["a/main.tf", "b/c/k.yaml"]
    assert [p for p, _ in _paths(tmp_path / "repo", ["."])[0]] == inside
    assert [p for p, _ in _paths(tmp_path / "repo", ["./b/../a"])[0]] == ["a/main.tf"]
    assert [p for p, _ in _paths(tmp_path / "repo", [str(tmp_path / "repo")])[0]] == inside
    # a tree above the working directory: what lies outside it by its absolute path, the rest from there
    above = [p for p, _ in _paths(tmp_path / "repo", [".."])[0]]
    assert above == sorted([*inside, str(tmp_path / "other" / "x.tf")])


@pytest.mark.parametrize("alias", ["0_alias", "b_alias"])  # walked before, and after, the directory it names
def test_a_file_reached_through_a_link_inside_the_tree_is_reported_at_its_real_path(
    tmp_path, monkeypatch, capsys, alias
):
    """GitHub cannot show a file at a link's path: SARIF names the real one, whichever way the walk reaches it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "a_real").mkdir()
    (tmp_path / "a_real" / "main.tf").write_text('resource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n')
    os.symlink("a_real", tmp_path / alias)
    (tmp_path / "k8s" / "base").mkdir(parents=True)
    (tmp_path / "k8s" / "base" / "pod.yaml").write_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: docker.io/nginx:1}]\n"
    )
    (tmp_path / "z_apps").mkdir()
    os.symlink("../k8s/base/pod.yaml", tmp_path / "z_apps" / "pod.yaml")  # a link to a file, walked before it
    assert main(["--no-cache", "-f", "sarif", "."]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"a_real/main.tf", "k8s/base/pod.yaml"}
