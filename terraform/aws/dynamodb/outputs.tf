output "arn" {
  description = "Table ARN."
  value       = aws_dynamodb_table.this.arn
}

output "name" {
  description = "Table name."
  value       = aws_dynamodb_table.this.name
}

output "stream_arn" {
  description = "Stream ARN (null without a stream)."
  value       = var.stream_view_type == null ? null : aws_dynamodb_table.this.stream_arn
}
