# What invokes each function, as pipeline.json's triggers say. S3 notifications and SNS
# subscriptions live in the bucket and topic modules (main.tf); the Lambda invoke trigger
# (enrichment) needs nothing: its caller's role may invoke it.

resource "aws_lambda_event_source_mapping" "kinesis" {
  for_each = module.topology.kinesis_mappings

  function_name                  = module.functions[each.key].arn
  event_source_arn               = module.streams[each.value.stream].arn
  starting_position              = each.value.starting_position
  batch_size                     = each.value.batch_size
  bisect_batch_on_function_error = each.value.bisect_on_error
  maximum_retry_attempts         = each.value.retries
}

resource "aws_lambda_event_source_mapping" "sqs" {
  for_each = module.topology.sqs_mappings

  function_name    = module.functions[each.key].arn
  event_source_arn = module.queues[each.value.queue].arn
  batch_size       = each.value.batch_size
}

module "gateways" {
  source   = "../../../terraform/aws/api_gateway"
  for_each = local.pipeline.api_gateways

  name                 = each.value.name
  integration          = each.value.integration
  lambda_invoke_arn    = each.value.integration == "lambda" ? module.functions[each.value.function].invoke_arn : null
  lambda_function_name = each.value.integration == "lambda" ? module.functions[each.value.function].name : null
  kinesis_stream_arn   = each.value.integration == "kinesis" ? module.streams[each.value.stream].arn : null
  kms_key_arn          = module.kms.arn
}
