"""Kubernetes in depth: cloud resources declared in manifests, pinned workloads, cloud coupling."""

import pytest

from sovlint.knowledge import catalog
from sovlint.kubernetes.place import controller_of, terraform_type


@pytest.mark.parametrize(
    ("group", "kind", "expected"),
    [
        ("dynamodb.services.k8s.aws", "Table", "aws_dynamodb_table"),
        ("sfn.aws.upbound.io", "StateMachine", "aws_sfn_state_machine"),
        ("bigquery.cnrm.cloud.google.com", "BigQueryDataset", "google_bigquery_dataset"),
        ("spanner.cnrm.cloud.google.com", "SpannerInstance", "google_spanner_instance"),
        ("cosmosdb.azure.upbound.io", "SQLDatabase", "azurerm_cosmosdb_sql_database"),
        ("storage.azure.com", "StorageAccount", ""),
        ("ec2.aws.m.upbound.io", "VPC", "aws_ec2_vpc"),
        ("azure.upbound.io", "ResourceGroup", "azurerm_resource_group"),
    ],
)
def test_terraform_type_of_a_controller_kind(group, kind, expected):
    cat = catalog.load()
    controller = controller_of(group, kind, cat)
    assert controller is not None
    prefix = cat.provider(controller["provider"]).prefix
    assert terraform_type(group, kind, controller, prefix) == expected


POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{spec}  containers:\n    - name: c\n      image: registry.example.eu/c\n"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        pytest.param(
            "  nodeSelector:\n    topology.kubernetes.io/region: us-east-1\n", [("SOV101", 7)], id="node-selector"
        ),
        pytest.param(
            "  nodeSelector:\n    failure-domain.beta.kubernetes.io/zone: europe-west3-a\n", [], id="legacy-label-eu"
        ),
        pytest.param(
            "  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n"
            "          - matchExpressions:\n              - key: topology.kubernetes.io/zone\n                operator: In\n"
            "                values: [eu-central-1a, us-east-2b]\n",
            [("SOV101", 13)],
            id="affinity-any-of",
        ),
        pytest.param(
            "  nodeSelector:\n    topology.kubernetes.io/region: mars-1\n", [], id="unknown-code-is-not-guessed"
        ),
    ],
)
def test_workloads_pinned_by_topology(lint, spec, expected):
    findings = lint({"pod.yaml": POD.format(spec=spec)}, only=["SOV101"])
    assert [(f.rule_id, f.line) for f in findings] == expected


def test_annotation_suppression_needs_a_reason(lint):
    manifest = (
        "apiVersion: storage.cnrm.cloud.google.com/v1beta1\nkind: StorageBucket\nmetadata:\n  name: b\n"
        "  annotations:\n    sovlint.io/ignore: SOV201\nspec:\n  location: EU\n"
    )
    findings = lint({"b.yaml": manifest})
    assert sorted((f.rule_id, bool(f.suppressed)) for f in findings) == [("SOV001", False), ("SOV201", False)]
    fixed = manifest.replace("SOV201\n", "SOV201 reason=accepted until the migration\n")
    assert [(f.rule_id, f.suppressed) for f in lint({"b.yaml": fixed})] == [("SOV201", "accepted until the migration")]


@pytest.mark.parametrize(
    ("manifest", "count"),
    [
        ("apiVersion: v1\nkind: Pod\nmetadata: just-a-string\nspec:\n  containers: {a: b}\n", 0),
        ("apiVersion: v1\nkind: [Pod]\nmetadata:\n  name: x\n", 0),
        (
            "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\nspec:\n  csi:\n    driver: pd.csi.storage.gke.io\n",
            1,
        ),
    ],
)
def test_wrong_shapes_never_crash(lint, manifest, count):
    assert len(lint({"x.yaml": manifest}, only=["SOV302", "SOV203"])) == count


def test_cloud_objects_without_a_location_of_their_own_are_not_unresolved(lint):
    manifest = (
        "apiVersion: iam.cnrm.cloud.google.com/v1beta1\nkind: IAMPolicyMember\nmetadata:\n  name: m\nspec:\n  role: r\n"
        "---\napiVersion: iam.services.k8s.aws/v1alpha1\nkind: Role\nmetadata:\n  name: r\nspec:\n  name: r\n"
        "---\napiVersion: s3.services.k8s.aws/v1alpha1\nkind: Bucket\nmetadata:\n  name: b\nspec:\n  name: b\n"
    )
    findings = lint({"x.yaml": manifest}, only=["SOV102"])
    assert [f.address for f in findings] == ["Bucket/b"]  # ACK: the controller's default region is not in the manifest
    assert "their namespace's services.k8s.aws/default-region annotation or their controller's region" in (
        findings[0].message
    )  # every place ACK would look is named


def test_ack_namespace_default_region(lint):
    manifest = (
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  annotations:\n"
        "    services.k8s.aws/default-region: us-east-1\n"
        "---\napiVersion: s3.services.k8s.aws/v1alpha1\nkind: Bucket\nmetadata:\n  name: b\n  namespace: prod\nspec:\n  name: b\n"
    )
    (finding,) = lint({"x.yaml": manifest}, only=["SOV101", "SOV102"])
    assert finding.rule_id == "SOV101" and "us-east-1 is set at x.yaml:6 (namespace default region)" in finding.message


ACK_CONTROLLER = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ack-s3-controller\n  namespace: ack-system\nspec:\n"
    "  template:\n    spec:\n      containers:\n        - name: controller\n"
    "          image: public.ecr.aws/aws-controllers-k8s/s3-controller:1.0.0\n"
    "          args: [--aws-region, $(AWS_REGION)]\n"
    "          env:\n            - name: AWS_REGION\n              value: {region}\n"
)
BUCKET = "apiVersion: s3.services.k8s.aws/v1alpha1\nkind: Bucket\nmetadata:\n  name: b\n{extra}spec:\n  name: b\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"ack.yaml": ACK_CONTROLLER.format(region="us-west-2"), "b.yaml": BUCKET.format(extra="")},
            [("SOV101", "us-west-2 is set at ack.yaml:15 (ACK controller region)")],
            id="controller-default",
        ),
        pytest.param(
            {"ack.yaml": ACK_CONTROLLER.format(region="us-west-2"), "b.yaml": BUCKET.format(extra="")}
            | {"b.yaml": BUCKET.format(extra="  annotations:\n    services.k8s.aws/region: eu-west-3\n")},
            [],
            id="the-resource-annotation-wins",
        ),
        pytest.param(
            {
                "ack.yaml": ACK_CONTROLLER.format(region="eu-central-1"),
                "t.yaml": BUCKET.format(extra="").replace("s3.", "dynamodb.").replace("Bucket", "Table"),
            },
            [("SOV102", "")],
            id="another-service-has-another-controller",
        ),
    ],
)
def test_ack_controller_default_region(lint, files, expected):
    findings = lint(files, only=["SOV101", "SOV102"])
    assert [(f.rule_id, fragment) for f in findings for _, fragment in expected if fragment in f.message] == expected
    assert len(findings) == len(expected)


AUTOSCALER = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cluster-autoscaler\n  namespace: kube-system\n"
    "spec:\n  template:\n    spec:\n      containers:\n        - name: ca\n"
    "          image: registry.example.eu/cluster-autoscaler:v1\n{words}"
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param(
            "          command:\n            - ./cluster-autoscaler\n            - --cloud-provider=aws\n",
            [(14, "AWS: --cloud-provider=aws")],
            id="aws-in-command",
        ),
        pytest.param(
            "          args:\n            - --v=4\n            - --cloud-provider\n            - Hetzner\n",
            [(14, "Hetzner: --cloud-provider=Hetzner")],
            id="separate-value-in-args",
        ),
        pytest.param("          args: [--cloud-provider=clusterapi]\n", [], id="cluster-api-is-portable"),
        pytest.param("          args: [--cloud-provider]\n", [], id="flag-without-value"),
        pytest.param("          args: [1, {a: b}, --cloud-provider, [gce]]\n", [], id="wrong-shapes"),
    ],
)
def test_cluster_autoscaler_bound_to_one_cloud(lint, words, expected):
    findings = lint({"ca.yaml": AUTOSCALER.format(words=words)}, only=["SOV302"])
    assert [f.line for f in findings] == [line for line, _ in expected]
    for finding, (_, fragment) in zip(findings, expected, strict=True):
        assert fragment in finding.message
    assert all("--cloud-provider=clusterapi" in f.message for f in findings)


KCC_BUCKET = (
    "apiVersion: storage.cnrm.cloud.google.com/v1beta1\nkind: StorageBucket\nmetadata:\n  name: logs\nspec:\n{spec}"
)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        pytest.param(
            "  versioning:\n    enabled: true\n", [("SOV104", "US")], id="no-location-takes-the-documented-US"
        ),
        pytest.param("  location: EU\n", [], id="written-location-wins"),
        pytest.param("  location: us-east1\n", [("SOV101", "us-east1")], id="written-us-region"),
    ],
)
def test_config_connector_documented_default_location(lint, spec, expected):
    findings = lint({"b.yaml": KCC_BUCKET.format(spec=spec)}, only=["SOV101", "SOV102", "SOV104"])
    assert [(f.rule_id, dict(f.properties)["region"]) for f in findings] == expected
    assert all("documented default" in f.message for f in findings if "location" not in spec)


def test_config_connector_kind_without_a_default_stays_unresolved(lint):
    manifest = (
        "apiVersion: dataflow.cnrm.cloud.google.com/v1beta1\nkind: DataflowJob\nmetadata:\n  name: j\n"
        "spec:\n  tempGcsLocation: gs://b/tmp\n"
    )
    assert [f.rule_id for f in lint({"j.yaml": manifest}, only=["SOV101", "SOV102"])] == ["SOV102"]


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        pytest.param(
            "apiVersion: ec2.aws.m.upbound.io/v1beta1\nkind: VPC\nmetadata:\n  name: v\n  namespace: team\n"
            "spec:\n  forProvider:\n    region: us-west-1\n",
            [("SOV101", "us-west-1")],
            id="namespaced-crossplane-aws",
        ),
        pytest.param(
            "apiVersion: azure.upbound.io/v1beta1\nkind: ResourceGroup\nmetadata:\n  name: rg\n"
            "spec:\n  forProvider:\n    location: East US\n",
            [("SOV101", "East US")],
            id="crossplane-azure-resource-group-in-the-bare-group",
        ),
        pytest.param(
            "apiVersion: azure.upbound.io/v1beta1\nkind: ProviderConfig\nmetadata:\n  name: default\n"
            "spec:\n  credentials:\n    source: Secret\n",
            [],
            id="provider-config-is-not-a-cloud-resource",
        ),
        pytest.param(
            "apiVersion: storage.gcp.crossplane.io/v1alpha3\nkind: Bucket\nmetadata:\n  name: b\n"
            "spec:\n  location: US\n",
            [("SOV104", "US")],
            id="community-gcp-bucket-spec-location",
        ),
        pytest.param(
            "apiVersion: karpenter.azure.com/v1beta1\nkind: AKSNodeClass\nmetadata:\n  name: default\nspec:\n  imageFamily: Ubuntu2204\n",
            [],
            id="karpenter-azure-is-not-azure-service-operator",
        ),
    ],
)
def test_crossplane_groups_and_lookalikes(lint, manifest, expected):
    findings = lint({"m.yaml": manifest}, only=["SOV101", "SOV102", "SOV104", "SOV201"])
    assert [(f.rule_id, dict(f.properties).get("region")) for f in findings if f.rule_id != "SOV201"] == expected
    assert [f.rule_id for f in findings].count("SOV201") == (1 if expected else 0)


PV = (
    "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\nspec:\n  capacity:\n    storage: 10Gi\n"
    "  accessModes: [ReadWriteOnce]\n  csi:\n    driver: pd.csi.storage.gke.io\n    volumeHandle: disk-1\n"
    "  nodeAffinity:\n    required:\n      nodeSelectorTerms:\n        - matchExpressions:\n"
    "            - key: topology.gke.io/zone\n              operator: In\n              values:\n                - {zone}\n"
)
STORAGE_CLASS = (
    "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: zoned\nprovisioner: {provisioner}\n"
    "allowedTopologies:\n  - matchLabelExpressions:\n      - key: {key}\n        values:\n          - {zone}\n"
)
SNAPSHOT_CLASS = (
    "apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\nmetadata:\n  name: snaps\n"
    "driver: pd.csi.storage.gke.io\ndeletionPolicy: Delete\nparameters:\n  storage-locations: {where}\n"
)


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        pytest.param(
            PV.format(zone="us-central1-c"), [("SOV101", 19, "volume node affinity")], id="pv-node-affinity-us"
        ),
        pytest.param(PV.format(zone="europe-west3-a"), [], id="pv-node-affinity-eu"),
        pytest.param(
            STORAGE_CLASS.format(
                provisioner="disk.csi.azure.com", key="topology.disk.csi.azure.com/zone", zone="eastus2-1"
            ),
            [("SOV101", 10, "allowed topologies")],
            id="storage-class-azure-zone-key",
        ),
        pytest.param(
            STORAGE_CLASS.format(
                provisioner="disk.csi.azure.com", key="topology.disk.csi.azure.com/zone", zone="westeurope-2"
            ),
            [],
            id="storage-class-azure-zone-in-eu",
        ),
        pytest.param(
            STORAGE_CLASS.format(provisioner="ebs.csi.aws.com", key="topology.kubernetes.io/zone", zone="us-east-1a"),
            [("SOV101", 10, "allowed topologies")],
            id="storage-class-standard-key",
        ),
        pytest.param(
            STORAGE_CLASS.format(provisioner="ebs.csi.aws.com", key="example.com/rack", zone="us-east-1a"),
            [],
            id="storage-class-other-key-is-not-a-place",
        ),
        pytest.param(
            SNAPSHOT_CLASS.format(where="us-central1"), [("SOV101", 8, "snapshot storage locations")], id="snapshots-us"
        ),
        pytest.param(SNAPSHOT_CLASS.format(where="europe-west1"), [], id="snapshots-eu"),
        pytest.param(SNAPSHOT_CLASS.format(where="[1, 2]"), [], id="snapshots-wrong-shape"),
    ],
)
def test_volumes_pinned_outside_pod_specs(lint, manifest, expected):
    findings = lint({"v.yaml": manifest}, only=["SOV101"])
    assert [(f.rule_id, f.line) for f in findings] == [(rule, line) for rule, line, _how in expected]
    assert all("pinned to" in f.message for f in findings)


@pytest.mark.parametrize(
    ("manifest", "fragment"),
    [
        pytest.param(
            STORAGE_CLASS.format(provisioner="csi.hetzner.cloud", key="topology.kubernetes.io/zone", zone="x"),
            "Hetzner Cloud volumes CSI driver (Hetzner)",
            id="hetzner-csi",
        ),
        pytest.param(
            STORAGE_CLASS.format(provisioner="csi.scaleway.com", key="k", zone="x"), "(Scaleway)", id="scaleway-csi"
        ),
        pytest.param(
            STORAGE_CLASS.format(provisioner="dobs.csi.digitalocean.com", key="k", zone="x"),
            "(DigitalOcean)",
            id="do-csi",
        ),
        pytest.param(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n"
            "    load-balancer.hetzner.cloud/location: fsn1\nspec:\n  type: LoadBalancer\n",
            "Hetzner Cloud load balancer annotations",
            id="hetzner-lb",
        ),
        pytest.param(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n"
            "    service.beta.kubernetes.io/ovh-loadbalancer-flavor: small\nspec:\n  type: LoadBalancer\n",
            "OVHcloud load balancer annotations",
            id="ovh-lb",
        ),
        pytest.param(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n"
            "    loadbalancer.openstack.org/flavor-id: x\n    loadbalancer.ovhcloud.com/flavor: medium\n"
            "spec:\n  type: LoadBalancer\n",
            "OVHcloud load balancer annotations (OVHcloud: loadbalancer.ovhcloud.com/flavor)",
            id="ovh-mks-lb-beside-openstack",  # the OpenStack cloud provider's own annotations run on any OpenStack
        ),
        pytest.param(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n"
            "    oci.oraclecloud.com/load-balancer-type: nlb\nspec:\n  type: LoadBalancer\n",
            "OCI load balancer",
            id="oci-lb",
        ),
        pytest.param(
            AUTOSCALER.format(words="          args: [--cloud-provider=hcloud]\n"),
            "Hetzner Cloud cloud-controller-manager",
            id="hetzner-ccm",
        ),
        pytest.param(
            AUTOSCALER.format(words="          args: [--cloud-provider=scaleway]\n"),
            "Scaleway cloud provider of the cluster-autoscaler or a cloud-controller-manager",
            id="scaleway-ccm-or-autoscaler",
        ),
    ],
)
def test_european_and_other_clouds_coupling(lint, manifest, fragment):
    (finding,) = lint({"k.yaml": manifest}, only=["SOV302"])
    assert fragment in finding.message


COSMOS = (
    "apiVersion: documentdb.azure.com/v1api20231115\nkind: DatabaseAccount\nmetadata:\n  name: sample-db-account\n"
    "spec:\n  location: westeurope\n  owner:\n    name: aso-sample-rg\n  kind: GlobalDocumentDB\n"
    "  databaseAccountOfferType: Standard\n  locations:\n{locations}"
)


@pytest.mark.parametrize(
    ("locations", "expected"),
    [
        pytest.param(
            "    - locationName: westeurope\n      failoverPriority: 0\n    - locationName: eastus\n      failoverPriority: 1\n",
            [(14, "eastus (United States)")],
            id="failover-region-abroad",
        ),
        pytest.param(
            "    - locationName: westeurope\n      failoverPriority: 0\n    - locationName: northeurope\n      failoverPriority: 1\n",
            [],
            id="both-in-the-eu",
        ),
        pytest.param("    - locationName: [westeurope]\n    - 7\n", [], id="wrong-shapes"),
    ],
)
def test_cosmos_db_locations_declared_through_azure_service_operator(lint, locations, expected):
    findings = lint({"cosmos.yaml": COSMOS.format(locations=locations)}, only=["SOV105"])
    assert [(f.line, fragment in f.message) for f, (_, fragment) in zip(findings, expected, strict=True)] == [
        (line, True) for line, _ in expected
    ]
