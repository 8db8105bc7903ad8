# A Kinesis Data Stream encrypted with KMS, with the two CloudWatch alarms the autoscale
# function reacts to. The alarms and the MinimumShards / MaximumShards tags follow the
# autoscale function's conventions (apps/autoscale): alarms named <stream>_upscale and
# <stream>_downscale, metric math m1/m2 (IncomingRecords, IncomingBytes per 60 s) over the
# per-shard limits, notifying the autoscale SNS topic. After a reshard the function
# re-creates both alarms and tags the stream with LastScalingEvent, so Terraform ignores
# those drifts.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

resource "aws_kinesis_stream" "this" {
  name             = var.name
  shard_count      = var.shards
  retention_period = var.retention_hours
  encryption_type  = "KMS"
  kms_key_id       = var.kms_key_arn

  stream_mode_details {
    stream_mode = "PROVISIONED"
  }

  tags = merge(var.tags, {
    MinimumShards = tostring(var.min_shards)
    MaximumShards = tostring(var.max_shards)
  })

  lifecycle {
    # The autoscale function owns the shard count and the LastScalingEvent tag.
    ignore_changes = [shard_count, tags["LastScalingEvent"]]
  }
}

locals {
  alarms = {
    upscale = {
      periods    = var.upscale_datapoints
      threshold  = var.threshold
      comparison = "GreaterThanOrEqualToThreshold"
    }
    downscale = {
      periods    = var.downscale_datapoints
      threshold  = var.threshold - 0.35
      comparison = "LessThanOrEqualToThreshold"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "scale" {
  for_each = var.autoscale == null ? {} : local.alarms

  alarm_name          = "${var.name}_${each.key}"
  alarm_description   = var.name
  actions_enabled     = true
  alarm_actions       = [var.autoscale.topic_arn]
  evaluation_periods  = each.value.periods
  datapoints_to_alarm = each.value.periods
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison
  treat_missing_data  = "ignore"

  metric_query {
    id          = "m1"
    label       = "IncomingRecords"
    return_data = false
    metric {
      namespace   = "AWS/Kinesis"
      metric_name = "IncomingRecords"
      period      = 60
      stat        = "Sum"
      dimensions = {
        StreamName = aws_kinesis_stream.this.name
      }
    }
  }

  metric_query {
    id          = "m2"
    label       = "IncomingBytes"
    return_data = false
    metric {
      namespace   = "AWS/Kinesis"
      metric_name = "IncomingBytes"
      period      = 60
      stat        = "Sum"
      dimensions = {
        StreamName = aws_kinesis_stream.this.name
      }
    }
  }

  metric_query {
    id          = "e1"
    expression  = "FILL(m1,REPEAT)"
    label       = "FillMissingDataPointsForIncomingRecords"
    return_data = false
  }

  metric_query {
    id          = "e2"
    expression  = "FILL(m2,REPEAT)"
    label       = "FillMissingDataPointsForIncomingBytes"
    return_data = false
  }

  # The share of the per-shard write limits over the period: 1,000 records and 1 MiB per
  # second per shard.
  metric_query {
    id          = "e3"
    expression  = "e1/(1000*${var.shards}*60)"
    label       = "IncomingRecordsPercent"
    return_data = false
  }

  metric_query {
    id          = "e4"
    expression  = "e2/(1048576*${var.shards}*60)"
    label       = "IncomingBytesPercent"
    return_data = false
  }

  metric_query {
    id          = "e5"
    expression  = "MAX([e3,e4])"
    label       = "IncomingMax"
    return_data = true
  }

  tags = var.tags

  lifecycle {
    # The autoscale function rewrites the expressions for the new shard count.
    ignore_changes = [metric_query]
  }
}
