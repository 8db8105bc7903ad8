variable "name" {
  description = "Application name (the <app> of SUBSTATION_CONFIG)."
  type        = string
}

variable "environments" {
  description = "Environment names."
  type        = list(string)
  default     = ["prod", "dev"]
}

variable "deployment_strategy_name" {
  description = "Name of the instant deployment strategy."
  type        = string
  default     = "Instant"
}

variable "profiles" {
  description = "Configuration profile names: one per function, named after it."
  type        = list(string)
}

variable "validator" {
  description = "{ function_arn = <the validate function's ARN> }; null: no validator. (An object, so that whether a validator exists is known at plan time even while the ARN is not.)"
  type = object({
    function_arn = string
  })
  default = null
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}
