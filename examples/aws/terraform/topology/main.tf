# The seed pipeline's topology as Terraform values, computed from pipeline.json (passed in
# decoded) and nothing else: resource ARNs, each function's AWS transforms and trigger,
# its IAM statements, and the trigger wiring. No provider and no resources, so OpenTofu
# can evaluate it offline (tests/terraform/iam_test.py does).
#
# ARNs are built from pipeline.json's account and region: the configs name the same ARNs,
# and the root module's provider refuses any other account (allowed_account_ids).

locals {
  p      = var.pipeline
  prefix = "${var.partition}:%s:${local.p.region}:${local.p.account}"

  # Resource kinds as pipeline.json names them in `uses` entries and triggers.
  arns = {
    stream   = { for k, s in local.p.kinesis_streams : k => "arn:${format(local.prefix, "kinesis")}:stream/${s.name}" }
    bucket   = { for k, b in local.p.s3_buckets : k => "arn:${var.partition}:s3:::${b.name}" }
    table    = { for k, t in local.p.dynamodb_tables : k => "arn:${format(local.prefix, "dynamodb")}:table/${t.name}" }
    queue    = { for k, q in local.p.sqs_queues : k => "arn:${format(local.prefix, "sqs")}:${q.name}" }
    topic    = { for k, t in local.p.sns_topics : k => "arn:${format(local.prefix, "sns")}:${t.name}" }
    function = { for k, f in local.p.functions : k => "arn:${format(local.prefix, "lambda")}:function:${f.name}" }
  }

  # pipeline.json's vocabulary of AWS calls (see its __doc_uses) to the transform types
  # the configs use for them.
  use_transform = {
    kinesis_put    = "send_aws_kinesis_data_stream"
    s3_put         = "send_aws_s3"
    dynamodb_put   = "send_aws_dynamodb_put"
    dynamodb_query = "enrich_aws_dynamodb_query"
    lambda_invoke  = "enrich_aws_lambda"
  }

  # The ARN an entry names: its one key that is a resource kind (stream, bucket, ...).
  function_transforms = { for fk, f in local.p.functions : fk => [
    for u in f.uses : {
      type = local.use_transform[u.action]
      arn  = one([for kind, by_key in local.arns : by_key[u[kind]] if contains(keys(u), kind)])
    }
  ] }

  function_triggers = { for fk, f in local.p.functions : fk => [{
    type = f.trigger.type
    arn  = one([for kind, by_key in local.arns : by_key[f.trigger[kind]] if contains(keys(f.trigger), kind)])
  }] }

  kinesis_mappings = { for fk, f in local.p.functions : fk => {
    stream            = f.trigger.stream
    batch_size        = f.trigger.batch_size
    starting_position = f.trigger.starting_position
    bisect_on_error   = f.trigger.bisect_on_error
    retries           = f.trigger.maximum_retry_attempts
  } if f.trigger.type == "kinesis_stream" }

  sqs_mappings = { for fk, f in local.p.functions : fk => {
    queue      = f.trigger.queue
    batch_size = f.trigger.batch_size
  } if f.trigger.type == "sqs" }

  # bucket key => function keys notified; topic key => function keys subscribed.
  s3_notifications = { for bk, b in local.p.s3_buckets : bk => [
    for fk, f in local.p.functions : fk if f.trigger.type == "s3" && try(f.trigger.bucket, "") == bk
  ] }
  sns_subscriptions = { for tk, t in local.p.sns_topics : tk => [
    for fk, f in local.p.functions : fk if f.trigger.type == "sns" && try(f.trigger.topic, "") == tk
  ] }
}

module "grants" {
  source   = "../../../../terraform/aws/iam/substation_grants"
  for_each = local.p.functions

  transforms            = local.function_transforms[each.key]
  triggers              = local.function_triggers[each.key]
  kms_key_arn           = var.kms_key_arn
  appconfig_profile_arn = var.appconfig_profile_arns == null ? null : var.appconfig_profile_arns[each.value.name]
}
