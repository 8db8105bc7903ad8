variable "log_group_arn" {
  description = "ARN of the function's log group (without the trailing :*)."
  type        = string
}

variable "tracing_mode" {
  description = "The function's X-Ray tracing mode: PassThrough or Active."
  type        = string
  default     = "PassThrough"
}

variable "statements" {
  description = "The caller's statements: [{ sid, actions, resources }]."
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
  }))
  default = []
}
