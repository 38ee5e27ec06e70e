"""Each sink's escaping function against the text a hostile repository can put in a file name or value."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest

from sovlint import escape

NOT_UTF8 = b"b\xff.tf".decode("utf-8", "surrogateescape")  # what os.scandir gives for such a name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\n::error file=x::forged", "a\ufffd::error file=x::forged"),
        ("red\x1b[31m", "red\ufffd[31m"),
        ("\u202egnp.tf", "\ufffdgnp.tf"),
        ("a\u200eb\u200fc\u061cd", "a\ufffdb\ufffdc\ufffdd"),
        ("line\u2028sep\u2029", "line\ufffdsep\ufffd"),
        ("\u2066x\u2069", "\ufffdx\ufffd"),
        ("csi\x9b", "csi\ufffd"),
        (NOT_UTF8, "b\\xff.tf"),
        ("tab\tkept", "tab\tkept"),
        ("plain/ü.tf", "plain/ü.tf"),
    ],
)
def test_terminal(text, expected):
    assert escape.terminal(text) == expected
    escape.terminal(text).encode("utf-8")


def test_workflow_commands_cannot_be_started_or_ended():
    assert escape.workflow_data("a\n::add-mask::x%0A\r") == "a%0A::add-mask::x%250A%0D"
    assert escape.workflow_property("f,title=x::y") == "f%2Ctitle=x%3A%3Ay"
    assert escape.workflow_data("\x1b[2J\u202e") == "\ufffd[2J\ufffd"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("javascript:alert(1)/main.tf", "javascript%3Aalert%281%29/main.tf"),
        ("JaVaScRiPt:alert(1)", "JaVaScRiPt%3Aalert%281%29"),
        ("data:text/html,x", "data%3Atext/html%2Cx"),
        ("//evil.example/x.tf", "./evil.example/x.tf"),
        ('a"><script>.tf', "a%22%3E%3Cscript%3E.tf"),
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&amp;c=2"),
        (NOT_UTF8, "b%FF.tf"),
        ("https://example.com/\n", None),
    ],
)
def test_href_is_http_or_relative(target, expected):
    assert escape.href(target) == expected


def test_html_text_and_attributes():
    assert escape.html('<img src=x onerror="a">&') == "&lt;img src=x onerror=&quot;a&quot;&gt;&amp;"
    assert escape.html("x\x1b\x00y" + NOT_UTF8) == "x\ufffd\ufffdyb\\xff.tf"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cell_is_never_a_formula(text):
    cell = escape.csv_cell(text)
    assert cell.startswith("'")
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell])
    assert next(csv.reader(io.StringIO(buffer.getvalue())))[0][0] == "'"


def test_csv_cell_keeps_ordinary_text():
    assert escape.csv_cell("aws_s3_bucket.b") == "aws_s3_bucket.b"


def test_markdown_forms_no_link_image_html_or_mention():
    text = escape.markdown("[click](javascript:x) ![i](http://t/p.png) <b>@octocat</b> a|b\nc `x`")
    assert "](" not in text.replace("\\](", "").replace("\\(", "")
    assert "<" not in text and "@" not in text and "\n" not in text
    assert text == (
        "\\[click\\]\\(javascript:x\\) \\!\\[i\\]\\(http://t/p.png\\) &lt;b&gt;&#64;octocat&lt;/b&gt; a\\|b c \\`x\\`"
    )


def test_markdown_code_span():
    assert escape.markdown_code("a`b|c\x1b\nd") == "a'b\\|c d"


def test_xml_carries_only_xml_characters():
    hostile = "esc\x1b nul\x00 ff\ufffe bidi\u202e " + NOT_UTF8
    element = ET.Element("case", name=escape.xml(hostile))
    element.text = escape.xml(hostile)
    parsed = ET.fromstring(ET.tostring(element, encoding="unicode"))
    assert parsed.get("name") == "esc\ufffd nul\ufffd ff\ufffd bidi\ufffd b\\xff.tf"


def test_raw_bytes_and_unbytes():
    assert escape.raw_bytes(NOT_UTF8) == b"b\xff.tf"
    assert escape.unbytes("label\ud800") == "label\ufffd"
    assert escape.raw_bytes("label\ud800") == "label\ufffd".encode()


# ---------------------------------------------------------------- through the command line

US = 'resource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n'


def test_notes_on_stderr_cannot_plant_workflow_commands(tmp_path, monkeypatch, capsys):
    from conftest import write_tree
    from sovlint.cli import main

    name = "a\n::error file=x.tf::forged\u202e.tf"
    write_tree(tmp_path, {name: 'module "m" {\n  source = "git::https://example.com/m.git"\n}\n'})
    monkeypatch.chdir(tmp_path)
    main(["--no-cache", "--format", "json", "."])
    err = capsys.readouterr().err
    assert "has a remote source" in err
    assert not any(line.startswith("::") for line in err.splitlines())
    assert "\u202e" not in err


def test_html_report_links_only_to_relative_paths_and_forbids_scripts(tmp_path, monkeypatch):
    from conftest import write_tree
    from sovlint.cli import main

    write_tree(tmp_path, {"javascript:alert(1)/main.tf": US})
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--no-cache", ".", "-o", "report.html"]) == 0
    page = (tmp_path / "report.html").read_text()
    assert 'href="javascript:' not in page.lower()
    assert '<a href="javascript%3Aalert%281%29/main.tf">javascript:alert(1)/main.tf:1</a>' in page
    assert "Content-Security-Policy\" content=\"default-src 'none';" in page
    assert "<script" not in page


def test_csv_inventory_never_starts_a_formula(tmp_path, monkeypatch, capsys):
    from conftest import write_tree
    from sovlint.cli import main

    write_tree(tmp_path, {"=HYPERLINK(1)/main.tf": US.replace("us-east-1", "@SUM(A1)")})
    monkeypatch.chdir(tmp_path)
    main(["inventory", "--no-cache", "--format", "csv", "."])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (rows[0]["file"], rows[0]["region"]) == ("'=HYPERLINK(1)/main.tf", "'@SUM(A1)")


def test_markdown_and_junit_of_a_hostile_name(tmp_path, monkeypatch, capsys):
    from conftest import write_tree
    from sovlint.cli import main

    write_tree(tmp_path, {"x\x1b[31m@admin ![i](http:⁄⁄t)`|.tf": US})
    monkeypatch.chdir(tmp_path)
    main(["--no-cache", "--format", "junit", "."])
    ET.fromstring(capsys.readouterr().out.encode("utf-8"))  # well-formed XML 1.0
    main(["--no-cache", "--format", "markdown", "."])
    out = capsys.readouterr().out
    assert "\x1b" not in out
    outside_code = re.sub(r"`[^`\n]*`", "", out)  # a code span shows its text literally
    assert "@admin" not in outside_code and "![" not in outside_code and "| `x [31m@admin" in out


def test_errors_on_stderr_are_one_inert_line(capsys):
    from sovlint.cli import main

    assert main(["--config", "a\n::error::forged\x1b[2J.yaml", "."]) == 2
    err = capsys.readouterr().err
    assert err == "sovlint: --config a\ufffd::error::forged\ufffd[2J.yaml: no such file\n"
