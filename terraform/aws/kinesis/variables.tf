variable "name" {
  description = "Stream name."
  type        = string
}

variable "shards" {
  description = "Initial shard count (the autoscale function changes it later)."
  type        = number
  default     = 2
}

variable "min_shards" {
  description = "MinimumShards tag: autoscale never goes below it."
  type        = number
  default     = 1
}

variable "max_shards" {
  description = "MaximumShards tag: autoscale never goes above it."
  type        = number
  default     = 16
}

variable "retention_hours" {
  description = "Record retention in hours."
  type        = number
  default     = 24
}

variable "kms_key_arn" {
  description = "Key that encrypts the stream."
  type        = string
}

variable "autoscale" {
  description = "{ topic_arn = module.autoscale.topic_arn }: the SNS topic the alarms notify; null: no alarms. (An object, so that whether alarms exist is known at plan time even while the topic's ARN is not.)"
  type = object({
    topic_arn = string
  })
  default = null
}

variable "threshold" {
  description = "Upscale at this share of the shard limits, downscale at threshold - 0.35 (the autoscale function's AUTOSCALE_KINESIS_THRESHOLD, 0.4 to 0.9)."
  type        = number
  default     = 0.7
}

variable "upscale_datapoints" {
  description = "One-minute datapoints before an upscale (AUTOSCALE_KINESIS_UPSCALE_DATAPOINTS)."
  type        = number
  default     = 5
}

variable "downscale_datapoints" {
  description = "One-minute datapoints before a downscale (AUTOSCALE_KINESIS_DOWNSCALE_DATAPOINTS)."
  type        = number
  default     = 60
}

variable "tags" {
  description = "Tags of the stream and the alarms."
  type        = map(string)
  default     = {}
}
