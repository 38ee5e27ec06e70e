"""fileset() over a folder that is not there: Terraform gives the empty set without an error, so a
factory module's resources keyed by its files are not created; over files that exist, it stays unknown."""

import pytest

from conftest import write_tree

# modelled on Cloud Foundation Fabric's project module (modules/project/tags.tf, iam.tf)
FACTORY = """
variable "factories_config" {
  type    = object({ custom_roles = optional(string) })
  default = {}
}
locals {
  _roles_path = pathexpand(coalesce(var.factories_config.custom_roles, "-"))
  _roles = {
    for f in try(fileset(local._roles_path, "*.yaml"), []) :
    replace(f, ".yaml", "") => yamldecode(file("${local._roles_path}/${f}"))
  }
}
resource "google_project_iam_custom_role" "roles" {
  for_each = local._roles
  project  = "p"
  role_id  = each.key
}
"""


def _roles(findings):
    return [f for f in findings if f.address.startswith("google_project_iam_custom_role.roles")]


def test_a_factory_folder_that_is_missing_creates_nothing(lint):
    assert _roles(lint({"main.tf": FACTORY})) == []


@pytest.mark.parametrize(
    "given",
    [
        '{ custom_roles = "roles" }',  # the folder exists (written below)
        '{ custom_roles = "/etc/roles" }',  # the machine Terraform runs on
        '{ custom_roles = "../roles" }',  # outside the root module
        '{ custom_roles = "~/roles" }',  # the home directory of whoever runs Terraform
    ],
)
def test_a_folder_that_exists_or_may_exist_leaves_existence_unknown(given, lint):
    source = FACTORY.replace("default = {}", f"default = {given}")
    found = _roles(lint({"main.tf": source, "roles/viewer.yaml": "name: viewer\n"}))
    assert [f.rule_id for f in found] == ["SOV201"]
    assert "if created" in found[0].message


def test_the_path_is_the_root_modules_working_directory_not_the_called_modules(tmp_path):
    """Terraform resolves fileset()'s path from where it runs: the root module's directory."""
    from conftest import lint_tree

    write_tree(
        tmp_path,
        {
            "live/main.tf": 'provider "google" {\n  region = "europe-west1"\n}\n'
            'module "p" {\n  source = "../modules/project"\n'
            '  factories_config = { custom_roles = "roles" }\n}\n',
            "modules/project/main.tf": FACTORY,
            "modules/project/roles/viewer.yaml": "name: viewer\n",  # beside the module: not where Terraform looks
        },
    )
    assert [f for f in lint_tree(tmp_path, ["live"]) if "custom_role" in f.address] == []
    write_tree(tmp_path, {"live/roles/viewer.yaml": "name: viewer\n"})
    found = [f for f in lint_tree(tmp_path, ["live"]) if "custom_role" in f.address]
    assert [f.address for f in found] == ["module.p.google_project_iam_custom_role.roles"]


def test_a_pattern_that_climbs_out_of_a_missing_folder_is_not_evaluated(lint):
    source = FACTORY.replace('"*.yaml"', '"../../*.yaml"')
    assert "if created" in _roles(lint({"main.tf": source}))[0].message
