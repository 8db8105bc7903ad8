terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

# Region and account come from pipeline.json, which the configs read too: the provider
# refuses to run against any other account, so the ARNs the configs and the IAM policies
# name are the ones created here.
provider "aws" {
  region              = local.pipeline.region
  allowed_account_ids = [local.pipeline.account]

  default_tags {
    tags = { Application = local.pipeline.name }
  }
}
