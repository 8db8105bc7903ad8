output "arn" {
  description = "Stream ARN."
  value       = aws_kinesis_stream.this.arn
}

output "name" {
  description = "Stream name."
  value       = aws_kinesis_stream.this.name
}

output "alarm_arns" {
  description = "ARNs of the upscale and downscale alarms."
  value       = { for k, a in aws_cloudwatch_metric_alarm.scale : k => a.arn }
}
