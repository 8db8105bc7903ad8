# The AppConfig side of a deployment: one application, its environments (prod and dev by
# default), an "Instant" deployment strategy (0 minutes, 100 %, no bake time) and one
# hosted, freeform configuration profile per function, each validated by the `validate`
# function before a version can be deployed.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

resource "aws_appconfig_application" "this" {
  name        = var.name
  description = "Substation configurations"
  tags        = var.tags
}

resource "aws_appconfig_environment" "this" {
  for_each = toset(var.environments)

  name           = each.key
  application_id = aws_appconfig_application.this.id
  tags           = var.tags
}

resource "aws_appconfig_deployment_strategy" "instant" {
  name                           = var.deployment_strategy_name
  description                    = "Deploy to every target at once"
  deployment_duration_in_minutes = 0
  growth_factor                  = 100
  growth_type                    = "LINEAR"
  final_bake_time_in_minutes     = 0
  replicate_to                   = "NONE"
  tags                           = var.tags
}

# AppConfig invokes the validator with the candidate configuration. No source condition:
# the documented set-up names only the principal, and the validator has no side effect
# (it builds the candidate in memory and answers valid or not), so another caller learns
# nothing it did not send.
resource "aws_lambda_permission" "validator" {
  #checkov:skip=CKV_AWS_364:AppConfig's validator invocation is documented without a source condition; the validator has no side effect
  count = var.validator == null ? 0 : 1

  statement_id  = "AllowAppConfigValidation"
  action        = "lambda:InvokeFunction"
  function_name = var.validator.function_arn
  principal     = "appconfig.amazonaws.com"
}

resource "aws_appconfig_configuration_profile" "function" {
  for_each = toset(var.profiles)

  application_id = aws_appconfig_application.this.id
  name           = each.key
  location_uri   = "hosted"
  type           = "AWS.Freeform"

  dynamic "validator" {
    for_each = var.validator == null ? [] : [var.validator.function_arn]
    content {
      type    = "LAMBDA"
      content = validator.value
    }
  }

  tags = var.tags

  depends_on = [aws_lambda_permission.validator]
}

locals {
  # The resource of appconfig:StartConfigurationSession / GetLatestConfiguration.
  profile_arns = { for env in var.environments : env => {
    for name, p in aws_appconfig_configuration_profile.function :
    name => format("arn:%s:appconfig:%s:%s:application/%s/environment/%s/configuration/%s",
      data.aws_partition.current.partition, data.aws_region.current.name,
      data.aws_caller_identity.current.account_id, aws_appconfig_application.this.id,
    aws_appconfig_environment.this[env].environment_id, p.configuration_profile_id)
  } }
}
