variable "name" {
  description = "Function name; also the AppConfig configuration profile's name unless appconfig.profile is set."
  type        = string
}

variable "description" {
  description = "Function description."
  type        = string
  default     = "Substation"
}

variable "filename" {
  description = "Path of the zip package (bootstrap at its root, runtime provided.al2023). Set this or image_uri."
  type        = string
  default     = null
}

variable "image_uri" {
  description = "ECR image URI of the container image. Set this or filename."
  type        = string
  default     = null
}

variable "architecture" {
  description = "Instruction set: arm64 (Graviton, the default) or x86_64. Must match the package."
  type        = string
  default     = "arm64"
  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "substation_handler" {
  description = "SUBSTATION_LAMBDA_HANDLER (AWS_API_GATEWAY, AWS_S3, AWS_KINESIS_DATA_STREAM, ...); null for the autoscale and validate functions."
  type        = string
  default     = null
}

variable "appconfig" {
  description = "Where the function reads its config: AppConfig application and environment names (profile defaults to the function name). Null: no SUBSTATION_CONFIG."
  type = object({
    application = string
    environment = string
    profile     = optional(string)
  })
  default = null
}

variable "appconfig_extension_layer_arn" {
  description = "ARN of the AWS AppConfig Lambda extension layer for the region and architecture (zip packages only)."
  type        = string
  default     = null
}

variable "environment" {
  description = "More environment variables (for example SUBSTATION_DEBUG)."
  type        = map(string)
  default     = {}
}

variable "policy_statements" {
  description = "The role's statements beyond its own log group: exact actions on exact resource ARNs."
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
  }))
  default = []
}

variable "kms_key_arn" {
  description = "Key that encrypts the environment variables and the log group. The role needs kms:Decrypt on it (pass it in policy_statements)."
  type        = string
  default     = null
}

variable "memory_size" {
  description = "Memory in MiB."
  type        = number
  default     = 1024
}

variable "timeout" {
  description = "Timeout in seconds."
  type        = number
  default     = 300
}

variable "log_retention_days" {
  description = "Retention of the function's log group."
  type        = number
  default     = 365
}

variable "tracing_mode" {
  description = "X-Ray tracing: PassThrough (default) or Active (adds the X-Ray write grant)."
  type        = string
  default     = "PassThrough"
  validation {
    condition     = contains(["PassThrough", "Active"], var.tracing_mode)
    error_message = "tracing_mode must be PassThrough or Active."
  }
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency; -1 leaves the function unreserved."
  type        = number
  default     = -1
}

variable "dead_letter_target_arn" {
  description = "SQS queue or SNS topic for failed asynchronous invocations (the role then needs sqs:SendMessage or sns:Publish on it)."
  type        = string
  default     = null
}

variable "code_signing_config_arn" {
  description = "Code signing configuration (zip packages)."
  type        = string
  default     = null
}

variable "subnet_ids" {
  description = "Subnets to place the function in (with security_group_ids); empty: no VPC."
  type        = list(string)
  default     = []
}

variable "security_group_ids" {
  description = "Security groups when subnet_ids is set."
  type        = list(string)
  default     = []
}

variable "role_name" {
  description = "IAM role name; default <name>-lambda."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}
