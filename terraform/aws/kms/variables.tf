variable "name" {
  description = "Alias of the key (alias/<name>)."
  type        = string
}

variable "description" {
  description = "Description of the key."
  type        = string
  default     = "Substation deployment key"
}

variable "deletion_window_in_days" {
  description = "Waiting period before a scheduled deletion completes (7 to 30 days)."
  type        = number
  default     = 30
}

variable "extra_service_principals" {
  description = "More service principals allowed to use the key for this account (for example events.amazonaws.com)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags of the key."
  type        = map(string)
  default     = {}
}
