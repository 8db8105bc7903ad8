variable "name" {
  description = "Topic name."
  type        = string
}

variable "kms_key_arn" {
  description = "Key that encrypts the topic."
  type        = string
}

variable "lambda_subscriptions" {
  description = "Functions subscribed to the topic: id => function ARN."
  type        = map(string)
  default     = {}
}

variable "tags" {
  description = "Tags of the topic."
  type        = map(string)
  default     = {}
}
