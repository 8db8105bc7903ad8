variable "pipeline" {
  description = "pipeline.json, decoded."
  type        = any
}

variable "partition" {
  description = "AWS partition of the ARNs."
  type        = string
  default     = "aws"
}

variable "kms_key_arn" {
  description = "The deployment key (encrypts streams, buckets, queues, topics, tables, environments)."
  type        = string
  default     = null
}

variable "appconfig_profile_arns" {
  description = "function name => ARN of its AppConfig profile in the environment the functions read."
  type        = map(string)
  default     = null
}
