"""Operations on a resource (policies/resource_types `operations`): they create nothing and yield no finding."""

import json

CLUSTER = (
    'resource "azapi_resource" "aks" {\n  type = "Microsoft.ContainerService/managedClusters@2024-02-01"\n'
    '  name = "aks"\n  location = "eastus"\n  parent_id = "/subscriptions/s/resourceGroups/rg"\n}\n'
)
ACTION = (
    'resource "azapi_resource_action" "user_kubeconfig" {\n  count = 1\n  action = "listClusterUserCredential"\n'
    '  method = "POST"\n  resource_id = azapi_resource.aks.id\n  type = azapi_resource.aks.type\n}\n'
)


def test_an_action_on_a_cluster_is_not_reported_and_the_cluster_is(lint):
    findings = lint({"main.tf": CLUSTER + ACTION})
    assert sorted((f.rule_id, f.address) for f in findings) == [
        ("SOV101", "azapi_resource.aks"),
        ("SOV201", "azapi_resource.aks"),
    ]


def test_an_action_in_a_plan_is_not_reported(lint):
    item = {
        "address": "azapi_resource_action.user_kubeconfig[0]",
        "mode": "managed",
        "type": "azapi_resource_action",
        "name": "user_kubeconfig",
        "provider_name": "registry.terraform.io/azure/azapi",
        "values": {"action": "listClusterUserCredential", "resource_id": "/subscriptions/s/x"},
    }
    document = {"format_version": "1.2", "planned_values": {"root_module": {"resources": [item]}}}
    assert lint({"plan.json": json.dumps(document)}) == []
    other = dict(item, address="azapi_update_resource.pool", type="azapi_update_resource", name="pool")
    document["planned_values"]["root_module"]["resources"] = [other]
    assert [f.rule_id for f in lint({"plan.json": json.dumps(document)})] == ["SOV201"]
