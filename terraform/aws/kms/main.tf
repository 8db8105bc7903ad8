# One customer managed key for a whole deployment: Kinesis, S3, SQS, SNS, DynamoDB, the
# Lambda environments and the CloudWatch log groups are all encrypted with it.

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

locals {
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name

  # Services that use the key as themselves (not on behalf of an IAM principal of this
  # account): CloudWatch alarms, S3 event notifications and SNS deliveries write to
  # encrypted SNS topics and SQS queues of this account. They do so for a topic or queue
  # that names this key, which only this account can configure, so no source condition
  # is set (not every one of these services sends one). CloudWatch Logs has its own
  # statement below.
  service_principals = distinct(concat(
    ["cloudwatch.amazonaws.com", "s3.amazonaws.com", "sns.amazonaws.com"],
    var.extra_service_principals,
  ))
}

data "aws_iam_policy_document" "key" {
  #checkov:skip=CKV_AWS_109:a key policy's Resource "*" is the key itself (AWS requires it); the principals are the account and named services
  #checkov:skip=CKV_AWS_111:a key policy's Resource "*" is the key itself (AWS requires it); the principals are the account and named services
  #checkov:skip=CKV_AWS_356:a key policy's Resource "*" is the key itself (AWS requires it); the principals are the account and named services
  # A key policy's Resource is always "*": in a key policy it means "this key" (AWS requires
  # the wildcard there). Account administration of the key stays with the account, and IAM
  # policies (the functions' roles name this key's ARN exactly) grant its use.
  statement {
    sid       = "AccountAdministersKey"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }

  statement {
    sid       = "ServicesWriteEncryptedTopicsAndQueues"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = local.service_principals
    }
  }

  # CloudWatch Logs encrypts log groups of this account and region only; it names the log
  # group in the encryption context.
  statement {
    sid       = "LogsEncryptLogGroups"
    actions   = ["kms:Decrypt*", "kms:GenerateDataKey*", "kms:Encrypt*", "kms:ReEncrypt*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account}:log-group:*"]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = var.description
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_in_days
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}
