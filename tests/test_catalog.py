"""The catalog's look-ups, as the rules and placement call them, on the shipped policies/."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovlint.knowledge import catalog as catalog_mod
from sovlint.knowledge import records
from sovlint.model import OwnEndpoint

CATALOG = catalog_mod.load()


def _provider(name: str) -> records.Provider:
    found = CATALOG.provider(name)
    assert found is not None, name
    return found


@pytest.mark.parametrize(
    ("provider", "code", "expected"),
    [
        ("hashicorp/aws", "eu-west-3", ("eu-west-3", ("FR",))),
        ("hashicorp/aws", "eu-west-3a", ("eu-west-3", ("FR",))),  # an availability zone: its region
        ("hashicorp/aws", "EU-WEST-3", ("eu-west-3", ("FR",))),
        ("hashicorp/azurerm", "westeurope", ("westeurope", ("NL",))),
        ("hashicorp/azurerm", "West Europe", ("westeurope", ("NL",))),  # the display name, spaces and case
        ("hashicorp/azurerm", "west europe", ("westeurope", ("NL",))),
        ("hashicorp/aws", "eu-isoe-west-1", None),  # uncertain: no country is claimed
        ("hashicorp/aws", "mars-north-1", None),
        ("hashicorp/aws", "eu-west-3-ist-1a", None),  # a Local Zone is not placed by its parent region
    ],
)
def test_region_by_code_and_zone(provider: str, code: str, expected: tuple[str, tuple[str, ...]] | None) -> None:
    region = CATALOG.region(_provider(provider), code)
    assert (None if region is None else (region.code, region.countries)) == expected


@pytest.mark.parametrize(
    ("code", "uncertain"),
    [("eu-isoe-west-1", 0), ("us-east-1-mia-2a", 1), ("eu-west-3", None), ("eu-west-3a", None)],
)
def test_uncertain_codes_are_known_as_such(code: str, uncertain: int | None) -> None:
    table = CATALOG.regions["aws"]
    found = table.uncertain(code)
    assert (None if found is None else found[0]) == uncertain


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("eu-west-3", ("eu-west-3", ("FR",), True)),
        ("mars-north-1", ("mars-north-1", (), False)),
    ],
)
def test_placement_of_a_code(code: str, expected: tuple[str, tuple[str, ...], bool]) -> None:
    placement = CATALOG.placement(_provider("hashicorp/aws"), code, "literal")
    assert (placement.region, placement.countries, placement.known_region) == expected
    assert (placement.provider, placement.how) == ("hashicorp/aws", "literal")


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("hashicorp/aws", "hashicorp/aws"),
        ("aws", "hashicorp/aws"),  # the local name (resource type prefix)
        ("HashiCorp/AWS", "hashicorp/aws"),
        ("azurerm", "hashicorp/azurerm"),
        ("random", "hashicorp/random"),
        ("example/nothing", None),
        ("nothing", None),
    ],
)
def test_provider_by_source_and_by_local_name(name: str, source: str | None) -> None:
    found = CATALOG.provider(name)
    assert (None if found is None else found.source) == source


@pytest.mark.parametrize(
    ("company", "chain"),
    [
        ("aws", ["aws", "amazon"]),
        ("google", ["google", "alphabet"]),
        ("microsoft", ["microsoft"]),
        ("nobody", []),
    ],
)
def test_chain_climbs_to_the_ultimate_parent(company: str, chain: list[str]) -> None:
    assert [c.id for c in CATALOG.chain(company)] == chain


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://s3.eu-west-3.amazonaws.com", ("s3.eu-west-3.amazonaws.com", "aws-s3", "eu-west-3", False)),
        (
            "https://bucket.s3.eu-west-3.amazonaws.com/key",
            ("bucket.s3.eu-west-3.amazonaws.com", "aws-s3", "eu-west-3", False),
        ),
        ("s3-eu-west-1.amazonaws.com:443", ("s3-eu-west-1.amazonaws.com", "aws-s3", "eu-west-1", False)),
        ("https://S3.AMAZONAWS.COM", ("s3.amazonaws.com", "aws-s3", "", False)),
        ("http://localhost:4566", ("localhost", None, "", True)),
        ("http://localstack:4566", ("localstack", None, "", True)),
        ("https://minio.example.org", ("minio.example.org", None, "", False)),
        ("https://s3.amazonaws.com.evil.example", ("s3.amazonaws.com.evil.example", None, "", False)),
    ],
)
def test_endpoint_matches_the_host(url: str, expected: tuple[str, str | None, str, bool]) -> None:
    match = CATALOG.endpoint("s3", url)
    found = (match.host, match.endpoint.id if match.endpoint else None, match.region, match.local)
    assert found == expected


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("https://evil.com\\@x.us-east-1.eks.amazonaws.com", id="backslash-before-at"),
        pytest.param("evil.com\\@x.us-east-1.eks.amazonaws.com", id="bare-backslash"),
        pytest.param("https://evil^com@x.us-east-1.eks.amazonaws.com", id="userinfo-caret"),
        pytest.param("https://evil com@x.us-east-1.eks.amazonaws.com", id="userinfo-blank"),
        pytest.param("https://x.us-east-1.eks\t.amazonaws.com", id="control-character"),
    ],
)
def test_a_url_that_go_refuses_has_no_host(url: str) -> None:
    """Providers parse their endpoint with Go's net/url, which refuses these URLs: urlsplit would take the part
    after the `@` for the host and place the resources in an operator's region."""
    match = CATALOG.endpoint("kubernetes", url)
    assert (match.host, match.endpoint, match.region) == ("", None, "")


def test_user_information_that_go_accepts_keeps_the_host() -> None:
    match = CATALOG.endpoint("kubernetes", "https://user:p%40ss@x.us-east-1.eks.amazonaws.com")
    assert match.endpoint is not None and (match.host, match.region) == ("x.us-east-1.eks.amazonaws.com", "us-east-1")


def test_a_catalog_with_endpoints_from_config_shares_the_tables_either_makes() -> None:
    base = catalog_mod.Catalog(CATALOG.root)
    extended = base.with_endpoints((OwnEndpoint("our Ceph", ("*.example.eu",), "DE", "US"),))
    assert extended.providers is base.providers  # made by the copy, once, for both
    assert base.regions is extended.regions
    found = extended.endpoint("s3", "https://s3.example.eu")
    assert found.endpoint is not None and found.endpoint.name == "our Ceph" and found.endpoint.country == "DE"
    assert [c.country for c in extended.chain(found.endpoint.operator)] == ["US"]
    assert base.endpoint("s3", "https://s3.example.eu").endpoint is None
    assert found.endpoint.operator not in base.companies


def test_a_table_read_on_the_class_is_its_descriptor_with_its_text() -> None:
    """help(Catalog) and inspect read the tables on the class, where there is no catalog to make them from."""
    import inspect

    table = catalog_mod.Catalog.regions
    assert isinstance(table, catalog_mod._table) and table.__doc__ and "region tables" in table.__doc__
    assert dict(inspect.getmembers(catalog_mod.Catalog))["companies"] is catalog_mod.Catalog.__dict__["companies"]
    assert CATALOG.regions is CATALOG.regions and "aws" in CATALOG.regions


def test_an_endpoint_of_another_api_does_not_match() -> None:
    assert CATALOG.endpoint("openstack", "https://s3.eu-west-3.amazonaws.com").endpoint is None
    ovh = CATALOG.endpoint("openstack", "https://auth.cloud.ovh.net/v3/").endpoint
    assert ovh is not None and (ovh.id, ovh.operator) == ("ovh-public-cloud", "ovhcloud")


@pytest.mark.parametrize(
    ("rtype", "kind"),
    [
        ("aws_s3_bucket", "storage"),
        ("azurerm_storage_account", "storage"),
        ("aws_db_instance", "database"),
        ("aws_dynamodb_table", "database"),
        ("aws_sqs_queue", "queue"),
        ("aws_secretsmanager_secret", "secret"),
        ("aws_iam_role", ""),
        ("aws_vpc", ""),
    ],
)
def test_data_kind(rtype: str, kind: str) -> None:
    assert CATALOG.data_kind(rtype) == kind


@pytest.mark.parametrize(
    ("provider", "rtype", "writes", "expected"),
    [
        ("hashicorp/aws", "aws_instance", False, True),  # located by nature
        ("hashicorp/aws", "aws_iam_role", True, False),  # unlocated, whatever it writes
        ("hashicorp/aws", "aws_s3_bucket_policy", True, False),  # a part of a located parent
        ("hashicorp/random", "random_id", True, False),  # a utility provider
        ("digitalocean/digitalocean", "digitalocean_droplet", False, True),
        ("digitalocean/digitalocean", "digitalocean_custom_image", True, True),  # located because it writes one
        ("digitalocean/digitalocean", "digitalocean_custom_image", False, False),
    ],
)
def test_records_is_located(provider: str, rtype: str, writes: bool, expected: bool) -> None:
    assert records.is_located(rtype, _provider(provider), writes) is expected


GLOB_ALPHABET = "ab_*?[]!\n"


@settings(max_examples=500, deadline=None)
@given(name=st.text(alphabet=GLOB_ALPHABET, max_size=8), glob=st.text(alphabet=GLOB_ALPHABET, max_size=6))
def test_type_globs_match_as_fnmatch_does(name: str, glob: str) -> None:
    import fnmatch

    assert records.glob_matches(name, glob) is fnmatch.fnmatchcase(name, glob)


@pytest.mark.parametrize(
    ("name", "glob", "matches"),
    [
        ("aws_iam_role", "aws_iam_*", True),
        ("aws_iam", "aws_iam_*", False),
        ("aws_iam_", "aws_iam_*", True),
        ("aws_s3_bucket", "aws_s3_bucket", True),
        ("aws_s3_bucket_policy", "aws_s3_bucket", False),
        ("aws_s3_bucket\nx", "aws_s3_*", True),
        ("anything", "*", True),
        ("aws_x_role", "aws_*_role", True),
        ("aws_x_rolf", "aws_*_role", False),
    ],
)
def test_type_globs(name: str, glob: str, matches: bool) -> None:
    assert records.glob_matches(name, glob) is matches
