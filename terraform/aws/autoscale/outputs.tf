output "topic_arn" {
  description = "SNS topic for the kinesis module's autoscale = { topic_arn }."
  value       = aws_sns_topic.alarms.arn
}

output "function_arn" {
  description = "The autoscale function."
  value       = module.function.arn
}

output "role_arn" {
  description = "The autoscale function's role."
  value       = module.function.role_arn
}

output "policy_statements" {
  description = "The statements given to the role (besides its log group)."
  value       = local.statements
}
