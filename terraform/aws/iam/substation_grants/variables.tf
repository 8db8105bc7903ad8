variable "transforms" {
  description = "The config's AWS transforms: type (send_aws_*, enrich_aws_*) and settings.aws.arn."
  type = list(object({
    type = string
    arn  = string
  }))
  default = []
  validation {
    condition = alltrue([for t in var.transforms : contains([
      "send_aws_kinesis_data_stream", "send_aws_s3", "send_aws_dynamodb_put", "send_aws_sqs",
      "send_aws_sns", "send_aws_lambda", "send_aws_data_firehose", "send_aws_eventbridge",
      "enrich_aws_dynamodb_query", "enrich_aws_lambda",
    ], t.type)])
    error_message = "unknown transform type: the module knows the send_aws_* and enrich_aws_* transforms that call AWS."
  }
}

variable "triggers" {
  description = "What invokes the function: type (kinesis_stream, sqs, s3, sns, api_gateway, lambda_invoke) and the source's ARN (stream, queue, bucket; null for the push types)."
  type = list(object({
    type = string
    arn  = optional(string)
  }))
  default = []
  validation {
    condition     = alltrue([for t in var.triggers : contains(["kinesis_stream", "sqs", "s3", "sns", "api_gateway", "lambda_invoke"], t.type)])
    error_message = "unknown trigger type."
  }
}

variable "kms_key_arn" {
  description = "Key that encrypts the resources the function uses (and its environment); null: no KMS statement."
  type        = string
  default     = null
}

variable "lambda_environment_encrypted" {
  description = "The function's environment variables are encrypted with kms_key_arn (kms:Decrypt at start)."
  type        = bool
  default     = true
}

variable "appconfig_profile_arn" {
  description = "arn:...:application/<id>/environment/<id>/configuration/<id> of the function's profile; null: no AppConfig statement."
  type        = string
  default     = null
}
