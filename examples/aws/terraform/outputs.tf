output "kms_key_arn" {
  description = "The deployment key."
  value       = module.kms.arn
}

output "appconfig" {
  description = "IDs the config upload needs: application, environments, profiles, deployment strategy."
  value = {
    application_id         = module.appconfig.application_id
    environment_ids        = module.appconfig.environment_ids
    profile_ids            = module.appconfig.profile_ids
    deployment_strategy_id = module.appconfig.deployment_strategy_id
  }
}

output "gateway_urls" {
  description = "Where to POST events, by gateway key."
  value       = { for k, g in module.gateways : k => g.invoke_url }
}

output "function_arns" {
  description = "Function ARNs by pipeline key."
  value       = { for k, f in module.functions : k => f.arn }
}
