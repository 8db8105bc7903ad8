variable "architecture" {
  description = "Lambda architecture: arm64 (Graviton, default) or x86_64."
  type        = string
  default     = "arm64"
}

variable "package_dir" {
  description = "Folder of the zip packages <binary>-lambda-<architecture>.zip; default build-arm64/ (arm64) or build/ (x86_64) of this repository."
  type        = string
  default     = null
}

variable "image_uris" {
  description = "Container images instead of zips: { substation, autoscale, validate } => ECR image URI."
  type = object({
    substation = string
    autoscale  = string
    validate   = string
  })
  default = null
}

variable "appconfig_extension_layer_arn" {
  description = "AWS AppConfig Lambda extension layer for the region and architecture (zip packages; an image carries the extension itself)."
  type        = string
  default     = null
}
