from conftest import lint_tree, write_tree
from sovlint import __version__
from sovlint.knowledge import catalog
from sovlint.reporters import RunInfo, render


def _render(tmp_path, files, color=False):
    write_tree(tmp_path, files)
    info = RunInfo(
        version=__version__,
        profile="eu-strict",
        rules=catalog.load().rules,
        files=len(files),
        color=color,
        source_line=lambda f, n: (tmp_path / f).read_text().splitlines()[n - 1],
    )
    return render("console", lint_tree(tmp_path), info)


def test_plain_output_is_grouped_with_source_line_fix_and_summary(tmp_path):
    out = _render(tmp_path, {"main.tf": 'resource "aws_iam_role" "r" {}\n'})
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0] == "main.tf"
    assert lines[1].split()[:3] == ["1:1", "error", "SOV201"]
    assert lines[2].strip() == '1 | resource "aws_iam_role" "r" {}'
    assert lines[3].strip().startswith("fix: Move the workload")
    assert "SOV201   provider-foreign-control       1         0      0       1" in out.replace("  ", "  ")
    assert lines[-1] == "1 finding (1 error) in 1 file, profile eu-strict"


def test_colour_only_when_asked(tmp_path):
    assert "\x1b[" in _render(tmp_path, {"main.tf": 'resource "aws_iam_role" "r" {}\n'}, color=True)


def test_escape_sequences_from_scanned_files_are_neutralised(tmp_path):
    out = _render(tmp_path, {"main.tf": 'resource "aws_iam_role" "r\x1b[31mred" {}\n'})
    assert "\x1b" not in out
    assert "r\ufffd[31mred" in out
