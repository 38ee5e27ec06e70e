variable "env" {
  description = "The environment name"
  type        = string
}
