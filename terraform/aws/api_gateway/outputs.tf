output "id" {
  description = "REST API ID."
  value       = aws_api_gateway_rest_api.this.id
}

output "invoke_url" {
  description = "URL to POST events to."
  value       = aws_api_gateway_stage.this.invoke_url
}

output "execution_arn" {
  description = "Execution ARN (for IAM policies of callers: <execution_arn>/<stage>/POST/)."
  value       = aws_api_gateway_rest_api.this.execution_arn
}

output "role_arn" {
  description = "Role of the Kinesis integration (null for lambda)."
  value       = local.is_kinesis ? aws_iam_role.kinesis[0].arn : null
}
