output "statements" {
  description = "IAM statements ({ sid, actions, resources }) for the lambda module's policy_statements."
  value       = concat(local.resource_statements, local.kms_statements, local.appconfig_statements)
}
