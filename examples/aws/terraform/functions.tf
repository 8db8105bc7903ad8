# The pipeline's functions: one lambda module each, with the role statements the topology
# module derived from the function's `uses` and trigger.

module "functions" {
  source   = "../../../terraform/aws/lambda"
  for_each = local.pipeline.functions

  name                          = each.value.name
  substation_handler            = each.value.handler
  filename                      = local.zips.substation
  image_uri                     = local.images.substation
  architecture                  = var.architecture
  appconfig_extension_layer_arn = var.appconfig_extension_layer_arn
  kms_key_arn                   = module.kms.arn
  policy_statements             = module.topology.grants[each.key]

  appconfig = {
    application = local.pipeline.appconfig.application
    environment = local.pipeline.appconfig.environment
  }
}
