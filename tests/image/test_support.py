"""Shared pieces of the image and deploy-script tests: finding tools, loopback ports,
bounded waits, and the skip rule (exit 77 = skipped, except under CI=true, where a missing
tool is a failure)."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "aws" / "local"))
from localpipe.net import free_port  # noqa: E402,F401  (below the ephemeral range: no races)

SKIPPED = 77


def skip(reason):
    """Ends the test as skipped, or failed under CI=true."""
    if os.environ.get("CI") == "true":
        print(f"FAIL: {reason} (CI=true)", file=sys.stderr)
        sys.exit(1)
    print(f"skipped: {reason}")
    sys.exit(SKIPPED)


def find_tool(name, env_var):
    """$env_var, then PATH, then Go's bin folder ($GOBIN, $GOPATH/bin, ~/go/bin)."""
    if os.environ.get(env_var):
        return os.environ[env_var]
    found = shutil.which(name)
    if found:
        return found
    dirs = [os.environ.get("GOBIN", "")]
    dirs += [str(Path(p) / "bin") for p in os.environ.get("GOPATH", "").split(":") if p]
    dirs.append(str(Path.home() / "go" / "bin"))
    for d in dirs:
        if d and os.access(Path(d) / name, os.X_OK):
            return str(Path(d) / name)
    return None


def wait_for_port(port, proc, seconds=30):
    """Waits until 127.0.0.1:port accepts a connection; fails if proc exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{proc.args[0]} exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listened on 127.0.0.1:{port} within {seconds}s")


def stop(proc, seconds=10):
    """Stops a process this test started (SIGTERM, then SIGKILL), and returns its output."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(seconds)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(seconds)


def http(method, url, body=None, timeout=30):
    """(status, body bytes) of one request; HTTP errors are returned, not raised."""
    request = urllib.request.Request(url, data=body, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


class Checks:
    """Counts named checks; each failure is printed and the run continues."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}{': ' + detail if detail else ''}")
        return ok

    def equal(self, got, want, name):
        return self.check(got == want, name, f"got {got!r}, want {want!r}")

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 and self.passed > 0 else 1
