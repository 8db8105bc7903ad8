# The autoscale function: subscribed to the SNS topic that the streams' upscale and
# downscale alarms notify, it reshards the stream and re-creates both alarms. Its role
# allows exactly the calls apps/autoscale makes, on the given streams and their alarms.

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
  # arn:<partition>:kinesis:<region>:<account>:stream/<name>
  streams = { for arn in var.stream_arns : element(split("/", arn), 1) => {
    arn       = arn
    partition = element(split(":", arn), 1)
    region    = element(split(":", arn), 3)
    account   = element(split(":", arn), 4)
  } }

  alarm_arns = sort(flatten([for name, s in local.streams : [
    for kind in ["upscale", "downscale"] :
    "arn:${s.partition}:cloudwatch:${s.region}:${s.account}:alarm:${name}_${kind}"
  ]]))

  statements = concat(
    [
      {
        # KinesisAdminClient: active shard count (ListShards), UpdateShardCount, the status
        # poll (DescribeStreamSummary), the tags (ListTagsForStream, AddTagsToStream).
        sid = "ReshardStreams"
        actions = [
          "kinesis:AddTagsToStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards",
          "kinesis:ListTagsForStream", "kinesis:UpdateShardCount",
        ]
        resources = sort(var.stream_arns)
      },
      {
        # CloudWatchAlarmsClient: PutMetricAlarm and SetAlarmState on the two alarms.
        sid       = "ResetStreamAlarms"
        actions   = ["cloudwatch:PutMetricAlarm", "cloudwatch:SetAlarmState"]
        resources = local.alarm_arns
      },
    ],
    var.kms_key_arn == null ? [] : [{
      # The environment variables are encrypted with the key.
      sid       = "DecryptEnvironment"
      actions   = ["kms:Decrypt"]
      resources = [var.kms_key_arn]
    }],
  )
}

resource "aws_sns_topic" "alarms" {
  name              = var.topic_name
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

module "function" {
  source = "../lambda"

  name                   = var.name
  description            = "Substation Kinesis autoscaling"
  filename               = var.filename
  image_uri              = var.image_uri
  architecture           = var.architecture
  memory_size            = 128
  timeout                = var.timeout
  kms_key_arn            = var.kms_key_arn
  log_retention_days     = var.log_retention_days
  dead_letter_target_arn = var.dead_letter_target_arn
  environment = {
    AUTOSCALE_KINESIS_THRESHOLD            = tostring(var.threshold)
    AUTOSCALE_KINESIS_UPSCALE_DATAPOINTS   = tostring(var.upscale_datapoints)
    AUTOSCALE_KINESIS_DOWNSCALE_DATAPOINTS = tostring(var.downscale_datapoints)
  }
  policy_statements = local.statements
  tags              = var.tags
}

resource "aws_lambda_permission" "sns" {
  statement_id  = "AllowAlarmTopic"
  action        = "lambda:InvokeFunction"
  function_name = module.function.name
  principal     = "sns.amazonaws.com"
  source_arn    = aws_sns_topic.alarms.arn
}

resource "aws_sns_topic_subscription" "function" {
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "lambda"
  endpoint  = module.function.arn

  depends_on = [aws_lambda_permission.sns]
}
