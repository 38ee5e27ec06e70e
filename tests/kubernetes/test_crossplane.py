"""Crossplane: a Composition is a reusable module (a region a patch takes from the composite resource is decided
by each composite resource), and a part beside its parent (a bucket's versioning) leaves the location finding
to the parent."""

import pytest

COMPOSITION = """\
apiVersion: apiextensions.crossplane.io/v1
kind: Composition
metadata:
  name: buckets
spec:
  compositeTypeRef: {{apiVersion: example.org/v1, kind: XBucket}}
  mode: Pipeline
  pipeline:
    - step: resources
      functionRef: {{name: function-patch-and-transform}}
      input:
        apiVersion: pt.fn.crossplane.io/v1beta1
        kind: Resources
{patch_sets}        resources:
          - name: bucket
            base:
              apiVersion: s3.aws.upbound.io/v1beta1
              kind: Bucket
              spec:
                forProvider:
                  region: us-west-2
            patches:
{patches}"""
FROM_COMPOSITE = "              - fromFieldPath: spec.region\n                toFieldPath: spec.forProvider.region\n"
OTHER_FIELD = "              - fromFieldPath: spec.name\n                toFieldPath: metadata.name\n"
THROUGH_SET = "              - type: PatchSet\n                patchSetName: common\n"
PATCH_SETS = (  # function-patch-and-transform keeps them in its input
    "        patchSets:\n          - name: common\n            patches:\n"
    "              - type: CombineFromComposite\n                toFieldPath: spec.forProvider.region\n"
)


@pytest.mark.parametrize(
    ("patches", "patch_sets", "expected"),
    [
        pytest.param(FROM_COMPOSITE, "", [], id="region-from-the-composite"),
        pytest.param(OTHER_FIELD, "", ["SOV101"], id="base-region-kept"),
        pytest.param(THROUGH_SET, PATCH_SETS, [], id="region-through-a-patch-set"),
    ],
)
def test_a_region_patched_from_the_composite_is_decided_by_each_composite(lint, patches, patch_sets, expected):
    text = COMPOSITION.format(patches=patches, patch_sets=patch_sets)
    findings = lint({"composition.yaml": text})
    assert [f.rule_id for f in findings if f.rule_id.startswith("SOV1")] == expected
    assert [f.rule_id for f in findings if f.rule_id == "SOV201"] == ["SOV201"]  # run by Amazon either way


BUCKET = "apiVersion: s3.aws.upbound.io/v1beta1\nkind: Bucket\nmetadata:\n  name: logs\nspec:\n  forProvider:\n    region: us-east-1\n"
VERSIONING = (
    "apiVersion: s3.aws.upbound.io/v1beta1\nkind: BucketVersioning\nmetadata:\n  name: logs\nspec:\n  forProvider:\n"
    "    region: us-east-1\n    bucketRef: {name: logs}\n    versioningConfiguration: [{status: Enabled}]\n"
)


def test_a_part_beside_its_parent_leaves_the_location_finding_to_it(lint):
    findings = lint({"bucket.yaml": BUCKET + "---\n" + VERSIONING})
    assert [(f.rule_id, f.address) for f in findings if f.rule_id.startswith("SOV1")] == [("SOV101", "Bucket/logs")]
    assert len([f for f in findings if f.rule_id == "SOV201"]) == 2


def test_a_part_whose_parent_is_elsewhere_is_judged_by_its_own_region(lint):
    findings = lint({"versioning.yaml": VERSIONING})
    assert [(f.rule_id, f.address) for f in findings if f.rule_id.startswith("SOV1")] == [
        ("SOV101", "BucketVersioning/logs")
    ]
