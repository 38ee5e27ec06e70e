"""The shipped knowledge base: valid against its schemas, consistent, and every fact sourced."""

import json
import re

import pytest

from conftest import REPO
from sovlint import yamlload
from sovlint.knowledge import catalog, policies
from sovlint.rules import PARSE_ERROR, RULES
from sovlint.suppress import INVALID

POLICIES = policies.policies_dir()


def _schema(name):
    from importlib import resources

    return json.loads((resources.files("sovlint") / "schemas" / f"{name}.schema.json").read_text())


FILES = [
    ("companies.yaml", "companies"),
    ("providers.yaml", "providers"),
    ("backends.yaml", "backends"),
    ("registries.yaml", "registries"),
    ("services.yaml", "services"),
    ("countries.yaml", "countries"),
    ("rules.yaml", "rules"),
    ("laws.yaml", "laws"),
    ("offers.yaml", "offers"),
    ("endpoints.yaml", "endpoints"),
    ("hosting.yaml", "hosting"),
    ("kubernetes.yaml", "kubernetes"),
    ("data_kinds.yaml", "data_kinds"),
    *([("kcc-defaults.yaml", "kcc-defaults")] if (POLICIES / "kcc-defaults.yaml").exists() else []),
    *[(f"regions/{p.name}", "regions") for p in sorted((POLICIES / "regions").glob("*.yaml"))],
    *[(f"resource_types/{p.name}", "resource_types") for p in sorted((POLICIES / "resource_types").glob("*.yaml"))],
    *[(f"profiles/{p.name}", "profile") for p in sorted((POLICIES / "profiles").glob("*.yaml"))],
]


@pytest.mark.parametrize(("path", "schema"), FILES, ids=[f[0] for f in FILES])
def test_valid_against_schema(path, schema):
    import jsonschema

    data = yamlload.load((POLICIES / path).read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # YAML reads 2026-11-22 as a date: compare as ISO text
    jsonschema.validate(data, _schema(schema), format_checker=jsonschema.FormatChecker())


def test_references_resolve():
    cat = catalog.load()
    for company in cat.companies.values():
        assert company.parent is None or company.parent in cat.companies, company.id
    operated_via = {api.provider for api in cat.apis.values() if api.required}
    for provider in cat.providers.values():
        generic = provider.source in operated_via
        assert provider.company in cat.companies or provider.kind in ("utility", "cluster", "software") or generic, (
            provider.source
        )
        assert not provider.regions or provider.regions in cat.regions, provider.source
    for _host, company in cat.registries:
        assert company in cat.companies
    for name, backend in cat.backends.items():
        assert backend["company"] in cat.companies, name
    for api in cat.apis.values():
        assert api.provider in cat.providers, api.id
    for endpoint in cat.endpoints.values():
        assert endpoint.api in cat.apis and endpoint.operator in cat.companies, endpoint.id
        assert not endpoint.regions or endpoint.regions in cat.regions, endpoint.id
        assert not endpoint.region_from_host or re.compile(endpoint.region_from_host).groups >= 1, endpoint.id
    for group in cat.groups.values():
        assert all(code in cat.country_names for code in group)


def test_every_country_in_a_region_table_has_a_name():
    cat = catalog.load()
    for key in sorted(cat.regions):
        data = yamlload.load((POLICIES / "regions" / f"{key}.yaml").read_text())
        assert data["provider"] == key
        for code, entry in data["regions"].items():
            for country in entry.get("countries") or ([entry["country"]] if "country" in entry else []):
                assert country in cat.country_names, f"{key}:{code}:{country}"
        for zone in data.get("zones") or []:
            assert re.compile(zone["pattern"]).groups >= 1
        for unsure in data.get("uncertain") or []:
            re.compile(unsure["pattern"])  # a broken pattern fails here, not in a user's scan


def test_eu_and_eea_groups():
    cat = catalog.load()
    assert len(cat.groups["EU"]) == 27 and len(cat.groups["EEA"]) == 30
    assert set(cat.groups["EEA"]) - set(cat.groups["EU"]) == {"IS", "LI", "NO"}
    assert {"CH", "GB"} <= set(cat.groups["EU-ADEQUATE"]) and "US" not in cat.groups["EU-ADEQUATE"]


@pytest.mark.parametrize(
    ("provider", "code", "countries"),
    [
        ("hashicorp/aws", "eu-west-2", ("GB",)),
        ("hashicorp/aws", "eu-central-2", ("CH",)),
        ("hashicorp/aws", "eu-west-3c", ("FR",)),
        ("hashicorp/aws", "us-east-1-qro-1a", ("MX",)),  # a Local Zone of N. Virginia, in Mexico
        ("hashicorp/aws", "us-east-1", ("US",)),
        ("hashicorp/azurerm", "West Europe", ("NL",)),
        ("hashicorp/azurerm", "germanywestcentral", ("DE",)),
        ("hashicorp/google", "europe-west3", ("DE",)),
        ("hashicorp/google", "europe-west1-b", ("BE",)),
        ("oracle/oci", "uk-london-1", ("GB",)),
        ("scaleway/scaleway", "fr-par-2", ("FR",)),
        ("hetznercloud/hcloud", "ash", ("US",)),
        ("hetznercloud/hcloud", "hel1", ("FI",)),
        ("stackitcloud/stackit", "eu01", ("DE",)),
    ],
)
def test_region_traps(provider, code, countries):
    cat = catalog.load()
    region = cat.region(cat.provider(provider), code)
    assert region is not None and region.countries == countries


def test_rule_ids_match_the_registry():
    # SOV000 (parse errors) and SOV001 (bad suppression comments) come from the engine, not a rule module
    assert set(catalog.load().rules) - {PARSE_ERROR, INVALID} == set(RULES)


def test_rule_docs_are_current():
    """docs/rules/ holds an index and a page per rule, exactly as generated: nothing stale, nothing missing."""
    from sovlint.knowledge.ruledocs import pages

    expected = pages(catalog.load())
    docs = REPO / "docs" / "rules"
    assert sorted(p.name for p in docs.iterdir()) == sorted(expected), "run: sovlint rules --docs docs/rules"
    for name, text in expected.items():
        assert (docs / name).read_text(encoding="utf-8") == text, f"run: sovlint rules --docs docs/rules ({name})"


@pytest.mark.parametrize("path", [f[0] for f in FILES])
def test_no_key_is_written_twice(path):
    """PyYAML keeps the last of two equal keys silently; a region or company written twice is a mistake."""
    import yaml

    def walk(node, where):
        if isinstance(node, yaml.MappingNode):
            keys = [str(k.value).replace(" ", "").lower() for k, _ in node.value]
            duplicates = sorted({k for k in keys if keys.count(k) > 1})
            assert not duplicates, f"{path}: {where}: {duplicates}"
            for key, value in node.value:
                walk(value, f"{where}.{key.value}")
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{where}[{i}]")

    walk(yaml.compose((POLICIES / path).read_text(encoding="utf-8"), Loader=yaml.SafeLoader), "")


def test_every_offer_names_a_known_provider_operator_and_region():
    cat = catalog.load()
    for offer in cat.offers.values():
        provider = cat.provider(offer["provider"])
        assert provider is not None and offer["operator"] in cat.companies, offer["id"]
        for code in offer["match"].get("regions", []):
            assert cat.region(provider, code) is not None, (offer["id"], code)


def test_every_key_is_text():
    """The parsed policies are kept as JSON between runs: a key YAML reads as a number or a boolean
    (`NO`, `1`) would come back as text and stop matching."""

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                assert isinstance(key, str), f"{where}: {key!r}"
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    for path in sorted(POLICIES.rglob("*.yaml")):
        walk(yamlload.load(path.read_text(encoding="utf-8")), path.name)


def test_parsed_policies_are_kept_and_refreshed_when_a_file_changes(tmp_path, monkeypatch):
    import os
    import shutil

    # the copy in the cache is what a source checkout uses; an installed sovlint reads its built-in snapshot first
    monkeypatch.setattr(policies, "SNAPSHOT", tmp_path / "no-snapshot.json")
    root = tmp_path / "policies"
    shutil.copytree(POLICIES, root)
    cache = tmp_path / "cache"
    policies.cache_in(cache)
    try:
        first = policies.read_policies.__wrapped__(root)
        [copy] = list(cache.glob("policies-*.json"))
        assert policies.read_policies.__wrapped__(root) == first  # read back from the copy
        assert first == json.loads(json.dumps(first))
        table = root / "regions" / "aws.yaml"
        table.write_text(table.read_text().replace('city: "London"', 'city: "Londinium"'))
        os.utime(table, ns=(1, 1))
        second = policies.read_policies.__wrapped__(root)
        assert second["regions/aws.yaml"]["regions"]["eu-west-2"]["city"] == "Londinium"
        assert [p.name for p in cache.glob("policies-*.json")] != [copy.name]  # the stale copy is gone
        assert catalog.Catalog(root).regions["aws"].get("eu-west-2").city == "Londinium"
    finally:
        policies.cache_in(None)
