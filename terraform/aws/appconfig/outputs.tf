output "application_id" {
  description = "Application ID."
  value       = aws_appconfig_application.this.id
}

output "environment_ids" {
  description = "Environment IDs by name."
  value       = { for k, e in aws_appconfig_environment.this : k => e.environment_id }
}

output "profile_ids" {
  description = "Configuration profile IDs by name."
  value       = { for k, p in aws_appconfig_configuration_profile.function : k => p.configuration_profile_id }
}

output "deployment_strategy_id" {
  description = "ID of the instant deployment strategy."
  value       = aws_appconfig_deployment_strategy.instant.id
}

output "profile_arns" {
  description = "environment => profile name => ARN a function's role needs for the AppConfig extension."
  value       = local.profile_arns
}
