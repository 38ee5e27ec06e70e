variable "server_count" {
  description = "The number of servers and IPs to provision"
  type        = number
  default     = 3
}
