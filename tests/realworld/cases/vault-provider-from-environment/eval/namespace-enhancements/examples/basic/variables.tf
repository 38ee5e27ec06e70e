# Copyright IBM Corp. 2016, 2026
# SPDX-License-Identifier: MPL-2.0

variable "namespaces" {
  default = [
    "ns-1",
    "ns-2",
    "ns-3",
  ]
}
