"""Deliveries that go through an SQS queue.

- `SqsMapping`: the SQS event source mapping of a function (ReceiveMessage up to
  `batch_size`, one invocation per batch, DeleteMessageBatch when it succeeds; a failed
  batch stays in the queue and comes back after the visibility timeout).
- `NotificationDelivery`: how S3 notifications and SNS messages reach a Lambda function.
  moto delivers both to SQS (not to our functions), so each is routed to a private queue
  ("tap"), and this delivers every message from it as the asynchronous invocation AWS
  would make: one S3 or SNS event per invocation, retried twice on failure (here after the
  tap's visibility timeout), then counted as lost.
"""
import json
import threading
import time
import uuid
from datetime import datetime, timezone


class DeliveryStats:
    def __init__(self):
        self.messages = 0  # messages received (a redelivery counts again)
        self.delivered = 0
        self.invocations = 0
        self.failed_invocations = 0
        self.skipped = 0  # not events (s3:TestEvent)
        self.lost = []  # (message id, error) given up on
        self.lock = threading.Lock()


class _QueuePoller:
    """Long-polls one queue and hands the messages to `_handle`."""

    def __init__(self, sqs, queue_url, function, batch_size):
        self.sqs = sqs
        self.queue_url = queue_url
        self.function = function
        self.batch_size = batch_size
        self.stats = DeliveryStats()
        self.errors = []
        self.stop_event = threading.Event()
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self._run, name=f"queue-{self.function.key}",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.stop_event.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self):
        while not self.stop_event.is_set():
            try:
                r = self.sqs.receive_message(
                    QueueUrl=self.queue_url, MaxNumberOfMessages=self.batch_size,
                    WaitTimeSeconds=1, AttributeNames=["All"], MessageAttributeNames=["All"])
                msgs = r.get("Messages", [])
                if msgs:
                    with self.stats.lock:
                        self.stats.messages += len(msgs)
                    self._handle(msgs)
            except Exception as e:
                self._note_error(f"ReceiveMessage: {e!r}")
                self.stop_event.wait(1.0)

    def _delete(self, msgs):
        for i in range(0, len(msgs), 10):
            chunk = msgs[i:i + 10]
            self.sqs.delete_message_batch(QueueUrl=self.queue_url, Entries=[
                {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(chunk)])

    def _invoke(self, event):
        ok, body = self.function.invoke(json.dumps(event).encode())
        with self.stats.lock:
            self.stats.invocations += 1
            if not ok:
                self.stats.failed_invocations += 1
        if not ok:
            self._note_error(body.decode("utf-8", "replace"))
        return ok, body

    def _note_error(self, text):
        self.errors.append(text[:500])
        del self.errors[:-5]


class SqsMapping(_QueuePoller):
    def __init__(self, sqs, queue_url, queue_arn, function, batch_size, region):
        super().__init__(sqs, queue_url, function, batch_size)
        self.queue_arn = queue_arn
        self.region = region

    def _handle(self, msgs):
        records = [{
            "messageId": m["MessageId"],
            "receiptHandle": m["ReceiptHandle"],
            "body": m["Body"],
            "attributes": m.get("Attributes", {}),
            "messageAttributes": m.get("MessageAttributes", {}),
            "md5OfBody": m["MD5OfBody"],
            "eventSource": "aws:sqs",
            "eventSourceARN": self.queue_arn,
            "awsRegion": self.region,
        } for m in msgs]
        ok, _ = self._invoke({"Records": records})
        if ok:
            self._delete(msgs)
            with self.stats.lock:
                self.stats.delivered += len(msgs)


def aws_time(moto_time):
    """moto's "2026-12-04T16:57:10.385773" as S3 writes it: "2026-12-04T16:57:10.385Z"."""
    try:
        t = datetime.fromisoformat(moto_time.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        t = datetime.now(timezone.utc)
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{t.microsecond // 1000:03d}Z"


def s3_event(body, account):
    """The Lambda event for one S3 notification moto put in the tap; None for the
    s3:TestEvent (S3 sends that to queues, never to functions)."""
    doc = json.loads(body)
    if "Records" not in doc:
        return None
    for rec in doc["Records"]:
        rec["eventTime"] = aws_time(rec.get("eventTime"))
        rec.setdefault("userIdentity", {"principalId": account})
        rec.setdefault("requestParameters", {"sourceIPAddress": "127.0.0.1"})
        rec.setdefault("responseElements", {"x-amz-request-id": uuid.uuid4().hex[:16].upper()})
        obj = rec.get("s3", {}).get("object", {})
        obj.setdefault("sequencer", f"{time.time_ns():016X}")
    return doc


def sns_event(body, subscription_arn):
    """The Lambda event for one SNS message (the JSON envelope SNS wrote to the tap)."""
    env = json.loads(body)
    return {"Records": [{
        "EventSource": "aws:sns",
        "EventVersion": "1.0",
        "EventSubscriptionArn": subscription_arn,
        "Sns": {
            "Type": env.get("Type", "Notification"),
            "MessageId": env["MessageId"],
            "TopicArn": env["TopicArn"],
            "Subject": env.get("Subject"),
            "Message": env["Message"],
            "Timestamp": env["Timestamp"],
            "SignatureVersion": env.get("SignatureVersion", "1"),
            "Signature": env.get("Signature", ""),
            "SigningCertUrl": env.get("SigningCertURL", ""),
            "UnsubscribeUrl": env.get("UnsubscribeURL", ""),
            "MessageAttributes": env.get("MessageAttributes", {}),
        },
    }]}


class NotificationDelivery(_QueuePoller):
    """One asynchronous invocation per tapped message; `to_event(body)` makes the event."""

    MAX_ATTEMPTS = 3  # Lambda's asynchronous invocations: the first try and two retries

    def __init__(self, sqs, queue_url, function, to_event):
        super().__init__(sqs, queue_url, function, 10)
        self.to_event = to_event

    def _handle(self, msgs):
        done = []
        for m in msgs:
            event = self.to_event(m["Body"])
            if event is None:
                done.append(m)
                with self.stats.lock:
                    self.stats.skipped += 1
                continue
            ok, body = self._invoke(event)
            attempts = int(m.get("Attributes", {}).get("ApproximateReceiveCount", "1"))
            if ok:
                done.append(m)
                with self.stats.lock:
                    self.stats.delivered += 1
            elif attempts >= self.MAX_ATTEMPTS:
                done.append(m)
                with self.stats.lock:
                    self.stats.lost.append((m["MessageId"], body.decode("utf-8", "replace")))
        if done:
            self._delete(done)
