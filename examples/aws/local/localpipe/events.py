"""Generated security events and the five ways in.

Every event has a unique `event_id` and records its way in (`entry`), so a run can say
what went in, where each event is now and what is missing. Events are compact JSON in
ASCII, one per line: exactly the bytes the lake must hold."""
import gzip
import json
import random
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from . import resources

ENTRIES = ("s3", "sqs", "sns", "gateway_lambda", "gateway_kinesis")
# Share of the events per way in; S3 carries the most, as bulk log shipping does.
SHARES = {"s3": 0.4, "sqs": 0.15, "sns": 0.15, "gateway_lambda": 0.15, "gateway_kinesis": 0.15}
ACTIONS = ("login", "logout", "read", "write", "download", "delete", "escalate", "disable_mfa")


def users():
    return [item["PK"].split("#", 1)[1] for item in resources.lookup_items()
            if item["PK"].startswith("user#")]


def line_of(event):
    return json.dumps(event, separators=(",", ":")).encode()


def generate(n, run_id, seed=7):
    """{entry: [event, ...]}; n events in all, spread over the ways in by SHARES."""
    rng = random.Random(seed)
    names = users()
    counts = {e: int(n * SHARES[e]) for e in ENTRIES}
    counts["s3"] += n - sum(counts.values())
    out, i = {}, 0
    for entry in ENTRIES:
        out[entry] = []
        for _ in range(counts[entry]):
            user, action = rng.choice(names), rng.choice(ACTIONS)
            ip = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            out[entry].append({
                "event_id": f"{run_id}-{i:06d}",
                "entry": entry,
                "time": f"2026-01-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}Z",
                "user": user,
                "action": action,
                "src_ip": ip,
                "bytes": rng.randrange(100, 1_000_000),
                "message": f"user {user} {action} from {ip}",
            })
            i += 1
    return out


# S3 object keys: spaces and '+' (S3 notifications encode them differently) and one gzip.
S3_KEYS = ("incoming/events part one.jsonl", "incoming/a+b/events+two.jsonl",
           "incoming/events three.jsonl.gz", "incoming/plain/events-four.jsonl")


class Injector:
    """Puts events in through the pipeline's five entry points."""

    def __init__(self, moto, topology, res, gateway):
        self.t = topology
        self.res = res
        self.gateway = gateway
        self.s3 = moto.client("s3")
        self.sqs = moto.client("sqs")
        self.sns = moto.client("sns")
        self.failures = []
        self.pushes = 0
        self._lock = threading.Lock()

    def push(self, by_entry):
        """Pushes every entry's events, the entries side by side; returns when all are in.
        Each push writes its own S3 objects (push-<n>/...)."""
        with self._lock:
            self.pushes += 1
            prefix = f"push-{self.pushes}/"
        keys = [k.replace("incoming/", "incoming/" + prefix, 1) for k in S3_KEYS]
        jobs = {"s3": lambda ev: self.to_s3(ev, keys), "sqs": self.to_sqs,
                "sns": self.to_sns, "gateway_lambda": self.to_gateway_lambda,
                "gateway_kinesis": self.to_gateway_kinesis}
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            futures = [pool.submit(jobs[e], evs) for e, evs in by_entry.items() if evs]
            for f in futures:
                f.result()

    def _fail(self, what):
        with self._lock:
            self.failures.append(what)

    def to_s3(self, events, keys=S3_KEYS):
        bucket = self.t.bucket_name(self.t.functions["s3_source"]["trigger"]["bucket"])
        per = -(-len(events) // len(keys))
        for n, key in enumerate(keys):
            part = events[n * per:(n + 1) * per]
            if not part:
                continue
            body = b"\n".join(line_of(e) for e in part) + b"\n"
            if key.endswith(".gz"):
                body = gzip.compress(body)
            self.s3.put_object(Bucket=bucket, Key=key, Body=body)

    def to_sqs(self, events):
        url = self.res.queue_urls[self.t.functions["sqs_source"]["trigger"]["queue"]]
        for i in range(0, len(events), 10):
            chunk = events[i:i + 10]
            r = self.sqs.send_message_batch(QueueUrl=url, Entries=[
                {"Id": str(n), "MessageBody": line_of(e).decode()} for n, e in enumerate(chunk)])
            for f in r.get("Failed", []):
                self._fail(f"sqs: {f}")

    def to_sns(self, events):
        arn = self.res.topic_arns[self.t.functions["sns_source"]["trigger"]["topic"]]
        for i in range(0, len(events), 10):
            chunk = events[i:i + 10]
            r = self.sns.publish_batch(TopicArn=arn, PublishBatchRequestEntries=[
                {"Id": str(n), "Message": line_of(e).decode()} for n, e in enumerate(chunk)])
            for f in r.get("Failed", []):
                self._fail(f"sns: {f}")

    def _post(self, key, body):
        req = urllib.request.Request(self.gateway.url(key), data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                r.read()
        except Exception as e:
            self._fail(f"POST /{key}: {e}")

    def to_gateway_lambda(self, events):
        # Bodies of one to four events, one a line; every third ends with a newline.
        i, n = 0, 0
        while i < len(events):
            size = 1 + n % 4
            body = b"\n".join(line_of(e) for e in events[i:i + size])
            if n % 3 == 2:
                body += b"\n"
            self._post(self._gateway_key("lambda"), body)
            i, n = i + size, n + 1

    def to_gateway_kinesis(self, events):
        for e in events:  # the integration puts one record per request
            self._post(self._gateway_key("kinesis"), line_of(e))

    def _gateway_key(self, integration):
        return next(k for k, g in self.t.gateways.items() if g["integration"] == integration)


def split(by_entry, *fractions):
    """Splits every entry's events into consecutive parts of these fractions (the last
    part takes the rest): split(events, 0.3, 0.3) -> three dicts like `by_entry`."""
    parts = [{} for _ in range(len(fractions) + 1)]
    for entry, evs in by_entry.items():
        at = 0
        for n, f in enumerate(fractions):
            size = int(len(evs) * f)
            parts[n][entry] = evs[at:at + size]
            at += size
        parts[-1][entry] = evs[at:]
    return parts
