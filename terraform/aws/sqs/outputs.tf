output "arn" {
  description = "Queue ARN."
  value       = aws_sqs_queue.this.arn
}

output "url" {
  description = "Queue URL."
  value       = aws_sqs_queue.this.url
}

output "name" {
  description = "Queue name."
  value       = aws_sqs_queue.this.name
}

output "dead_letter_arn" {
  description = "Dead-letter queue ARN (null without one)."
  value       = var.max_receive_count == null ? null : aws_sqs_queue.dead_letter[0].arn
}
