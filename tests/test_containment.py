"""Reads and writes stay where they belong.

Nothing outside the repository (its git top level, else the working directory) is read, whatever
module sources, symbolic links or tfvars links say; each refusal is a note naming the path. A report
target that is not a regular file is written in place or refused with exit 2, never replaced; a
configuration's `output:` writes only inside the repository.
"""

import json
import os
import stat
import subprocess
import sys
import threading
import time

import pytest

from conftest import REPO, write_tree
from sovlint.cli import main

US = 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "secret" {}\n'
EU = 'provider "aws" {\n  region = "eu-west-3"\n}\n'


@pytest.fixture
def parent(tmp_path, monkeypatch):
    """A CI workspace: the repository under test and, beside it, files that are not the repository's."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    write_tree(tmp_path, {"outside/main.tf": US, "secret.tfvars": 'region = "us-east-1"\n'})
    return tmp_path


def _json(capsys, *argv):
    status = main(["--format", "json", *argv])
    out, err = capsys.readouterr()
    return status, {(f["file"], f["rule_id"]) for f in json.loads(out)["findings"]}, err


def _notes(err):
    return [line.removeprefix("sovlint: note: ") for line in err.splitlines() if line.startswith("sovlint: note: ")]


def test_a_module_source_leaving_the_repository_is_not_read(parent, capsys):
    call = 'module "m" {\n  source = "../../outside"\n}\n'
    write_tree(parent, {"repo/infra/main.tf": EU + call})
    status, found, err = _json(capsys, "repo")  # run from the parent of the repository
    assert not any("outside" in file or rule == "SOV101" for file, rule in found)
    assert "infra/main.tf:4: module.m calls ../../outside, which is outside the repository; not read" in _notes(err)


def test_an_absolute_module_path_is_not_read(parent, capsys):
    call = f'module "m" {{\n  source = "{parent / "outside"}"\n}}\n'
    write_tree(parent, {"repo/main.tf": EU + call})
    _, found, _ = _json(capsys, "repo")
    assert ("main.tf", "SOV101") not in found and not any("outside" in f for f, _ in found)


def test_a_symlinked_module_directory_leaving_the_repository_is_not_read(parent, capsys):
    write_tree(parent, {"repo/main.tf": EU + 'module "m" {\n  source = "./mod"\n}\n'})
    os.symlink(parent / "outside", parent / "repo" / "mod")
    _, found, err = _json(capsys, "repo")
    assert not any(rule == "SOV101" for _, rule in found)
    assert any("module.m calls ./mod, which is outside the repository; not read" in n for n in _notes(err))


def test_a_tfvars_file_linked_outside_the_repository_is_not_read(parent, capsys):
    variable = 'variable "region" {\n  default = "eu-west-3"\n}\n'
    bucket = 'resource "aws_s3_bucket" "b" {\n  region = var.region\n}\n'
    write_tree(parent, {"repo/infra/main.tf": variable + bucket})
    os.symlink(parent / "secret.tfvars", parent / "repo" / "infra" / "terraform.tfvars")
    os.chdir(parent / "repo")
    _, found, err = _json(capsys, "infra/main.tf")  # as pre-commit passes a staged file
    assert ("infra/main.tf", "SOV101") not in found
    assert "infra/terraform.tfvars: a symbolic link to a file outside the repository; not read" in _notes(err)


def test_a_named_file_linked_outside_the_repository_is_not_read(parent, capsys):
    (parent / "repo" / "infra").mkdir()
    os.symlink(parent / "outside" / "main.tf", parent / "repo" / "infra" / "link.tf")
    os.chdir(parent / "repo")
    status, found, err = _json(capsys, "infra/link.tf")
    assert status == 0 and found == set()
    assert "infra/link.tf: a symbolic link to a file outside the repository; not read" in _notes(err)


def test_reads_inside_the_repository_still_work(parent, capsys):
    write_tree(
        parent,
        {
            "repo/modules/b/main.tf": 'resource "aws_s3_bucket" "b" {}\n',
            "repo/live/main.tf": US.replace('resource "aws_s3_bucket" "secret" {}\n', "")
            + 'module "b" {\n  source = "../modules/b"\n}\n',
        },
    )
    os.chdir(parent / "repo" / "live")  # from a subdirectory, the repository is still the git top level
    _, found, _ = _json(capsys, ".")
    assert any(rule == "SOV101" and file.endswith("modules/b/main.tf") for file, rule in found)


# Report targets that are not regular files


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    write_tree(tmp_path, {"main.tf": US})
    return tmp_path


def test_output_through_a_symlink_writes_the_target_and_keeps_the_link(repo, capsys):
    (repo / "reports").mkdir()
    os.symlink("reports/real.sarif", repo / "out.sarif")
    assert main(["-o", "sarif=out.sarif", "."]) == 1
    assert (repo / "out.sarif").is_symlink()
    assert json.loads((repo / "reports" / "real.sarif").read_text())["version"] == "2.1.0"


def test_output_to_a_fifo_is_written_in_place(repo, capsys):
    fifo = repo / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the reader is there before sovlint opens the pipe

    def read() -> None:
        data, deadline = b"", time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:  # the writer is there, nothing written yet
                chunk = None
            if chunk:
                data += chunk
            elif chunk == b"" and data:  # all written, and the writer closed the pipe
                break
            else:
                time.sleep(0.01)
        os.close(fd)
        received.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert main(["-o", f"json={fifo}", "."]) == 1
    finally:
        reader.join(5)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received[0])["findings"]


@pytest.mark.parametrize("spec", ["/dev/stdout", "json=/dev/stdout"])
def test_output_to_dev_stdout_when_stdout_is_a_pipe(repo, spec):
    """`/dev/stdout` is a link to a descriptor whose resolved name (`pipe:[N]`) is not a file: written in place."""
    done = subprocess.run(
        [sys.executable, "-m", "sovlint", "--no-cache", "-f", "json", "-o", spec, "."],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,  # stdout is a pipe
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (1, b"")
    reports = done.stdout.decode().replace("}\n{", "}\n\0{").split("\0")  # the report on stdout, then the file's
    assert len(reports) == (1 if spec == "/dev/stdout" else 2)
    assert all(json.loads(r)["findings"][0]["file"] == "main.tf" for r in reports)


def test_output_through_a_link_to_a_fifo_is_written_in_place(repo, capsys):
    os.mkfifo(repo / "pipe")
    os.symlink("pipe", repo / "link")
    fd = os.open(repo / "pipe", os.O_RDONLY | os.O_NONBLOCK)  # a reader, as `/dev/stdout | cat` has
    try:
        assert main(["-o", "json=link", "."]) == 1
        data = os.read(fd, 1 << 20)
    finally:
        os.close(fd)
    assert json.loads(data)["findings"] and os.path.islink(repo / "link")
    assert stat.S_ISFIFO(os.lstat(repo / "pipe").st_mode)


def test_output_to_a_fifo_without_reader_is_refused_not_waited_for(repo, capsys):
    os.mkfifo(repo / "pipe")
    assert main(["-o", "json=pipe", "."]) == 2
    err = capsys.readouterr().err
    assert err == "sovlint: pipe: a pipe with no reader; not written\n"
    assert stat.S_ISFIFO(os.lstat(repo / "pipe").st_mode)


def test_output_to_a_character_device_is_written_in_place(repo, capsys):
    device = repo / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the null device
    except (PermissionError, AttributeError):
        pytest.skip("cannot create a device node here")
    assert main(["-o", f"sarif={device}", "."]) == 1
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_output_to_a_directory_is_refused(repo, capsys):
    (repo / "dir").mkdir()
    assert main(["-o", "sarif=dir", "."]) == 2
    assert capsys.readouterr().err == "sovlint: dir: a directory; not written\n"


@pytest.mark.parametrize(
    "target",
    ["../escaped.sarif", "{elsewhere}/escaped.sarif", "link/escaped.sarif"],
)
def test_config_output_writes_only_inside_the_repository(repo, tmp_path_factory, capsys, target):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    target = target.format(elsewhere=elsewhere)
    os.symlink(elsewhere, repo / "link")
    (repo / ".sovlint.yaml").write_text(f"output: [sarif={target}]\n")
    assert main(["."]) == 2
    err = capsys.readouterr().err
    assert err == f"sovlint: .sovlint.yaml: output {target}: outside the repository; not written\n"
    assert not (repo.parent / "escaped.sarif").exists() and not (elsewhere / "escaped.sarif").exists()


def test_config_output_inside_the_repository_is_written(repo, capsys):
    (repo / ".sovlint.yaml").write_text("output: [sarif=reports/out.sarif]\n")
    (repo / "reports").mkdir()
    assert main(["."]) == 1
    assert json.loads((repo / "reports" / "out.sarif").read_text())["version"] == "2.1.0"


def test_config_output_is_taken_from_the_configs_folder_as_its_baseline_is(repo, capsys, monkeypatch):
    write_tree(
        repo, {"infra/main.tf": US, "infra/.sovlint.yaml": "output: [sarif=reports/out.sarif, json=../all.json]\n"}
    )
    (repo / "infra" / "reports").mkdir()
    for cwd, target in ((repo, "infra"), (repo / "infra" / "reports", "..")):  # from any working directory
        monkeypatch.chdir(cwd)
        assert main([target]) == 1
        assert json.loads((repo / "infra" / "reports" / "out.sarif").read_text())["version"] == "2.1.0"
        assert json.loads((repo / "all.json").read_text())["findings"]
        (repo / "infra" / "reports" / "out.sarif").unlink()
    assert not (repo / "reports").exists() and not (repo / "infra" / "reports" / "reports").exists()
    monkeypatch.chdir(repo)
    capsys.readouterr()
    (repo / "infra" / ".sovlint.yaml").write_text("output: [sarif=../../escaped.sarif]\n")
    assert main(["infra"]) == 2  # from infra/, ../.. leaves the repository
    assert "output ../../escaped.sarif: outside the repository; not written" in capsys.readouterr().err
    assert not (repo.parent / "escaped.sarif").exists()


def test_a_pinned_configs_output_is_taken_from_the_repository_root(repo, tmp_path_factory, capsys):
    gate = tmp_path_factory.mktemp("gate") / "gate.yaml"
    gate.write_text("output: [sarif=out.sarif]\n")
    assert main(["--isolated", "--config", str(gate), "."]) == 1
    assert (repo / "out.sarif").is_file() and not (gate.parent / "out.sarif").exists()
    gate.write_text("output: [sarif=../escaped.sarif]\n")
    assert main(["--isolated", "--config", str(gate), "."]) == 2
    assert not (repo.parent / "escaped.sarif").exists()


def test_command_line_output_may_leave_the_repository(repo, tmp_path_factory, capsys):
    target = tmp_path_factory.mktemp("ci") / "out.sarif"
    assert main(["-o", f"sarif={target}", "."]) == 1
    assert target.is_file()


def test_a_chart_yaml_linked_outside_the_repository_is_not_read(parent, capsys):
    write_tree(parent, {"secret.yaml": "name: s3cr3t-from-outside\n", "repo/shop/values.yaml": "image: nginx:1\n"})
    os.symlink(parent / "secret.yaml", parent / "repo" / "shop" / "Chart.yaml")
    os.chdir(parent / "repo")
    main(["--format", "json", "."])
    out = capsys.readouterr().out
    assert "s3cr3t" not in out
