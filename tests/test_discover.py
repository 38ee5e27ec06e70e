import os

import pytest

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
