# What a Substation function's role must allow, derived from facts rather than written by
# hand: the AWS transforms of its config (type + settings.aws.arn), its trigger, the KMS
# key that encrypts what it touches and its AppConfig profile. No provider, no resources:
# the output is a list of statements for ../../lambda's policy_statements.
#
# The actions are the exact API calls our C++ clients make (services/aws):
#   send_aws_kinesis_data_stream  PutRecords                                 on the stream
#   send_aws_s3                   PutObject; CreateMultipartUpload, UploadPart and
#                                 CompleteMultipartUpload (all s3:PutObject) over 16 MiB,
#                                 AbortMultipartUpload when one fails        on bucket/*
#   send_aws_dynamodb_put         BatchWriteItem                             on the table
#   send_aws_sqs                  SendMessageBatch (IAM: sqs:SendMessage)    on the queue
#   send_aws_sns                  PublishBatch (IAM: sns:Publish)            on the topic
#   send_aws_lambda               Invoke, Event type (lambda:InvokeFunction) on the function
#   send_aws_data_firehose        PutRecordBatch                             on the stream
#   send_aws_eventbridge          PutEvents                                  on the bus
#   enrich_aws_dynamodb_query     Query                                      on the table
#   enrich_aws_lambda             Invoke (lambda:InvokeFunction)             on the function
# and what a trigger needs the function's role to do:
#   kinesis_stream  the event source mapping reads the stream (Describe*, GetRecords,
#                   GetShardIterator, ListShards) and decrypts it
#   sqs             the mapping receives, deletes and reads the queue's attributes
#   s3              the S3 handler GETs the notified object (and decrypts it)
#   sns, api_gateway, lambda_invoke: the caller pushes; nothing for the role.

locals {
  transform_actions = {
    send_aws_kinesis_data_stream = { actions = ["kinesis:PutRecords"], objects = false, kms = ["kms:GenerateDataKey"] }
    # SSE-KMS multipart uploads decrypt the data key when they complete.
    send_aws_s3 = { actions = ["s3:AbortMultipartUpload", "s3:PutObject"], objects = true, kms = ["kms:Decrypt", "kms:GenerateDataKey"] }
    # DynamoDB decrypts a CMK-encrypted table's key on behalf of the caller.
    send_aws_dynamodb_put     = { actions = ["dynamodb:BatchWriteItem"], objects = false, kms = ["kms:Decrypt"] }
    send_aws_sqs              = { actions = ["sqs:SendMessage"], objects = false, kms = ["kms:GenerateDataKey"] }
    send_aws_sns              = { actions = ["sns:Publish"], objects = false, kms = ["kms:GenerateDataKey"] }
    send_aws_lambda           = { actions = ["lambda:InvokeFunction"], objects = false, kms = [] }
    send_aws_data_firehose    = { actions = ["firehose:PutRecordBatch"], objects = false, kms = [] }
    send_aws_eventbridge      = { actions = ["events:PutEvents"], objects = false, kms = [] }
    enrich_aws_dynamodb_query = { actions = ["dynamodb:Query"], objects = false, kms = ["kms:Decrypt"] }
    enrich_aws_lambda         = { actions = ["lambda:InvokeFunction"], objects = false, kms = [] }
  }

  trigger_actions = {
    kinesis_stream = { actions = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"], objects = false, kms = ["kms:Decrypt"] }
    sqs            = { actions = ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], objects = false, kms = ["kms:Decrypt"] }
    s3             = { actions = ["s3:GetObject"], objects = true, kms = ["kms:Decrypt"] }
    sns            = { actions = [], objects = false, kms = [] }
    api_gateway    = { actions = [], objects = false, kms = [] }
    lambda_invoke  = { actions = [], objects = false, kms = [] }
  }

  # One entry per (action set, resource); bucket ARNs become object ARNs where the calls
  # act on objects.
  uses = concat(
    [for t in var.transforms : {
      name     = t.type
      actions  = local.transform_actions[t.type].actions
      resource = local.transform_actions[t.type].objects ? "${t.arn}/*" : t.arn
      kms      = local.transform_actions[t.type].kms
    }],
    [for t in var.triggers : {
      name     = "trigger_${t.type}"
      actions  = local.trigger_actions[t.type].actions
      resource = local.trigger_actions[t.type].objects ? "${t.arn}/*" : t.arn
      kms      = local.trigger_actions[t.type].kms
    } if length(local.trigger_actions[t.type].actions) > 0],
  )

  # Grouped by resource so each resource appears in one statement with all its actions.
  by_resource = { for u in local.uses : u.resource => u.actions... }

  resource_statements = [for i, r in sort(keys(local.by_resource)) : {
    sid       = "${title(split(":", r)[2])}${i}"
    actions   = sort(distinct(flatten(local.by_resource[r])))
    resources = [r]
  }]

  # The environment variables are encrypted with the key when one is given, so Decrypt
  # is always needed then; the rest follows from what the function writes and reads.
  kms_actions = var.kms_key_arn == null ? [] : sort(distinct(concat(
    var.lambda_environment_encrypted ? ["kms:Decrypt"] : [],
    flatten([for u in local.uses : u.kms]),
  )))

  kms_statements = length(local.kms_actions) == 0 ? [] : [{
    sid       = "UseDeploymentKey"
    actions   = local.kms_actions
    resources = [var.kms_key_arn]
  }]

  # The AppConfig Lambda extension starts a session and polls the latest version of this
  # function's profile in one environment.
  appconfig_statements = var.appconfig_profile_arn == null ? [] : [{
    sid       = "ReadOwnConfiguration"
    actions   = ["appconfig:GetLatestConfiguration", "appconfig:StartConfigurationSession"]
    resources = [var.appconfig_profile_arn]
  }]
}
