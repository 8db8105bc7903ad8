output "arns" {
  description = "kind (stream, bucket, table, queue, topic, function) => pipeline key => ARN."
  value       = local.arns
}

output "function_transforms" {
  description = "function key => its AWS transforms [{ type, arn }], from its `uses`."
  value       = local.function_transforms
}

output "function_triggers" {
  description = "function key => [{ type, arn }]."
  value       = local.function_triggers
}

output "grants" {
  description = "function key => the IAM statements of its role (besides its log group)."
  value       = { for fk, g in module.grants : fk => g.statements }
}

output "kinesis_mappings" {
  description = "function key => Kinesis event source mapping settings."
  value       = local.kinesis_mappings
}

output "sqs_mappings" {
  description = "function key => SQS event source mapping settings."
  value       = local.sqs_mappings
}

output "s3_notifications" {
  description = "bucket key => function keys it notifies."
  value       = local.s3_notifications
}

output "sns_subscriptions" {
  description = "topic key => function keys subscribed."
  value       = local.sns_subscriptions
}
