"""A loopback stand-in for the AWS APIs our senders call, plus a plain HTTP receiver, that
injects faults at random (seeded) and records which event ids each *successful* request
carried.

Faults, drawn per request: throttling (429 / ThrottlingException /
ProvisionedThroughputExceededException / SlowDown), 5xx, a cut connection before answering
(nothing recorded), a cut connection after recording (the client sees an error although the
data arrived: this is how duplicates appear), and for batch APIs a partial failure (a random
subset of entries is answered as failed and not recorded).

Event ids are tokens `SOAK<digits>Z` anywhere in an entry's payload (base64 payloads are
decoded first). `stats()` returns per-service counts: unique ids seen and total id sightings.
"""
import base64
import json
import random
import re
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ID_RE = re.compile(rb"SOAK(\d+)Z")


class Recorder:
    def __init__(self, seed, rates):
        self.rng = random.Random(seed)
        self.rates = rates
        self.lock = threading.Lock()
        self.seen = {}  # service -> {id: count}
        self.faults = {}  # service -> {fault: count}
        self.unknown = []  # requests we could not interpret
        self.same_request_dups = {}  # service -> ids repeated inside one request

    def draw(self, service, batch):
        """Picks the fault for one request: None, 'throttle', '5xx', 'cut_before',
        'cut_after' or 'partial' (only for batch APIs)."""
        with self.lock:
            x = self.rng.random()
            acc = 0.0
            for name in ("throttle", "5xx", "cut_before", "cut_after", "partial"):
                if name == "partial" and not batch:
                    continue
                acc += self.rates.get(name, 0.0)
                if x < acc:
                    f = self.faults.setdefault(service, {})
                    f[name] = f.get(name, 0) + 1
                    return name
            return None

    def choose_failed(self, n):
        with self.lock:
            k = self.rng.randint(1, max(1, n))
            return set(self.rng.sample(range(n), min(k, n)))

    def record(self, service, payloads):
        with self.lock:
            d = self.seen.setdefault(service, {})
            ids = [m for p in payloads for m in ID_RE.findall(p)]
            if len(ids) != len(set(ids)):  # one request carrying an id twice
                self.same_request_dups[service] = self.same_request_dups.get(service, 0) + len(ids) - len(set(ids))
            for p in payloads:
                for m in ID_RE.findall(p):
                    i = int(m)
                    d[i] = d.get(i, 0) + 1

    def reset(self):
        with self.lock:
            self.seen.clear()
            self.faults.clear()
            self.unknown.clear()


def b64(s):
    try:
        return base64.b64decode(s)
    except Exception:
        return b""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    rec: Recorder = None  # set by start()

    def log_message(self, *a):
        pass

    # -- plumbing -------------------------------------------------------------------------
    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(n) if n else b""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = self.read_chunked()
        return data

    def read_chunked(self):
        out = b""
        for _ in range(1_000_000):
            size = int(self.rfile.readline().strip() or b"0", 16)
            if size == 0:
                self.rfile.readline()
                return out
            out += self.rfile.read(size)
            self.rfile.readline()
        return out

    def answer(self, status, body=b"", ctype="application/x-amz-json-1.1", extra=None):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def cut(self):
        # Close without an answer: RST by lingering 0 so the client sees a reset.
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        except OSError:
            pass
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def json_error(self, status, code):
        self.answer(status, json.dumps({"__type": code, "message": "injected " + code}))

    def xml_error(self, status, code):
        self.answer(status, "<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code>"
                    "<Message>injected</Message></Error></ErrorResponse>" % code, "text/xml")

    # -- dispatch -------------------------------------------------------------------------
    def do_PUT(self):
        self.dispatch("PUT")

    def do_POST(self):
        self.dispatch("POST")

    def do_GET(self):
        self.dispatch("GET")

    def dispatch(self, method):
        data = self.body()
        target = self.headers.get("X-Amz-Target", "")
        path = urllib.parse.urlsplit(self.path)
        try:
            if target:
                return self.json_api(target, data)
            if method == "POST" and path.path.startswith("/2015-03-31/functions/"):
                return self.lambda_invoke(data)
            if method == "POST" and path.path.startswith("/http/"):
                return self.http_post(data)
            if method == "POST" and b"Action=PublishBatch" in data:
                return self.sns(data)
            if method in ("PUT", "POST") and path.path.count("/") >= 2:
                return self.s3(method, path, data)
        except Exception as e:  # a bug here must be visible, not a silent pass
            self.rec.unknown.append("error %s %s: %r" % (method, self.path, e))
            return self.answer(500, "fault server error")
        self.rec.unknown.append("%s %s %s" % (method, self.path, target))
        self.answer(400, json.dumps({"__type": "UnknownOperationException"}))

    def common_fault(self, service, fault, throttle_code, json_proto=True):
        """Answers a whole-request fault. Returns True when the request is finished."""
        if fault == "throttle":
            if json_proto:
                self.json_error(400, throttle_code)
            else:
                self.xml_error(400, throttle_code)
            return True
        if fault == "5xx":
            if json_proto:
                self.json_error(500, "InternalFailure")
            else:
                self.xml_error(503, "ServiceUnavailable")
            return True
        if fault == "cut_before":
            self.cut()
            return True
        return False

    def json_api(self, target, data):
        op = target.split(".")[-1]
        req = json.loads(data or b"{}")
        if op == "PutRecords":
            svc, entries, throttle = "kinesis", [b64(r["Data"]) for r in req["Records"]], "ProvisionedThroughputExceededException"
        elif op == "PutRecordBatch":
            svc, entries, throttle = "firehose", [b64(r["Data"]) for r in req["Records"]], "ThrottlingException"
        elif op == "SendMessageBatch":
            svc, entries, throttle = "sqs", [e["MessageBody"].encode() for e in req["Entries"]], "ThrottlingException"
        elif op == "PutEvents":
            svc, entries, throttle = "eventbridge", [e.get("Detail", "").encode() for e in req["Entries"]], "ThrottlingException"
        elif op == "BatchWriteItem":
            items = []
            for table, reqs in req["RequestItems"].items():
                for r in reqs:
                    items.append((table, r))
            svc, entries, throttle = "dynamodb", [json.dumps(r).encode() for _, r in items], "ProvisionedThroughputExceededException"
        else:
            self.rec.unknown.append("json op " + target)
            return self.json_error(400, "UnknownOperationException")
        fault = self.rec.draw(svc, True)
        if self.common_fault(svc, fault, throttle):
            return
        failed = self.rec.choose_failed(len(entries)) if fault == "partial" else set()
        ok = [p for i, p in enumerate(entries) if i not in failed]
        self.rec.record(svc, ok)
        if fault == "cut_after":
            return self.cut()
        if svc == "kinesis":
            recs = []
            for i in range(len(entries)):
                if i in failed:
                    recs.append({"ErrorCode": "ProvisionedThroughputExceededException", "ErrorMessage": "injected"})
                else:
                    recs.append({"SequenceNumber": str(i), "ShardId": "shardId-000000000000"})
            return self.answer(200, json.dumps({"FailedRecordCount": len(failed), "Records": recs}))
        if svc == "firehose":
            recs = []
            for i in range(len(entries)):
                if i in failed:
                    recs.append({"ErrorCode": "ServiceUnavailableException", "ErrorMessage": "injected"})
                else:
                    recs.append({"RecordId": str(i)})
            return self.answer(200, json.dumps({"FailedPutCount": len(failed), "Encrypted": False, "RequestResponses": recs}))
        if svc == "sqs":
            ents = req["Entries"]
            body = {"Successful": [{"Id": e["Id"], "MessageId": "m%d" % i, "MD5OfMessageBody": ""} for i, e in enumerate(ents) if i not in failed],
                    "Failed": [{"Id": e["Id"], "Code": "RequestThrottled", "SenderFault": False, "Message": "injected"} for i, e in enumerate(ents) if i in failed]}
            return self.answer(200, json.dumps(body), "application/x-amz-json-1.0")
        if svc == "eventbridge":
            recs = []
            for i in range(len(entries)):
                if i in failed:
                    recs.append({"ErrorCode": "ThrottlingException", "ErrorMessage": "injected"})
                else:
                    recs.append({"EventId": "e%d" % i})
            return self.answer(200, json.dumps({"FailedEntryCount": len(failed), "Entries": recs}))
        # dynamodb
        un = {}
        for i, (table, r) in enumerate(items):
            if i in failed:
                un.setdefault(table, []).append(r)
        return self.answer(200, json.dumps({"UnprocessedItems": un}), "application/x-amz-json-1.0")

    def sns(self, data):
        form = urllib.parse.parse_qs(data.decode(), keep_blank_values=True)
        msgs = []
        for n in range(1, 100):
            k = "PublishBatchRequestEntries.member.%d." % n
            if k + "Id" not in form:
                break
            msgs.append((form[k + "Id"][0], form.get(k + "Message", [""])[0].encode()))
        fault = self.rec.draw("sns", True)
        if self.common_fault("sns", fault, "Throttling", json_proto=False):
            return
        failed = self.rec.choose_failed(len(msgs)) if fault == "partial" else set()
        self.rec.record("sns", [m for i, (_, m) in enumerate(msgs) if i not in failed])
        if fault == "cut_after":
            return self.cut()
        ok = "".join("<member><Id>%s</Id><MessageId>x</MessageId></member>" % mid for i, (mid, _) in enumerate(msgs) if i not in failed)
        bad = "".join("<member><Id>%s</Id><Code>Throttling</Code><Message>injected</Message><SenderFault>false</SenderFault></member>" % mid
                      for i, (mid, _) in enumerate(msgs) if i in failed)
        self.answer(200, "<PublishBatchResponse><PublishBatchResult><Successful>%s</Successful><Failed>%s</Failed>"
                    "</PublishBatchResult></PublishBatchResponse>" % (ok, bad), "text/xml")

    parts = {}  # uploadId -> {partNumber: bytes}

    def s3(self, method, path, data):
        q = urllib.parse.parse_qs(path.query, keep_blank_values=True)
        fault = self.rec.draw("s3", False)
        if fault == "throttle":
            return self.xml_error(503, "SlowDown")
        if self.common_fault("s3", fault, "SlowDown", json_proto=False):
            return
        if method == "POST" and "uploads" in q:
            uid = "u%d" % random.getrandbits(32)
            Handler.parts[uid] = {}
            return self.answer(200, "<InitiateMultipartUploadResult><UploadId>%s</UploadId></InitiateMultipartUploadResult>" % uid, "text/xml")
        if method == "PUT" and "partNumber" in q:
            Handler.parts.setdefault(q["uploadId"][0], {})[int(q["partNumber"][0])] = data
            return self.answer(200, b"", "text/xml", {"ETag": '"p%s"' % q["partNumber"][0]})
        if method == "POST" and "uploadId" in q:
            ps = Handler.parts.pop(q["uploadId"][0], {})
            body = b"".join(ps[k] for k in sorted(ps))
            self.rec.record("s3", [body])
            if fault == "cut_after":
                return self.cut()
            return self.answer(200, "<CompleteMultipartUploadResult><ETag>x</ETag></CompleteMultipartUploadResult>", "text/xml")
        if method == "PUT":
            self.rec.record("s3", [data])
            if fault == "cut_after":
                return self.cut()
            return self.answer(200, b"", "text/xml", {"ETag": '"x"'})
        self.rec.unknown.append("s3 %s %s" % (method, self.path))
        return self.xml_error(400, "NotImplemented")

    def lambda_invoke(self, data):
        fault = self.rec.draw("lambda", False)
        if fault == "throttle":
            return self.answer(429, json.dumps({"Type": "User", "message": "Rate exceeded"}), "application/json",
                               {"X-Amzn-ErrorType": "TooManyRequestsException"})
        if fault == "5xx":
            return self.answer(500, json.dumps({"Type": "Service", "message": "injected"}), "application/json",
                               {"X-Amzn-ErrorType": "ServiceException"})
        if fault == "cut_before":
            return self.cut()
        self.rec.record("lambda", [data])
        if fault == "cut_after":
            return self.cut()
        self.answer(202, b"", "application/json")

    def http_post(self, data):
        fault = self.rec.draw("http", False)
        if fault == "throttle":
            return self.answer(429, b"slow down", "text/plain", {"Retry-After": "0"})
        if fault == "5xx":
            return self.answer(503, b"unavailable", "text/plain", {"Retry-After": "0"})
        if fault == "cut_before":
            return self.cut()
        self.rec.record("http", [data])
        if fault == "cut_after":
            return self.cut()
        self.answer(200, b"ok", "text/plain")


def start(seed, rates):
    """Starts the server on 127.0.0.1 (free port) in a thread. Returns (server, recorder, url)."""
    rec = Recorder(seed, rates)
    handler = type("BoundHandler", (Handler,), {"rec": rec})
    srv = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, rec, "http://127.0.0.1:%d" % srv.server_address[1]
