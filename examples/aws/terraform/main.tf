# The seed pipeline composed from terraform/aws modules. Everything about the topology
# (names, functions, handlers, triggers, what each function calls) comes from
# ../pipeline.json through the topology module; this file only wires modules together.

locals {
  pipeline = jsondecode(file("${path.module}/../pipeline.json"))

  repo_root   = "${path.module}/../../.."
  package_dir = coalesce(var.package_dir, var.architecture == "arm64" ? "${local.repo_root}/build-arm64" : "${local.repo_root}/build")
  # binary => zip path, or null when images are used.
  zips = { for b in ["substation", "autoscale", "validate"] : b => (
    var.image_uris == null ? "${local.package_dir}/${b}-lambda-${var.architecture}.zip" : null
  ) }
  images = var.image_uris == null ? { substation = null, autoscale = null, validate = null } : var.image_uris
}

module "topology" {
  source = "./topology"

  pipeline               = local.pipeline
  kms_key_arn            = module.kms.arn
  appconfig_profile_arns = module.appconfig.profile_arns[local.pipeline.appconfig.environment]
}

module "kms" {
  source = "../../../terraform/aws/kms"
  name   = local.pipeline.name
}

# --- configuration service and control functions ---

module "validate" {
  source = "../../../terraform/aws/lambda"

  name         = local.pipeline.control_functions.validate.name
  description  = "Substation AppConfig validator"
  filename     = local.zips.validate
  image_uri    = local.images.validate
  architecture = var.architecture
  kms_key_arn  = module.kms.arn
  memory_size  = 256
  timeout      = 30
  # validate builds the candidate config in memory and calls nothing.
  policy_statements = [{
    sid       = "DecryptEnvironment"
    actions   = ["kms:Decrypt"]
    resources = [module.kms.arn]
  }]
}

module "appconfig" {
  source = "../../../terraform/aws/appconfig"

  name                     = local.pipeline.appconfig.application
  environments             = local.pipeline.appconfig.environments
  deployment_strategy_name = local.pipeline.appconfig.deployment_strategy
  profiles                 = [for f in local.pipeline.functions : f.name]
  validator                = { function_arn = module.validate.arn }
}

module "autoscale" {
  source = "../../../terraform/aws/autoscale"

  name         = local.pipeline.control_functions.autoscale.name
  topic_name   = "${local.pipeline.name}_autoscale"
  stream_arns  = values(module.topology.arns.stream)
  filename     = local.zips.autoscale
  image_uri    = local.images.autoscale
  architecture = var.architecture
  kms_key_arn  = module.kms.arn
}

# --- data stores ---

module "streams" {
  source   = "../../../terraform/aws/kinesis"
  for_each = local.pipeline.kinesis_streams

  name        = each.value.name
  shards      = each.value.shards
  min_shards  = each.value.min_shards
  max_shards  = each.value.max_shards
  kms_key_arn = module.kms.arn
  autoscale   = { topic_arn = module.autoscale.topic_arn }
}

module "buckets" {
  source   = "../../../terraform/aws/s3"
  for_each = local.pipeline.s3_buckets

  name                  = each.value.name
  kms_key_arn           = module.kms.arn
  expected_bucket_owner = local.pipeline.account
  lambda_notifications = { for fk in module.topology.s3_notifications[each.key] : fk => {
    function_arn = module.functions[fk].arn
  } }
}

module "topics" {
  source   = "../../../terraform/aws/sns"
  for_each = local.pipeline.sns_topics

  name                 = each.value.name
  kms_key_arn          = module.kms.arn
  lambda_subscriptions = { for fk in module.topology.sns_subscriptions[each.key] : fk => module.functions[fk].arn }
}

module "queues" {
  source   = "../../../terraform/aws/sqs"
  for_each = local.pipeline.sqs_queues

  name        = each.value.name
  kms_key_arn = module.kms.arn
}

module "tables" {
  source   = "../../../terraform/aws/dynamodb"
  for_each = local.pipeline.dynamodb_tables

  name        = each.value.name
  hash_key    = each.value.hash_key
  range_key   = each.value.range_key
  kms_key_arn = module.kms.arn
}
