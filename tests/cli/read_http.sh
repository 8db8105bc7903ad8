#!/usr/bin/env bash
# `substation read --http`: a local HTTP server (Python, loopback only) serves the input.
source "$(dirname "$0")/lib.bash" "$@"

printf '{"a":1}\n\n{"b":2}\n' >"$WORK/in.txt"
gzip -c "$WORK/in.txt" >"$WORK/in.gz"
: >"$WORK/empty.txt"

# Serves $WORK on an ephemeral port and writes the port to $WORK/port.
timeout 120 python3 - "$WORK" >"$WORK/server.log" 2>&1 <<'PY' &
import functools, http.server, os, sys
root = sys.argv[1]
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=root)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
with open(os.path.join(root, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(root, "port.tmp"), os.path.join(root, "port"))
server.serve_forever()
PY
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [[ -s "$WORK/port" ]] && break; sleep 0.1; done
[[ -s "$WORK/port" ]] || { echo "FAIL: the HTTP server did not start" >&2; exit 1; }
BASE="http://127.0.0.1:$(cat "$WORK/port")"

run http_plain read --http "$BASE/in.txt"
expect_ok http_plain "$WORK/in.txt"

run http_gzip read --http "$BASE/in.gz"
expect_ok http_gzip "$WORK/in.txt"

run http_empty read --http "$BASE/empty.txt"
expect_error http_empty "empty file: $BASE/empty.txt"

run http_scheme read --http "ftp://127.0.0.1/x"
expect_error http_scheme 'invalid http endpoint: ftp://127.0.0.1/x'

finish
