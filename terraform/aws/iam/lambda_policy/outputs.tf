output "statements" {
  description = "Every statement of the role: [{ sid, actions, resources }]."
  value       = local.statements
}

output "json" {
  description = "The policy document."
  value = jsonencode({
    Version = "2012-10-17"
    Statement = [for s in local.statements : {
      Sid      = s.sid
      Effect   = "Allow"
      Action   = s.actions
      Resource = s.resources
    }]
  })
}
