# One Substation Lambda: the function, its log group and its own IAM role. The role holds
# exactly the statements the caller passes (see ../iam/substation_grants) plus the
# function's own (../iam/lambda_policy): writing to its log group, X-Ray when Active.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

locals {
  is_image = var.image_uri != null

  # The AppConfig Lambda extension serves the hosted configuration on localhost:2772; the
  # runtime reads SUBSTATION_CONFIG from there (the profile is named after the function).
  config_url = var.appconfig == null ? null : format(
    "http://localhost:2772/applications/%s/environments/%s/configurations/%s",
    var.appconfig.application, var.appconfig.environment, coalesce(var.appconfig.profile, var.name),
  )

  environment = merge(
    var.substation_handler == null ? {} : { SUBSTATION_LAMBDA_HANDLER = var.substation_handler },
    local.config_url == null ? {} : { SUBSTATION_CONFIG = local.config_url },
    var.environment,
  )
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = coalesce(var.role_name, "${var.name}-lambda")
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

# The role's only policy: the caller's statements plus the function's own log group
# (and X-Ray when Active), rendered by ../iam/lambda_policy.
module "policy" {
  source = "../iam/lambda_policy"

  log_group_arn = aws_cloudwatch_log_group.this.arn
  tracing_mode  = var.tracing_mode
  statements    = var.policy_statements
}

resource "aws_iam_role_policy" "this" {
  name   = "least-privilege"
  role   = aws_iam_role.this.id
  policy = module.policy.json
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  description   = var.description
  role          = aws_iam_role.this.arn
  architectures = [var.architecture]
  memory_size   = var.memory_size
  timeout       = var.timeout

  package_type     = local.is_image ? "Image" : "Zip"
  image_uri        = var.image_uri
  filename         = local.is_image ? null : var.filename
  source_code_hash = local.is_image || var.filename == null ? null : filebase64sha256(var.filename)
  runtime          = local.is_image ? null : "provided.al2023"
  handler          = local.is_image ? null : "bootstrap"
  # Layers are for zip packages; a container image carries the AppConfig extension itself.
  layers = local.is_image || var.appconfig_extension_layer_arn == null ? [] : [var.appconfig_extension_layer_arn]

  kms_key_arn                    = var.kms_key_arn
  reserved_concurrent_executions = var.reserved_concurrent_executions
  code_signing_config_arn        = var.code_signing_config_arn

  environment {
    variables = local.environment
  }

  tracing_config {
    mode = var.tracing_mode
  }

  dynamic "dead_letter_config" {
    for_each = var.dead_letter_target_arn == null ? [] : [var.dead_letter_target_arn]
    content {
      target_arn = dead_letter_config.value
    }
  }

  dynamic "vpc_config" {
    for_each = length(var.subnet_ids) == 0 ? [] : [1]
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]
}
