"""SaaS data platforms: where their data lives and both layers of control (operator, hosting cloud).

Each snippet has the shape of the example in the provider's own documentation.
"""

import pytest

RULES = ["SOV101", "SOV102", "SOV103", "SOV104", "SOV105", "SOV201"]


def _verdicts(findings):
    """(rule, country of the data or, for SOV201, the layer outside) per finding."""
    out = []
    for f in findings:
        props = dict(f.properties)
        out.append((f.rule_id, props.get("layer", "") if f.rule_id == "SOV201" else props.get("country", "")))
    return sorted(out)


ATLAS = """
resource "mongodbatlas_advanced_cluster" "test" {
  project_id   = "PROJECT ID"
  name         = "NAME OF CLUSTER"
  cluster_type = "REPLICASET"
  replication_specs {
    region_configs {
      electable_specs {
        instance_size = "M10"
        node_count    = 3
      }
      provider_name = "%s"
      priority      = 7
      region_name   = "%s"
    }
  }
}
"""

CONFLUENT = """
resource "confluent_environment" "development" {
  display_name = "Development"
}
resource "confluent_kafka_cluster" "basic" {
  display_name = "basic_kafka_cluster"
  availability = "SINGLE_ZONE"
  cloud        = "%s"
  region       = "%s"
  basic {}
  environment {
    id = confluent_environment.development.id
  }
}
"""

AIVEN = """
resource "aiven_pg" "pg" {
  project                 = data.aiven_project.pr1.project
  cloud_name              = "%s"
  plan                    = "startup-4"
  service_name            = "my-pg1"
  maintenance_window_dow  = "monday"
  maintenance_window_time = "10:00:00"
}
"""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(ATLAS % ("AWS", "US_EAST_1"), [("SOV101", "US"), ("SOV201", "both")], id="atlas-aws-us-east-1"),
        pytest.param(ATLAS % ("AWS", "EU_WEST_1"), [("SOV201", "both")], id="atlas-aws-ireland"),
        pytest.param(ATLAS % ("GCP", "WESTERN_EUROPE"), [("SOV201", "both")], id="atlas-gcp-named-region"),
        pytest.param(
            ATLAS % ("AZURE", "US_EAST_2"), [("SOV101", "US"), ("SOV201", "both")], id="atlas-azure-us-east-2"
        ),
        pytest.param(
            ATLAS % ("TENANT", "EU_WEST_1"), [("SOV102", ""), ("SOV201", "operator")], id="atlas-tenant-no-cloud"
        ),
        pytest.param(
            ATLAS.replace("priority      = 7", 'priority      = 7\n      backing_provider_name = "AWS"')
            % ("FLEX", "EU_CENTRAL_1"),
            [("SOV201", "both")],
            id="atlas-flex-backed-by-aws",
        ),
        pytest.param(
            CONFLUENT % ("AWS", "us-east-2"),
            [("SOV101", "US"), ("SOV201", "both"), ("SOV201", "operator")],
            id="confluent-aws",
        ),
        pytest.param(
            CONFLUENT % ("AZURE", "westeurope"),
            [("SOV201", "both"), ("SOV201", "operator")],
            id="confluent-azure-netherlands",
        ),
        pytest.param(
            CONFLUENT % ("GCP", "europe-west99"),
            [("SOV103", ""), ("SOV201", "both"), ("SOV201", "operator")],
            id="confluent-unknown-region",
        ),
        pytest.param(AIVEN % "google-europe-west1", [("SOV201", "hosting")], id="aiven-on-google"),
        pytest.param(AIVEN % "upcloud-de-fra1", [], id="aiven-on-upcloud"),
        pytest.param(AIVEN % "upcloud-de-fra", [], id="aiven-upcloud-cloud-named-without-zone-number"),
        pytest.param(AIVEN % "upcloud-dk-cph", [], id="aiven-upcloud-copenhagen"),
        pytest.param(AIVEN % "upcloud-us-nyc", [("SOV101", "US")], id="aiven-upcloud-new-york"),
        pytest.param(AIVEN % "aws-us-east-1", [("SOV101", "US"), ("SOV201", "hosting")], id="aiven-on-aws-us"),
        pytest.param(AIVEN % "azure-westeurope", [("SOV201", "hosting")], id="aiven-on-azure"),
        pytest.param(AIVEN % "nowhere", [("SOV102", "")], id="aiven-cloud-name-without-cloud"),
        pytest.param(AIVEN % "azure-germany-westcentral", [("SOV201", "hosting")], id="aiven-azure-with-dashes"),
        pytest.param(
            AIVEN % "timescale-google-us-east1", [("SOV101", "US"), ("SOV201", "hosting")], id="aiven-timescale"
        ),
        pytest.param(
            'resource "ec_deployment" "example_minimal" {\n  name = "my_example_deployment"\n  region = "us-east-1"\n'
            '  version = data.ec_stack.latest.version\n  deployment_template_id = "aws-io-optimized-v2"\n'
            "  elasticsearch = {\n    hot = {\n      autoscaling = {}\n    }\n  }\n}\n",
            [("SOV101", "US"), ("SOV201", "both")],
            id="elastic-cloud-aws-without-prefix",
        ),
        pytest.param(
            'resource "ec_deployment" "eu" {\n  region = "gcp-europe-west3"\n  version = "8.15.0"\n'
            '  deployment_template_id = "gcp-storage-optimized"\n}\n',
            [("SOV201", "both")],
            id="elastic-cloud-gcp-frankfurt",
        ),
        pytest.param(
            'resource "snowflake_account" "minimal" {\n  name = "ACCOUNT_NAME"\n  admin_name = "ADMIN_NAME"\n'
            '  email = "admin@email.com"\n  edition = "STANDARD"\n  region_group = "PUBLIC"\n  region = "AWS_US_WEST_2"\n}\n',
            [("SOV101", "US"), ("SOV201", "both")],
            id="snowflake-account-aws-oregon",
        ),
        pytest.param(
            'resource "snowflake_account" "eu" {\n  name = "EU"\n  region = "AZURE_WESTEUROPE"\n}\n',
            [("SOV201", "both")],
            id="snowflake-account-azure-west-europe",
        ),
        pytest.param(
            'resource "snowflake_database" "db" {\n  name = "DB"\n}\n',
            [("SOV201", "operator")],
            id="snowflake-database-control-only",
        ),
        pytest.param(
            'resource "databricks_mws_workspaces" "this" {\n  account_id = var.databricks_account_id\n'
            '  workspace_name = "my-workspace"\n  aws_region = "us-east-1"\n}\n',
            [("SOV101", "US"), ("SOV201", "both")],
            id="databricks-aws-workspace",
        ),
        pytest.param(
            'resource "databricks_mws_workspaces" "this" {\n  account_id = "x"\n  workspace_name = "gcp-workspace"\n'
            '  location = "europe-west1"\n  cloud_resource_container {\n    gcp {\n      project_id = "p"\n    }\n  }\n}\n',
            [("SOV201", "both")],
            id="databricks-gcp-workspace",
        ),
        pytest.param(
            'resource "rediscloud_subscription" "subscription-resource" {\n  name = "subscription-name"\n'
            '  payment_method_id = data.rediscloud_payment_method.card.id\n  memory_storage = "ram"\n'
            '  cloud_provider {\n    provider = "AWS"\n    region {\n      region = "eu-west-1"\n'
            '      multiple_availability_zones = true\n      networking_deployment_cidr = "10.0.0.0/24"\n'
            '      preferred_availability_zones = ["euw1-az1"]\n    }\n  }\n}\n',
            [("SOV201", "both")],
            id="redis-cloud-aws-ireland",
        ),
        pytest.param(
            'resource "cockroach_cluster" "advanced" {\n  name = "cockroach-advanced"\n  cloud_provider = "GCP"\n'
            '  plan = "ADVANCED"\n  dedicated = {\n    storage_gib = 15\n    num_virtual_cpus = 4\n  }\n'
            '  regions = [\n    {\n      name = "us-central1"\n      node_count = 1\n    }\n  ]\n}\n',
            [("SOV101", "US"), ("SOV201", "both")],
            id="cockroach-gcp-iowa",
        ),
        pytest.param(
            'resource "cockroach_cluster" "multi" {\n  name = "m"\n  cloud_provider = "AWS"\n'
            '  regions = [\n    { name = "eu-central-1" },\n    { name = "us-east-1" },\n  ]\n}\n',
            [("SOV105", "DE"), ("SOV201", "both")],
            id="cockroach-replica-outside",
        ),
        pytest.param(
            'resource "neon_project" "this" {\n  name = "myproject"\n  region_id = "azure-gwc"\n}\n',
            [("SOV201", "both")],
            id="neon-azure-germany-west-central",
        ),
        pytest.param(
            'resource "neon_project" "this" {\n  name = "myproject"\n  region_id = "aws-us-east-2"\n}\n',
            [("SOV101", "US"), ("SOV201", "both")],
            id="neon-aws-ohio",
        ),
        pytest.param(
            'resource "supabase_project" "production" {\n  organization_id = "continued-brown-smelt"\n'
            '  name = "tf-example"\n  database_password = "tf-example"\n  region = "us-east-1"\n}\n',
            [("SOV101", "US"), ("SOV201", "both")],
            id="supabase-aws-virginia",
        ),
        pytest.param(
            'resource "heroku_app" "cedar_app" {\n  name   = "my-cedar-app"\n  region = "eu"\n'
            '  config_vars = {\n    FOOBAR = "baz"\n  }\n}\n',
            [("SOV201", "both")],
            id="heroku-eu-is-aws-ireland",
        ),
        pytest.param(
            'resource "heroku_app" "cedar_app" {\n  name   = "my-cedar-app"\n  region = "us"\n}\n',
            [("SOV101", "US"), ("SOV201", "both")],
            id="heroku-us",
        ),
        pytest.param(
            'resource "hcp_hvn" "example" {\n  hvn_id = "main-hvn"\n  cloud_provider = "aws"\n'
            '  region = "us-west-2"\n  cidr_block = "172.25.16.0/20"\n}\n',
            [("SOV101", "US"), ("SOV201", "both")],
            id="hcp-hvn-aws-oregon",
        ),
        pytest.param(
            'resource "grafana_cloud_stack" "test" {\n  name = "gcloudstacktest"\n  slug = "gcloudstacktest"\n'
            '  region_slug = "eu"\n}\n',
            [("SOV103", ""), ("SOV201", "operator")],
            id="grafana-cloud-region-slug-unknown",
        ),
        pytest.param(
            'resource "vercel_project" "example" {\n  name = "example-project"\n  framework = "nextjs"\n'
            '  serverless_function_region = "fra1"\n}\n',
            [("SOV201", "operator")],
            id="vercel-functions-frankfurt",
        ),
        pytest.param(
            'resource "vercel_project" "example" {\n  name = "example-project"\n  serverless_function_region = "iad1"\n}\n',
            [("SOV101", "US"), ("SOV201", "operator")],
            id="vercel-functions-washington",
        ),
        pytest.param(
            'resource "fastly_service_vcl" "demo" {\n  name = "demofastly"\n  domain {\n    name = "demo.notexample.com"\n'
            '  }\n  backend {\n    address = "127.0.0.1"\n    name = "localhost"\n    port = 80\n  }\n  force_destroy = true\n}\n',
            [("SOV104", ""), ("SOV201", "operator")],
            id="fastly-edge",
        ),
        pytest.param(
            'resource "akamai_property" "example" {\n  name = "terraform-demo"\n  contract_id = "ctr_1-AB123"\n'
            '  group_id = "grp_123"\n  product_id = "prd_SPM"\n}\n',
            [("SOV104", ""), ("SOV201", "operator")],
            id="akamai-edge",
        ),
        pytest.param(
            'resource "netlify_environment_variable" "astro_site" {\n  team_id = "6600abcd"\n  site_id = "1a2b3c"\n'
            '  key = "ASTRO_DATABASE_FILE"\n}\n',
            [("SOV201", "operator")],
            id="netlify-control",
        ),
        pytest.param(
            'resource "okta_group" "example" {\n  name = "Example"\n  description = "My Example Group"\n}\n',
            [("SOV201", "operator")],
            id="okta-control",
        ),
    ],
)
def test_platform_locations_and_layers(lint, source, expected):
    assert _verdicts(lint({"main.tf": source}, only=RULES)) == expected


SITES = [
    pytest.param(
        'provider "datadog" {\n  api_key = var.datadog_api_key\n  app_key = var.datadog_app_key\n'
        '  api_url = "https://api.datadoghq.eu/"\n}\n',
        'resource "datadog_monitor" "foo" {\n  name = "Name for monitor foo"\n  type = "metric alert"\n'
        '  query = "avg(last_1h):avg:aws.ec2.cpu{environment:foo,host:foo} by {host} > 4"\n}\n',
        [("SOV201", "operator")],
        id="datadog-eu1-site",
    ),
    pytest.param(
        'provider "datadog" {\n  api_key = var.datadog_api_key\n  app_key = var.datadog_app_key\n}\n',
        'resource "datadog_monitor" "foo" {\n  name = "foo"\n  type = "metric alert"\n  query = "q"\n}\n',
        [("SOV101", "US"), ("SOV201", "operator")],
        id="datadog-default-us1",
    ),
    pytest.param(
        'provider "datadog" {\n  api_url = "https://api.us5.datadoghq.com/"\n}\n',
        'resource "datadog_dashboard" "d" {\n  title = "t"\n  layout_type = "ordered"\n}\n',
        [("SOV101", "US"), ("SOV201", "operator")],
        id="datadog-us5",
    ),
    pytest.param(
        'provider "datadog" {\n  api_url = "https://api.uk1.datadoghq.com/"\n}\n',
        'resource "datadog_dashboard" "d" {\n  title = "t"\n  layout_type = "ordered"\n}\n',
        [("SOV101", "GB"), ("SOV201", "operator")],
        id="datadog-uk1-london",
    ),
    pytest.param(
        'provider "newrelic" {\n  account_id = 12345\n  api_key = "NRAK-***"\n  region = "EU"\n}\n',
        'resource "newrelic_alert_policy" "foo" {\n  name = "example"\n}\n',
        [("SOV201", "operator")],
        id="newrelic-eu",
    ),
    pytest.param(
        'provider "newrelic" {\n  account_id = 12345\n  region = "US"\n}\n',
        'resource "newrelic_alert_policy" "foo" {\n  name = "example"\n}\n',
        [("SOV101", "US"), ("SOV201", "operator")],
        id="newrelic-us",
    ),
    pytest.param(
        'provider "sentry" {\n  token = var.sentry_auth_token\n  base_url = "https://de.sentry.io/api/"\n}\n',
        'resource "sentry_project" "default" {\n  organization = "my-organization"\n  teams = ["my-first-team"]\n'
        '  name = "web-app"\n  platform = "javascript"\n}\n',
        [("SOV201", "operator")],
        id="sentry-de",
    ),
    pytest.param(
        'provider "sentry" {\n  token = var.sentry_auth_token\n  base_url = "https://sentry.example.com/api/"\n}\n',
        'resource "sentry_project" "default" {\n  organization = "o"\n  name = "web-app"\n}\n',
        [("SOV103", ""), ("SOV201", "operator")],
        id="sentry-self-hosted-is-unknown",
    ),
    pytest.param(
        'provider "pagerduty" {\n  token = var.pagerduty_token\n}\n',
        'resource "pagerduty_team" "eng" {\n  name = "Engineering"\n}\n',
        [("SOV101", "US"), ("SOV201", "operator")],
        id="pagerduty-default-us",
    ),
    pytest.param(
        'provider "pagerduty" {\n  token = var.pagerduty_token\n  service_region = "eu"\n}\n',
        'resource "pagerduty_team" "eng" {\n  name = "Engineering"\n}\n',
        [("SOV103", ""), ("SOV201", "operator")],
        id="pagerduty-eu-uncertain",
    ),
    pytest.param(
        'provider "okta" {\n  org_name = "dev-123456"\n  base_url = "okta-emea.com"\n  client_id = "0oa1"\n}\n',
        'resource "okta_group" "example" {\n  name = "Example"\n  description = "My Example Group"\n}\n',
        [("SOV103", ""), ("SOV201", "operator")],
        id="okta-emea-domain-names-no-cell",
    ),
    pytest.param(
        'provider "okta" {\n  org_name = "dev-123456"\n  base_url = "oktapreview.com"\n}\n',
        'resource "okta_group" "example" {\n  name = "Example"\n}\n',
        [("SOV103", ""), ("SOV201", "operator")],
        id="okta-preview-domain",
    ),
    pytest.param(
        'provider "okta" {}\n',
        'resource "okta_group" "example" {\n  name = "Example"\n}\n',
        [("SOV102", ""), ("SOV201", "operator")],
        id="okta-domain-from-the-environment",
    ),
    pytest.param(
        'provider "auth0" {\n  domain = "example.jp.auth0.com"\n  client_id = "<client-id>"\n}\n',
        'resource "auth0_client" "my_client" {\n  name = "Application - Acceptance Test"\n  app_type = "non_interactive"\n}\n',
        [("SOV101", "JP"), ("SOV201", "operator")],
        id="auth0-japan",
    ),
    pytest.param(
        'provider "auth0" {\n  domain = "example.eu.auth0.com"\n}\n',
        'resource "auth0_client" "c" {\n  name = "c"\n}\n',
        [("SOV103", ""), ("SOV201", "operator")],
        id="auth0-eu-uncertain",
    ),
]


@pytest.mark.parametrize(("provider", "source", "expected"), SITES)
def test_sites_named_by_the_provider_configuration(lint, provider, source, expected):
    assert _verdicts(lint({"main.tf": provider + source}, only=RULES)) == expected


def test_catalog_says_sentry_runs_on_google_cloud():
    from sovlint.knowledge import facts

    text = facts.provider("jianyuan/sentry")
    assert "hosted on Google Cloud Platform" in text and "this second layer is not judged" in text


def test_grafana_cloud_slug_is_unknown_with_the_reason(lint):
    source = (
        'resource "grafana_cloud_stack" "test" {\n  name = "s"\n  slug = "s"\n  region_slug = "prod-eu-west-0"\n}\n'
    )
    (unknown,) = lint({"main.tf": source}, only=["SOV103"])
    assert "no source sovlint cites gives the country" in unknown.message


def test_residency_profile_judges_location_not_control(lint):
    source = AIVEN % "google-europe-west1" + ATLAS % ("AWS", "US_EAST_1")
    assert _verdicts(lint({"main.tf": source}, only=RULES, profile="eu-residency")) == [("SOV101", "US")]


def test_message_says_which_layer(lint):
    (hosted,) = lint({"main.tf": AIVEN % "google-europe-west1"}, only=["SOV201"])
    assert "Aiven Oy (Finland), but is hosted on Google Cloud europe-west1" in hosted.message
    assert dict(hosted.properties)["host"] == "hashicorp/google"
    (both,) = lint({"main.tf": ATLAS % ("AWS", "US_EAST_1")}, only=["SOV201"])
    assert "MongoDB, Inc. (United States), on Amazon Web Services us-east-1" in both.message
    assert "both layers outside" in both.message


def test_region_from_a_variable_is_followed(lint):
    source = 'variable "cloud_name" {\n  default = "aws-eu-central-1"\n}\n' + (AIVEN % "X").replace(
        '"X"', "var.cloud_name"
    )
    findings = lint({"main.tf": source}, only=["SOV201", "SOV101"])
    assert [(f.rule_id, dict(f.properties)["country"]) for f in findings] == [("SOV201", "DE")]


def test_an_accepted_hosting_cloud_is_not_a_layer_outside(tmp_path):

    from conftest import write_tree
    from sovlint import engine
    from sovlint.discover import discover
    from sovlint.knowledge import profiles

    accepting = profiles.load("eu-strict")._replace(providers=frozenset({"hashicorp/google"}))
    write_tree(tmp_path, {"a.tf": AIVEN % "google-europe-west1", "b.tf": ATLAS % ("GCP", "WESTERN_EUROPE")})
    files, _ = discover([str(tmp_path)])
    findings = [f for f in engine.run(files, engine.Options(accepting)).findings if f.rule_id == "SOV201"]
    assert [(f.address, dict(f.properties)["layer"]) for f in findings] == [
        ("mongodbatlas_advanced_cluster.test", "operator")
    ]


def test_catalog_explains_both_layers():
    from sovlint.knowledge import facts

    text = facts.provider("aiven")
    assert "Aiven Oy (Finland)" in text
    assert "- upcloud: UpCloud, controlled by UpCloud Oy (Finland)" in text
    assert "- google: Google Cloud, controlled by Alphabet Inc. (United States)" in text
    assert "cloud_name" in text and "terraform-provider-aiven" in text


def test_inventory_has_a_hosted_on_column(tmp_path, monkeypatch, capsys):
    import csv
    import io
    import json

    from conftest import write_tree
    from sovlint.cli import main

    write_tree(tmp_path, {"main.tf": AIVEN % "google-europe-west1" + AIVEN.replace('"pg"', '"up"') % "upcloud-fi-hel1"})
    monkeypatch.chdir(tmp_path)
    assert main(["inventory", "--format", "json", "."]) == 0
    document = json.loads(capsys.readouterr().out)
    rows = {r["address"]: r for r in document["resources"]}
    assert (rows["aiven_pg.pg"]["hosted_on"], rows["aiven_pg.pg"]["host_country"]) == (
        "Google Cloud (Alphabet Inc.)",
        "US",
    )
    assert rows["aiven_pg.pg"]["control"] == "foreign"  # Aiven is Finnish, the cloud under it is not
    assert (rows["aiven_pg.up"]["hosted_on"], rows["aiven_pg.up"]["control"]) == ("UpCloud (UpCloud Oy)", "EU/EEA")
    assert main(["inventory", "--format", "csv", "."]) == 0
    header = next(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert "hosted_on" in header


def test_a_plan_places_a_platform_on_its_hosting_cloud(lint):
    import json

    values = {
        "name": "NAME OF CLUSTER",
        "replication_specs": [
            {
                "region_configs": [
                    {"provider_name": "AWS", "region_name": "EU_WEST_1", "priority": 7},
                    {"provider_name": "GCP", "region_name": "CENTRAL_US", "priority": 6},
                ]
            }
        ],
    }
    resources = [
        {
            "address": "mongodbatlas_advanced_cluster.test",
            "mode": "managed",
            "type": "mongodbatlas_advanced_cluster",
            "name": "test",
            "provider_name": "registry.terraform.io/mongodb/mongodbatlas",
            "values": values,
        },
        {
            "address": "aiven_pg.pg",
            "mode": "managed",
            "type": "aiven_pg",
            "name": "pg",
            "provider_name": "registry.terraform.io/aiven/aiven",
            "values": {"cloud_name": "upcloud-de-fra1", "service_name": "pg"},
        },
    ]
    document = {"format_version": "1.2", "planned_values": {"root_module": {"resources": resources}}}
    findings = lint({"plan.json": json.dumps(document)}, only=RULES)
    verdicts = [
        (f.address, f.rule_id, dict(f.properties).get("layer") or dict(f.properties).get("country")) for f in findings
    ]
    assert sorted(verdicts) == [
        ("mongodbatlas_advanced_cluster.test", "SOV105", "IE"),  # the replica in Iowa; the primary is in Ireland
        ("mongodbatlas_advanced_cluster.test", "SOV201", "both"),
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(ATLAS.replace('"%s"', "%s") % (7, '["EU_WEST_1"]'), [("SOV102", "")], id="wrong-types"),
        pytest.param(
            'resource "mongodbatlas_advanced_cluster" "c" {\n  replication_specs = "x"\n}\n', [], id="wrong-block-shape"
        ),
        pytest.param(
            'resource "mongodbatlas_advanced_cluster" "c" {\n  replication_specs {\n    region_configs = [1, "a", null]\n'
            "  }\n}\n",
            [],
            id="blocks-that-are-not-objects",
        ),
        pytest.param(AIVEN % ("x" * 5000), [("SOV102", "")], id="huge-value"),
    ],
)
def test_hostile_hosting_arguments_never_crash(lint, source, expected):
    findings = lint({"main.tf": source}, only=[*RULES, "SOV000"])
    assert _verdicts([f for f in findings if f.rule_id != "SOV201"]) == expected


# Each platform's Terraform documentation example, in its shape (the provider's docs pinned at a commit), with the
# verdict on both layers: the operator, and the cloud and region the resource's arguments choose.
DOC_EXAMPLES = [
    pytest.param(
        # github.com/Snowflake-Labs/terraform-provider-snowflake/blob/29228c24d65528e908802870f7042a3aa28a6480/docs/resources/account.md
        'provider "snowflake" {\n  role  = "ORGADMIN"\n  alias = "orgadmin"\n}\n'
        'resource "snowflake_account" "ac1" {\n  provider = snowflake.orgadmin\n  name = "SNOWFLAKE_TEST_ACCOUNT"\n'
        '  admin_name = "John Doe"\n  email = "john.doe@example.com"\n  edition = "STANDARD"\n'
        '  comment = "Test Account"\n  region = "%s"\n}\n',
        {"AWS_US_WEST_2": [("SOV101", "US"), ("SOV201", "both")], "AWS_EU_CENTRAL_1": [("SOV201", "both")]},
        id="snowflake-account",
    ),
    pytest.param(
        # github.com/databricks/terraform-provider-databricks/blob/9f4e5a699167a9df14765db32efce85fb447cecc/docs/resources/mws_workspaces.md
        # ("Creating a Databricks on AWS workspace with Databricks-Managed VPC")
        'provider "databricks" {\n  alias = "mws"\n  host  = "https://accounts.cloud.databricks.com"\n}\n'
        'resource "databricks_mws_workspaces" "this" {\n  provider = databricks.mws\n'
        '  account_id = var.databricks_account_id\n  workspace_name = local.prefix\n  aws_region = "%s"\n'
        "  credentials_id = databricks_mws_credentials.this.credentials_id\n"
        "  storage_configuration_id = databricks_mws_storage_configurations.this.storage_configuration_id\n"
        "  token {}\n}\n",
        {"us-east-1": [("SOV101", "US"), ("SOV201", "both")], "eu-central-1": [("SOV201", "both")]},
        id="databricks-mws-workspaces-aws",
    ),
    pytest.param(
        # the same page, "Creating a Databricks on GCP workspace"
        'resource "databricks_mws_workspaces" "this" {\n  account_id = var.databricks_account_id\n'
        '  workspace_name = var.prefix\n  location = "%s"\n  cloud_resource_container {\n    gcp {\n'
        "      project_id = var.google_project\n    }\n  }\n  network_id = databricks_mws_networks.this.network_id\n"
        "  token {}\n}\n",
        {"us-central1": [("SOV101", "US"), ("SOV201", "both")], "europe-west3": [("SOV201", "both")]},
        id="databricks-mws-workspaces-gcp",
    ),
    pytest.param(
        # github.com/kislerdm/terraform-provider-neon/blob/bff2adfe768e5708dce80c4f9f37e50ecf2ae7e4/docs/resources/project.md
        # ("Default": no region_id, so only the operator is judged) and with the region_id the schema documents
        'resource "neon_project" "example" {\n  name = "foo"\n%s}\n',
        {
            "": [("SOV201", "operator")],
            '  region_id = "aws-us-east-2"\n': [("SOV101", "US"), ("SOV201", "both")],
            '  region_id = "aws-eu-central-1"\n': [("SOV201", "both")],
        },
        id="neon-project",
    ),
    pytest.param(
        # github.com/supabase/terraform-provider-supabase/blob/a5e8b3f59c85e4899074fabccea8de853d6a9932/docs/resources/project.md
        'resource "supabase_project" "test" {\n  organization_id = "continued-brown-smelt"\n  name = "foo"\n'
        '  database_password = "barbaz"\n  region = "%s"\n  instance_size = "micro"\n'
        "  legacy_api_keys_enabled = false\n}\n",
        {"us-east-1": [("SOV101", "US"), ("SOV201", "both")], "eu-central-1": [("SOV201", "both")]},
        id="supabase-project",
    ),
    pytest.param(
        # github.com/hashicorp/terraform-provider-hcp/blob/39277f166e51dbc77a05b2276946f024b5e7179c/docs/resources/hvn.md
        'resource "hcp_hvn" "example" {\n  hvn_id = "main-hvn"\n  cloud_provider = "aws"\n  region = "%s"\n'
        '  cidr_block = "172.25.16.0/20"\n}\n',
        {"us-west-2": [("SOV101", "US"), ("SOV201", "both")], "eu-central-1": [("SOV201", "both")]},
        id="hcp-hvn",
    ),
]


@pytest.mark.parametrize(("example", "verdicts"), DOC_EXAMPLES)
def test_documentation_examples_on_both_layers(lint, example, verdicts):
    for value, expected in verdicts.items():
        assert _verdicts(lint({"main.tf": example % value}, only=RULES)) == expected, value
