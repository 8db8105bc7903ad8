variable "name" {
  description = "Table name."
  type        = string
}

variable "hash_key" {
  description = "Partition key attribute (string)."
  type        = string
  default     = "PK"
}

variable "range_key" {
  description = "Sort key attribute (string); null: none."
  type        = string
  default     = "SK"
}

variable "kms_key_arn" {
  description = "Customer managed key of the table."
  type        = string
}

variable "stream_view_type" {
  description = "DynamoDB stream (NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY); null: no stream."
  type        = string
  default     = null
}

variable "ttl_attribute" {
  description = "Attribute holding an expiry time (epoch seconds); null: no TTL."
  type        = string
  default     = null
}

variable "deletion_protection" {
  description = "Refuse to delete the table."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags of the table."
  type        = map(string)
  default     = {}
}
