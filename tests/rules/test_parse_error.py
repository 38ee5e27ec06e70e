import pytest


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        pytest.param(
            "main.tf",
            'variable "a" {}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n',
            5,
            "the file ends inside a block opened on line 3: a closing '}' is missing",
            id="unclosed-block",
        ),
        pytest.param(
            "main.tf",
            "locals {\n<<<<<<< HEAD\n  a = 1\n=======\n  a = 2\n>>>>>>> other\n}\n",
            2,
            "a merge conflict marker is in the file; resolve the conflict first",
            id="merge-conflict",
        ),
        pytest.param("main.tf", b"\x00\x01binary\x00", 1, "binary file: it is not text", id="binary"),
        pytest.param("main.tf", b'a = "caf\xe9"\n', 1, "not valid UTF-8 (byte 0xe9)", id="latin-1"),
        pytest.param(
            "deploy.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n    bad: indent\n",
            5,
            "invalid YAML: mapping values are not allowed",
            id="yaml",
        ),
    ],
)
def test_parse_error(lint, name, content, line, message):
    findings = lint({name: content, "ok.tf": 'resource "aws_iam_role" "r" {}\n'})
    # libyaml and the pure-Python loader word some problems differently: compare the start
    assert [(f.rule_id, f.file, f.line, f.message[: len(message)]) for f in findings if f.rule_id == "SOV000"] == [
        ("SOV000", name, line, message)
    ]
    assert any(f.file == "ok.tf" for f in findings), "the scan goes on after a broken file"


def test_bom_and_crlf_are_not_errors(lint):
    findings = lint({"main.tf": '\ufeffresource "aws_s3_bucket" "b" {\r\n  region = "us-east-1"\r\n}\r\n'})
    assert [(f.rule_id, f.line) for f in findings] == [("SOV201", 1), ("SOV101", 2)]


def test_non_kubernetes_and_helm_templates_are_skipped(lint):
    findings = lint(
        {
            ".gitlab-ci.yml": "stages: [a]\njob:\n  script: make\n",
            "values.yaml": "image:\n  repository: nginx\n",
            "chart/templates/d.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n  x: [\n",
            "empty.yaml": "",
            "comments.tf": "# nothing here\n",
        }
    )
    assert findings == []
