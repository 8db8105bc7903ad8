#!/usr/bin/env bash
# The HTTP server under `substation play` (apps/cli/http_server.h) against raw sockets: what a
# browser sends works (keep-alive, pipelining, HEAD, a decoded query), and what a hostile or
# broken client sends gets a clear status and a JSON error, never a crash or a hang: a
# malformed request line or header, a request line, header block or body over its limit,
# a chunked body, a client that stops sending (slowloris), a flood of connections. The
# server still answers afterwards.
source "$(dirname "$0")/lib.bash" "$@"

cat >"$WORK/drive.py" <<'PY'
import json, os, re, signal, socket, sys, time

BINARY, SOURCE_DIR = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "cli"))
import play_support  # noqa: E402
from play_support import check  # noqa: E402

proc, base = play_support.start(BINARY)
port = int(base.rsplit(":", 1)[1])
token = play_support.TOKENS[base]


def connect():
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.settimeout(30)
    return s


def read_answer(s, buf=b""):
    """One answer from `s`: (status, headers dict (lower-case names), body, rest)."""
    while b"\r\n\r\n" not in buf:
        chunk = s.recv(65536)
        if not chunk:
            return None, {}, b"", buf
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    n = int(headers.get("content-length", "0"))
    while len(rest) < n:
        chunk = s.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:n], rest[n:]


def exchange(raw):
    s = connect()
    try:
        s.sendall(raw)
        status, headers, body, _ = read_answer(s)
        return status, headers, body
    finally:
        s.close()


def error_of(body):
    try:
        return json.loads(body)["error"]
    except (ValueError, KeyError, TypeError):
        return None


def expect(name, got, status, pattern):
    code, headers, body = got
    err = error_of(body)
    ok = code == status and headers.get("content-type") == "application/json" \
        and err is not None and re.search(pattern, err) is not None
    check(name, ok, "got %s %r" % (code, body[:300]))


host = "Host: 127.0.0.1:%d\r\n" % port
run = json.dumps({"config": "{transforms:[sub.tf.send.stdout()]}", "input": "hi"}).encode()


def post(body, extra=""):
    return ("POST /run HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
            "X-Play-Token: %s\r\nContent-Length: %d\r\n%s\r\n" % (token, len(body), extra)).encode() + body


# Keep-alive and pipelining: three requests on one connection, sent at once.
s = connect()
s.sendall(post(run) + ("GET /demo HTTP/1.1\r\n" + host + "\r\n").encode() + post(run))
answers = []
rest = b""
for _ in range(3):
    status, headers, body, rest = read_answer(s, rest)
    answers.append((status, headers.get("connection"), body))
s.close()
check("pipelined keep-alive", [a[0] for a in answers] == [200, 200, 200]
      and answers[0][2] == b'{"output":["hi"]}\n' and answers[1][1] == "keep-alive"
      and b'"config"' in answers[1][2], repr(answers)[:400])

# HTTP/1.0 closes unless asked; Connection: close is honoured.
status, headers, _ = exchange(("GET /demo HTTP/1.0\r\n" + host + "\r\n").encode())
check("http/1.0 closes", status == 200 and headers.get("connection") == "close", str(headers))
status, headers, _ = exchange(("GET /demo HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n").encode())
check("connection close", status == 200 and headers.get("connection") == "close", str(headers))

# HEAD: the GET answer's headers, no body.
s = connect()
s.sendall(("HEAD /demo HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n").encode())
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
s.close()
head, _, body = data.partition(b"\r\n\r\n")
check("head", head.startswith(b"HTTP/1.1 200 ") and b"Content-Length: " in head and body == b"",
      repr(data[:300]))

# The query is decoded: a share link whose base64url is percent-encoded still fills the page.
status, _, page = exchange(("GET /?share=%%41%%41 HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n").encode())
check("query decoded", status == 200 and b'<script id="shared" type="application/json">' in page, str(status))

# Malformed requests.
expect("garbage line", exchange(b"hello\r\n\r\n"), 400, r"^bad request: malformed request line$")
expect("bad version", exchange(b"GET / HTTP/2.0\r\n\r\n"), 400, r"^bad request: unsupported version")
expect("absolute target", exchange(("GET http://evil.example/ HTTP/1.1\r\n" + host + "\r\n").encode()),
       400, r"^bad request: the target must be a path$")
expect("bad escape", exchange(("GET /docs/%zz HTTP/1.1\r\n" + host + "\r\n").encode()),
       400, r"^bad request: malformed path$")
expect("nul in path", exchange(("GET /docs/a%00b HTTP/1.1\r\n" + host + "\r\n").encode()),
       400, r"^bad request: malformed path$")
expect("bad header", exchange(("GET / HTTP/1.1\r\n" + host + "no colon here\r\n\r\n").encode()),
       400, r"^bad request: malformed header line$")
expect("bad length", exchange(post(b"{}", "Content-Length: -5\r\n").replace(b"Content-Length: 2\r\n", b"")),
       400, r"^bad request: malformed Content-Length$")
expect("chunked", exchange(("POST /run HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                            "X-Play-Token: " + token + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "2\r\n{}\r\n0\r\n\r\n").encode()),
       411, r"Content-Length")
expect("unknown method", exchange(("BREW /run HTTP/1.1\r\n" + host + "\r\n").encode()),
       405, r"^method not allowed$")

# Over the limits.
expect("long request line", exchange(("GET /" + "a" * 9000 + " HTTP/1.1\r\n" + host + "\r\n").encode()),
       414, r"^request line longer than 8192 bytes$")
expect("no line end", exchange(b"GET /" + b"a" * 40000), 414, r"^request line longer than")
expect("huge headers", exchange(("GET / HTTP/1.1\r\n" + host + "".join(
    "X-Filler-%d: %s\r\n" % (i, "v" * 100) for i in range(300)) + "\r\n").encode()),
       431, r"^request headers larger than 16384 bytes$")
expect("declared too large", exchange(post(b"x" * 1000).replace(b"Content-Length: 1000", b"Content-Length: 99999999999")),
       413, r"^request body larger than 10485760 bytes$")

# A client that stops sending (slowloris) gets 408 after the request time (10 s), and
# the server goes on answering others meanwhile.
slow = connect()
slow.sendall(("POST /run HTTP/1.1\r\n" + host).encode())
began = time.monotonic()
status, _, text = play_support.request(base, "/run", {"config": "{transforms:[sub.tf.send.stdout()]}", "input": "during"})
check("answers during slowloris", status == 200 and json.loads(text) == {"output": ["during"]}, text[:200])
status, _, body, _ = read_answer(slow)
slow.close()
waited = time.monotonic() - began
check("slowloris 408", status == 408 and 8 < waited < 20 and re.search(r"^request not received within 10 s$", error_of(body) or ""),
      "%s after %.1f s: %r" % (status, waited, body[:200]))

# A flood of idle connections: beyond 32 the server answers 503 at once, and once they
# close it answers again.
flood = [connect() for _ in range(40)]
time.sleep(0.5)
codes = []
for s in flood[32:]:
    s.settimeout(5)
    status, _, body, _ = read_answer(s)
    codes.append((status, error_of(body)))
for s in flood:
    s.close()
check("flood 503", all(c == (503, "too many connections") for c in codes), repr(codes))
# The 32 connection threads end once they see their client close; on a loaded machine that
# can take longer than a moment, so ask again (for at most 15 s) while the answer is 503.
deadline = time.monotonic() + 15
while True:
    time.sleep(0.5)
    status, _, text = play_support.request(base, "/run", {"config": "{transforms:[sub.tf.send.stdout()]}", "input": "after"})
    if status != 503 or time.monotonic() > deadline:
        break
check("answers after the flood", status == 200 and json.loads(text) == {"output": ["after"]}, text[:200])

check("server alive", proc.poll() is None)
play_support.stop(proc, signal.SIGINT, "stops on SIGINT")
sys.exit(1 if play_support.failures else 0)
PY

set +e
timeout 180 python3 "$WORK/drive.py" "$SUBSTATION" "$SOURCE_DIR"
RC=$?
set -e
if [[ $RC -ne 0 ]]; then fail "play http: the driver failed (exit code $RC)"; fi

finish
