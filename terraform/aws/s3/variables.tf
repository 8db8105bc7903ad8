variable "name" {
  description = "Bucket name."
  type        = string
}

variable "kms_key_arn" {
  description = "Key for default encryption (SSE-KMS with a bucket key)."
  type        = string
}

variable "lambda_notifications" {
  description = "Functions to notify, by an id: { function_arn, events (default s3:ObjectCreated:*), filter_prefix, filter_suffix }."
  type = map(object({
    function_arn  = string
    events        = optional(list(string), ["s3:ObjectCreated:*"])
    filter_prefix = optional(string)
    filter_suffix = optional(string)
  }))
  default = {}
}

variable "expected_bucket_owner" {
  description = "Account that owns the bucket; set it to bind the Lambda permissions to that account."
  type        = string
  default     = null
}

variable "noncurrent_version_days" {
  description = "Days before a replaced object version is deleted."
  type        = number
  default     = 30
}

variable "access_log_bucket" {
  description = "Bucket that receives server access logs; null: none."
  type        = string
  default     = null
}

variable "force_destroy" {
  description = "Let `destroy` delete a bucket that still holds objects."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags of the bucket."
  type        = map(string)
  default     = {}
}
