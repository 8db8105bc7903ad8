#!/usr/bin/env python3
"""Conservation soak: every sender of `substation read`, and the Lambda bootstrap's
AWS_KINESIS_DATA_STREAM handler (through aws-lambda-rie) with the Kinesis and SQS senders,
against fault_server.py. For each sender: events with unique ids go in; delivered (unique
ids seen in successful requests) plus reported-failed (ids not delivered by a run that
exited 1 with an error naming the failure) must equal the input, with no silent loss (a run
that exits 0 must have delivered every id it was given). A failed run's missing ids are
sent again by a new run (up to --rounds runs, as a Lambda event source would retry).
Duplicates are counted and must stay under the bound that ambiguous failures allow:
(cut-after-delivery faults + failed runs) x (largest batch), plus the records of re-invoked Lambda batches,
plus for meta_retry (faults / 3) x batch (a config-level retry re-sends a whole batch). No id
may appear twice inside one request.

Usage: soak.py --substation BIN [--bootstrap BIN --rie BIN] [--events N] [--seed S]
Env SOAK_EVENTS overrides --events (longer local runs), SOAK_SEED overrides --seed.
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import socket

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "examples", "aws", "local"))
import fault_server  # noqa: E402
from localpipe.net import free_port  # noqa: E402  (below the ephemeral range: no races)

ACCT = "123456789012"
BATCH = 25  # batch count used where the sender allows it (keeps many requests per run)


def sender_configs(url):
    """(name, service recorded by the fault server, transform, largest batch)."""
    b = {"count": BATCH}
    return [
        ("kinesis", "kinesis", {"type": "send_aws_kinesis_data_stream", "settings": {
            "aws": {"arn": "arn:aws:kinesis:us-east-1:%s:stream/soak" % ACCT}, "batch": b}}, BATCH),
        ("sqs", "sqs", {"type": "send_aws_sqs", "settings": {
            "aws": {"arn": "arn:aws:sqs:us-east-1:%s:soak" % ACCT}, "batch": {"count": 10}}}, 10),
        ("sns", "sns", {"type": "send_aws_sns", "settings": {
            "aws": {"arn": "arn:aws:sns:us-east-1:%s:soak" % ACCT}, "batch": {"count": 10}}}, 10),
        ("firehose", "firehose", {"type": "send_aws_data_firehose", "settings": {
            "aws": {"arn": "arn:aws:firehose:us-east-1:%s:deliverystream/soak" % ACCT}, "batch": b}}, BATCH),
        ("eventbridge", "eventbridge", {"type": "send_aws_eventbridge", "settings": {
            "aws": {"arn": "arn:aws:events:us-east-1:%s:event-bus/soak" % ACCT}, "batch": {"count": 10}}}, 10),
        ("dynamodb", "dynamodb", {"type": "send_aws_dynamodb_put", "settings": {
            "aws": {"arn": "arn:aws:dynamodb:us-east-1:%s:table/soak" % ACCT}, "batch": b}}, BATCH),
        ("s3", "s3", {"type": "send_aws_s3", "settings": {
            "aws": {"arn": "arn:aws:s3:::soak-bucket"}, "storage_class": "STANDARD",
            "file_path": {"prefix": "soak", "uuid": True, "suffix": ".jsonl"}, "batch": b,
            "auxiliary_transforms": [
                {"type": "aggregate_to_string", "settings": {"separator": "\n"}},
                {"type": "string_append", "settings": {"suffix": "\n"}}]}}, BATCH),
        ("lambda", "lambda", {"type": "send_aws_lambda", "settings": {
            "aws": {"arn": "arn:aws:lambda:us-east-1:%s:function:soak" % ACCT}}}, 1),
        ("http", "http", {"type": "send_http_post", "settings": {"url": url + "/http/soak"}}, 1),
        # Issue 9 item 3: a retried flush must still hold the batches that were not sent.
        ("kinesis_meta_retry", "kinesis", {"type": "meta_retry", "settings": {
            "retry": {"count": 3, "delay": "10ms"}, "error_messages": [".*"],
            "transforms": [{"type": "send_aws_kinesis_data_stream", "settings": {
                "aws": {"arn": "arn:aws:kinesis:us-east-1:%s:stream/soak" % ACCT}, "batch": b}}]}}, BATCH),
    ]


def event(i):
    return json.dumps({"id": "SOAK%dZ" % i, "n": i, "pad": "x" * (i % 97)})


def aws_env(url):
    env = dict(os.environ)
    env.update({"AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                "AWS_DEFAULT_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"})
    for k in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "SUBSTATION_DEBUG", "AWS_MAX_ATTEMPTS"):
        env.pop(k, None)
    return env


class Tally:
    def __init__(self, name, n):
        self.name, self.input = name, n
        self.runs = self.failed_runs = 0
        self.silent_lost = 0
        self.reported_failed = 0  # ids still undelivered after the last (failed) run
        self.delivered = self.dups = 0
        self.errors = []
        self.dup_bound = 0
        self.problems = []

    def line(self):
        return ("%s: input=%d delivered=%d reported_failed=%d silent_lost=%d duplicates=%d (bound %d) runs=%d failed_runs=%d"
                % (self.name, self.input, self.delivered, self.reported_failed, self.silent_lost,
                   self.dups, self.dup_bound, self.runs, self.failed_runs))


def check_error(t, rc, err, words):
    """A failed run must end with exit 1 and an error line naming the failure."""
    lines = [l for l in err.strip().splitlines() if l.strip()]
    last = lines[-1] if lines else ""
    t.errors.append(last[:300])
    if rc != 1:
        t.problems.append("exit code %d (want 0 or 1): %s" % (rc, last[:300]))
    elif not any(w.lower() in last.lower() for w in words):
        t.problems.append("error does not name the failure: %r" % last[:300])


def finish(t, rec, svc, ids, remaining, bound_batch, resent=0, meta_retry=False):
    """`resent`: records sent again by a retried Lambda invocation (at-least-once by design)."""
    seen = rec.seen.get(svc, {})
    got = set(seen) & set(ids)
    t.delivered = len(got)
    t.dups = sum(c - 1 for i, c in seen.items() if i in got)
    t.reported_failed = len(remaining - got)
    if t.delivered + t.reported_failed + t.silent_lost != t.input:
        t.problems.append("conservation broken")
    if t.silent_lost:
        t.problems.append("%d ids silently lost (run exited 0)" % t.silent_lost)
    cut_after = rec.faults.get(svc, {}).get("cut_after", 0)
    # A run that fails re-sends the batch it failed on once more, with the entries a partial
    # answer had already acknowledged (seen with SQS, seed 2): one batch per failed run.
    bound = (cut_after + t.failed_runs) * bound_batch + resent
    if meta_retry:
        # A config-level retry re-sends the whole batch (the parts that got through too); it
        # happens only after the client gave up, i.e. after at least 3 faulted requests.
        bound += sum(rec.faults.get(svc, {}).values()) // 3 * bound_batch
    same = rec.same_request_dups.get(svc, 0)
    if same:
        t.problems.append("%d ids repeated inside one request" % same)
    t.dup_bound = bound
    if t.dups > bound:
        t.problems.append("duplicates %d exceed bound %d (cut_after=%d x batch=%d + re-invoked records %d)"
                          % (t.dups, bound, cut_after, bound_batch, resent))
    extra = set(seen) - set(ids)
    if extra:
        t.problems.append("%d unknown ids delivered" % len(extra))


def soak_read(args, rec, url, work, name, svc, transform, batch, n, words):
    ids = list(range(n))
    t = Tally("read/" + name, n)
    cfg = os.path.join(work, name + ".json")
    with open(cfg, "w") as f:
        json.dump({"transforms": [transform]}, f)
    remaining = set(ids)
    for rnd in range(args.rounds):
        if not remaining:
            break
        inp = os.path.join(work, "%s-%d.jsonl" % (name, rnd))
        with open(inp, "w") as f:
            for i in sorted(remaining):
                f.write(event(i) + "\n")
        try:
            p = subprocess.run([args.substation, "read", "--file", inp, cfg], env=aws_env(url),
                               cwd=work, capture_output=True, text=True, timeout=args.run_timeout)
        except subprocess.TimeoutExpired:
            t.problems.append("run %d timed out after %ds" % (rnd, args.run_timeout))
            break
        t.runs += 1
        seen = set(rec.seen.get(svc, {}))
        missing = remaining - seen
        if p.returncode == 0:
            t.silent_lost += len(missing)
            remaining = set()
            break
        t.failed_runs += 1
        check_error(t, p.returncode, p.stderr, words)
        remaining = missing
    finish(t, rec, svc, ids, remaining, batch, meta_retry=name.endswith("meta_retry"))
    return t


def wait_for_binary(path, seconds=120):
    """The build folder is rebuilt now and then: wait (bounded) until the binary is back."""
    for _ in range(seconds * 2):
        if path and os.access(path, os.X_OK):
            return
        time.sleep(0.5)
    sys.exit("binary not found or not executable: %s" % path)


def kinesis_event(batch_ids):
    recs = []
    for i in batch_ids:
        recs.append({"kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "pk%d" % i,
                                 "sequenceNumber": str(10**20 + i),
                                 "data": base64.b64encode(event(i).encode()).decode(),
                                 "approximateArrivalTimestamp": 1700000000.0},
                     "eventSource": "aws:kinesis", "eventVersion": "1.0",
                     "eventID": "shardId-000000000000:%d" % i, "eventName": "aws:kinesis:record",
                     "invokeIdentityArn": "arn:aws:iam::%s:role/soak" % ACCT, "awsRegion": "us-east-1",
                     "eventSourceARN": "arn:aws:kinesis:us-east-1:%s:stream/source" % ACCT})
    return json.dumps({"Records": recs}).encode()


def soak_lambda(args, rec, url, work, name, svc, transform, batch, n, words):
    """The Kinesis handler under aws-lambda-rie; a failed invocation is retried with the same
    records (the event source's behaviour), up to --rounds times."""
    t = Tally("lambda/" + name, n)
    cfg = os.path.join(work, "lambda-" + name + ".json")
    with open(cfg, "w") as f:
        json.dump({"transforms": [transform]}, f)
    port, api = free_port(), free_port()
    env = aws_env(url)
    env.update({"SUBSTATION_LAMBDA_HANDLER": "AWS_KINESIS_DATA_STREAM", "SUBSTATION_CONFIG": cfg})
    log = open(os.path.join(work, "rie-%s.log" % name), "w")
    proc = subprocess.Popen([args.rie, "--runtime-interface-emulator-address", "127.0.0.1:%d" % port,
                             "--runtime-api-address", "127.0.0.1:%d" % api, args.bootstrap],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    ids = list(range(n))
    remaining_total = set()
    resent = 0
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        invoke = "http://127.0.0.1:%d/2015-03-31/functions/function/invocations" % port
        per_inv = 100
        for start in range(0, n, per_inv):
            chunk = ids[start:start + per_inv]
            ok = False
            for rnd in range(args.rounds):
                t.runs += 1
                try:
                    with urllib.request.urlopen(urllib.request.Request(invoke, data=kinesis_event(chunk), method="POST"),
                                                timeout=args.run_timeout) as r:
                        body = r.read().decode(errors="replace")
                except Exception as e:  # transport failure to the emulator is a test problem
                    t.problems.append("invoke failed: %r" % e)
                    break
                seen = set(rec.seen.get(svc, {}))
                if "errorMessage" not in body:
                    t.silent_lost += len(set(chunk) - seen)
                    ok = True
                    break
                t.failed_runs += 1
                resent += len(chunk)
                msg = json.loads(body).get("errorMessage", "")
                t.errors.append(msg[:300])
                if not any(w.lower() in msg.lower() for w in words):
                    t.problems.append("error does not name the failure: %r" % msg[:300])
            if not ok:
                remaining_total |= set(chunk) - set(rec.seen.get(svc, {}))
    finally:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
        log.close()
    finish(t, rec, svc, ids, remaining_total, batch, resent)
    return t


WORDS = {  # what an error about each sender must mention (any of)
    "kinesis": ["kinesis", "PutRecords"], "sqs": ["sqs", "SendMessageBatch"],
    "sns": ["sns", "PublishBatch"], "firehose": ["firehose", "PutRecordBatch"],
    "eventbridge": ["eventbridge", "PutEvents", "events"], "dynamodb": ["dynamodb", "BatchWriteItem"],
    "s3": ["s3", "PutObject"], "lambda": ["lambda", "Invoke"], "http": ["POST", "http"],
    "kinesis_meta_retry": ["kinesis", "PutRecords", "retry"],
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--substation", required=True)
    ap.add_argument("--bootstrap")
    ap.add_argument("--rie")
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--run-timeout", type=int, default=120)
    ap.add_argument("--only", default="", help="comma-separated sender names")
    args = ap.parse_args()
    n = int(os.environ.get("SOAK_EVENTS", args.events))
    seed = int(os.environ.get("SOAK_SEED", args.seed))
    rates = {"throttle": 0.12, "5xx": 0.10, "cut_before": 0.05, "cut_after": 0.03, "partial": 0.15}
    # one request per event for lambda and http: lower rates, or nearly every run would fail
    http_rates = {"throttle": 0.04, "5xx": 0.03, "cut_before": 0.01, "cut_after": 0.01}
    for b in (args.substation, args.bootstrap, args.rie):
        if b:
            wait_for_binary(b)
    only = set(filter(None, args.only.split(",")))
    results = []
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="soak-") as work:
        for name, svc, tf, batch in sender_configs("URL"):
            if only and name not in only:
                continue
            srv, rec, url = fault_server.start(seed * 1000 + len(results), http_rates if name in ("http", "lambda") else rates)
            try:
                if name == "http":
                    tf = dict((c[0], c[2]) for c in sender_configs(url))["http"]
                t = soak_read(args, rec, url, work, name, svc, tf, batch, n // 4 if name == "http" else n, WORDS[name])
                t.problems += ["fault server could not parse: " + u for u in rec.unknown[:3]]
                results.append((t, dict(rec.faults.get(svc, {}))))
            finally:
                srv.shutdown()
                srv.server_close()
        if args.bootstrap and args.rie:
            for name, svc, tf, batch in sender_configs("URL"):
                if name not in ("kinesis", "sqs") or (only and name not in only):
                    continue
                srv, rec, url = fault_server.start(seed * 1000 + 500 + len(results), rates)
                try:
                    t = soak_lambda(args, rec, url, work, name, svc, tf, batch, n, WORDS[name])
                    t.problems += ["fault server could not parse: " + u for u in rec.unknown[:3]]
                    results.append((t, dict(rec.faults.get(svc, {}))))
                finally:
                    srv.shutdown()
                    srv.server_close()
        else:
            print("NOTE: --bootstrap/--rie not given: the Lambda part was not run")
    bad = 0
    for t, faults in results:
        print("SOAK " + t.line() + " faults=" + json.dumps(faults, sort_keys=True))
        for e in sorted(set(t.errors))[:3]:
            print("    reported error: " + e)
        for p in t.problems:
            bad += 1
            print("    FAIL: " + p)
    print("SOAK SUMMARY seed=%d events=%d senders=%d failures=%d seconds=%.1f"
          % (seed, n, len(results), bad, time.time() - t0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
