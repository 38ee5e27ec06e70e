def test_proprietary_service_names_alternatives(lint):
    files = {"main.tf": 'resource "aws_sfn_state_machine" "flow" {\n  name = "x"\n}\nresource "aws_s3_bucket" "b" {}\n'}
    (finding,) = lint(files, only=["SOV301"])
    assert finding.address == "aws_sfn_state_machine.flow"
    assert finding.message.startswith(
        "aws_sfn_state_machine.flow uses AWS Step Functions, a proprietary service with no open, compatible"
    )
    assert "portable alternatives:" in finding.message
    assert str(finding.level) == "warning"
