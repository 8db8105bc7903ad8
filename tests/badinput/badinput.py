#!/usr/bin/env python3
"""Bad-input matrix for `substation read`: every transform type that has a conformance case
with no `requires` (one config per type, from /work/shared/conformance/transforms.jsonl or
--cases) against binary bytes, invalid UTF-8, NUL bytes, deep nesting (300,000 brackets), a
huge line, a truncated gzip and gzip bombs. Each case must end with exit 0, or exit 1 and a
one-line error on stderr; never a signal / exit >= 128 (crash) or a timeout (hang).

send_file: the same inputs through a send_file config writing NDJSON into an empty folder.
Checked: when the run exits 1, every file present ends with a newline and every line in it is
a complete input line (no item cut short); when it exits 0, the files hold exactly the input's
lines. The expensive inputs (huge, bombs) run against one type per family.

Cases listed in KNOWN fail today because of reported product bugs: they are printed as
KNOWN-FAIL and do not fail the test; when one starts passing it is printed as KNOWN-NOW-PASSES.
"""
import argparse
import base64
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

# Known product bugs: (transform type, input or "*", start of the problem text, why).
# Empty: error texts that embedded the whole input value (time_from_string, the
# network_domain_* family, object_jq) are now bounded to 4 KiB by the chain.
KNOWN = []
MAX_ERROR_LINE = 64 * 1024

CHEAP = ["binary", "invalid_utf8", "nul", "deep", "deep_object", "truncated_gzip"]
COSTLY = ["huge", "gzip_bomb"]


def make_inputs(d, rng):
    """Writes each bad input into folder d. Returns {name: path}."""
    p = {}

    def w(name, data):
        p[name] = os.path.join(d, name)
        with open(p[name], "wb") as f:
            f.write(data)

    w("binary", bytes(rng.getrandbits(8) for _ in range(65536)))
    w("invalid_utf8", b'{"a":"\xff\xfe","b":"\xc0\xaf"}\n\x80\x81\x82\n{"a":"\xed\xa0\x80"}\n\xf8\x88\x80\x80\x80\n')
    w("nul", b'{"a":"x\x00y"}\n\x00\x00\x00\n{"\x00":1}\n')
    w("deep", b"[" * 300000 + b"]" * 300000 + b"\n")
    w("deep_object", b'{"a":' * 300000 + b"1" + b"}" * 300000 + b"\n")
    w("huge", b'{"a":"' + b"x" * (40 * 1024 * 1024) + b'"}\n')
    lines = b"".join(b'{"n":%d,"s":"abcdefghij"}\n' % i for i in range(20000))
    gz = gzip.compress(lines)
    w("truncated_gzip", gz[: len(gz) * 6 // 10])
    # > 1 GiB of zeros without a newline: one line longer than any line limit.
    w("gzip_bomb", gzip_of_repeated(b"\0" * (1 << 20), 1100))
    return p


def gzip_of_repeated(chunk, times):
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [c.compress(chunk) for _ in range(times)]
    out.append(c.flush())
    return b"".join(out)


def representative_configs(cases_path):
    """One conformance config per transform type (first case without `requires` that is not
    expected to fail)."""
    by_type = {}
    with open(cases_path) as f:
        for line in f:
            c = json.loads(line)
            if c.get("requires") or c.get("expect_error") or c.get("kind") != "transform":
                continue
            by_type.setdefault(c["type"], c["settings"])
    return by_type


def wait_for_binary(path, seconds=120):
    """The build folder is rebuilt now and then: wait (bounded) until the binary is back."""
    for _ in range(seconds * 2):
        if os.access(path, os.X_OK):
            return
        time.sleep(0.5)
    sys.exit("substation binary not found or not executable: " + path)


def judge(rc, err, timed_out):
    """Returns '' when the outcome is acceptable, else what is wrong."""
    if timed_out:
        return "hang (timeout)"
    if rc < 0 or rc >= 128:
        return "crash (exit %d)" % rc
    if rc == 0:
        return ""
    if rc != 1:
        return "exit %d (want 0 or 1)" % rc
    lines = [l for l in err.split(b"\n") if l.strip()]
    if not lines:
        return "exit 1 without an error message"
    if len(lines[-1]) > MAX_ERROR_LINE:
        return "error line is %d characters long" % len(lines[-1])
    return ""


def run(bin_, cfg, inp, timeout, cwd):
    t0 = time.time()
    try:
        p = subprocess.run([bin_, "read", "--file", inp, cfg], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=timeout, cwd=cwd)
        return p.returncode, p.stderr, False, time.time() - t0
    except subprocess.TimeoutExpired as e:
        return -999, e.stderr or b"", True, time.time() - t0


def expected_lines(path):
    data = open(path, "rb").read()
    if data[:3] == b"\x1f\x8b\x08":
        try:
            data = gzip.decompress(data)
        except Exception:
            d = zlib.decompressobj(31)
            data = d.decompress(data)  # what could be decoded before the cut
    return [l[:-1] if l.endswith(b"\r") else l for l in data.split(b"\n")]


def check_send_file(out_dir, inp, rc):
    """No item cut short; on success every input line arrived."""
    want = expected_lines(inp)
    want_set = set(want) | set(open(inp, "rb").read().split(b"\n"))
    whole = open(inp, "rb").read()  # non-text input is one message
    got = []
    for root, _, files in os.walk(out_dir):
        for fn in files:
            data = open(os.path.join(root, fn), "rb").read()
            if data and not data.endswith(b"\n"):
                return "file %s does not end with a complete item" % fn
            if data[:-1] == whole:
                got.append(whole)
                continue
            for l in data.split(b"\n")[:-1]:
                if l not in want_set:
                    return "file %s holds a partial or unknown item (%d bytes)" % (fn, len(l))
                got.append(l)
    if rc == 0 and got == [whole]:
        return ""
    if rc == 0:
        n_want = len([l for l in want if l != b""]) if want and want[-1] == b"" else len(want)
        if len(got) != n_want and len(got) != len(want):
            return "exit 0 but %d of %d lines written" % (len(got), n_want)
    return ""


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--substation", required=True)
    ap.add_argument("--cases", default=os.path.join(here, "../../../shared/conformance/transforms.jsonl"))
    ap.add_argument("--timeout", type=int, default=30)
    ap.add_argument("--seed", type=int, default=9)
    args = ap.parse_args()
    cases = args.cases
    if not os.path.exists(cases):
        cases = "/work/shared/conformance/transforms.jsonl"
    wait_for_binary(args.substation)
    configs = representative_configs(cases)
    families = {}
    for t in configs:
        families.setdefault(t.split("_")[0], t)
    results = []  # (type, input, problem, rc, seconds, last error line)
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="badinput-") as work:
        inputs = make_inputs(work, random.Random(args.seed))
        plan = [(t, i) for t in configs for i in CHEAP] + [(t, i) for t in families.values() for i in COSTLY if i in inputs]
        # format_from_gzip's own 1 GiB limit: the bomb reaches it base64-wrapped, so `read`
        # does not decompress it first.
        bomb_b64 = os.path.join(work, "gzip_bomb_b64")
        with open(bomb_b64, "wb") as f:
            f.write(base64.b64encode(open(inputs["gzip_bomb"], "rb").read()) + b"\n")
        inputs["gzip_bomb_b64"] = bomb_b64
        chains = {"format_from_base64+format_from_gzip": [{"type": "format_from_base64", "settings": {}},
                                                          {"type": "format_from_gzip", "settings": {}}]}
        for i, (t, name) in enumerate(plan):
            cfg = os.path.join(work, "cfg-%d.json" % i)
            with open(cfg, "w") as f:
                json.dump({"transforms": [{"type": t, "settings": configs[t]}]}, f)
            rc, err, to, secs = run(args.substation, cfg, inputs[name], args.timeout, work)
            results.append((t, name, judge(rc, err, to), rc, secs, err))
        for label, chain in chains.items():
            cfg = os.path.join(work, "cfg-chain.json")
            with open(cfg, "w") as f:
                json.dump({"transforms": chain}, f)
            # Inflating 1 GiB takes 5-20 s on the shared box: a longer limit, still bounded.
            rc, err, to, secs = run(args.substation, cfg, bomb_b64, max(args.timeout, 120), work)
            results.append((label, "gzip_bomb_b64", judge(rc, err, to), rc, secs, err))
        # send_file: nothing half-written.
        for name in CHEAP + ["huge", "gzip_bomb"]:
            out = os.path.join(work, "out-" + name)
            os.mkdir(out)
            cfg = os.path.join(work, "cfg-send-file.json")
            with open(cfg, "w") as f:
                json.dump({"transforms": [{"type": "send_file", "settings": {
                    "file_path": {"prefix": out, "uuid": True, "suffix": ".jsonl"},
                    "batch": {"count": 100},
                    "auxiliary_transforms": [
                        {"type": "aggregate_to_string", "settings": {"separator": "\n"}},
                        {"type": "string_append", "settings": {"suffix": "\n"}}]}}]}, f)
            rc, err, to, secs = run(args.substation, cfg, inputs[name], args.timeout, work)
            problem = judge(rc, err, to) or check_send_file(out, inputs[name], rc)
            results.append(("send_file", name, problem, rc, secs, err))
            shutil.rmtree(out, ignore_errors=True)
    bad = known = 0
    for t, name, problem, rc, secs, err in results:
        last = ([l for l in err.split(b"\n") if l.strip()] or [b""])[-1][:160].decode(errors="replace")
        key = next((k for k in KNOWN if k[0] == t and k[1] in ("*", name)
                    and (not problem or problem.startswith(k[2]))), None)
        if problem and key:
            known += 1
            status = "KNOWN-FAIL (%s)" % key[3]
        elif problem:
            bad += 1
            status = "FAIL"
        elif key:
            status = "ok"  # a KNOWN entry covers this type, but not this input
        else:
            status = "ok"
        if problem or secs > 5 or t == "send_file":
            print("BADINPUT %-45s %-16s rc=%-4d %5.1fs %s %s | %s" % (t, name, rc, secs, status, problem, last))
    print("BADINPUT SUMMARY cases=%d failures=%d known_failures=%d types=%d seconds=%.1f"
          % (len(results), bad, known, len(configs), time.time() - t0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
