#!/usr/bin/env python3
"""Differential test: our `substation read` against the reference Go CLI (v2.8.0).

For every transform and condition type this builds one or more configs, runs BOTH
binaries on the same input files, and compares stdout byte for byte plus the exit
status. Standard library only. See README.md next to this file.
"""

import argparse
import base64
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SHARED = os.environ.get("SUBSTATION_SHARED") or (
    os.path.join(REPO, "..", "shared") if os.path.isdir(os.path.join(REPO, "..", "shared"))
    else "/work/shared")

# Types whose difference from v2.8 is deliberate or unavoidable, each documented in
# docs/compatibility.md (the section named). Their FAILs are reported as DOCUMENTED and do
# not fail the run; a documented type that agrees again is noted.
DOCUMENTED = {
    "format_to_gzip": "docs/compatibility.md, Format: zlib's deflate blocks differ from Go's "
                      "compress/flate on inputs with repeats (equally valid gzip)",
    "meta_metric_duration": "docs/compatibility.md, EMF dimensions: [[]] without attributes "
                            "(v2.8: [null]), keys sorted (v2.8: random map order)",
    "utility_metric_count": "docs/compatibility.md, EMF dimensions",
    "utility_metric_bytes": "docs/compatibility.md, EMF dimensions",
    "utility_metric_freshness": "docs/compatibility.md, EMF dimensions",
}

# Every type string of the v2.8 factories (reference/substation.md sections 2 and 3),
# including the deprecated aliases.
TRANSFORM_TYPES = """
aggregate_from_array aggregate_from_string aggregate_to_array aggregate_to_string
array_join array_zip
enrich_aws_dynamodb_query enrich_aws_lambda enrich_dns_domain_lookup enrich_dns_ip_lookup
enrich_dns_text_lookup enrich_http_get enrich_http_post enrich_kv_store_item_get
enrich_kv_store_get enrich_kv_store_item_set enrich_kv_store_set enrich_kv_store_set_add
format_from_base64 format_to_base64 format_from_gzip format_to_gzip format_from_parquet
format_from_pretty_print format_from_zip hash_md5 hash_sha256
meta_err meta_for_each meta_kv_store_lock meta_metric_duration meta_retry meta_switch
number_maximum number_minimum number_math_addition number_math_subtraction
number_math_multiplication number_math_division network_domain_registered_domain
network_domain_subdomain network_domain_top_level_domain
object_copy object_delete object_insert object_jq object_to_boolean object_to_float
object_to_integer object_to_string object_to_unsigned_integer
send_aws_dynamodb_put send_aws_data_firehose send_aws_eventbridge
send_aws_kinesis_data_stream send_aws_lambda send_aws_s3 send_aws_sns send_aws_sqs
send_gcp_storage send_file send_http_post send_stdout
string_append string_capture string_replace string_split string_to_lower string_to_upper
string_to_snake string_uuid test_message time_from_string time_from_unix
time_from_unix_milli time_now time_to_string time_to_unix time_to_unix_milli
utility_control utility_delay utility_drop utility_err utility_metric_bytes
utility_metric_count utility_metric_freshness utility_secret
""".split()

CONDITION_TYPES = """
meta_all all meta_any any meta_none none format_json format_mime
network_ip_global_unicast network_ip_link_local_multicast network_ip_link_local_unicast
network_ip_loopback network_ip_multicast network_ip_private network_ip_unicast
network_ip_unspecified network_ip_valid number_equal_to number_less_than
number_greater_than number_bitwise_and number_bitwise_or number_bitwise_xor
number_bitwise_not number_length_equal_to number_length_greater_than
number_length_less_than string_contains string_ends_with string_starts_with
string_equal_to string_greater_than string_less_than string_match utility_random
""".split()

# Types we do not run, with the reason printed on their SKIP line.
_AWS = "needs AWS credentials and a live AWS service"
_NET = "needs network access (DNS/HTTP) with answers that vary by machine"
SKIPPED = {
    "enrich_aws_dynamodb_query": _AWS,
    "enrich_aws_lambda": _AWS,
    "send_aws_dynamodb_put": _AWS,
    "send_aws_data_firehose": _AWS,
    "send_aws_eventbridge": _AWS,
    "send_aws_kinesis_data_stream": _AWS,
    "send_aws_lambda": _AWS,
    "send_aws_s3": _AWS,
    "send_aws_sns": _AWS,
    "send_aws_sqs": _AWS,
    "send_gcp_storage": "needs GCP credentials and a live GCS bucket",
    "enrich_dns_domain_lookup": _NET,
    "enrich_dns_ip_lookup": _NET,
    "enrich_dns_text_lookup": _NET,
    "enrich_http_get": _NET,
    "enrich_http_post": _NET,
    "send_http_post": _NET,
    "utility_secret": "retrieves secrets at construction (AWS Secrets Manager / environment); "
                      "not a data path worth diffing",
}

MARKER = "_diff_match"          # key inserted when a condition is true
EMF = {"type": "aws_cloudwatch_embedded_metrics"}


# --------------------------------------------------------------------------
# Output normalisers for nondeterministic types: they blank out the parts that
# legitimately differ between two runs, so only the shape is compared.

UUID_RE = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NS_RE = re.compile(rb"(?<![0-9.])1[0-9]{18}(?![0-9.])")
EMF_TS_RE = re.compile(rb'"Timestamp":[0-9]+')


def norm_uuid(out):
    return UUID_RE.sub(b"<uuid>", out)


def norm_now(out):
    return NS_RE.sub(b"<unix-ns>", out)


def norm_random(out):
    # utility_random decides per message; keep line count and content minus the marker.
    return out.replace(b',"%s":true' % MARKER.encode(), b"").replace(
        b'{"%s":true}' % MARKER.encode(), b"{}")


def norm_emf(out):
    return EMF_TS_RE.sub(b'"Timestamp":<ms>', out)


def norm_duration(out):
    return re.sub(rb'"DiffDuration":[0-9.e+]+', b'"DiffDuration":<ns>', norm_emf(out))


# --------------------------------------------------------------------------
# Config construction.

def component(ctype, settings):
    c = {"type": ctype}
    if settings is not None:
        c["settings"] = settings
    return c


def pipeline(*transforms):
    """A config: the given transforms followed by send_stdout (the CLI prints nothing itself)."""
    return {"transforms": list(transforms) + [{"type": "send_stdout"}]}


def condition_config(cond):
    """meta_switch: when the condition holds, insert a marker; then print."""
    return pipeline(component("meta_switch", {"cases": [{
        "condition": cond,
        "transforms": [component("object_insert", {"object": {"target_key": MARKER}, "value": True})],
    }]}))


def extra_cases(files):
    """Configs for types without conformance vectors (or that deserve one more case).

    Returns a list of (type, case_id, config, normaliser). `files` maps the names
    of KV store fixture files to their paths.
    """
    mem = {"type": "memory", "settings": {"capacity": 64}}
    src_ip = {"source_key": "srcaddr"}
    cases = []

    def add(t, cid, cfg, norm=None):
        cases.append((t, cid, cfg, norm))

    # KV stores: write with set (or set_add) and read back with get in the same chain.
    for set_t in ("enrich_kv_store_item_set", "enrich_kv_store_set"):
        for get_t in ("enrich_kv_store_item_get", "enrich_kv_store_get"):
            cfg = pipeline(
                component(set_t, {"kv_store": mem, "prefix": "p",
                                  "object": {"source_key": "srcaddr", "target_key": "action"}}),
                component(get_t, {"kv_store": mem, "prefix": "p",
                                  "object": {"source_key": "srcaddr", "target_key": "kv"}}))
            add(set_t, "memory set+%s" % get_t, cfg)
            add(get_t, "memory %s+get" % set_t, cfg)
    add("enrich_kv_store_set_add", "memory set_add+get", pipeline(
        component("enrich_kv_store_set_add", {"kv_store": mem, "ttl_offset": "1h",
                                              "object": {"source_key": "srcaddr", "target_key": "dstport"}}),
        component("enrich_kv_store_item_get", {"kv_store": mem,
                                               "object": {"source_key": "srcaddr", "target_key": "ports"}})))
    for name, store in (
        ("csv_file", {"type": "csv_file", "settings": {"file": files["csv"], "column": "ip"}}),
        ("json_file", {"type": "json_file", "settings": {"file": files["json"]}}),
        ("text_file", {"type": "text_file", "settings": {"file": files["text"]}}),
    ):
        add("enrich_kv_store_item_get", name, pipeline(component("enrich_kv_store_item_get", {
            "kv_store": store, "object": {"source_key": "srcaddr", "target_key": "kv"}})))

    add("meta_kv_store_lock", "memory lock per srcaddr", pipeline(component("meta_kv_store_lock", {
        "kv_store": mem, "prefix": "lock", "object": src_ip,
        "transforms": [component("object_insert", {"object": {"target_key": "locked"}, "value": True})]})))
    add("meta_kv_store_lock", "memory lock on data hash", pipeline(component("meta_kv_store_lock", {
        "kv_store": mem, "transforms": [component("hash_md5", {"object": {"source_key": "uid", "target_key": "h"}})]})))

    add("meta_metric_duration", "EMF duration", pipeline(component("meta_metric_duration", {
        "metric": {"name": "DiffDuration", "destination": EMF},
        "transforms": [component("hash_sha256", {"object": {"source_key": "uid", "target_key": "h"}})]})),
        norm_duration)
    add("meta_retry", "error retried then exhausted", pipeline(component("meta_retry", {
        "transforms": [component("utility_err", {"message": "diff boom"})],
        "error_messages": ["boom"], "retry": {"count": 1, "delay": "1ms"}})))
    add("meta_retry", "condition satisfied first time", pipeline(component("meta_retry", {
        "transforms": [component("object_insert", {"object": {"target_key": "r"}, "value": 1})],
        "condition": component("format_json", None), "retry": {"count": 2, "delay": "1ms"}})))

    add("send_stdout", "plain", {"transforms": [{"type": "send_stdout"}]})
    add("send_stdout", "batch + aux aggregate", {"transforms": [component("send_stdout", {
        "batch": {"count": 7},
        "auxiliary_transforms": [component("aggregate_to_array", {"batch": {"count": 3}})]})]})
    add("send_file", "files under ./out (contents compared)", {"transforms": [component("send_file", {
        "file_path": {"prefix": "out", "suffix": ".jsonl"}, "batch": {"count": 500}})]})

    add("string_uuid", "uuid at target key (shape only)", pipeline(
        component("string_uuid", {"object": {"target_key": "uuid"}})), norm_uuid)
    add("time_now", "now at target key (shape only)", pipeline(
        component("time_now", {"object": {"target_key": "now"}})), norm_now)
    add("test_message", "emitted on ctrl", pipeline(
        component("test_message", {"value": {"hello": "world", "n": [1, 2.5]}})))
    add("utility_control", "ctrl every 100 messages", pipeline(
        component("utility_control", {"batch": {"count": 100}}),
        component("aggregate_to_string", {"separator": "|", "batch": {"count": 1000}})))
    add("utility_delay", "1ms per message", pipeline(component("utility_delay", {"duration": "1ms"})))
    add("utility_drop", "drop all", pipeline(component("utility_drop", None)))
    add("utility_drop", "drop private srcaddr", pipeline(component("meta_switch", {"cases": [{
        "condition": component("network_ip_private", {"object": src_ip}),
        "transforms": [component("utility_drop", None)]}]})))
    add("utility_err", "fails on first message", pipeline(component("utility_err", {"message": "diff err"})))
    add("utility_metric_bytes", "EMF bytes", pipeline(component("utility_metric_bytes", {
        "metric": {"name": "DiffBytes", "attributes": {"k": "v"}, "destination": EMF}})), norm_emf)
    add("utility_metric_count", "EMF count", pipeline(component("utility_metric_count", {
        "metric": {"name": "DiffCount", "destination": EMF}})), norm_emf)
    add("utility_metric_freshness", "EMF freshness of zeek ts", pipeline(
        component("time_from_unix", {"object": {"source_key": "ts", "target_key": "ts_ns"}}),
        component("utility_metric_freshness", {"threshold": "1h", "object": {"source_key": "ts_ns"},
                                               "metric": {"name": "DiffFresh", "attributes": {"k": "v"},
                                                          "destination": EMF}})), norm_emf)

    # Conditions without vectors: the short aliases and utility_random.
    inner = [component("string_equal_to", {"object": {"source_key": "action"}, "value": "ACCEPT"}),
             component("network_ip_private", {"object": src_ip})]
    for alias in ("all", "any", "none"):
        add(alias, "alias over two conditions", condition_config(component(alias, {"conditions": inner})))
    add("utility_random", "50% marker (shape only)", condition_config(component("utility_random", None)),
        norm_random)
    return cases


def load_vectors():
    """Conformance vectors as (type, case_id, config, input_bytes, env)."""
    out = []
    for fname in ("transforms.jsonl", "conditions.jsonl"):
        path = os.path.join(SHARED, "conformance", fname)
        if not os.path.exists(path):
            continue
        for line in open(path, encoding="utf-8"):
            v = json.loads(line)
            if v["kind"] == "transform":
                cfg = pipeline(component(v["type"], v["settings"]))
            else:
                cfg = condition_config(component(v["type"], v["settings"]))
            # The vector's own tests compare unordered where the output order is not
            # defined (e.g. batches per key: v2.8 flushes them in Go's random map order).
            norm = sorted_lines if v.get("match") == "each_output_in_expected" else None
            out.append((v["type"], v["id"], cfg, vector_input(v["input"]), v.get("env") or {},
                        norm))
    return out


def sorted_lines(out):
    """Output with its lines in sorted order (for outputs whose order is not defined)."""
    return b"\n".join(sorted(out.split(b"\n")))


def vector_input(messages):
    """Turn a vector's messages into one input file for `read --file`.

    The CLI reads one message per line and sends a single control message at the end,
    so control inputs are dropped (the final one is implied). A lone binary message is
    written raw: the CLI then delivers the whole file (or its decompressed lines, for
    gzip) as both implementations see fit -- that is exactly what we want to compare.
    """
    datas = []
    for m in messages:
        if m.get("control"):
            continue
        if "data_b64" in m:
            datas.append(base64.b64decode(m["data_b64"]))
        else:
            datas.append(m.get("data", "").encode("utf-8"))
    if len(datas) == 1 and "data_b64" in [k for m in messages for k in m]:
        return datas[0]
    return b"".join(d + b"\n" for d in datas)


# --------------------------------------------------------------------------
# Running binaries.

def looks_like_ours(binary, timeout):
    """Our CLI uses CLI11 ('-h,--help'); the reference uses cobra ('Available Commands:')."""
    try:
        p = subprocess.run([binary, "--help"], capture_output=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = p.stdout + p.stderr
    if b"-h,--help" in text and b"Subcommands:" in text:
        return True
    if b"Available Commands:" in text:
        return False
    return None


def find_reference(ours, timeout):
    """First `substation-ref` (as ../shared/reference-cli/install names it) or `substation`
    on PATH that is neither our binary nor looks like it."""
    ours_real = os.path.realpath(ours)
    for name in ("substation-ref", "substation"):
        for d in os.environ.get("PATH", "").split(os.pathsep):
            cand = os.path.join(d, name)
            if not (os.path.isfile(cand) and os.access(cand, os.X_OK)):
                continue
            if os.path.realpath(cand) == ours_real or looks_like_ours(cand, timeout):
                continue
            return cand
    return None


def run_one(binary, config_path, input_path, workdir, env_extra, timeout):
    """Run `binary read config --file input` in workdir; return (exit, stdout, files-written)."""
    os.makedirs(workdir, exist_ok=True)
    env = dict(os.environ)
    env.update(env_extra)
    try:
        p = subprocess.run([binary, "read", config_path, "--file", input_path],
                           cwd=workdir, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
        code, out = p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        code, out = "timeout", e.stdout or b""
    except OSError as e:
        code, out = "cannot run (%s)" % e.strerror, b""
    # Files written into the working dir (send_file): compare the sorted contents,
    # since names may contain times or UUIDs.
    written = []
    for root, _, names in os.walk(workdir):
        for n in names:
            with open(os.path.join(root, n), "rb") as f:
                written.append(f.read())
    return code, out, sorted(written)


def first_difference(a, b):
    """Short human description of where two outputs first differ."""
    la, lb = a.split(b"\n"), b.split(b"\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return "line %d: ours=%r ref=%r" % (i + 1, x[:120], y[:120])
    return "line count: ours=%d ref=%d" % (len(la), len(lb))


def compare_case(job, ours, ref, timeout):
    """Run one (config, input) on both binaries.

    Returns (reason, our_exit): reason is None when they agree. our_exit lets the
    summary say how many agreeing cases were errors on both sides."""
    return _compare(job, ours, ref, timeout)

def _compare(job, ours, ref, timeout):
    t, cid, cfg_path, in_path, env, norm, workdir = job
    r_ours = run_one(ours, cfg_path, in_path, os.path.join(workdir, "ours"), env, timeout)
    r_ref = run_one(ref, cfg_path, in_path, os.path.join(workdir, "ref"), env, timeout)
    (c1, o1, f1), (c2, o2, f2) = r_ours, r_ref
    if norm:
        o1, o2 = norm(o1), norm(o2)
        f1, f2 = sorted(map(norm, f1)), sorted(map(norm, f2))
    if c1 != c2:
        return "%s: exit ours=%s ref=%s" % (cid, c1, c2), c1
    if o1 != o2:
        return "%s: stdout differs, %s" % (cid, first_difference(o1, o2)), c1
    if f1 != f2:
        return "%s: written files differ (ours %d, ref %d)" % (cid, len(f1), len(f2)), c1
    return None, c1


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ours", default=None, help="our substation binary (default: build/substation in the repo)")
    ap.add_argument("--reference", default=None, help="reference Go CLI (default: `substation` on PATH that is not ours)")
    ap.add_argument("--count", type=int, default=2000, help="generated events per run (default 2000)")
    ap.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per subprocess (default 60)")
    ap.add_argument("--jobs", type=int, default=2, help="cases run in parallel (default 2)")
    ap.add_argument("--types", default="", help="comma-separated types to run (default: all)")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir and print its path")
    ap.add_argument("--require-reference", action="store_true",
                    help="under CI=true, exit 1 when the reference CLI is missing")
    args = ap.parse_args()

    ours = args.ours
    if ours is None:
        for cand in ("build/substation",):
            if os.path.isfile(os.path.join(REPO, cand)):
                ours = os.path.join(REPO, cand)
                break
    if not ours or not os.access(ours, os.X_OK):
        print("our substation binary not found; pass --ours PATH", file=sys.stderr)
        return 2
    ours = os.path.abspath(ours)

    ref = args.reference or find_reference(ours, args.timeout)
    if ref and os.sep not in ref:
        ref = shutil.which(ref) or ref      # a bare command name: look it up on PATH
    if ref:
        ref = os.path.abspath(ref)          # runs happen in per-case working dirs
    if not ref or not os.access(ref, os.X_OK):
        print("reference CLI not installed: differential run skipped")
        ci = os.environ.get("CI", "").lower() == "true"
        return 1 if (ci and args.require_reference) else 0
    kind = looks_like_ours(ref, args.timeout)
    print("ours:      %s" % ours)
    print("reference: %s%s" % (ref, " (looks like OUR binary: self-comparison)" if kind
                               or os.path.realpath(ref) == os.path.realpath(ours) else ""))

    only = set(filter(None, args.types.split(",")))
    tmp = tempfile.mkdtemp(prefix="substation-diff-")
    try:
        # Shared inputs: generated events and KV store fixture files.
        events = os.path.join(tmp, "events.jsonl")
        with open(events, "wb") as f:
            subprocess.run([sys.executable, os.path.join(SHARED, "bench", "gen_events.py"),
                            "--kind", "mixed", "--count", str(args.count), "--seed", str(args.seed)],
                           stdout=f, check=True, timeout=max(args.timeout, 600))
        files = {"csv": os.path.join(tmp, "kv.csv"), "json": os.path.join(tmp, "kv.json"),
                 "text": os.path.join(tmp, "kv.txt")}
        with open(files["csv"], "w") as f:
            f.write("ip,name,zone\n10.20.22.130,alpha,a\n10.0.0.1,beta,b\n")
        with open(files["json"], "w") as f:
            f.write('{"10.20.22.130":{"name":"alpha"},"10.0.0.1":"beta"}\n')
        with open(files["text"], "w") as f:
            f.write("10.20.22.130\n10.0.0.1\n")

        # Case list: each vector on its own input and (once per distinct config) on the
        # generated events; then the extra configs on the generated events.
        jobs = []
        seen_on_events = set()

        def new_job(t, cid, cfg, input_path, env, norm):
            n = len(jobs)
            cfg_path = os.path.join(tmp, "c%05d.json" % n)
            with open(cfg_path, "w") as f:
                json.dump(cfg, f)
            jobs.append((t, cid, cfg_path, input_path, env, norm, os.path.join(tmp, "w%05d" % n)))

        for t, cid, cfg, data, env, norm in load_vectors():
            if only and t not in only:
                continue
            in_path = os.path.join(tmp, "i%05d.bin" % len(jobs))
            with open(in_path, "wb") as f:
                f.write(data)
            new_job(t, cid + " [vector input]", cfg, in_path, env, norm)
            key = json.dumps([cfg, env], sort_keys=True)
            if key not in seen_on_events:
                seen_on_events.add(key)
                new_job(t, cid + " [generated events]", cfg, events, env, norm)
        for t, cid, cfg, norm in extra_cases(files):
            if only and t not in only:
                continue
            new_job(t, cid + " [generated events]", cfg, events, {}, norm)

        results = {}   # type -> list of failure reasons (None = agreed)
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futs = {pool.submit(compare_case, j, ours, ref, args.timeout): j for j in jobs}
            for fut in concurrent.futures.as_completed(futs):
                results.setdefault(futs[fut][0], []).append(fut.result())

        passed = failed = skipped = documented = 0
        for t in TRANSFORM_TYPES + CONDITION_TYPES:
            if only and t not in only:
                continue
            if t in SKIPPED:
                print("SKIP %s: %s" % (t, SKIPPED[t]))
                skipped += 1
            elif t not in results:
                print("SKIP %s: no config covers this type" % t)
                skipped += 1
            else:
                fails = [r for r, _ in results[t] if r]
                errs = sum(1 for r, code in results[t] if not r and code != 0)
                if fails and t in DOCUMENTED:
                    print("DOCUMENTED %s: %d/%d cases differ (%s); first: %s" % (
                        t, len(fails), len(results[t]), DOCUMENTED[t], fails[0][:300]))
                    documented += 1
                elif fails:
                    print("FAIL %s: %d/%d cases differ; first: %s" % (t, len(fails), len(results[t]), fails[0]))
                    failed += 1
                else:
                    print("PASS %s: %d cases agree%s%s" % (t, len(results[t]),
                          " (%d of them exit non-zero on both)" % errs if errs else "",
                          "; listed as a documented difference, which no case showed"
                          if t in DOCUMENTED else ""))
                    passed += 1
        print("%d passed, %d failed, %d documented differences, %d skipped" % (
            passed, failed, documented, skipped))
        return 1 if failed else 0
    finally:
        if args.keep:
            print("kept temp dir: %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
