# A regional REST API that takes POST / and either proxies it to a Lambda function or puts
# the body as one record into a Kinesis stream (PutRecord through an AWS service
# integration, with its own role allowed exactly that call on that stream).

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  is_lambda  = var.integration == "lambda"
  is_kinesis = var.integration == "kinesis"
}

resource "aws_api_gateway_rest_api" "this" {
  name        = var.name
  description = var.description

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_method" "post" {
  #checkov:skip=CKV2_AWS_53:events are arbitrary log data that the function or the stream's consumers parse; there is no schema to validate
  rest_api_id   = aws_api_gateway_rest_api.this.id
  resource_id   = aws_api_gateway_rest_api.this.root_resource_id
  http_method   = "POST"
  authorization = var.authorization
}

# --- Lambda proxy integration ---

resource "aws_api_gateway_integration" "lambda" {
  count = local.is_lambda ? 1 : 0

  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_rest_api.this.root_resource_id
  http_method             = aws_api_gateway_method.post.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = var.lambda_invoke_arn
}

resource "aws_lambda_permission" "gateway" {
  count = local.is_lambda ? 1 : 0

  statement_id  = "AllowRestApi-${var.name}"
  action        = "lambda:InvokeFunction"
  function_name = var.lambda_function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.this.execution_arn}/*/POST/"
}

# --- Kinesis PutRecord integration ---

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "kinesis" {
  count = local.is_kinesis ? 1 : 0

  name               = "${var.name}-apigateway"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "kinesis" {
  count = local.is_kinesis ? 1 : 0

  name = "put-record"
  role = aws_iam_role.kinesis[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid      = "PutRecord"
        Effect   = "Allow"
        Action   = ["kinesis:PutRecord"]
        Resource = [var.kinesis_stream_arn]
      }],
      # The stream is encrypted: writing a record needs a data key.
      var.kms_key_arn == null ? [] : [{
        Sid      = "EncryptRecords"
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey"]
        Resource = [var.kms_key_arn]
      }],
    )
  })
}

resource "aws_api_gateway_integration" "kinesis" {
  count = local.is_kinesis ? 1 : 0

  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_rest_api.this.root_resource_id
  http_method             = aws_api_gateway_method.post.http_method
  type                    = "AWS"
  integration_http_method = "POST"
  uri                     = "arn:${data.aws_partition.current.partition}:apigateway:${data.aws_region.current.name}:kinesis:action/PutRecord"
  credentials             = aws_iam_role.kinesis[0].arn
  passthrough_behavior    = "NEVER"

  # The request body becomes the record's data; the request ID spreads records over shards.
  # Bodies of other content types are refused (415) rather than passed to Kinesis as is.
  request_templates = { for content_type in var.content_types : content_type => jsonencode({
    StreamName   = element(split("/", coalesce(var.kinesis_stream_arn, "/")), 1)
    Data         = "$util.base64Encode($input.body)"
    PartitionKey = "$context.requestId"
  }) }
}

resource "aws_api_gateway_method_response" "ok" {
  count = local.is_kinesis ? 1 : 0

  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = aws_api_gateway_rest_api.this.root_resource_id
  http_method = aws_api_gateway_method.post.http_method
  status_code = "200"
}

resource "aws_api_gateway_integration_response" "ok" {
  count = local.is_kinesis ? 1 : 0

  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = aws_api_gateway_rest_api.this.root_resource_id
  http_method = aws_api_gateway_method.post.http_method
  status_code = aws_api_gateway_method_response.ok[0].status_code

  depends_on = [aws_api_gateway_integration.kinesis]
}

# --- deployment ---

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id

  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_method.post,
      aws_api_gateway_integration.lambda,
      aws_api_gateway_integration.kinesis,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }

  depends_on = [aws_api_gateway_integration.lambda, aws_api_gateway_integration_response.ok]
}

resource "aws_api_gateway_stage" "this" {
  #checkov:skip=CKV_AWS_76:access logs need the region-wide API Gateway CloudWatch role (aws_api_gateway_account), an account setting a module must not own
  #checkov:skip=CKV2_AWS_4:execution logging needs the same region-wide API Gateway CloudWatch role as access logs
  #checkov:skip=CKV_AWS_120:an ingest endpoint must never answer a POST from a cache
  #checkov:skip=CKV2_AWS_51:client certificates authenticate API Gateway to HTTP backends; these integrations are Lambda and Kinesis
  #checkov:skip=CKV2_AWS_29:a WAF web ACL is an account-level choice; callers are authenticated with IAM (authorization = AWS_IAM) by default
  rest_api_id          = aws_api_gateway_rest_api.this.id
  deployment_id        = aws_api_gateway_deployment.this.id
  stage_name           = var.stage_name
  xray_tracing_enabled = true
  tags                 = var.tags
}
