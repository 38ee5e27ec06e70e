"""Azure Service Operator objects owned by another located object are parts of it: the owner carries the
location finding, the part only its control finding."""

ACCOUNT = """\
apiVersion: resources.azure.com/v1api20200601
kind: ResourceGroup
metadata:
  name: ${APP}-rg
  namespace: todo
spec:
  location: westus
---
apiVersion: documentdb.azure.com/v1api20210515
kind: DatabaseAccount
metadata:
  name: $APP-account
  namespace: todo
spec:
  location: westus
  owner:
    name: ${APP}-rg
  locations:
    - locationName: westus
---
apiVersion: documentdb.azure.com/v1api20210515
kind: SqlDatabase
metadata:
  name: ${APP}-db
  namespace: todo
spec:
  location: westus
  owner:
    name: ${APP}-account
---
apiVersion: documentdb.azure.com/v1api20210515
kind: SqlDatabaseContainer
metadata:
  name: ${APP}-items
  namespace: todo
spec:
  location: westus
  owner:
    name: ${APP}-db
"""


def _by_rule(findings):
    out: dict[str, list[str]] = {}
    for f in findings:
        out.setdefault(f.rule_id, []).append(f.address.split("/")[1])
    return out


def test_a_part_owned_by_a_located_object_has_no_location_finding_of_its_own(lint):
    found = _by_rule(lint({"cosmos.yaml": ACCOUNT}))
    assert found["SOV101"] == ["ResourceGroup", "DatabaseAccount"]  # `$APP-account` is `${APP}-account`
    assert found["SOV201"] == ["ResourceGroup", "DatabaseAccount", "SqlDatabase", "SqlDatabaseContainer"]


def test_an_owner_in_another_namespace_or_file_is_not_taken_for_the_parent(lint):
    other_namespace = ACCOUNT.replace("  name: ${APP}-db\n  namespace: todo", "  name: ${APP}-db\n  namespace: other")
    found = _by_rule(lint({"cosmos.yaml": other_namespace}))
    # the database's owner is not in `other`, and the container's owner is no longer in `todo`
    assert found["SOV101"] == ["ResourceGroup", "DatabaseAccount", "SqlDatabase", "SqlDatabaseContainer"]
    parent, child = ACCOUNT.rsplit("---\n", 1)
    found = _by_rule(lint({"a.yaml": parent, "b.yaml": child}))
    assert "SqlDatabaseContainer" in found["SOV101"]  # judged by its own location: its owner is not beside it
