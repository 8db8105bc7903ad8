# The whole policy document of a Substation function's role: the caller's statements plus
# what every function needs for itself (writing to its own log group; X-Ray only when
# tracing is Active). No provider: the lambda module renders its role policy with it and
# tests/terraform/iam_test.py evaluates it offline.

locals {
  own_statements = concat(
    [{
      sid       = "WriteOwnLogGroup"
      actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      resources = ["${var.log_group_arn}:*"]
    }],
    # X-Ray's PutTraceSegments and PutTelemetryRecords have no resource type: AWS requires
    # Resource "*" for them. Only granted when tracing is Active.
    var.tracing_mode == "Active" ? [{
      sid       = "WriteTraces"
      actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      resources = ["*"]
    }] : [],
  )

  statements = concat(local.own_statements, var.statements)
}
