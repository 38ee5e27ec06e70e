"""SOV204: a provider the catalog does not know is never passed silently; once per module, where first named."""

REQUIRED = 'terraform {\n  required_providers {\n    libvirt = {\n      source = "dmacvicar/libvirt"\n    }\n  }\n}\n'
RESOURCES = 'resource "libvirt_domain" "a" {\n  name = "a"\n}\nresource "libvirt_volume" "v" {\n  name = "v"\n}\n'


def test_said_once_at_the_required_providers_entry(lint):
    (finding,) = lint({"versions.tf": REQUIRED, "main.tf": RESOURCES}, only=["SOV204"])
    assert (finding.file, finding.line, finding.address) == ("versions.tf", 3, 'provider["dmacvicar/libvirt"]')
    assert str(finding.level) == "note"
    assert "not judged" in finding.message and "providers: [dmacvicar/libvirt]" in finding.message


def test_a_resource_of_an_undeclared_provider_names_terraforms_implied_source(lint):
    (finding,) = lint({"main.tf": RESOURCES}, only=["SOV204"])
    assert (finding.line, finding.address) == (1, 'provider["hashicorp/libvirt"]')


def test_known_providers_and_terraforms_own_are_not_reported(lint):
    source = 'resource "aws_s3_bucket" "b" {}\nresource "terraform_data" "d" {}\nresource "random_id" "r" {}\n'
    assert lint({"main.tf": source}, only=["SOV204"]) == []


def test_once_for_a_module_called_twice(lint):
    files = {
        "main.tf": 'module "a" {\n  source = "./mod"\n}\nmodule "b" {\n  source = "./mod"\n}\n',
        "mod/main.tf": RESOURCES,
    }
    assert [(f.file, f.line) for f in lint(files, only=["SOV204"])] == [("mod/main.tf", 1)]


def test_an_accepted_provider_is_not_reported(tmp_path):

    from conftest import write_tree
    from sovlint import engine
    from sovlint.discover import discover
    from sovlint.knowledge import profiles

    write_tree(tmp_path, {"main.tf": RESOURCES})
    files, _ = discover([str(tmp_path)])
    accepted = profiles.load("eu-strict")._replace(providers=frozenset({"hashicorp/libvirt"}))
    assert [f for f in engine.run(files, engine.Options(accepted)).findings if f.rule_id == "SOV204"] == []


def test_unknown_provider_resources_are_unknown_in_the_inventory(tmp_path):
    from conftest import write_tree
    from sovlint import engine, inventory
    from sovlint.discover import discover
    from sovlint.knowledge import catalog, profiles

    write_tree(tmp_path, {"main.tf": RESOURCES})
    files, _ = discover([str(tmp_path)])
    result = engine.run(files, engine.Options(profiles.load("eu-strict")))
    rows = inventory.rows(result.inventory, catalog.load())
    assert [(r.address, r.control, r.location) for r in rows] == [
        ("libvirt_domain.a", "unknown", "unknown"),
        ("libvirt_volume.v", "unknown", "unknown"),
    ]
