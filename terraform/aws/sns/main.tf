# An SNS topic encrypted with KMS, with optional Lambda subscriptions.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

resource "aws_sns_topic" "this" {
  name              = var.name
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_permission" "subscriber" {
  for_each = var.lambda_subscriptions

  statement_id  = "AllowTopic-${replace(each.key, "_", "-")}"
  action        = "lambda:InvokeFunction"
  function_name = each.value
  principal     = "sns.amazonaws.com"
  source_arn    = aws_sns_topic.this.arn
}

resource "aws_sns_topic_subscription" "lambda" {
  for_each = var.lambda_subscriptions

  topic_arn = aws_sns_topic.this.arn
  protocol  = "lambda"
  endpoint  = each.value

  depends_on = [aws_lambda_permission.subscriber]
}
