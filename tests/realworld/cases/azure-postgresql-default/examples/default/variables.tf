variable "location" {
  type    = string
  default = "westus"
}
