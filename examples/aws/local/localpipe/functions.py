"""Lambda functions on loopback: each is one aws-lambda-rie process running one of our
binaries (bootstrap, autoscale, validate), invoked through the emulator's Invoke path.

The emulator serves one invocation at a time, as one Lambda execution environment does, so
each function's invocations are serialised here. Every invocation is timed per function
(`stats`), which is how the runner says where the time goes."""
import json
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request

from . import net

RIE_INSTALL = ("go install github.com/aws/aws-lambda-runtime-interface-emulator/"
               "cmd/aws-lambda-rie@latest (or scripts/install-test-tools)")


def find_rie():
    """aws-lambda-rie from $SUBSTATION_RIE, PATH or ~/go/bin; None when absent."""
    if os.environ.get("SUBSTATION_RIE"):
        given = os.environ["SUBSTATION_RIE"]
        return given if os.access(given, os.X_OK) else None
    found = shutil.which("aws-lambda-rie")
    if found:
        return found
    home = os.path.expanduser("~/go/bin/aws-lambda-rie")
    return home if os.access(home, os.X_OK) else None


class Stats:
    def __init__(self):
        self.invocations = 0
        self.errors = 0
        self.seconds = 0.0
        self.lock = threading.Lock()

    def add(self, seconds, ok):
        with self.lock:
            self.invocations += 1
            self.errors += 0 if ok else 1
            self.seconds += seconds


def is_function_error(status, body):
    """The emulator answers a runtime-reported error with its error document (status 200)
    and a failed invocation with 502; it sends no X-Amz-Function-Error header."""
    if status != 200:
        return True
    if body[:1] != b"{":
        return False
    try:
        doc = json.loads(body)
    except ValueError:
        return False
    return isinstance(doc, dict) and "errorType" in doc and "errorMessage" in doc


class Function:
    def __init__(self, key, name, program, env, rie, log_dir, timeout_s=120):
        self.key = key
        self.name = name
        self.program = program
        self.env = env
        self.rie = rie
        self.log_path = os.path.join(log_dir, f"{key}.log")
        self.timeout_s = timeout_s
        self.port = None
        self.proc = None
        self.stats = Stats()
        self.lock = threading.Lock()
        self._log = None

    def start(self):
        # The emulator binds ports we chose for it: a port taken meanwhile makes it exit,
        # and a new pair is tried (bounded).
        return net.start_with_retries(self._launch, self.stop, f"aws-lambda-rie for {self.key}")

    def _launch(self):
        self.port = net.free_port()
        api_port = net.free_port()
        env = dict(self.env)
        env.setdefault("AWS_LAMBDA_FUNCTION_NAME", self.name)
        env.setdefault("AWS_LAMBDA_FUNCTION_TIMEOUT", str(self.timeout_s))
        env.setdefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [self.rie, "--runtime-interface-emulator-address", f"{net.LOOPBACK}:{self.port}",
             "--runtime-api-address", f"{net.LOOPBACK}:{api_port}", self.program],
            env=env, stdout=self._log, stderr=self._log, cwd=os.path.dirname(self.log_path),
            start_new_session=True, preexec_fn=net.die_with_parent)

        def alive():
            if self.proc.poll() is not None:
                raise net.ServerExited(f"aws-lambda-rie for {self.key} exited ({self.log_path})")

        net.wait_for_port(self.port, 30, f"aws-lambda-rie for {self.key}", alive)
        return self

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.proc = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def invoke(self, payload):
        """Synchronous invocation. Returns (ok, body bytes); ok is False for a function
        error (the body is then the error document) or an unreachable emulator."""
        url = f"http://{net.LOOPBACK}:{self.port}/2015-03-31/functions/function/invocations"
        with self.lock:
            started = time.monotonic()
            try:
                req = urllib.request.Request(url, data=payload, method="POST",
                                             headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(req, timeout=self.timeout_s + 30) as r:
                    status, body = r.status, r.read()
            except urllib.error.HTTPError as e:
                status, body = e.code, e.read()
            except (urllib.error.URLError, OSError) as e:
                status, body = 0, json.dumps({"errorType": "EmulatorUnreachable",
                                              "errorMessage": str(e)}).encode()
            ok = not is_function_error(status, body)
            self.stats.add(time.monotonic() - started, ok)
        return ok, body

    def log_text(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""
