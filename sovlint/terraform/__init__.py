"""Everything that knows Terraform/OpenTofu: syntax, expressions, modules, placement, plans, Terragrunt."""
