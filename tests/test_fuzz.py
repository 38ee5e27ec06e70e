"""Fuzzing through the whole CLI: random bytes, mutated real files, random valid Terraform, and random
configurations, baselines and plan JSON.

Every run must end with exit status 0, 1 or 2, no traceback and valid SARIF. CI runs a bounded
budget; `FUZZ_EXAMPLES=2000 pytest -m fuzz` runs a longer campaign.
"""

import json
import os
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, SARIF_SCHEMA
from sovlint.cli import main

pytestmark = pytest.mark.fuzz
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
SEEDS = sorted(
    p for p in (REPO / "fixtures").rglob("*") if p.suffix in (".tf", ".yaml", ".tfvars", ".json") and p.is_file()
)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize="FUZZ_EXAMPLES" not in os.environ,  # CI: the same examples every run
)


VALIDATOR = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text()))


def _run(tmp: Path, name: str, data: bytes, capsys, extra: dict[str, bytes] | None = None, args=()) -> None:
    directory = tmp / "case"
    directory.mkdir(exist_ok=True)
    for old in directory.iterdir():
        old.unlink()
    for file, content in {name: data, **(extra or {})}.items():
        (directory / file).write_bytes(content)
    status = main(
        ["--format", "sarif", "--no-cache", *[a.replace("{dir}", str(directory)) for a in args], str(directory)]
    )
    out, err = capsys.readouterr()
    assert status in (0, 1, 2), status
    assert "Traceback" not in err and "internal error" not in err, err
    if status != 2:
        log = json.loads(out)
        VALIDATOR.validate(log)


@SETTINGS
@given(data=st.binary(max_size=2048), name=st.sampled_from(["main.tf", "x.yaml", "terraform.tfvars", "plan.json"]))
def test_random_bytes(tmp_path_factory, capsys, data, name):
    _run(tmp_path_factory.mktemp("fuzz"), name, data, capsys)


@SETTINGS
@given(
    seed=st.sampled_from(SEEDS), cut=st.integers(0, 10_000), junk=st.binary(max_size=16), index=st.integers(0, 10_000)
)
def test_mutated_real_files(tmp_path_factory, capsys, seed, cut, junk, index):
    data = seed.read_bytes()
    cut, index = cut % (len(data) + 1), index % (len(data) + 1)
    mutated = data[:index] + junk + data[index:]
    mutated = mutated[: max(cut, len(mutated) // 2)]
    _run(tmp_path_factory.mktemp("fuzz"), seed.name, mutated, capsys)


NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)
REGIONS = st.sampled_from(
    ["eu-west-1", "us-east-1", "eu-wset-3", "", "${var.r}", "${local.x}", "${data.aws_region.c.name}"]
)


@st.composite
def terraform(draw):
    blocks = []
    for i in range(draw(st.integers(1, 6))):
        kind = draw(
            st.sampled_from(["aws_s3_bucket", "azurerm_resource_group", "google_storage_bucket", "hcloud_server"])
        )
        arg = {"aws_s3_bucket": "region", "hcloud_server": "location"}.get(kind, "location")
        blocks.append(f'resource "{kind}" "{draw(NAMES)}{i}" {{\n  {arg} = "{draw(REGIONS)}"\n}}\n')
    if draw(st.booleans()):
        blocks.append(f'variable "r" {{\n  default = "{draw(REGIONS)}"\n}}\n')
    if draw(st.booleans()):
        blocks.append(f'provider "aws" {{\n  region = "{draw(REGIONS)}"\n}}\n')
    if draw(st.booleans()):
        blocks.append(f'locals {{\n  x = local.x\n  y = "{draw(REGIONS)}"\n}}\n')
    return "".join(blocks)


@SETTINGS
@given(source=terraform())
def test_random_valid_terraform(tmp_path_factory, capsys, source):
    _run(tmp_path_factory.mktemp("fuzz"), "main.tf", source.encode(), capsys)


CONFIG_KEYS = sorted(json.loads((REPO / "sovlint" / "schemas" / "config.schema.json").read_text())["properties"])
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["off", "note", "error", "never", "EU", "DE", "SOV000", "SOV201", "**", "../x", "/dev/zero"]),
    st.text(max_size=20),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["SOV000", "SOV101", "level", "mirrors", "hosts", "x/**", "max_file_mb"]), inner
        )
    ),
    max_leaves=12,
)


def _run_with_config(tmp: Path, name: str, data: bytes, capsys) -> None:
    directory = tmp / "cfg"
    (directory / ".git").mkdir(parents=True, exist_ok=True)
    for old in directory.iterdir():
        if old.is_file() or old.is_symlink():
            old.unlink()
    (directory / "main.tf").write_text('resource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n')
    (directory / name).write_bytes(data)
    cwd = os.getcwd()
    os.chdir(directory)  # an `output:` the configuration names lands here, or is refused
    try:
        status = main(["--format", "json", "--no-cache", "."])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    assert status in (0, 1, 2), status
    assert "Traceback" not in err and "internal error" not in err, err
    if status == 2:
        assert err.startswith("sovlint: ") and err.count("\n") == 1, err
    elif out:  # empty when the configuration sends the report to a file
        json.loads(out)


@SETTINGS
@given(config=st.dictionaries(st.sampled_from([*CONFIG_KEYS, "profle"]), _VALUES, max_size=5))
def test_random_configurations(tmp_path_factory, capsys, config):
    import yaml

    data = yaml.safe_dump(config, allow_unicode=True).encode()
    _run_with_config(tmp_path_factory.mktemp("fuzz"), ".sovlint.yaml", data, capsys)


@SETTINGS
@given(
    data=st.binary(max_size=1024),
    name=st.sampled_from([".sovlint.yaml", "pyproject.toml"]),
    prefix=st.sampled_from([b"", b"[tool.sovlint]\n", b"rules:\n  "]),
)
def test_random_configuration_bytes(tmp_path_factory, capsys, data, name, prefix):
    _run_with_config(tmp_path_factory.mktemp("fuzz"), name, prefix + data, capsys)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=16,
)
US_BUCKET = b'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {}\n'


@st.composite
def baselines(draw):
    entry = st.fixed_dictionaries(
        {},
        optional={k: st.one_of(st.text(max_size=12), JSON) for k in ("fingerprint", "rule_id", "file", "address")},
    )
    document = draw(
        st.one_of(
            JSON,
            st.fixed_dictionaries(
                {
                    "version": st.sampled_from([1, 2, "1", None]),
                    "findings": st.one_of(st.lists(entry, max_size=4), JSON),
                }
            ),
        )
    )
    return json.dumps(document).encode()


@SETTINGS
@given(baseline=baselines())
def test_random_baselines(tmp_path_factory, capsys, baseline):
    _run(
        tmp_path_factory.mktemp("fuzz"),
        "main.tf",
        US_BUCKET,
        capsys,
        {"base.json": baseline},
        ["--baseline", "{dir}/base.json"],
    )


@st.composite
def plans(draw):
    """Plan JSON with the right skeleton and anything in its places."""
    region = st.sampled_from(["us-east-1", "eu-west-1", "", None, 5, [], "x" * 300])
    resource = st.fixed_dictionaries(
        {
            "address": st.sampled_from(["aws_s3_bucket.b", "module.m.aws_s3_bucket.b[0]", "", 5]),
            "mode": st.sampled_from(["managed", "data", 3]),
            "type": st.sampled_from(["aws_s3_bucket", "google_storage_bucket", "", None]),
            "provider_name": st.sampled_from(["registry.terraform.io/hashicorp/aws", "hashicorp/google", "", 7]),
            "values": st.one_of(st.fixed_dictionaries({"region": region, "location": region}), JSON),
        }
    )
    module = st.fixed_dictionaries(
        {},
        optional={
            "resources": st.one_of(st.lists(resource, max_size=3), JSON),
            "child_modules": st.one_of(
                st.lists(st.fixed_dictionaries({"resources": st.lists(resource, max_size=2)}), max_size=2), JSON
            ),
        },
    )
    provider_config = st.fixed_dictionaries(
        {"aws": st.fixed_dictionaries({"expressions": st.one_of(st.fixed_dictionaries({"region": JSON}), JSON)})}
    )
    plan = draw(
        st.fixed_dictionaries(
            {
                "format_version": st.sampled_from(["1.2", "0.1", "2.0", 1]),
                "planned_values": st.one_of(st.fixed_dictionaries({"root_module": module}), JSON),
            },
            optional={
                "configuration": st.one_of(st.fixed_dictionaries({"provider_config": provider_config}), JSON),
                "variables": st.one_of(
                    st.dictionaries(st.text(max_size=6), st.fixed_dictionaries({"value": JSON})), JSON
                ),
            },
        )
    )
    return json.dumps(plan).encode()


@SETTINGS
@given(plan=plans(), beside=st.booleans())
def test_random_plans(tmp_path_factory, capsys, plan, beside):
    extra = {"main.tf": b'resource "aws_s3_bucket" "b" {}\n'} if beside else {}
    _run(tmp_path_factory.mktemp("fuzz"), "plan.json", plan, capsys, extra)
