locals {
  env = "azure_dev"
}