"""Fuzzing through the whole CLI: random bytes, mutated real files and random valid Terraform.

Every run must end with exit status 0, 1 or 2, no traceback and valid SARIF. CI runs a bounded
budget; `FUZZ_EXAMPLES=2000 pytest -m fuzz` runs a longer campaign.
"""

import json
import os
from pathlib import Path

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


def _schema():
    if not SARIF_SCHEMA.exists():
        return None
    import jsonschema

    return jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text()))


VALIDATOR = _schema()


def _run(tmp: Path, name: str, data: bytes, capsys) -> None:
    directory = tmp / "case"
    directory.mkdir(exist_ok=True)
    for old in directory.iterdir():
        old.unlink()
    (directory / name).write_bytes(data)
    status = main(["--format", "sarif", str(directory)])
    out, err = capsys.readouterr()
    assert status in (0, 1, 2), status
    assert "Traceback" not in err and "internal error" not in err, err
    if status != 2:
        log = json.loads(out)
        if VALIDATOR is not None:
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
