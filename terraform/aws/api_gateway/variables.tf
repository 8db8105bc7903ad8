variable "name" {
  description = "API name."
  type        = string
}

variable "description" {
  description = "API description."
  type        = string
  default     = "Substation ingest"
}

variable "integration" {
  description = "lambda (proxy to a function) or kinesis (PutRecord into a stream)."
  type        = string
  validation {
    condition     = contains(["lambda", "kinesis"], var.integration)
    error_message = "integration must be lambda or kinesis."
  }
}

variable "authorization" {
  description = "Authorization of POST /: AWS_IAM (SigV4-signed callers, the default) or NONE for an open endpoint."
  type        = string
  default     = "AWS_IAM"
}

variable "lambda_invoke_arn" {
  description = "invoke_arn of the function (integration = lambda)."
  type        = string
  default     = null
}

variable "lambda_function_name" {
  description = "Name or ARN of the function (integration = lambda), for the invoke permission."
  type        = string
  default     = null
}

variable "kinesis_stream_arn" {
  description = "Stream ARN (integration = kinesis)."
  type        = string
  default     = null
}

variable "kms_key_arn" {
  description = "Key that encrypts the stream (integration = kinesis)."
  type        = string
  default     = null
}

variable "content_types" {
  description = "Request content types the Kinesis integration accepts (each body becomes one record)."
  type        = list(string)
  default     = ["application/json", "application/x-ndjson", "text/plain"]
}

variable "stage_name" {
  description = "Stage name."
  type        = string
  default     = "substation"
}

variable "tags" {
  description = "Tags of the API, the stage and the role."
  type        = map(string)
  default     = {}
}
