locals {
  // override the state backend
  state_backend = "local"
}