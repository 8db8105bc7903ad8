#!/usr/bin/env python3
"""Least privilege, checked: each function's role grants exactly what its config calls.

1. Every function's config (examples/aws/<config>) is built with `substation build`; its
   AWS transforms (type + settings.aws.arn, found anywhere in the chain: inside
   auxiliary_transforms, meta_switch cases, meta_for_each, ...) must be exactly the
   function's `uses` in pipeline.json, and the other way round.
2. From those transforms, the trigger, and what every function needs (its log group, its
   AppConfig profile, the key of its environment), the test derives the (action, resource)
   pairs the role must allow, by the table below: the API calls our C++ clients make.
3. OpenTofu evaluates the provider-free part of the Terraform (the example's topology
   module -> iam/substation_grants -> iam/lambda_policy) and the resulting policy document
   must allow exactly those pairs, no more and no less.
4. The HCL is parsed to check the wiring OpenTofu could not evaluate here (the resource
   modules need the AWS provider): the lambda module's only role policy is that document,
   the example passes each function the topology's grants, and the autoscale and API
   Gateway roles allow exactly their calls.

Missing config: tested against pipeline.json's `uses` only, and a failure under CI=true.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import tftools  # noqa: E402

# ---------------------------------------------------------------------------------------
# The one table: transform type -> the API calls its C++ client makes (client source, the
# operation strings that appear in it, the client method the transform calls) -> the IAM
# actions those calls need, whether they act on a bucket's objects (<arn>/*), and the KMS
# actions on the deployment key that the encrypted target requires.
#
#   transform                      client source          operations
#   send_aws_kinesis_data_stream   services/aws/kinesis   PutRecords
#   send_aws_s3                    services/aws/s3        PutObject; over 16 MiB
#                                                         CreateMultipartUpload, UploadPart,
#                                                         CompleteMultipartUpload (IAM: all
#                                                         s3:PutObject), AbortMultipartUpload
#   send_aws_dynamodb_put          services/aws/dynamodb  BatchWriteItem
#   send_aws_sqs                   services/aws/sqs       SendMessageBatch (sqs:SendMessage)
#   send_aws_sns                   services/aws/sns       PublishBatch (sns:Publish)
#   send_aws_lambda                services/aws/lambda    Invoke, Event (lambda:InvokeFunction)
#   send_aws_data_firehose         services/aws/firehose  PutRecordBatch
#   send_aws_eventbridge           services/aws/eventbridge PutEvents
#   enrich_aws_dynamodb_query      services/aws/dynamodb  Query
#   enrich_aws_lambda              services/aws/lambda    Invoke (lambda:InvokeFunction)
# ---------------------------------------------------------------------------------------
TRANSFORMS = {
    "send_aws_kinesis_data_stream": dict(
        source="transform/send/aws_kinesis_data_stream.cc", method="put_records",
        client="services/aws/kinesis.cc", operations=["PutRecords"],
        actions=["kinesis:PutRecords"], objects=False, kms=["kms:GenerateDataKey"]),
    "send_aws_s3": dict(
        source="transform/send/aws_s3.cc", method="put_object",
        client="services/aws/s3.cc",
        operations=["PutObject", "CreateMultipartUpload", "UploadPart",
                    "CompleteMultipartUpload", "AbortMultipartUpload"],
        actions=["s3:PutObject", "s3:AbortMultipartUpload"], objects=True,
        # SSE-KMS: a data key per object; completing a multipart upload decrypts it.
        kms=["kms:GenerateDataKey", "kms:Decrypt"]),
    "send_aws_dynamodb_put": dict(
        source="transform/send/aws_dynamodb_put.cc", method="batch_put",
        client="services/aws/dynamodb.cc", operations=["BatchWriteItem"],
        # A CMK-encrypted table: DynamoDB decrypts the table key on behalf of the caller.
        actions=["dynamodb:BatchWriteItem"], objects=False, kms=["kms:Decrypt"]),
    "send_aws_sqs": dict(
        source="transform/send/aws_sqs.cc", method="send_message_batch",
        client="services/aws/sqs.cc", operations=["SendMessageBatch"],
        actions=["sqs:SendMessage"], objects=False, kms=["kms:GenerateDataKey"]),
    "send_aws_sns": dict(
        source="transform/send/aws_sns.cc", method="publish_batch",
        client="services/aws/sns.cc", operations=["PublishBatch"],
        actions=["sns:Publish"], objects=False, kms=["kms:GenerateDataKey"]),
    "send_aws_lambda": dict(
        source="transform/send/aws_lambda.cc", method="invoke_async",
        client="services/aws/lambda.cc", operations=["Invoke"],
        actions=["lambda:InvokeFunction"], objects=False, kms=[]),
    "send_aws_data_firehose": dict(
        source="transform/send/aws_data_firehose.cc", method="put_record_batch",
        client="services/aws/firehose.cc", operations=["PutRecordBatch"],
        actions=["firehose:PutRecordBatch"], objects=False, kms=[]),
    "send_aws_eventbridge": dict(
        source="transform/send/aws_eventbridge.cc", method="put_events",
        client="services/aws/eventbridge.cc", operations=["PutEvents"],
        actions=["events:PutEvents"], objects=False, kms=[]),
    "enrich_aws_dynamodb_query": dict(
        source="transform/enrich/aws_dynamodb_query.cc", method="query",
        client="services/aws/dynamodb.cc", operations=["Query"],
        actions=["dynamodb:Query"], objects=False, kms=["kms:Decrypt"]),
    "enrich_aws_lambda": dict(
        source="transform/enrich/aws_lambda.cc", method="invoke",
        client="services/aws/lambda.cc", operations=["Invoke"],
        actions=["lambda:InvokeFunction"], objects=False, kms=[]),
}

# What the trigger needs from the function's own role (push triggers need nothing: the
# service's invoke permission is a resource policy on the function).
TRIGGERS = {
    # The event source mapping reads the (encrypted) stream.
    "kinesis_stream": dict(kind="stream", objects=False, kms=["kms:Decrypt"], actions=[
        "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
        "kinesis:GetShardIterator", "kinesis:ListShards"]),
    # The event source mapping receives and deletes (encrypted) messages.
    "sqs": dict(kind="queue", objects=False, kms=["kms:Decrypt"], actions=[
        "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]),
    # The AWS_S3 handler GETs the notified object (apps/lambda/s3_object_fetcher.cc).
    "s3": dict(kind="bucket", objects=True, kms=["kms:Decrypt"], actions=["s3:GetObject"]),
    "sns": dict(kind=None, objects=False, kms=[], actions=[]),
    "api_gateway": dict(kind=None, objects=False, kms=[], actions=[]),
    "lambda_invoke": dict(kind=None, objects=False, kms=[], actions=[]),
}

# pipeline.json's `uses` vocabulary (its __doc_uses): action -> (transform, resource key).
USES = {
    "kinesis_put": ("send_aws_kinesis_data_stream", "stream"),
    "s3_put": ("send_aws_s3", "bucket"),
    "dynamodb_put": ("send_aws_dynamodb_put", "table"),
    "dynamodb_query": ("enrich_aws_dynamodb_query", "table"),
    "lambda_invoke": ("enrich_aws_lambda", "function"),
}

# The autoscale function's calls (apps/autoscale -> services/aws clients): client method
# -> (client source, operation, IAM action).
AUTOSCALE_CALLS = {
    "active_shard_count": ("services/aws/kinesis_admin.cc", "ListShards", "kinesis:ListShards"),
    "update_shard_count": ("services/aws/kinesis_admin.cc", "UpdateShardCount", "kinesis:UpdateShardCount"),
    "stream_status": ("services/aws/kinesis_admin.cc", "DescribeStreamSummary", "kinesis:DescribeStreamSummary"),
    "list_tags": ("services/aws/kinesis_admin.cc", "ListTagsForStream", "kinesis:ListTagsForStream"),
    "add_tags": ("services/aws/kinesis_admin.cc", "AddTagsToStream", "kinesis:AddTagsToStream"),
    "put_metric_alarm": ("services/aws/cloudwatch_alarms.cc", "PutMetricAlarm", "cloudwatch:PutMetricAlarm"),
    "set_alarm_state": ("services/aws/cloudwatch_alarms.cc", "SetAlarmState", "cloudwatch:SetAlarmState"),
}

# Stand-ins for the values only AWS knows (the key's ARN, AppConfig's generated IDs): the
# test gives them to the Terraform and expects them back exactly where they belong.
PLACEHOLDER_KMS = "arn:aws:kms:{region}:{account}:key/iam-test-key"
PLACEHOLDER_PROFILE = ("arn:aws:appconfig:{region}:{account}:application/iam-test-app/"
                       "environment/iam-test-env/configuration/{name}")
LOG_GROUP = "arn:aws:logs:{region}:{account}:log-group:/aws/lambda/{name}"


class Checks:
    def __init__(self):
        self.passed = 0
        self.failures = []

    def ok(self, what):
        self.passed += 1
        print(f"ok: {what}")

    def fail(self, what):
        self.failures.append(what)
        print(f"FAILED: {what}")

    def expect(self, cond, what, detail=""):
        if cond:
            self.ok(what)
        else:
            self.fail(what + (f": {detail}" if detail else ""))


# --- 0. the table against the C++ sources ----------------------------------------------

def check_table_against_sources(repo: Path, c: Checks):
    registered = set()
    for family in ("send", "enrich"):
        table = json.loads((repo / "catalogue" / "types" / "transform" / f"{family}.json").read_text())
        for name, entry in table.items():
            registered |= {t for t in [name] + entry.get("aliases", [])
                           if t.startswith(("send_aws_", "enrich_aws_"))}
    c.expect(registered == set(TRANSFORMS),
             "the table covers exactly the registered send_aws_*/enrich_aws_* transforms",
             f"registered {sorted(registered)}, table {sorted(TRANSFORMS)}")
    for t, row in TRANSFORMS.items():
        src = (repo / row["source"]).read_text()
        client = (repo / row["client"]).read_text()
        # Operations appear as "Op" or as the tail of a target ("Firehose_20150804.Op").
        missing = [op for op in row["operations"] if not re.search(r'[".]' + op + '"', client)]
        calls = re.search(r"client_(->|\.)" + row["method"] + r"\(", src) is not None
        c.expect(calls and not missing,
                 f"{t}: calls {row['method']}, whose client makes {', '.join(row['operations'])}",
                 f"method called: {calls}, operations not in {row['client']}: {missing}")
    used = set()
    for f in sorted((repo / "apps/autoscale").glob("*.cc")):
        used |= set(re.findall(r"(?:kinesis_|cloudwatch_)->([a-z_]+)\(", f.read_text()))
    c.expect(used == set(AUTOSCALE_CALLS), "the autoscale table covers exactly its client calls",
             f"apps/autoscale calls {sorted(used)}")
    for method, (client, op, _) in AUTOSCALE_CALLS.items():
        c.expect(re.search(r'[".]' + op + '"', (repo / client).read_text()) is not None,
                 f"autoscale {method}: {client} makes {op}")


# --- 1. configs against pipeline.json ---------------------------------------------------

def arn_of(p, kind, key):
    r, a = p["region"], p["account"]
    return {
        "stream": lambda: f"arn:aws:kinesis:{r}:{a}:stream/{p['kinesis_streams'][key]['name']}",
        "bucket": lambda: f"arn:aws:s3:::{p['s3_buckets'][key]['name']}",
        "table": lambda: f"arn:aws:dynamodb:{r}:{a}:table/{p['dynamodb_tables'][key]['name']}",
        "queue": lambda: f"arn:aws:sqs:{r}:{a}:{p['sqs_queues'][key]['name']}",
        "topic": lambda: f"arn:aws:sns:{r}:{a}:{p['sns_topics'][key]['name']}",
        "function": lambda: f"arn:aws:lambda:{r}:{a}:function:{p['functions'][key]['name']}",
    }[kind]()


def uses_transforms(p, f):
    out = set()
    for u in f["uses"]:
        t, kind = USES[u["action"]]
        out.add((t, arn_of(p, kind, u[kind])))
    return out


def aws_transforms(node, where, errors):
    """(type, settings.aws.arn) of every AWS transform anywhere under node."""
    found = set()
    if isinstance(node, dict):
        t = node.get("type")
        settings = node.get("settings") if isinstance(node.get("settings"), dict) else {}
        if isinstance(t, str):
            if t in TRANSFORMS:
                aws = settings.get("aws", {})
                if aws.get("assume_role_arn"):
                    errors.append(f"{where}: {t} assumes {aws['assume_role_arn']}: sts:AssumeRole is not modelled")
                found.add((t, aws.get("arn", "")))
            elif t.startswith(("send_aws", "enrich_aws", "aws_")) or "aws" in settings:
                errors.append(f"{where}: {t} calls AWS but has no row in the table")
        for k, v in node.items():
            found |= aws_transforms(v, f"{where}.{k}", errors)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found |= aws_transforms(v, f"{where}[{i}]", errors)
    return found


def build_configs(repo: Path, substation: str, p, c: Checks):
    """function key -> built config (dict), or None when its config does not exist yet."""
    example = repo / "examples" / "aws"
    work = Path(tempfile.mkdtemp(prefix="iam-test-configs-"))
    try:
        # Build a copy: `substation build` writes config.json next to its source, and the
        # configs import ../pipeline.json and shared libsonnet files by relative path.
        shutil.copy(example / "pipeline.json", work / "pipeline.json")
        if (example / "config").is_dir():
            shutil.copytree(example / "config", work / "config")
        built = {}
        for fk, f in p["functions"].items():
            src = work / f["config"]
            if not src.is_file():
                built[fk] = None
                continue
            r = subprocess.run([substation, "build", str(src)], capture_output=True, text=True,
                               timeout=120)
            out = src.with_suffix(".json")
            if r.returncode != 0 or not out.is_file():
                c.fail(f"{fk}: substation build {f['config']} failed: {r.stderr.strip()[-500:]}")
                built[fk] = {}
                continue
            built[fk] = json.loads(out.read_text())
        return built
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- 2. what each role must allow ---------------------------------------------------------

def expected_pairs(p, fk, transforms):
    f = p["functions"][fk]
    fmt = dict(region=p["region"], account=p["account"], name=f["name"])
    kms_key = PLACEHOLDER_KMS.format(**fmt)
    pairs, kms = set(), {"kms:Decrypt"}  # the environment is encrypted with the key
    for t, arn in transforms:
        row = TRANSFORMS[t]
        resource = arn + "/*" if row["objects"] else arn
        pairs |= {(a, resource) for a in row["actions"]}
        kms |= set(row["kms"])
    trig = TRIGGERS[f["trigger"]["type"]]
    if trig["actions"]:
        arn = arn_of(p, trig["kind"], f["trigger"][trig["kind"]])
        resource = arn + "/*" if trig["objects"] else arn
        pairs |= {(a, resource) for a in trig["actions"]}
        kms |= set(trig["kms"])
    pairs |= {(a, kms_key) for a in kms}
    profile = PLACEHOLDER_PROFILE.format(**fmt)
    pairs |= {("appconfig:StartConfigurationSession", profile),
              ("appconfig:GetLatestConfiguration", profile)}
    log_streams = LOG_GROUP.format(**fmt) + ":*"
    pairs |= {("logs:CreateLogStream", log_streams), ("logs:PutLogEvents", log_streams)}
    return pairs


# --- 3. what the Terraform allows -------------------------------------------------------

def hcl_value(s):
    """python-hcl2 keeps expressions as "${...}" strings and literal strings quoted."""
    return s.strip('"') if isinstance(s, str) else s


def blocks(doc, kind, type_=None):
    """{name: body} of the `kind` blocks (module, resource of `type_`, ...) in a parsed file."""
    out = {}
    for entry in doc.get(kind, []):
        if type_ is None:
            out.update({hcl_value(k): v for k, v in entry.items() if not k.startswith("__")})
        else:
            for t, named in entry.items():
                if hcl_value(t) == type_:
                    out.update({hcl_value(k): v for k, v in named.items()})
    return out


def tracing_mode_of_functions(repo, hcl2):
    functions = blocks(hcl2.load(open(repo / "examples/aws/terraform/functions.tf")), "module")["functions"]
    if "tracing_mode" in functions:
        return hcl_value(functions["tracing_mode"])
    variables = blocks(hcl2.load(open(repo / "terraform/aws/lambda/variables.tf")), "variable")
    return hcl_value(variables["tracing_mode"]["default"])


def evaluate_policies(repo: Path, tofu: str, p, tracing_mode: str):
    """function key -> policy document, as OpenTofu computes it from pipeline.json."""
    work = Path(tempfile.mkdtemp(prefix="iam-test-tofu-"))
    try:
        # Local module sources must be relative paths ("../..."), not absolute ones.
        topology = os.path.relpath(repo / "examples/aws/terraform/topology", work)
        policy = os.path.relpath(repo / "terraform/aws/iam/lambda_policy", work)
        fmt = dict(region=p["region"], account=p["account"])
        (work / "main.tf").write_text(f"""
locals {{
  pipeline = jsondecode(file({json.dumps(str(repo / "examples/aws/pipeline.json"))}))
}}
module "topology" {{
  source      = "{topology}"
  pipeline    = local.pipeline
  kms_key_arn = "{PLACEHOLDER_KMS.format(**fmt)}"
  appconfig_profile_arns = {{ for f in local.pipeline.functions :
    f.name => "{PLACEHOLDER_PROFILE.format(name="${f.name}", **fmt)}" }}
}}
module "policy" {{
  source        = "{policy}"
  for_each      = local.pipeline.functions
  log_group_arn = "{LOG_GROUP.format(name="${each.value.name}", **fmt)}"
  tracing_mode  = "{tracing_mode}"
  statements    = module.topology.grants[each.key]
}}
output "policies" {{
  value = {{ for k, m in module.policy : k => m.json }}
}}
""")
        env = tftools.tofu_env()
        env["TF_DATA_DIR"] = str(work / ".terraform")
        for cmd in (["init", "-backend=false", "-input=false", "-no-color"],
                    ["apply", "-auto-approve", "-input=false", "-no-color", "-state", str(work / "s.tfstate")],
                    ["output", "-no-color", "-json", "-state", str(work / "s.tfstate")]):
            r = subprocess.run([tofu, *cmd], cwd=work, capture_output=True, text=True, env=env,
                               timeout=300)
            if r.returncode != 0:
                raise SystemExit(f"FAILED: tofu {cmd[0]}: {r.stdout[-2000:]}{r.stderr[-2000:]}")
        out = json.loads(r.stdout)["policies"]["value"]
        return {fk: json.loads(doc) for fk, doc in out.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def policy_pairs(doc, fk, c: Checks):
    pairs = set()
    problems = []
    for st in doc["Statement"]:
        if st.get("Effect") != "Allow" or set(st) - {"Sid", "Effect", "Action", "Resource"}:
            problems.append(f"statement {st.get('Sid')} is not a plain Allow: {st}")
        for a in st["Action"]:
            for r in st["Resource"]:
                if "*" in a or r == "*":
                    problems.append(f"wildcard {a} on {r}")
                pairs.add((a, r))
    c.expect(not problems, f"{fk}: every statement is an Allow of named actions on named ARNs",
             "; ".join(problems))
    return pairs


# --- 4. wiring the evaluation could not see ---------------------------------------------

def check_wiring(repo: Path, hcl2, c: Checks):
    ex = repo / "examples/aws/terraform"
    main = hcl2.load(open(ex / "main.tf"))
    funcs = blocks(hcl2.load(open(ex / "functions.tf")), "module")["functions"]
    mods = blocks(main, "module")
    locals_ = {k: v for entry in main.get("locals", []) for k, v in entry.items()}
    want = {
        "pipeline.json is read with jsondecode(file(...))":
            'jsondecode(file("${path.module}/../pipeline.json"))' in locals_.get("pipeline", ""),
        "one function module per pipeline.json function":
            funcs.get("for_each") == "${local.pipeline.functions}" and funcs.get("name") == "${each.value.name}",
        "each function's role gets the topology's grants for it":
            funcs.get("policy_statements") == "${module.topology.grants[each.key]}",
        "the functions' key is the deployment key":
            funcs.get("kms_key_arn") == "${module.kms.arn}",
        "the topology's key is the deployment key":
            mods["topology"].get("kms_key_arn") == "${module.kms.arn}",
        "the topology reads the profiles of the environment the functions read":
            mods["topology"].get("appconfig_profile_arns")
            == "${module.appconfig.profile_arns[local.pipeline.appconfig.environment]}"
            and funcs.get("appconfig", {}).get("environment") == "${local.pipeline.appconfig.environment}",
        "AppConfig has one profile per function, named after it":
            mods["appconfig"].get("profiles") == "${[for f in local.pipeline.functions : f.name]}",
        "autoscale may reshard exactly the pipeline's streams":
            mods["autoscale"].get("stream_arns") == "${values(module.topology.arns.stream)}",
    }
    for what, ok in want.items():
        c.expect(ok, "example: " + what)

    lam = hcl2.load(open(repo / "terraform/aws/lambda/main.tf"))
    role_policies = blocks(lam, "resource", "aws_iam_role_policy")
    others = [t for t in ("aws_iam_role_policy_attachment", "aws_iam_policy",
                          "aws_iam_role_policies_exclusive", "aws_iam_role_policy_attachments_exclusive")
              if blocks(lam, "resource", t)]
    policy_mod = blocks(lam, "module").get("policy", {})
    log_group = blocks(lam, "resource", "aws_cloudwatch_log_group").get("this", {})
    function = blocks(lam, "resource", "aws_lambda_function").get("this", {})
    want = {
        "the role's only policy is iam/lambda_policy's document":
            list(role_policies) == ["this"] and role_policies["this"].get("policy") == "${module.policy.json}"
            and not others,
        "that document holds the caller's statements, the log group and the tracing mode":
            hcl_value(policy_mod.get("source")) == "../iam/lambda_policy"
            and policy_mod.get("statements") == "${var.policy_statements}"
            and policy_mod.get("log_group_arn") == "${aws_cloudwatch_log_group.this.arn}"
            and policy_mod.get("tracing_mode") == "${var.tracing_mode}",
        "the log group is /aws/lambda/<function name>":
            hcl_value(log_group.get("name")) == "/aws/lambda/${var.name}"
            and function.get("function_name") == "${var.name}",
        "the function runs as that role": function.get("role") == "${aws_iam_role.this.arn}",
    }
    for what, ok in want.items():
        c.expect(ok, "lambda module: " + what)


def actions_in(text):
    return set(re.findall(r'"([a-z0-9]+:[A-Za-z0-9*]+)"', text))


def check_control_roles(repo: Path, hcl2, c: Checks):
    auto = hcl2.load(open(repo / "terraform/aws/autoscale/main.tf"))
    statements = next(e["statements"] for e in auto["locals"] if "statements" in e)
    want = {a for _, _, a in AUTOSCALE_CALLS.values()} | {"kms:Decrypt"}
    got = actions_in(statements)
    c.expect(got == want, "autoscale role: exactly its calls and kms:Decrypt for its environment",
             f"extra {sorted(got - want)}, missing {sorted(want - got)}")
    c.expect("resources = sort(var.stream_arns)" in statements and "resources = local.alarm_arns" in statements
             and "resources = [var.kms_key_arn]" in statements,
             "autoscale role: on its streams, their two alarms and the key only")

    gw = hcl2.load(open(repo / "terraform/aws/api_gateway/main.tf"))
    policy = blocks(gw, "resource", "aws_iam_role_policy")["kinesis"]["policy"]
    got = actions_in(policy)
    c.expect(got == {"kinesis:PutRecord", "kms:GenerateDataKey"},
             "API Gateway's Kinesis role: exactly PutRecord and the key's GenerateDataKey", str(sorted(got)))
    c.expect("Resource = [var.kinesis_stream_arn]" in policy and "Resource = [var.kms_key_arn]" in policy,
             "API Gateway's Kinesis role: on its stream and the key only")


def main() -> int:
    repo = tftools.repo_root(sys.argv)
    tofu = tftools.require_tool("tofu")
    try:
        import hcl2
    except ImportError:
        tftools.skip("python-hcl2 is not installed")
    substation = tftools.arg(sys.argv, "--substation") or shutil.which("substation")
    if not substation and os.access(repo / "build/substation", os.X_OK):
        substation = str(repo / "build/substation")
    if not substation:
        tftools.skip("no substation binary (--substation PATH)")

    p = json.loads((repo / "examples/aws/pipeline.json").read_text())
    c = Checks()
    check_table_against_sources(repo, c)

    configs = build_configs(repo, substation, p, c)
    transforms = {}
    for fk, f in p["functions"].items():
        from_uses = uses_transforms(p, f)
        cfg = configs[fk]
        if cfg is None:
            msg = f"{fk}: {f['config']} does not exist; checked against pipeline.json's uses only"
            if tftools.in_ci():
                c.fail(msg)
            else:
                print("SKIPPED part: " + msg)
            transforms[fk] = from_uses
            continue
        errors = []
        from_config = aws_transforms(cfg.get("transforms", []), f"{fk}.transforms", errors)
        for e in errors:
            c.fail(e)
        c.expect(from_config == from_uses, f"{fk}: config's AWS transforms == pipeline.json uses",
                 f"only in config {sorted(from_config - from_uses)}, only in uses {sorted(from_uses - from_config)}")
        transforms[fk] = from_config | from_uses

    policies = evaluate_policies(repo, tofu, p, tracing_mode_of_functions(repo, hcl2))
    c.expect(set(policies) == set(p["functions"]), "Terraform makes one policy per function",
             f"{sorted(policies)}")
    for fk in p["functions"]:
        want = expected_pairs(p, fk, transforms[fk])
        got = policy_pairs(policies.get(fk, {"Statement": []}), fk, c)
        c.expect(got == want, f"{fk}: the role allows exactly {len(want)} (action, resource) pairs",
                 f"\n  not needed: {sorted(got - want)}\n  missing:    {sorted(want - got)}")

    check_wiring(repo, hcl2, c)
    check_control_roles(repo, hcl2, c)
    print(f"{c.passed} passed, {len(c.failures)} failed")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
