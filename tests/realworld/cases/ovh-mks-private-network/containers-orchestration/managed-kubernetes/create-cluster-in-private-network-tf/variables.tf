variable service_name {
  type        = string
  default     = "<your_service_name>"
}