import pytest


@pytest.mark.parametrize(
    ("backend", "expected"),
    [
        pytest.param('backend "s3" {\n    region = "us-east-1"\n  }', "with Amazon Web Services", id="s3-us"),
        pytest.param('backend "s3" {\n    region = "eu-west-3"\n  }', "with Amazon Web Services", id="s3-paris"),
        pytest.param('backend "gcs" {\n    bucket = "x"\n  }', "with Google", id="gcs"),
        pytest.param('backend "azurerm" {\n  }', "with Microsoft", id="azurerm"),
        pytest.param('cloud {\n    organization = "acme"\n  }', "with HashiCorp", id="hcp-terraform"),
        pytest.param('backend "local" {\n  }', None, id="local"),
        pytest.param('backend "pg" {\n  }', None, id="pg"),
    ],
)
def test_state_backend_foreign(lint, backend, expected):
    findings = lint({"main.tf": f"terraform {{\n  {backend}\n}}\n"}, only=["SOV202", "SOV101"])
    if expected is None:
        assert findings == []
        return
    assert [(f.rule_id, f.line) for f in findings] == [("SOV202", 2)]
    assert expected in findings[0].message


def test_s3_region_outside_is_named_even_under_eu_residency(lint):
    source = 'terraform {\n  backend "s3" {\n    region = "us-east-1"\n  }\n}\n'
    (finding,) = lint({"main.tf": source}, only=["SOV202"], profile="eu-residency")
    assert finding.message == (
        "terraform.backend.s3: Terraform state is stored in us-east-1 (United States), outside the EU/EEA"
    )
    assert (finding.line, finding.end_line) == (2, 4)
    assert lint({"main.tf": source.replace("us-east-1", "eu-west-3")}, only=["SOV202"], profile="eu-residency") == []
