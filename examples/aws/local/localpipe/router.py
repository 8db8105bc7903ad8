"""The Lambda Invoke API on loopback, routed to the functions' emulators.

A function's config that calls Lambda (enrich_aws_lambda, send_aws_lambda) gets
AWS_ENDPOINT_URL_LAMBDA pointing here. The emulator only knows the function name
`function` and never sends X-Amz-Function-Error, so this router maps the FunctionName (a
name or an ARN) to that function's emulator and turns an error document into the
X-Amz-Function-Error answer the Lambda API gives."""
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler

from . import net

INVOKE_PREFIX = "/2015-03-31/functions/"


def function_name_of(name_or_arn):
    """`name`, `arn:aws:lambda:region:account:function:name[:qualifier]` or
    `account:function:name` -> name."""
    parts = name_or_arn.split(":")
    if "function" in parts:
        i = parts.index("function")
        if i + 1 < len(parts):
            return parts[i + 1]
    return parts[0]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in separate writes: without TCP_NODELAY the second waits for
    # the client's delayed ACK (40 ms a call).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def _answer(self, status, body, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status, kind, message):
        body = json.dumps({"Type": "User", "message": message}).encode()
        self._answer(status, body, [("x-amzn-ErrorType", kind)])

    def do_POST(self):
        router = self.server.router
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length) if length else b""
        path = self.path.split("?")[0]
        if not (path.startswith(INVOKE_PREFIX) and path.endswith("/invocations")):
            return self._error(404, "UnknownOperationException", f"not an Invoke: {path}")
        target = urllib.parse.unquote(path[len(INVOKE_PREFIX):-len("/invocations")])
        fn = router.functions.get(function_name_of(target))
        if fn is None:
            return self._error(404, "ResourceNotFoundException",
                               f"Function not found: {target}")
        kind = self.headers.get("X-Amz-Invocation-Type", "RequestResponse")
        if kind == "DryRun":
            return self._answer(204, b"")
        if kind == "Event":
            threading.Thread(target=fn.invoke, args=(payload,), daemon=True).start()
            return self._answer(202, b"")
        with router.lock:
            router.calls[fn.key] = router.calls.get(fn.key, 0) + 1
        ok, body = fn.invoke(payload)
        headers = [("X-Amz-Executed-Version", "$LATEST")]
        if not ok:
            headers.append(("X-Amz-Function-Error", "Unhandled"))
        return self._answer(200, body, headers)


class LambdaRouter:
    def __init__(self):
        self.functions = {}  # function name -> functions.Function
        self.calls = {}
        self.lock = threading.Lock()
        # Bound now (the functions are told the endpoint before the router serves).
        self._server = net.bind_http_server(_Handler)
        self._server.router = self
        self.port = self._server.server_address[1]
        self._serving = False

    @property
    def endpoint(self):
        return f"http://{net.LOOPBACK}:{self.port}"

    def add(self, fn):
        self.functions[fn.name] = fn

    def start(self):
        threading.Thread(target=self._server.serve_forever, name="lambda-router",
                         daemon=True).start()
        self._serving = True
        return self

    def stop(self):
        if self._server is not None:
            if self._serving:  # shutdown() waits for serve_forever, which must have run
                self._server.shutdown()
            self._server.server_close()
            self._server = None
