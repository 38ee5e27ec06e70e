from conftest import lint_tree, write_tree
from sovlint import __version__
from sovlint.knowledge import catalog
from sovlint.reporters import RunInfo, render


def _render(tmp_path, files, color=False, **options):
    write_tree(tmp_path, files)
    info = RunInfo(
        **options,
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


ROLES = {f"m{n}/main.tf": f'resource "aws_iam_role" "r{n}" {{}}\n' for n in range(5)}
US = {"us.tf": 'resource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n'}
CONTROL = "is run by Amazon Web Services, Inc., controlled by Amazon.com, Inc. (United States), outside the EU/EEA"


def test_grouped_by_default_findings_that_say_the_same_thing(tmp_path):
    lines = _render(tmp_path, {**ROLES, **US}).splitlines()
    # a finding that nothing else shares is shown whole, with its file, source line and fix
    assert lines[0] == "us.tf" and lines[1].split()[:3] == ["2:3", "error", "SOV101"]
    start = lines.index(f"error   SOV201 × 6  … {CONTROL}")
    assert lines[start : start + 6] == [
        f"error   SOV201 × 6  … {CONTROL}",
        "          m0/main.tf:1  aws_iam_role.r0",
        "          m1/main.tf:1  aws_iam_role.r1",
        "          m2/main.tf:1  aws_iam_role.r2",
        "          … and 3 more, 6 files in all (--output-format full lists them)",
        "          fix: Move the workload to a provider controlled from within the allowed jurisdictions, or "
        "record an accepted risk with a suppression and its reason.",
    ]
    assert lines[-1] == "7 findings (7 errors) in 6 files, profile eu-strict"


def test_full_concise_and_statistics(tmp_path):
    full = _render(tmp_path, ROLES, style="full")
    assert full.count(CONTROL) == 5 and full.splitlines()[0] == "m0/main.tf"
    concise = _render(tmp_path, ROLES, style="concise").splitlines()
    assert concise[:2] == [
        f"m0/main.tf:1:1: error SOV201 aws_iam_role.r0 {CONTROL}",
        f"m1/main.tf:1:1: error SOV201 aws_iam_role.r1 {CONTROL}",
    ]
    assert concise[5] == "" or concise[5].startswith("Summary")
    stats = _render(tmp_path, {**ROLES, **US}, style="statistics").splitlines()
    assert stats[:2] == [
        "      6  SOV201  error   provider-foreign-control",
        "      1  SOV101  error   region-outside-allowed",
    ]
    assert "Summary" not in stats and stats[-1] == "7 findings (7 errors) in 6 files, profile eu-strict"


def test_quiet_prints_the_findings_only(tmp_path):
    assert _render(tmp_path, ROLES, style="concise", quiet=True).count("\n") == 5
    eu = {"eu.tf": 'resource "scaleway_object_bucket" "b" {\n  region = "fr-par"\n}\n'}
    assert _render(tmp_path / "eu", eu, quiet=True) == ""


def test_findings_that_differ_only_in_where_a_value_was_set_are_grouped(tmp_path):
    module = 'variable "region" {\n  default = "us-east-1"\n}\nprovider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "b" {}\n'
    out = _render(tmp_path, {"a/main.tf": module, "b/main.tf": module}, style="grouped")
    assert (
        "error   SOV101 × 2  … is in us-east-1 (United States), outside the EU/EEA; us-east-1 is set at … (variable default)"
        in out.splitlines()
    )


def test_findings_that_apply_if_created_join_their_group_and_are_counted():
    from sovlint.model import Finding, Level

    said = "is run by X (United States), outside the EU/EEA"
    findings = [
        Finding("a.tf", 1, "SOV201", "aws_vpc.a", Level.ERROR, f"aws_vpc.a {said}"),
        Finding(
            "a.tf", 5, "SOV201", "aws_vpc.b", Level.ERROR, f"aws_vpc.b {said} (if created: count = var.n: unknown)"
        ),
        Finding("a.tf", 9, "SOV201", "aws_vpc.c", Level.ERROR, f"aws_vpc.c {said} (if created: for_each = var.m)"),
    ]
    info = RunInfo(version=__version__, profile="eu-strict", rules=catalog.load().rules, files=1)
    head = render("console", findings, info).splitlines()[0]
    assert head == f"error   SOV201 × 3  … {said} (2 of them if created: count or for_each not known)"
