"""GitLab Code Quality, GitHub annotations, JUnit and Markdown: what each CI reads."""

import json
import xml.etree.ElementTree as ET

import pytest

from conftest import lint_tree, write_tree
from sovlint import __version__
from sovlint.knowledge import catalog
from sovlint.model import Finding, Level
from sovlint.reporters import RunInfo, render

FILES = {
    "main.tf": 'resource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n'
    '# sovlint:ignore SOV201 reason="accepted"\nresource "aws_iam_role" "r" {}\n',
    "evil.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: 'x::error file=a,line=1::pwned%0A|<b>'\n"
    "spec:\n  containers:\n    - name: c\n      image: nginx\n",
}


@pytest.fixture
def findings(tmp_path):
    write_tree(tmp_path, FILES)
    return lint_tree(tmp_path)


def _render(fmt, findings):
    return render(fmt, findings, RunInfo(version=__version__, profile="eu-strict", rules=catalog.load().rules, files=2))


def test_gitlab_code_quality(findings):
    report = json.loads(_render("gitlab", findings))
    assert [
        (r["check_name"], r["severity"], r["location"]["path"], r["location"]["lines"]["begin"]) for r in report
    ] == [
        ("SOV203", "major", "evil.yaml", 8),
        ("SOV201", "critical", "main.tf", 1),
        ("SOV101", "critical", "main.tf", 2),
    ]
    assert len({r["fingerprint"] for r in report}) == 3
    assert not _render("gitlab", findings).startswith("\ufeff")
    assert _render("gitlab", []) == "[]\n"


def test_github_annotations_escape_scanned_text(findings):
    lines = _render("github", findings).splitlines()
    assert lines[0] == "::error title=sovlint::3 findings (2 errors, 1 warning)"
    assert len(lines) == 4
    assert lines[1].startswith("::error file=main.tf,line=1,endLine=3,title=SOV201 provider-foreign-control::")
    evil = lines[3]  # most severe first
    assert evil.startswith("::warning file=evil.yaml,line=8,endLine=8,title=SOV203 image-registry-foreign::")
    # the runner reads properties up to the first '::'; only a line break could start a new command
    assert "pwned%250A" in evil and "\n" not in evil and "\r" not in evil


def _many(level, n):
    return [
        Finding(f"m{i:03d}.tf", 1, "SOV201" if level == Level.ERROR else "SOV203", f"r.x{i}", level, "m")
        for i in range(n)
    ]


def test_github_annotations_are_capped_to_what_github_shows():
    findings = _many(Level.ERROR, 30) + _many(Level.WARNING, 25)
    lines = _render("github", findings).splitlines()
    assert lines[0] == (
        "::error title=sovlint::55 findings (30 errors, 25 warnings); the 19 most severe are annotated, "
        "the full list is in the job summary and the SARIF report"
    )
    commands = [line.split(" ", 1)[0] for line in lines]
    assert commands.count("::error") == 10 and commands.count("::warning") == 10
    assert lines[1].startswith("::error file=m000.tf") and lines[10].startswith("::warning file=m000.tf")
    assert _render("github", []) == ""


def test_markdown_lists_every_finding_most_severe_first():
    text = _render("markdown", _many(Level.WARNING, 80) + _many(Level.ERROR, 70))
    rows = [line for line in text.splitlines() if line.startswith(("| error |", "| warning |"))]
    assert len(rows) == 150 and rows[69].startswith("| error |") and rows[70].startswith("| warning |")


def test_junit_failures_and_skipped(findings):
    root = ET.fromstring(_render("junit", findings))
    assert (root.get("tests"), root.get("failures")) == ("4", "3")
    skipped = root.findall(".//testcase/skipped")
    assert [s.get("message") for s in skipped] == ["accepted"]


def test_markdown_summary_is_table_safe(findings):
    text = _render("markdown", findings)
    assert text.startswith("## sovlint\n\n**3 findings** (2 errors, 1 warning) in 2 files, profile `eu-strict`.")
    assert "1 suppressed" in text
    row = next(line for line in text.splitlines() if "SOV203 |" in line and "evil" in line)
    assert row.count(" | ") == 3 and "<b>" not in row
