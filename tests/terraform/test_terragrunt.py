"""Terragrunt, statically: units with their includes, locals, generated files, remote state and modules."""

import os
from pathlib import Path

import pytest

from conftest import REPO, write_tree
from sovlint import engine
from sovlint.discover import discover
from sovlint.knowledge import profiles


def _run(root, where="."):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        files, _ = discover([where])
        return engine.run(files, engine.Options(profiles.load("eu-strict")))
    finally:
        os.chdir(cwd)


def test_live_repository_remote_state_is_judged_where_its_region_is_set():
    result = _run(REPO / "fixtures" / "terragrunt-live")
    backends = [f for f in result.findings if f.rule_id == "SOV202"]
    found = [(f.rule_id, f.file, f.line, [(o.file, o.line) for o in f.related]) for f in backends]
    units = ["qa/mysql", "qa/webserver-cluster", "stage/mysql", "stage/webserver-cluster"]
    assert found == [  # one per place the region is set, with the include of each unit that stores its state there
        ("SOV202", "root.hcl", 38, [("non-prod/us-east-1/region.hcl", 4)] + [_include(f"non-prod/{u}") for u in units]),
        (
            "SOV202",
            "root.hcl",
            38,
            [("prod/us-east-1/region.hcl", 4)]
            + [_include(f"prod/{u}") for u in ("prod/mysql", "prod/webserver-cluster")],
        ),
    ]
    assert backends[1].message == (
        "terraform.backend.s3: Terraform state is stored with Amazon Web Services, Inc., controlled by Amazon.com, Inc. "
        "(United States) and in us-east-1 (United States), outside the EU/EEA; us-east-1 is set at "
        "prod/us-east-1/region.hcl:4 (local value)"
    )
    # the module is a git source: said once per unit not downloaded yet, nothing guessed
    assert sum("is a remote module source not downloaded" in n for n in result.notes) == 5


def _include(unit):
    """The include "root" block (line 9) of a unit of the live example, named `account/env/component`."""
    account, rest = unit.split("/", 1)
    return (f"{account}/us-east-1/{rest}/terragrunt.hcl", 9)


def test_a_unit_scanned_alone_reports_the_state_its_include_configures():
    """`sovlint .` inside one unit's folder: the remote_state of root.hcl, outside that folder, is the unit's."""
    result = _run(REPO / "fixtures" / "terragrunt-live", "non-prod/us-east-1/qa/mysql")
    found = [(f.rule_id, f.file, f.line, [(o.file, o.line) for o in f.related]) for f in result.findings]
    assert found == [
        ("SOV202", "root.hcl", 38, [("non-prod/us-east-1/region.hcl", 4), _include("non-prod/qa/mysql")]),
    ]


CACHED = "prod/us-east-1/prod/mysql/.terragrunt-cache/2rV5owJTNiPd3DdMFW4ZSbBnQ88/9KdFiGzs0Psssz02yWzKhq8EFFM"


def test_a_module_terragrunt_downloaded_is_judged_at_the_unit_source():
    result = _run(REPO / "fixtures" / "terragrunt-live")
    mysql = [f for f in result.findings if f.address == "aws_db_instance.mysql"]
    found = [(f.rule_id, f.file, f.line, [(o.file, o.line) for o in f.related]) for f in mysql]
    declared = (f"{CACHED}/modules/mysql/main.tf", 16)
    assert found == [
        ("SOV101", "prod/us-east-1/prod/mysql/terragrunt.hcl", 24, [("root.hcl", 29), declared]),
        ("SOV201", "prod/us-east-1/prod/mysql/terragrunt.hcl", 24, [declared]),
    ]
    assert "us-east-1 is set at root.hcl:29 (provider configuration)" in mysql[0].message  # root.hcl's generate
    # the download is read once, through its unit: its provider.tf and backend.tf are the files generate writes
    assert not [r for r, _ in result.inventory if ".terragrunt-cache" in r.file]
    assert [r.file for r, _ in result.inventory if r.kind == "backend"] == ["root.hcl"] * 6  # a state per unit


def _cached_unit(tmp_path, source, version="ref=v1"):
    from sovlint.terraform import terragrunt_cache

    download = tmp_path / "live/db/.terragrunt-cache/W" / terragrunt_cache.encoded(terragrunt_cache.canonical(source))
    write_tree(
        download,
        {
            ".terragrunt-source-version": terragrunt_cache.version(version),
            "modules/db/main.tf": 'variable "region" {}\nresource "aws_db_instance" "d" {\n  region = var.region\n}\n',
        },
    )
    return download


CACHED_UNIT = """terraform {
  source = "git::https://example.com/acme/modules.git//modules/db?ref=v1"
}
inputs = {
  region = "us-east-1"
}
"""


def test_a_downloaded_module_takes_the_unit_inputs(tmp_path):
    _cached_unit(tmp_path, "git::https://example.com/acme/modules.git")
    write_tree(tmp_path, {"live/db/terragrunt.hcl": CACHED_UNIT})
    result = _run(tmp_path)
    sov101 = [f for f in result.findings if f.rule_id == "SOV101"]
    assert [(f.file, f.line) for f in sov101] == [("live/db/terragrunt.hcl", 2)]
    assert "us-east-1 is set at live/db/terragrunt.hcl:4 (terragrunt inputs)" in sov101[0].message


@pytest.mark.parametrize(
    ("source", "note"),
    [
        pytest.param(
            CACHED_UNIT.replace("?ref=v1", "?ref=v2"),
            "no download of this version in live/db/.terragrunt-cache",
            id="version",
        ),
        pytest.param(
            CACHED_UNIT.replace("//modules/db", "//../../../../x"),
            "its subdirectory ../../../../x leaves the download",
            id="escape",
        ),
        pytest.param(
            CACHED_UNIT.replace("modules/db", "modules/web"), "no download of this version", id="other-subdir"
        ),
    ],
)
def test_a_download_that_does_not_match_is_not_read(tmp_path, source, note):
    _cached_unit(tmp_path, "git::https://example.com/acme/modules.git")
    write_tree(tmp_path, {"live/db/terragrunt.hcl": source})
    result = _run(tmp_path)
    assert not [f for f in result.findings if f.rule_id in ("SOV101", "SOV201")]
    assert any("is a remote module source" in n and note in n for n in result.notes), result.notes


def test_of_two_matching_downloads_the_one_of_this_source_is_taken(tmp_path):
    _cached_unit(tmp_path, "git::https://example.com/acme/modules.git")
    other = _cached_unit(tmp_path, "git::https://example.com/acme/other.git")
    (other / "modules/db/main.tf").write_text('resource "aws_db_instance" "other" {\n  region = "us-west-2"\n}\n')
    write_tree(tmp_path, {"live/db/terragrunt.hcl": CACHED_UNIT})
    result = _run(tmp_path)
    assert {f.address for f in result.findings} == {"aws_db_instance.d"}


ROOT_HCL = """\
locals {
  region = read_terragrunt_config(find_in_parent_folders("region.hcl")).locals.region
  bucket = "${get_env("STATE_PREFIX", "acme")}-state"
}
generate "provider" {
  path     = "provider.tf"
  contents = <<EOF
provider "aws" {
  region = "${local.region}"
}
EOF
}
remote_state {
  backend = "s3"
  config = {
    bucket = local.bucket
    region = "eu-west-3"
  }
}
"""
UNIT = """\
include "root" {
  path = find_in_parent_folders("root.hcl")
}
terraform {
  source = "../../modules//queue"
}
inputs = {
  name = "orders"
}
"""
MODULE = 'variable "name" {}\nresource "aws_sqs_queue" "q" {\n  name = var.name\n}\n'


def test_a_unit_runs_its_local_module_with_the_generated_provider(tmp_path, monkeypatch):
    monkeypatch.setenv("STATE_PREFIX", "never-read")
    write_tree(
        tmp_path,
        {
            "root.hcl": ROOT_HCL,
            "live/region.hcl": 'locals {\n  region = "us-west-2"\n}\n',
            "live/queue/terragrunt.hcl": UNIT,
            "modules/queue/main.tf": MODULE,
        },
    )
    result = _run(tmp_path)
    found = [(f.rule_id, f.file, f.line, f.address) for f in result.findings]
    assert found == [
        ("SOV101", "modules/queue/main.tf", 2, "aws_sqs_queue.q"),  # once: not judged again as a library
        ("SOV201", "modules/queue/main.tf", 2, "aws_sqs_queue.q"),
        ("SOV202", "root.hcl", 13, "terraform.backend.s3"),  # in Paris, but run by AWS
    ]
    assert "us-west-2 is set at root.hcl:9" in result.findings[0].message  # the generated file's line
    backend = next(r for r, _ in result.inventory if r.kind == "backend")
    assert backend.body["bucket"] == "acme-state"  # get_env gives its default only


def test_what_needs_running_is_unresolved_and_said(tmp_path):
    root = ROOT_HCL.replace(
        'read_terragrunt_config(find_in_parent_folders("region.hcl")).locals.region',
        'run_cmd("aws", "configure", "get", "region")',
    )
    write_tree(tmp_path, {"root.hcl": root, "live/queue/terragrunt.hcl": UNIT, "modules/queue/main.tf": MODULE})
    result = _run(tmp_path)
    assert "root.hcl:5: generate provider cannot be written statically (run_cmd() is not executed)" in result.notes
    queue = [f for f in result.findings if f.file == "modules/queue/main.tf"]
    assert [f.rule_id for f in queue] == ["SOV102", "SOV201"]  # the unit's module is a root: unresolved, not guessed
    assert "no provider configuration 'aws' sets its location" in queue[0].message


def test_parent_folders_stop_at_the_scanned_tree(tmp_path):
    write_tree(tmp_path, {"root.hcl": ROOT_HCL, "repo/live/queue/terragrunt.hcl": UNIT})
    result = _run(tmp_path / "repo")
    assert any("no root.hcl in the folders above live/queue" in n for n in result.notes), result.notes
    assert result.findings == []


def test_include_cycles_end_and_broken_units_are_parse_errors(tmp_path):
    write_tree(
        tmp_path,
        {
            "a/terragrunt.hcl": 'include "b" {\n  path = "a/b.hcl"\n}\n',
            "a/b.hcl": 'include "a" {\n  path = "a/terragrunt.hcl"\n}\n',
            "c/terragrunt.hcl": "remote_state {\n  backend = \n",
        },
    )
    result = _run(tmp_path)
    assert [(f.rule_id, f.file) for f in result.findings] == [("SOV000", "c/terragrunt.hcl")]


SETTINGS_MODULE = (
    'variable "settings" {}\nresource "aws_sqs_queue" "q" {\n  region = try(var.settings.region, null)\n}\n'
)
PROVIDER = 'provider "aws" {\n  region = "eu-west-3"\n}\n'

PARENT = """\
locals {
  region = "us-east-1"
}
remote_state {
  backend = "s3"
  config = {
    region = "us-west-2"
  }
}
inputs = {
  settings = {
    region = local.region
    size   = 1
  }
}
"""


def _strategy_unit(tmp_path, include, extra=""):
    write_tree(
        tmp_path,
        {
            "root.hcl": PARENT,
            "modules/q/main.tf": SETTINGS_MODULE,
            "modules/q/provider.tf": PROVIDER,
            "live/q/terragrunt.hcl": (
                f'include "root" {{\n  path = find_in_parent_folders("root.hcl")\n{include}}}\n'
                'terraform {\n  source = "../../modules//q"\n}\n'
                f"inputs = {{\n  settings = {{\n    size = 2\n  }}\n}}\n{extra}"
            ),
        },
    )
    result = _run(tmp_path)
    return {f.rule_id for f in result.findings}, result


def test_shallow_merge_the_default_replaces_the_included_inputs_key(tmp_path):
    rules, result = _strategy_unit(tmp_path, "")
    assert "SOV202" in rules  # the included remote_state applies
    assert "SOV101" not in rules  # settings = { size = 2 }: no region, the provider's eu-west-3 decides


def test_deep_merge_merges_the_included_maps_key_by_key(tmp_path):
    rules, result = _strategy_unit(tmp_path, '  merge_strategy = "deep"\n')
    sov101 = [f for f in result.findings if f.rule_id == "SOV101"]
    assert [(f.file, f.line) for f in sov101] == [("modules/q/main.tf", 3)]  # settings.region from root.hcl
    assert "SOV202" in rules


def test_no_merge_takes_only_what_is_exposed(tmp_path):
    extra = 'generate "provider" {\n  path = "provider.tf"\n  contents = "provider \\"aws\\" {\\n  region = \\"${include.root.locals.region}\\"\\n}\\n"\n}\n'
    rules, result = _strategy_unit(tmp_path, '  merge_strategy = "no_merge"\n  expose = true\n', extra)
    assert "SOV202" not in rules  # the included remote_state is not merged
    sov101 = [f for f in result.findings if f.rule_id == "SOV101"]
    assert [f.file for f in sov101] == ["modules/q/main.tf"]  # the generated provider replaces eu-west-3


def test_the_last_of_several_includes_wins_and_a_bare_include_is_exposed(tmp_path):
    write_tree(
        tmp_path,
        {
            "a.hcl": 'inputs = {\n  region = "eu-west-1"\n}\n',
            "b.hcl": 'locals {\n  region = "us-east-1"\n}\ninputs = {\n  region = local.region\n}\n',
            "modules/q/main.tf": 'variable "region" {}\nprovider "aws" {\n  region = var.region\n}\n'
            'resource "aws_sqs_queue" "q" {}\n',
            "live/q/terragrunt.hcl": (
                'include "a" {\n  path = "../../a.hcl"\n}\ninclude "b" {\n  path = "../../b.hcl"\n}\n'
                'terraform {\n  source = "../../modules//q"\n}\n'
            ),
            "live/r/terragrunt.hcl": (
                'include {\n  path = "../../b.hcl"\n  expose = true\n  merge_strategy = "no_merge"\n}\n'
                'terraform {\n  source = "../../modules//q"\n}\ninputs = {\n  region = include.locals.region\n}\n'
            ),
        },
    )
    result = _run(tmp_path)
    sov101 = [f for f in result.findings if f.rule_id == "SOV101"]
    assert [f.message.rsplit("; ", 1)[1] for f in sov101] == [
        "us-east-1 is set at b.hcl:4 (terragrunt inputs)",  # b.hcl, included after a.hcl, wins
        "us-east-1 is set at live/r/terragrunt.hcl:9 (terragrunt inputs)",  # include.locals.region
    ]
    assert [o.file for o in sov101[0].related][-1] == "live/q/terragrunt.hcl"  # the unit that runs the module


def test_an_unknown_merge_strategy_is_said_and_not_merged(tmp_path):
    rules, result = _strategy_unit(tmp_path, '  merge_strategy = "deepest"\n')
    assert "SOV202" not in rules
    assert any("merge_strategy 'deepest' is not one Terragrunt knows; not merged" in n for n in result.notes)


def test_a_named_region_hcl_alone_is_judged_through_the_units_that_read_it(tmp_path):
    from conftest import lint_tree

    root = ROOT_HCL.replace('    region = "eu-west-3"\n', "    region = local.region\n").replace(
        'region = read_terragrunt_config(find_in_parent_folders("region.hcl")).locals.region',
        'vars   = read_terragrunt_config(find_in_parent_folders("region.hcl"))\n  region = local.vars.locals.region',
    )
    write_tree(
        tmp_path,
        {
            "root.hcl": root,
            "live/region.hcl": 'locals {\n  region = "us-east-1"\n}\n',
            "live/queue/terragrunt.hcl": UNIT,
            "other/region.hcl": 'locals {\n  region = "us-west-2"\n}\n',  # read by no unit
            "modules/queue/main.tf": MODULE,
        },
    )
    found = lint_tree(tmp_path, ["live/region.hcl", "other/region.hcl"])  # as pre-commit names a change
    assert [(f.rule_id, f.file, [o.file for o in f.related]) for f in found] == [
        ("SOV202", "root.hcl", ["live/region.hcl", "live/queue/terragrunt.hcl"]),
    ]
    assert lint_tree(tmp_path, ["other/region.hcl"]) == []


def test_deep_map_only_merges_maps_and_replaces_lists(tmp_path):
    parent = 'inputs = {\n  settings = {\n    region = "us-east-1"\n  }\n  zones = ["us-east-1a"]\n}\n'
    write_tree(
        tmp_path,
        {
            "root.hcl": parent,
            "modules/q/main.tf": (
                'variable "settings" {}\nvariable "zones" {}\nprovider "aws" {\n  region = "eu-west-3"\n}\n'
                'resource "aws_sqs_queue" "q" {\n  region = var.settings.region\n}\n'
                'resource "aws_ebs_volume" "v" {\n  availability_zone = var.zones[0]\n}\n'
            ),
            "live/q/terragrunt.hcl": (
                'include "root" {\n  path = find_in_parent_folders("root.hcl")\n  merge_strategy = "deep_map_only"\n}\n'
                'terraform {\n  source = "../../modules//q"\n}\n'
                'inputs = {\n  settings = {\n    size = 2\n  }\n  zones = ["eu-west-3a"]\n}\n'
            ),
        },
    )
    result = _run(tmp_path)
    assert [(f.address, f.properties) for f in result.findings if f.rule_id == "SOV101"] == [
        ("aws_sqs_queue.q", (("provider", "hashicorp/aws"), ("region", "us-east-1"), ("country", "US"))),
    ]  # settings merged key by key; zones replaced by the unit's (eu-west-3a), so the volume passes


def test_a_terragrunt_cache_linking_outside_the_repository_is_not_read(tmp_path):
    outside = _cached_unit(tmp_path / "elsewhere", "git::https://example.com/acme/modules.git")
    repo = tmp_path / "repo"
    write_tree(repo, {"live/db/terragrunt.hcl": CACHED_UNIT})
    (repo / ".git").mkdir()
    (repo / "live/db/.terragrunt-cache").symlink_to(outside.parent.parent)
    result = _run(repo)
    assert not [f for f in result.findings if f.rule_id in ("SOV101", "SOV201")]
    assert any("not read (live/db/.terragrunt-cache leads outside the repository)" in n for n in result.notes)


FOLDER_UNIT = """\
include "root" {
  path = find_in_parent_folders("root.hcl")
}
terraform {
  source = "${get_parent_terragrunt_dir()}/modules//queue"
}
locals {
  env = split("/", get_path_from_repo_root())[1]
  up  = get_path_to_repo_root()
}
inputs = {
  name = "${local.env}-orders-${local.up}"
}
"""


def test_folder_functions_give_the_module_folders_terragrunt_would(tmp_path):
    """get_parent_terragrunt_dir() in a unit is the included root.hcl's folder, and get_repo_root() the git
    top level: absolute paths, as Terragrunt gives them; the module they name is read from the repository."""
    unit = FOLDER_UNIT.replace("${get_parent_terragrunt_dir()}", "${get_repo_root()}", 1)
    write_tree(
        tmp_path,
        {
            "root.hcl": ROOT_HCL,
            "live/region.hcl": 'locals {\n  region = "us-west-2"\n}\n',
            "live/prod/queue/terragrunt.hcl": FOLDER_UNIT,
            "live/dev/queue/terragrunt.hcl": unit,
            "modules/queue/main.tf": MODULE,
        },
    )
    (tmp_path / ".git").mkdir()
    result = _run(tmp_path)
    queues = [
        (f.rule_id, f.file, [o.file for o in f.related]) for f in result.findings if f.address == "aws_sqs_queue.q"
    ]
    assert queues == [
        (
            "SOV101",
            "modules/queue/main.tf",
            ["root.hcl", "live/dev/queue/terragrunt.hcl", "live/prod/queue/terragrunt.hcl"],
        ),
        ("SOV201", "modules/queue/main.tf", ["live/dev/queue/terragrunt.hcl", "live/prod/queue/terragrunt.hcl"]),
    ]
    assert not [n for n in result.notes if "queue" in n]
    assert _inputs(tmp_path, "live/dev/queue/terragrunt.hcl")["name"] == "dev-orders-../../.."


def _inputs(root, unit):
    from sovlint.terraform import syntax, terragrunt
    from sovlint.terraform.terragrunt_config import Reader

    cwd = os.getcwd()
    os.chdir(root)
    try:
        reader = Reader(lambda path: syntax.parse(Path(path).read_text(encoding="utf-8")), lambda path: True)
        return {key: value for key, (value, _) in terragrunt.read_unit(reader, unit).inputs.items()}
    finally:
        os.chdir(cwd)


def test_a_local_source_that_is_no_folder_is_said_and_a_provider_its_module_names_is_judged(tmp_path):
    write_tree(
        tmp_path,
        {
            "root.hcl": ROOT_HCL,
            "live/region.hcl": 'locals {\n  region = "eu-west-3"\n}\n',
            "live/a/terragrunt.hcl": FOLDER_UNIT.replace("modules//queue", "modules//missing"),
            "live/b/terragrunt.hcl": FOLDER_UNIT,
            "modules/queue/main.tf": MODULE + 'resource "bcrypt_hash" "h" {\n  cleartext = "x"\n}\n',
        },
    )
    result = _run(tmp_path)
    assert (
        "live/a/terragrunt.hcl:5: the module source modules/missing is not a folder of the repository; not read"
        in result.notes
    )
    assert [(f.rule_id, f.address) for f in result.findings if f.file == "modules/queue/main.tf"] == [
        ("SOV201", "aws_sqs_queue.q"),
        ("SOV204", 'provider["hashicorp/bcrypt"]'),
    ]


ENV_COMMON = """\
locals {
  own = try(read_terragrunt_config(find_in_parent_folders("env_local.hcl")), { locals = {} })
  env = read_terragrunt_config(find_in_parent_folders("env.hcl"))
  config = merge(local.env.locals, local.own.locals)
}
generate "stackit" {
  path     = "provider_stackit.tf"
  contents = <<-EOF
    provider "stackit" {
      region = "${local.config.region}"
    }
  EOF
}
terraform {
  source = "${get_terragrunt_dir()}/../../modules//${local.config.module}"
}
"""
ENV_UNIT = 'include "env" {\n  path = "${get_terragrunt_dir()}/../../_env/common.hcl"\n}\n'


def test_an_included_file_runs_a_module_for_the_unit_with_what_try_falls_back_to(tmp_path):
    """A missing env_local.hcl makes try() give its fallback, as Terragrunt does; the module the included file
    names is a root module run through the unit's include, reported when the unit alone is scanned."""
    write_tree(
        tmp_path,
        {
            "_env/common.hcl": ENV_COMMON,
            "dev/env.hcl": 'locals {\n  region = "eu01"\n  module = "sg"\n}\n',
            "dev/sg/terragrunt.hcl": ENV_UNIT,
            "prod/env.hcl": 'locals {\n  region = "eu01"\n  module = "rg"\n}\n',
            "prod/rg/terragrunt.hcl": ENV_UNIT,
            "modules/sg/main.tf": 'resource "stackit_security_group" "g" {\n  project_id = "p"\n  name = "g"\n}\n',
            "modules/rg/main.tf": 'resource "azurerm_resource_group" "r" {\n  name     = "r"\n  location = var.where\n}\n'
            'variable "where" {}\n',
        },
    )
    result = _run(tmp_path, "prod/rg")
    found = [(f.rule_id, f.address, [(o.file, o.line) for o in f.related]) for f in result.findings]
    through = [("_env/common.hcl", 15), ("prod/rg/terragrunt.hcl", 1)]  # the source line, and the unit's include
    assert found == [  # no provider configured in the unit: still a root module, its location unresolved
        ("SOV201", "azurerm_resource_group.r", through),
        ("SOV102", "azurerm_resource_group.r", through),
    ]
    assert _run(tmp_path, "dev/sg").findings == []  # STACKIT in eu01, by the provider's (deprecated) region
    assert not [n for n in _run(tmp_path).notes if "env_local" in n]


GCS_ROOT = """\
remote_state {
  backend = "gcs"
  config = {
    bucket   = "org-state"
    prefix   = path_relative_to_include()
    location = "europe-west2"
  }
}
"""


@pytest.mark.parametrize(
    ("profile", "said"),
    [
        (
            "eu-strict",
            "with Google LLC, controlled by Alphabet Inc. (United States) and in europe-west2 (United Kingdom)",
        ),
        ("eu-residency", "in europe-west2 (United Kingdom)"),
    ],
)
def test_a_gcs_remote_state_is_placed_by_the_location_terragrunt_creates_its_bucket_in(tmp_path, profile, said):
    from conftest import lint_tree

    unit = 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n'
    write_tree(tmp_path, {"root.hcl": GCS_ROOT, "live/app/terragrunt.hcl": unit})
    found = lint_tree(tmp_path, profile=profile)
    assert [(f.rule_id, f.file, f.line) for f in found] == [("SOV202", "root.hcl", 1)]
    assert f"Terraform state is stored {said}, outside" in found[0].message
    write_tree(tmp_path, {"root.hcl": GCS_ROOT.replace("europe-west2", "EU")})
    assert lint_tree(tmp_path, profile="eu-residency") == []  # the EU multi-region


LEGACY_ROOT = """\
locals {
  region = read_terragrunt_config(find_in_parent_folders("region.hcl")).locals.region
}
generate "provider" {
  path     = "provider.tf"
  contents = "provider \\"aws\\" {\\n  region = \\"${local.region}\\"\\n}\\n"
}
remote_state {
  backend = "s3"
  config = {
    bucket = "state"
    region = local.region
  }
}
"""


def test_a_root_terragrunt_hcl_that_units_include_is_not_read_as_a_unit_of_its_own(tmp_path):
    unit = 'include "root" {\n  path = find_in_parent_folders()\n}\nterraform {\n  source = "../../modules//queue"\n}\n'
    write_tree(
        tmp_path,
        {
            "terragrunt.hcl": LEGACY_ROOT,
            "live/region.hcl": 'locals {\n  region = "eu-central-1"\n}\n',
            "live/queue/terragrunt.hcl": unit,
            "modules/queue/main.tf": MODULE,
        },
    )
    result = _run(tmp_path)
    assert [(f.rule_id, f.file, f.address) for f in result.findings] == [
        ("SOV201", "modules/queue/main.tf", "aws_sqs_queue.q"),
        ("SOV202", "terragrunt.hcl", "terraform.backend.s3"),
    ]
    assert result.notes == []  # read alone, the root finds no region.hcl above it: said before, for nothing
    assert [r.file for r, _ in result.inventory if r.kind == "backend"] == ["terragrunt.hcl"]


def test_an_include_of_a_missing_file_says_so(tmp_path):
    unit = 'include "common" {\n  path = "${get_terragrunt_dir()}/../_common/missing.hcl"\n}\n'
    write_tree(tmp_path, {"live/app/terragrunt.hcl": unit})
    notes = _run(tmp_path).notes
    assert "live/app/terragrunt.hcl:1: live/_common/missing.hcl is not a file of the repository; not included" in notes


def test_a_unit_a_stack_generated_reads_its_values_and_a_stack_file_is_said(tmp_path):
    unit = (
        'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n'
        'terraform {\n  source = "${get_repo_root()}/modules//${values.module}"\n}\n'
        "inputs = {\n  name = values.name\n}\n"
    )
    write_tree(
        tmp_path,
        {
            "root.hcl": ROOT_HCL,
            "live/region.hcl": 'locals {\n  region = "us-west-2"\n}\n',
            "live/terragrunt.stack.hcl": 'unit "q" {\n  source = "../units/queue"\n  path = "q"\n}\n',
            "live/.terragrunt-stack/q/terragrunt.hcl": unit,
            "live/.terragrunt-stack/q/terragrunt.values.hcl": 'module = "queue"\nname   = "orders"\n',
            "modules/queue/main.tf": MODULE,
        },
    )
    (tmp_path / ".git").mkdir()
    result = _run(tmp_path)
    assert [(f.rule_id, f.address) for f in result.findings if f.file == "modules/queue/main.tf"] == [
        ("SOV101", "aws_sqs_queue.q"),
        ("SOV201", "aws_sqs_queue.q"),
    ]
    assert _inputs(tmp_path, "live/.terragrunt-stack/q/terragrunt.hcl") == {"name": "orders"}
    stack = "live/terragrunt.stack.hcl is a Terragrunt stack: the units it generates are not read"
    assert [n for n in result.notes if "stack" in n] == [f"{stack} (run `terragrunt stack generate` first)"]


def test_a_root_terragrunt_hcl_named_alone_is_judged_through_the_units_that_include_it(tmp_path):
    from conftest import lint_tree

    unit = 'include "root" {\n  path = find_in_parent_folders()\n}\nterraform {\n  source = "../../modules//queue"\n}\n'
    write_tree(
        tmp_path,
        {
            "terragrunt.hcl": LEGACY_ROOT.replace("eu-central-1", "us-east-1"),
            "live/region.hcl": 'locals {\n  region = "us-east-1"\n}\n',
            "live/queue/terragrunt.hcl": unit,
            "modules/queue/main.tf": MODULE,
        },
    )
    found = lint_tree(tmp_path, ["terragrunt.hcl"])  # as pre-commit names a commit that changes the root only
    assert [(f.rule_id, f.file, [o.file for o in f.related]) for f in found] == [
        ("SOV101", "modules/queue/main.tf", ["terragrunt.hcl", "live/queue/terragrunt.hcl"]),  # its generate
        ("SOV202", "terragrunt.hcl", ["live/queue/terragrunt.hcl"]),
    ]


PICKING_ROOT = """\
locals {
  override = try(read_terragrunt_config("override.hcl"), { locals = {} })
  target   = try(local.override.locals.target, "s3")
  backend  = read_terragrunt_config(find_in_parent_folders("backend_${local.target}.hcl"))
}
remote_state {
  backend = local.backend.remote_state.backend
  config  = local.backend.remote_state.config
}
"""
BACKEND_S3 = """\
remote_state {
  backend = "s3"
  config = {
    bucket = "state-${basename(get_original_terragrunt_dir())}"
    region = "us-east-1"
  }
}
"""


def test_a_remote_state_another_file_configures_is_read_through_read_terragrunt_config(tmp_path):
    """read_terragrunt_config() gives a file's remote_state too; a relative path in an included file is the
    unit's folder's (override.hcl beside the unit), and get_original_terragrunt_dir() is the unit's folder."""
    unit = 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n'
    write_tree(
        tmp_path,
        {
            "root.hcl": PICKING_ROOT,
            "backend_s3.hcl": BACKEND_S3,
            "backend_local.hcl": 'remote_state {\n  backend = "local"\n  config  = {}\n}\n',
            "live/a/terragrunt.hcl": unit,
            "live/b/terragrunt.hcl": unit,
            "live/b/override.hcl": 'locals {\n  target = "local"\n}\n',
        },
    )
    result = _run(tmp_path)
    assert [(f.rule_id, f.file, [o.file for o in f.related]) for f in result.findings] == [
        ("SOV202", "root.hcl", ["live/a/terragrunt.hcl"]),  # b keeps its state on local disk
    ]
    assert [r.body for r, _ in result.inventory if r.kind == "backend" and r.type == "s3"] == [
        {"bucket": "state-a", "region": "us-east-1"}
    ]
    assert result.notes == []


def test_a_backend_root_hcl_generates_is_reported_for_a_unit_scanned_alone(tmp_path):
    root = 'generate "backend" {\n  path     = "backend.tf"\n  contents = <<EOF\nterraform {\n  backend "gcs" {\n'
    root += '    bucket = "state"\n  }\n}\nEOF\n}\n'
    unit = 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\nterraform {\n  source = "../../modules//queue"\n}\n'
    write_tree(tmp_path, {"root.hcl": root, "live/q/terragrunt.hcl": unit, "modules/queue/main.tf": MODULE})
    found = [(f.rule_id, f.file, [o.file for o in f.related]) for f in _run(tmp_path, "live/q").findings]
    assert ("SOV202", "root.hcl", ["live/q/terragrunt.hcl"]) in found


def test_a_key_a_read_file_does_not_have_is_unknown_and_said_not_an_internal_error(tmp_path):
    root = ROOT_HCL.replace(
        '  bucket = "${get_env("STATE_PREFIX", "acme")}-state"\n',
        '  bucket = read_terragrunt_config(find_in_parent_folders("account.hcl")).locals.account_id\n',
    )
    write_tree(
        tmp_path,
        {
            "root.hcl": root,
            "live/account.hcl": 'locals {\n  account_name = "dev"\n}\n',  # no account_id
            "live/region.hcl": 'locals {\n  region = "eu-west-3"\n}\n',
            "live/queue/terragrunt.hcl": UNIT,
            "modules/queue/main.tf": MODULE,
        },
    )
    result = _run(tmp_path)
    assert [(f.rule_id, f.file) for f in result.findings] == [
        ("SOV201", "modules/queue/main.tf"),
        ("SOV202", "root.hcl"),  # judged without its bucket name
    ]
    backend = next(r for r, _ in result.inventory if r.kind == "backend")
    assert "bucket" not in backend.body


def test_find_in_parent_folders_without_a_name_looks_for_terragrunt_hcl_and_says_where_root_hcl_is(tmp_path):
    unit = 'include "root" {\n  path = find_in_parent_folders()\n}\n'
    write_tree(tmp_path, {"root.hcl": ROOT_HCL, "live/region.hcl": "locals {}\n", "live/queue/terragrunt.hcl": unit})
    (note,) = _run(tmp_path).notes
    assert note == (
        "live/queue/terragrunt.hcl:1: the included path cannot be determined (no terragrunt.hcl in the folders above"
        ' live/queue; without a name it looks for terragrunt.hcl: root.hcl is found as find_in_parent_folders("root.hcl"))'
    )


def _reads(name, times):
    return "".join(f'  r{i} = read_terragrunt_config("{name}")\n' for i in range(times))


@pytest.mark.parametrize("shape", ["itself", "a chain"])
def test_files_read_many_times_at_each_level_are_read_once_and_a_file_reading_itself_is_unknown(tmp_path, shape):
    import time

    module = 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {}\n'
    files = {"unit/mod/main.tf": module}
    if shape == "itself":  # each read of itself read itself 12 more times, 8 levels deep: 12**8 reads
        first = "terragrunt.hcl"
    else:  # l0.hcl reads l1.hcl 12 times, which reads l2.hcl 12 times, ...
        first = "l0.hcl"
        files.update({f"unit/l{i}.hcl": f"locals {{\n{_reads(f'l{i + 1}.hcl', 12)}}}\n" for i in range(8)})
        files["unit/l8.hcl"] = 'locals {\n  region = "eu-west-1"\n}\n'
    files["unit/terragrunt.hcl"] = (
        f"locals {{\n{_reads(first, 12)}}}\n"
        + 'inputs = {\n  region = local.r0\n}\nterraform {\n  source = "./mod"\n}\n'
    )
    write_tree(tmp_path, files)
    started = time.process_time()
    result = _run(tmp_path)
    assert time.process_time() - started < 20  # read again for each call, it ran out of memory after minutes
    assert {(f.rule_id, f.file) for f in result.findings} >= {("SOV101", "unit/mod/main.tf")}


def test_a_unit_is_read_with_the_evaluation_budget_of_a_root_module(tmp_path):
    nested = "[for a in range(1000): [for b in range(1000): [for c in range(1000): 1]]]"  # 10^9 steps
    write_tree(
        tmp_path,
        {
            "u/terragrunt.hcl": f'locals {{\n  x = {nested}\n}}\ninputs = {{\n  region = "us-east-1"\n  y = local.x\n}}\n'
            'terraform {\n  source = "./mod"\n}\n',
            "u/mod/main.tf": 'variable "region" {}\nvariable "y" {}\nprovider "aws" {\n  region = var.region\n}\n'
            'resource "aws_s3_bucket" "b" {}\n',
        },
    )
    found = {(f.rule_id, f.file, f.message) for f in _run(tmp_path).findings}
    assert (
        "SOV000",
        "u/terragrunt.hcl",
        "could not evaluate: over the budget of 500,000 evaluation steps per root module",
    ) in found
    assert "SOV101" in {rule for rule, file, _ in found if file == "u/mod/main.tf"}  # the rest of the unit is judged
