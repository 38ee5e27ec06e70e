variable "az" {
  default = "eu-de-01"
}
