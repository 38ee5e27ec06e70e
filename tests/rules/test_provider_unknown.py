"""SOV204: a provider the catalog does not know is never passed silently; once per module, where first named."""

from sovlint.baseline import fingerprint

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


SECRETS = (
    'resource "vault_generic_secret" "s" {\n  provider  = vault.ops\n  path      = "secret/s"\n  data_json = "{}"\n}\n'
    'resource "vault_generic_secret" "t" {\n  path      = "secret/t"\n  data_json = "{}"\n}\n'
)


def test_an_unknown_endpoint_is_named_by_its_provider_configuration_and_alias(lint):
    """Two configurations of one provider are two findings with two fingerprints (they had one address)."""
    source = (
        'provider "vault" {\n  address = "https://vault.example.org"\n}\n'
        'provider "vault" {\n  alias   = "ops"\n  address = "https://ops.example.org"\n}\n' + SECRETS
    )
    findings = lint({"main.tf": source}, only=["SOV204"])
    assert [(f.line, f.address) for f in findings] == [
        (2, 'provider["hashicorp/vault"]'),
        (6, 'provider["hashicorp/vault"].ops'),
    ]
    assert findings[1].message.startswith('provider["hashicorp/vault"].ops: its endpoint ops.example.org is not')
    assert len({fingerprint(f) for f in findings}) == 2


def test_an_unknown_endpoint_configured_in_a_module_is_one_finding_per_instance(lint):
    """As SOV103: each instance of a module configures its own provider; two instances reaching one server are
    two configurations, named with their instance, and an instance that sets no address says so at its block."""
    child = (
        'variable "addr" {}\nprovider "vault" {\n  alias   = "ops"\n  address = var.addr\n}\n'
        'provider "vault" {\n}\n' + SECRETS
    )
    calls = {"one": "https://one.example.org", "two": "https://two.example.org", "three": "https://two.example.org"}
    root = "".join(f'module "{m}" {{\n  source = "./mod"\n  addr   = "{a}"\n}}\n' for m, a in calls.items())
    findings = lint({"main.tf": root, "mod/main.tf": child}, only=["SOV204"])
    assert [(f.file, f.line, f.address) for f in findings] == [
        ("mod/main.tf", 4, 'module.one.provider["hashicorp/vault"].ops'),
        ("mod/main.tf", 4, 'module.three.provider["hashicorp/vault"].ops'),
        ("mod/main.tf", 4, 'module.two.provider["hashicorp/vault"].ops'),
        ("mod/main.tf", 6, 'module.one.provider["hashicorp/vault"]'),
        ("mod/main.tf", 6, 'module.three.provider["hashicorp/vault"]'),
        ("mod/main.tf", 6, 'module.two.provider["hashicorp/vault"]'),
    ]
    assert "two.example.org" in findings[1].message
    assert len({fingerprint(f) for f in findings}) == 6


def test_a_configuration_passed_to_a_module_keeps_the_callers_address(lint):
    root = (
        'provider "vault" {\n  alias   = "ops"\n  address = "https://ops.example.org"\n}\n'
        'module "one" {\n  source    = "./mod"\n  providers = {\n    vault = vault.ops\n  }\n}\n'
    )
    child = 'resource "vault_generic_secret" "s" {\n  path      = "secret/s"\n  data_json = "{}"\n}\n'
    findings = lint({"main.tf": root, "mod/main.tf": child}, only=["SOV204"])
    assert [(f.file, f.line, f.address) for f in findings] == [("main.tf", 3, 'provider["hashicorp/vault"].ops')]


def test_an_unknown_endpoint_no_configuration_names_keeps_the_providers_address(lint):
    """No provider block: Terraform's empty default configuration, said once at the first resource."""
    child = 'resource "vault_generic_secret" "s" {\n  path      = "secret/s"\n  data_json = "{}"\n}\n'
    root = 'terraform {\n  backend "local" {}\n}\nmodule "one" {\n  source = "./mod"\n}\n'
    root += 'module "two" {\n  source = "./mod"\n}\n'
    findings = lint({"main.tf": root, "mod/main.tf": child}, only=["SOV204"])
    assert [(f.file, f.line, f.address) for f in findings] == [("mod/main.tf", 1, 'provider["hashicorp/vault"]')]
    assert "no provider configuration 'vault' sets address" in findings[0].message
