variable "service_name" {
  type = string
}

variable "mks_cluster_id" {
  type = string
}