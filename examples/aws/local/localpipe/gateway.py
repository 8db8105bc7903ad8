"""The two API Gateways on one loopback port (POST /<gateway key>, keys of pipeline.json's
api_gateways):

- a Lambda proxy integration: the request becomes a REST API proxy event for the
  function; its answer ({statusCode, headers, body}) is the response, and a function error
  is a 502, as API Gateway answers;
- a Kinesis integration (PutRecord, Data = the body, PartitionKey = the request id), the
  mapping template of the seed's gateway.
"""
import base64
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler

from . import net


class GatewayStats:
    def __init__(self):
        self.requests = {}
        self.failures = {}
        self.lock = threading.Lock()

    def add(self, key, ok):
        with self.lock:
            self.requests[key] = self.requests.get(key, 0) + 1
            if not ok:
                self.failures[key] = self.failures.get(key, 0) + 1


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in separate writes: without TCP_NODELAY the second waits for
    # the client's delayed ACK (40 ms a call).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def _answer(self, status, body, headers=None):
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Type", "application/json")
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        front = self.server.front
        key = self.path.split("?")[0].strip("/")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        gateway = front.topology.gateways.get(key)
        if gateway is None:
            return self._answer(404, b'{"message":"Missing Authentication Token"}')
        request_id = str(uuid.uuid4())
        if gateway["integration"] == "lambda":
            status, out, headers = front.to_lambda(gateway, self, body, request_id)
        else:
            status, out, headers = front.to_kinesis(gateway, body, request_id)
        front.stats.add(key, status < 300)
        headers["x-amzn-RequestId"] = request_id
        return self._answer(status, out, headers)


class ApiGateway:
    def __init__(self, topology, kinesis, functions):
        self.topology = topology
        self.kinesis = kinesis
        self.functions = functions  # function key -> functions.Function
        self.stats = GatewayStats()
        self._server = net.bind_http_server(_Handler)
        self._server.front = self
        self.port = self._server.server_address[1]
        self._serving = False

    def url(self, key):
        return f"http://{net.LOOPBACK}:{self.port}/{key}"

    def start(self):
        threading.Thread(target=self._server.serve_forever, name="api-gateway",
                         daemon=True).start()
        self._serving = True
        return self

    def stop(self):
        if self._server is not None:
            if self._serving:  # shutdown() waits for serve_forever, which must have run
                self._server.shutdown()
            self._server.server_close()
            self._server = None

    def to_lambda(self, gateway, request, body, request_id):
        fn = self.functions[gateway["function"]]
        try:
            text, encoded = body.decode("utf-8"), False
        except UnicodeDecodeError:
            text, encoded = base64.b64encode(body).decode(), True
        headers = {k: v for k, v in request.headers.items()}
        event = {
            "resource": "/",
            "path": "/",
            "httpMethod": "POST",
            "headers": headers,
            "multiValueHeaders": {k: [v] for k, v in headers.items()},
            "queryStringParameters": None,
            "pathParameters": None,
            "stageVariables": None,
            "requestContext": {
                "resourcePath": "/",
                "httpMethod": "POST",
                "path": "/local/",
                "stage": "local",
                "requestId": request_id,
                "requestTimeEpoch": int(time.time() * 1000),
                "accountId": self.topology.account,
                "apiId": gateway["name"],
                "identity": {"sourceIp": net.LOOPBACK},
            },
            "body": text,
            "isBase64Encoded": encoded,
        }
        ok, out = fn.invoke(json.dumps(event).encode())
        if not ok:
            return 502, b'{"message": "Internal server error"}', {}
        try:
            answer = json.loads(out)
            status = int(answer.get("statusCode", 200))
            payload = answer.get("body") or ""
            if answer.get("isBase64Encoded"):
                payload = base64.b64decode(payload)
            elif isinstance(payload, str):
                payload = payload.encode()
            return status, payload, dict(answer.get("headers") or {})
        except (ValueError, AttributeError, TypeError):
            return 502, b'{"message": "Internal server error"}', {}

    def to_kinesis(self, gateway, body, request_id):
        try:
            r = self.kinesis.put_record(StreamName=self.topology.stream_name(gateway["stream"]),
                                        Data=body, PartitionKey=request_id)
        except Exception as e:
            return 500, json.dumps({"message": str(e)}).encode(), {}
        return 200, json.dumps({"SequenceNumber": r["SequenceNumber"],
                                "ShardId": r["ShardId"]}).encode(), {}
