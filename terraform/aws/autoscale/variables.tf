variable "name" {
  description = "Function name."
  type        = string
  default     = "substation_autoscale"
}

variable "topic_name" {
  description = "Name of the SNS topic the alarms notify."
  type        = string
  default     = "substation_autoscale"
}

variable "stream_arns" {
  description = "ARNs of the streams the function may reshard (their alarms are <name>_upscale and <name>_downscale)."
  type        = list(string)
}

variable "filename" {
  description = "Zip package of the autoscale function (autoscale-lambda-<arch>.zip). Set this or image_uri."
  type        = string
  default     = null
}

variable "image_uri" {
  description = "Container image of the autoscale function. Set this or filename."
  type        = string
  default     = null
}

variable "architecture" {
  description = "arm64 (default) or x86_64."
  type        = string
  default     = "arm64"
}

variable "timeout" {
  description = "Timeout in seconds; the function waits for UpdateShardCount to finish."
  type        = number
  default     = 900
}

variable "threshold" {
  description = "AUTOSCALE_KINESIS_THRESHOLD; use the same value as the kinesis module."
  type        = number
  default     = 0.7
}

variable "upscale_datapoints" {
  description = "AUTOSCALE_KINESIS_UPSCALE_DATAPOINTS."
  type        = number
  default     = 5
}

variable "downscale_datapoints" {
  description = "AUTOSCALE_KINESIS_DOWNSCALE_DATAPOINTS."
  type        = number
  default     = 60
}

variable "kms_key_arn" {
  description = "Key of the topic, the log group and the environment."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the function's log group."
  type        = number
  default     = 365
}

variable "dead_letter_target_arn" {
  description = "Optional DLQ for failed notifications."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}
