#!/usr/bin/env python3
"""Lambda handler bench: CPU per record of a warm Kinesis invocation, ours against the
reference, with the same config and records.

A Lambda bootstrap (ours: build/apps/lambda/bootstrap; the reference: substation-ref-lambda)
runs as SUBSTATION_LAMBDA_HANDLER=AWS_KINESIS_DATA_STREAM against a Runtime API served here
on a loopback port. The API hands out WARMUP + INVOCATIONS Kinesis events of RECORDS records
each (the first lines of the bench's zeek_conn file, base64 as Kinesis delivers them). The
CPU time (user + system, every thread) of the bootstrap process is read from /proc when it
asks for invocation WARMUP + 1 and again when it asks for the one after the last: the
difference is the cost of the warm invocations alone, start-up and config load excluded.
The records a function prints (the workload's send_stdout) go to a file, and both files
must be equal.

  bench/lambda_bench.py --data FILE --config W2.json --bootstrap PATH [--reference PATH]
                        [--records 100] [--invocations 1000] [--warmup 20]

Prints one line per binary, `name records_per_s_per_core us_per_record rss_mb`, and with a
reference, `ratio X` and `outputs identical` (or DIFFERENT, exit 1). Not a test.
"""

import argparse
import base64
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def cpu_seconds(pid):
    """user + system CPU of the whole process (every thread, exited ones included)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14, 15)


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def kinesis_event(lines, first_seq):
    records = []
    for i, line in enumerate(lines):
        seq = first_seq + i
        records.append({
            "kinesis": {
                "kinesisSchemaVersion": "1.0",
                "partitionKey": str(seq % 16),
                "sequenceNumber": f"4959033301726271000000000000{seq:020d}",
                "data": base64.b64encode(line).decode(),
                "approximateArrivalTimestamp": 1717200000.5 + seq / 1000,
            },
            "eventSource": "aws:kinesis",
            "eventVersion": "1.0",
            "eventID": f"shardId-000000000000:{seq}",
            "eventName": "aws:kinesis:record",
            "invokeIdentityArn": "arn:aws:iam::123456789012:role/bench",
            "awsRegion": "us-east-1",
            "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/bench",
        })
    return json.dumps({"Records": records}).encode()


class RuntimeApi:
    """The four Runtime API endpoints, handing out `events` in order, then blocking."""

    def __init__(self, events, warmup):
        self.events = events
        self.warmup = warmup
        self.served = 0
        self.pid = None
        self.cpu_start = None
        self.cpu_end = None
        self.errors = []
        self.done = threading.Event()
        api = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # One write per answer (headers and body buffered, flushed after the handler)
            # with Nagle off: answered in two writes, a keep-alive connection on this VM's
            # loopback sometimes held the body back for good, and the function waited on it.
            wbufsize = 1 << 16
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def reply(self, status, body=b"", headers=()):
                self.send_response(status)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if not self.path.endswith("/runtime/invocation/next"):
                    self.reply(404)
                    return
                n = api.served
                if n == api.warmup and api.pid:
                    api.cpu_start = cpu_seconds(api.pid)
                if n >= len(api.events):
                    if api.pid and api.cpu_end is None:
                        api.cpu_end = cpu_seconds(api.pid)
                        api.rss = peak_rss_mb(api.pid)
                    api.done.set()
                    time.sleep(30)  # the bench kills the process meanwhile
                    return
                api.served += 1
                self.reply(200, api.events[n], [
                    ("Lambda-Runtime-Aws-Request-Id", f"req-{n}"),
                    ("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 300000)),
                    ("Lambda-Runtime-Invoked-Function-Arn",
                     "arn:aws:lambda:us-east-1:123456789012:function:bench"),
                    ("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000"),
                    ("Content-Type", "application/json")])

            def read_body(self):
                if "chunked" not in self.headers.get("Transfer-Encoding", "").lower():
                    return self.rfile.read(int(self.headers.get("Content-Length") or 0))
                # The reference's Go client streams its answers in chunks.
                body = b""
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline().strip():  # trailers, then the blank line
                            pass
                        return body
                    body += self.rfile.read(size)
                    self.rfile.readline()  # CRLF after the chunk

            def do_POST(self):
                body = self.read_body()
                if "/error" in self.path:
                    api.errors.append(body.decode(errors="replace"))
                    api.done.set()
                self.reply(202, b'{"status":"OK"}')

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def run(name, binary, config, events, warmup, out_path, timeout):
    api = RuntimeApi(events, warmup)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{api.port}",
        "SUBSTATION_LAMBDA_HANDLER": "AWS_KINESIS_DATA_STREAM",
        "SUBSTATION_CONFIG": config,
        "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_LAMBDA_FUNCTION_NAME": "bench", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "1024",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
    }
    # stderr goes to a file, not a pipe: a function logs every invocation, and a pipe nobody
    # reads fills after 64 KiB and blocks the function's next write (which looked like a hang).
    with open(out_path, "wb") as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([binary], env=env, stdout=out, stderr=err)
        api.pid = proc.pid
        finished = api.done.wait(timeout)
        proc.kill()
        proc.wait()
        err.seek(0)
        stderr = err.read()
    api.server.shutdown()
    if not finished:
        raise TimeoutError(f"{name} stopped after {api.served} of {len(events)} invocations "
                           f"(no request for {timeout} s); its stderr ends:\n"
                           f"{stderr.decode(errors='replace')[-1500:]}")
    if api.errors:
        sys.exit(f"lambda bench: {name} reported an invocation error: {api.errors[0][:500]}\n"
                 f"{stderr.decode(errors='replace')[-2000:]}")
    if api.cpu_start is None or api.cpu_end is None:
        sys.exit(f"lambda bench: {name}: no CPU reading")
    return api.cpu_end - api.cpu_start, api.rss


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="JSON lines (the bench's zeek_conn file)")
    p.add_argument("--config", required=True, help="Substation JSON config (W1.json, W2.json)")
    p.add_argument("--bootstrap", required=True, help="our Lambda bootstrap")
    p.add_argument("--reference", help="the reference's substation-ref-lambda")
    p.add_argument("--records", type=int, default=100)
    p.add_argument("--invocations", type=int, default=1000)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--concurrency", type=int, default=1,
                   help="the config's `concurrency` when it has none (default 1: the reference's "
                        "Kinesis handler waits forever on a config without one)")
    p.add_argument("--timeout", type=float, default=600)
    a = p.parse_args()

    need = a.records * (a.warmup + a.invocations)
    lines = []
    with open(a.data, "rb") as f:
        for line in f:
            lines.append(line.rstrip(b"\n"))
            if len(lines) == need:
                break
    if len(lines) < need:
        sys.exit(f"lambda bench: {a.data} has {len(lines)} lines, {need} needed")
    events = [kinesis_event(lines[i * a.records:(i + 1) * a.records], i * a.records)
              for i in range(a.warmup + a.invocations)]
    measured = a.records * a.invocations

    work = tempfile.mkdtemp(prefix="substation-lambda-bench.")
    with open(a.config) as f:
        config = json.load(f)
    config.setdefault("concurrency", a.concurrency)
    config_path = os.path.join(work, "config.json")
    with open(config_path, "w") as f:
        json.dump(config, f)
    # A deployed function's config is as old as its package. Ours reads a config file that
    # changed less than 2 s before again at every invocation (its file times may not show a
    # quick second edit), so the functions start once that has passed.
    time.sleep(2.1)
    rows = [("ours", a.bootstrap)] + ([("reference", a.reference)] if a.reference else [])
    results = {}
    for name, binary in rows:
        out = os.path.join(work, name + ".out")
        try:
            cpu, rss = run(name, binary, config_path, events, a.warmup, out, a.timeout)
        except TimeoutError as e:
            # A function that stops asking for invocations gets no figure: say so.
            print(f"lambda bench: {e}", file=sys.stderr)
            if name == "ours":
                return 1
            print(f"{name} hung")
            os.unlink(out)
            a.reference = None
            continue
        cpu = max(cpu, 1.0 / TICKS)
        results[name] = (measured / cpu, cpu / measured * 1e6, rss, out)
        print(f"{name} {measured / cpu:.0f} {cpu / measured * 1e6:.2f} {rss:.1f}")
    status = 0
    if a.reference:
        ratio = results["ours"][0] / results["reference"][0]
        print(f"ratio {ratio:.2f}")
        with open(results["ours"][3], "rb") as f1, open(results["reference"][3], "rb") as f2:
            same = f1.read() == f2.read()
        print("outputs identical" if same else "outputs DIFFERENT")
        status = 0 if same else 1
    for name in results:
        os.unlink(results[name][3])
    os.unlink(config_path)
    os.rmdir(work)
    return status


if __name__ == "__main__":
    sys.exit(main())
