remote_state {
  backend = "local"
  config = {

  }
  generate = {
    path      = "backend_local.tf"
    if_exists = "overwrite_terragrunt"
  }
}