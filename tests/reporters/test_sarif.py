import json

from conftest import SARIF_SCHEMA, lint_tree, write_tree
from sovlint import __version__
from sovlint.knowledge import catalog
from sovlint.model import Finding, Level
from sovlint.reporters import RunInfo, render

FILES = {
    "infra dir/main.tf": 'provider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "logs" {}\n',
    "infra dir/variables.tf": 'variable "region" {\n  default = "us-east-1"\n}\n',
    "k8s/#app%.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n",
    "broken.tf": 'resource "x" {\n',
}


def sarif(tmp_path, files=FILES):
    write_tree(tmp_path, files)
    findings = lint_tree(tmp_path)
    info = RunInfo(version=__version__, profile="eu-strict", rules=catalog.load().rules, files=4)
    return json.loads(render("sarif", findings, info))


def test_valid_against_the_official_schema(tmp_path):
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text())
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(sarif(tmp_path)), key=str)
    assert errors == []


def test_the_vendored_schema_is_the_published_one():
    import hashlib
    import re

    recorded = re.search(r"sha256 `([0-9a-f]{64})`", (SARIF_SCHEMA.parent / "ORIGIN.md").read_text()).group(1)
    assert hashlib.sha256(SARIF_SCHEMA.read_bytes()).hexdigest() == recorded
    assert json.loads(SARIF_SCHEMA.read_text())["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")


def test_results_meet_github_checklist(tmp_path):
    log = sarif(tmp_path)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "sovlint" and driver["semanticVersion"] == __version__
    rules = {r["id"]: r for r in driver["rules"]}
    assert rules["SOV101"]["properties"]["security-severity"] == "8.0"
    assert "security" in rules["SOV101"]["properties"]["tags"]
    assert all(len(r["properties"]["tags"]) <= 10 and r["help"]["text"] and r["helpUri"] for r in rules.values())
    by_rule = {r["ruleId"]: r for r in run["results"]}
    for result in run["results"]:
        assert len(result["locations"]) == 1
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
        assert result["partialFingerprints"]["sovlint/v1"]
    s101 = by_rule["SOV101"]
    assert s101["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "infra%20dir/main.tf"
    assert s101["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "aws_s3_bucket.logs"
    assert s101["properties"] == {"country": "US", "provider": "hashicorp/aws", "region": "us-east-1"}
    related = s101["relatedLocations"]
    assert [(r["id"], r["physicalLocation"]["artifactLocation"]["uri"]) for r in related] == [
        (1, "infra%20dir/main.tf"),
        (2, "infra%20dir/variables.tf"),
    ]
    assert "[infra dir/variables.tf:2](2)" in s101["message"]["text"]
    assert by_rule["SOV203"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "k8s/%23app%25.yaml"
    assert by_rule["SOV000"]["locations"][0]["physicalLocation"]["region"]["startColumn"] >= 1


def test_clean_scan_has_an_empty_results_array(tmp_path):
    log = sarif(tmp_path, {"main.tf": 'resource "scaleway_object_bucket" "b" {\n  region = "fr-par"\n}\n'})
    assert log["runs"][0]["results"] == []


def test_fingerprint_survives_moving_code(tmp_path):
    first = sarif(tmp_path / "a", {"main.tf": 'resource "aws_iam_role" "r" {}\n'})
    second = sarif(tmp_path / "b", {"main.tf": '\n\n# moved down\nresource "aws_iam_role" "r" {}\n'})
    fp = [r["partialFingerprints"] for r in first["runs"][0]["results"]]
    assert fp == [r["partialFingerprints"] for r in second["runs"][0]["results"]]
    assert first["runs"][0]["results"][0]["locations"] != second["runs"][0]["results"][0]["locations"]


def test_rule_precision_comes_from_the_rules_data(tmp_path):
    rules = {r["id"]: r["properties"]["precision"] for r in sarif(tmp_path)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["SOV201"] == "very-high" and rules["SOV101"] == "high" and rules["SOV102"] == "medium"
    assert rules == {r.id: r.precision for r in catalog.load().rules.values()}


def test_category_root_and_column_spans():
    rule = catalog.load().rules
    source = {("a.tf", 1): 'resource "aws_iam_role" "r" {', ("a.tf", 3): "}", ("b.yaml", 7): "      image: nginx  "}
    info = RunInfo(
        version=__version__,
        profile="eu-strict",
        rules=rule,
        root="/srv/repo",
        category="sovlint/prod",
        source_line=lambda file, line: source.get((file, line), ""),
    )
    findings = [
        Finding("a.tf", 1, "SOV201", "aws_iam_role.r", Level.ERROR, "m", end_line=3),
        Finding("b.yaml", 7, "SOV203", "Pod/p", Level.WARNING, "m", end_line=7, column=7),
        Finding("c.tf", 2, "SOV000", "", Level.ERROR, "m"),
    ]
    (run,) = json.loads(render("sarif", findings, info))["runs"]
    assert run["automationDetails"]["id"] == "sovlint/prod/"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/repo/"
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    assert regions == [
        {"startLine": 1, "startColumn": 1, "endLine": 3, "endColumn": 2},
        {"startLine": 7, "startColumn": 7, "endLine": 7, "endColumn": 19},
        {"startLine": 2, "startColumn": 1, "endLine": 2},  # the source line is not at hand: no span is made up
    ]
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_results_over_githubs_limits_are_said_in_the_run(monkeypatch):
    from sovlint.reporters import sarif as sarif_reporter

    monkeypatch.setattr(sarif_reporter, "MAX_RESULTS", 3)
    monkeypatch.setattr(sarif_reporter, "SHOWN_RESULTS", 2)
    findings = [Finding(f"f{i}.tf", 1, "SOV102" if i else "SOV101", "r", Level.WARNING, "m") for i in range(4)]
    findings[3] = Finding("f3.tf", 1, "SOV101", "r", Level.ERROR, "m")
    info = RunInfo(version=__version__, profile="eu-strict", rules=catalog.load().rules)
    (run,) = json.loads(render("sarif", findings, info))["runs"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]] == [
        "f0.tf",
        "f1.tf",
        "f3.tf",
    ]
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert notes == [
        "4 results are over GitHub's limit of 3 per run: the 3 most severe are in the SARIF file, 1 is left out",
        "GitHub code scanning shows the 2 most severe results of a run only",
    ]
    assert run["properties"]["omittedResults"] == 1


def test_a_region_finding_points_at_the_deciding_argument_and_its_source(tmp_path):
    files = {
        "main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  region = var.region\n}\n',
        "variables.tf": 'variable "region" {\n  default = "us-east-1"\n}\n',
    }
    (result,) = [r for r in sarif(tmp_path, files)["runs"][0]["results"] if r["ruleId"] == "SOV101"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 3, "endLine": 3, "endColumn": 22}
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 24}
    assert related["message"]["text"] == "set here (variable default)"


def test_every_place_a_value_was_set_is_a_span_tfvars_locals_and_the_module_call(tmp_path):
    files = {
        "main.tf": 'provider "aws" {}\nmodule "store" {\n  source = "./store"\n  region = local.r\n}\nlocals {\n  r = var.region\n}\n',
        "variables.tf": 'variable "region" {}\n',
        "terraform.tfvars": 'region    = "us-east-1"\n',
        "store/main.tf": 'variable "region" {}\nresource "aws_s3_bucket" "b" {\n  region = var.region\n}\n',
    }
    (result,) = [r for r in sarif(tmp_path, files)["runs"][0]["results"] if r["ruleId"] == "SOV101"]
    spans = {
        (r["message"]["text"], r["physicalLocation"]["artifactLocation"]["uri"]): r["physicalLocation"]["region"]
        for r in result["relatedLocations"]
    }
    assert spans[("set here (tfvars)", "terraform.tfvars")] == {
        "startLine": 1,
        "startColumn": 1,
        "endLine": 1,
        "endColumn": 24,
    }
    assert spans[("set here (local value)", "main.tf")] == {
        "startLine": 7,
        "startColumn": 3,
        "endLine": 7,
        "endColumn": 17,
    }
    assert spans[("set here (module.store)", "main.tf")] == {
        "startLine": 2,
        "startColumn": 1,
        "endLine": 5,
        "endColumn": 2,
    }
    assert spans[("set here (input of module.store)", "main.tf")] == {
        "startLine": 4,
        "startColumn": 3,
        "endLine": 4,
        "endColumn": 19,
    }


def test_the_text_is_that_of_json_dumps_for_results_of_every_shape():
    """Results are written from templates; the text is still exactly what json.dumps writes with sorted keys and
    an indent of two: with and without an address, a column span, properties, related locations, a suppression."""
    from sovlint.model import Origin

    related = (Origin("vars.tf", 3, "variable default", 5, 3, 21), Origin("/abs.tf", 1, "x"))
    findings = [
        Finding("a.tf", 1, "SOV201", "aws_iam_role.r", Level.ERROR, "m ü", end_line=3, properties=(("p", "v"),)),
        Finding("b.yaml", 7, "SOV203", "Pod/p", Level.WARNING, "m", end_line=7, column=7, end_column=12),
        Finding("c d%.tf", 2, "SOV000", "", Level.ERROR, 'broken "x"'),
        Finding("e.tf", 4, "SOV101", "a.b", Level.NOTE, "set at vars.tf:3", related=related, key="k"),
        Finding("f.tf", 5, "SOV102", "a.c", Level.WARNING, "m", suppressed="accepted", suppressed_by="inSource"),
    ]
    info = RunInfo(version=__version__, profile="eu-strict", rules=catalog.load().rules, root="/srv/repo")
    text = render("sarif", findings, info)
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    results = json.loads(text)["runs"][0]["results"]
    assert [len(r["locations"][0].get("logicalLocations", ())) for r in results] == [1, 1, 0, 1, 1]
    assert results[1]["locations"][0]["physicalLocation"]["region"]["endColumn"] == 12
    assert results[3]["relatedLocations"][0]["physicalLocation"]["region"]["endColumn"] == 21
    assert results[4]["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": "accepted"}]
