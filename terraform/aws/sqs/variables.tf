variable "name" {
  description = "Queue name."
  type        = string
}

variable "kms_key_arn" {
  description = "Key that encrypts the queue and its dead-letter queue."
  type        = string
}

variable "kms_data_key_reuse_period_seconds" {
  description = "How long SQS reuses a data key before calling KMS again."
  type        = number
  default     = 300
}

variable "visibility_timeout_seconds" {
  description = "Visibility timeout: at least the consuming function's timeout (six times it is AWS's advice)."
  type        = number
  default     = 1800
}

variable "message_retention_seconds" {
  description = "Message retention."
  type        = number
  default     = 345600
}

variable "max_receive_count" {
  description = "Receives before a message moves to the dead-letter queue; null: no dead-letter queue."
  type        = number
  default     = 5
}

variable "tags" {
  description = "Tags of the queues."
  type        = map(string)
  default     = {}
}
