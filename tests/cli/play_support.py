"""Helpers shared by the `substation play` drivers (play.sh, play_security.sh, play_editor.sh, play_browser.sh): start a
playground on a loopback port the kernel picks, send requests with python's urllib (to
127.0.0.1 only), and count checks."""
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request

failures = 0
TOKENS = {}  # base URL -> the token its page carries


def check(name, ok, detail=""):
    global failures
    if ok:
        print("ok: " + name)
    else:
        failures += 1
        print("FAIL: %s %s" % (name, detail), file=sys.stderr, flush=True)


def send(base, path, body=None, method=None, headers=None):
    """(status, headers, text) of one request with exactly `headers`; never raises for an
    HTTP error status. `body`: bytes as they are, anything else as JSON."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            return res.status, res.headers, res.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def request(base, path, body=None, method=None, raw=None):
    """As the playground's own page sends: JSON with the page's token."""
    headers = {"Content-Type": "application/json"}
    if base in TOKENS:
        headers["X-Play-Token"] = TOKENS[base]
    return send(base, path, raw if raw is not None else body, method, headers)


def start(binary, *extra):
    """Starts `binary play` on 127.0.0.1:0; returns (process, base URL) once it printed where
    it listens and its page gave the token every POST must send back."""
    proc = subprocess.Popen([binary, "play", "--addr", "127.0.0.1:0", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(20)
    m = re.fullmatch(r"Substation playground listening on (http://127\.0\.0\.1:(\d+))\n",
                     line[0] if line else "")
    if not m or m.group(2) == "0":
        proc.kill()
        raise SystemExit("FAIL: no listening line within 20 s: %r" % line)
    base = m.group(1)
    _, _, page = send(base, "/")
    token = re.search(r'<meta name="play-token" content="([0-9a-f]{32})">', page)
    if not token:
        proc.kill()
        raise SystemExit("FAIL: the page carries no token")
    TOKENS[base] = token.group(1)
    return proc, base


def stop(proc, sig, name):
    """Sends `sig` and checks that the playground exits 0 within 15 s (killed otherwise)."""
    proc.send_signal(sig)
    try:
        rc = proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)
        rc = "still running after 15 s"
    check(name, rc == 0, "exit code %s, stderr: %s" % (rc, proc.stderr.read()[-500:]))


def examples(source_dir):
    """{name: (config, input, expected output lines)} of apps/cli/play/examples/."""
    folder = source_dir + "/apps/cli/play/examples"
    out = {}
    for entry in sorted(os.listdir(folder)):
        if not entry.endswith(".jsonnet"):
            continue
        name = entry[: -len(".jsonnet")]
        with open(os.path.join(folder, entry)) as f:
            config = f.read()
        with open(os.path.join(folder, name + ".input")) as f:
            text = f.read()
        with open(os.path.join(folder, name + ".expected")) as f:
            expected = f.read().splitlines()
        out[name] = (config, text[:-1] if text.endswith("\n") else text, expected)
    return out
