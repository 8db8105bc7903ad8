#!/usr/bin/env python3
"""Generated differential: random configs and inputs through our `substation read` and the
reference Go CLI (v2.8.0), with every difference shrunk to a small case.

    run.py --ours PATH [--seed N] [--budget-seconds S] [--cases N] [--jobs J]
           [--timeout SEC] [--shrink-seconds S] [--only-case I] [--require-reference]

Prints `seed: N` first (the default seed comes from the clock, so it changes per run), one
block per difference (the minimal config and input, both outputs), and the summary line
`generated differential: N cases, M identical, K documented, D differences`. Exit 1 on an
undocumented difference or on a crash or hang of ours, else 0. Without a reference CLI it
prints that the run was skipped and exits 0 (1 when CI=true and --require-reference).
See README.md next to this file. Standard library only.
"""

import argparse
import concurrent.futures
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import random

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen      # noqa: E402
import shrink   # noqa: E402


def _load_fixed_run():
    """The fixed differential's run.py, for its way of finding the reference CLI."""
    spec = importlib.util.spec_from_file_location(
        "fixed_differential", os.path.join(HERE, "..", "reference", "run.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


fixed = _load_fixed_run()

# --------------------------------------------------------------------------
# Documented differences (docs/compatibility.md, or a known defect of the reference in
# ../shared/reference/substation.md, "Known defects in v2.8"). A difference counts as
# documented when its minimal case matches a rule; it then does not fail the run.
#
# Type rules: the difference is documented when it involves one of these types. They are
# checked first on the unshrunk case: if removing every component of these types makes
# the difference go away, the case is documented without shrinking it.
DOCUMENTED_TYPES = {
    "format_to_gzip": "docs/compatibility.md, Format: zlib's deflate blocks differ from Go's "
                      "compress/flate on inputs with repeats (equally valid gzip)",
    "utility_metric_count": "docs/compatibility.md, Other differences of KV stores, secrets and "
                            "metrics: EMF dimensions sorted, [[]] without attributes (v2.8: [null])",
    "utility_metric_bytes": "docs/compatibility.md, EMF dimensions (as utility_metric_count)",
    "utility_metric_freshness": "docs/compatibility.md, EMF dimensions, and utility_metric_freshness "
                                "without metric.attributes works (v2.8 panics: reference known defect "
                                "on metrics)",
    "meta_metric_duration": "docs/compatibility.md, meta_metric_duration resets its total after each "
                            "emit (v2.8 never resets: reference known defect on metrics); EMF dimensions",
    "meta_kv_store_lock": "docs/compatibility.md, Memory store locks: a TTL-0 lock is held until "
                          "released and an expired lock is taken at once (v2.8 alternated / refused "
                          "once: reference known defect on the memory KV Lock)",
}


def _has_type(node, names):
    return any(isinstance(v, dict) and v.get("type") in names for _, v in shrink._paths(node))


def _rule_meta_none(case, res):
    # Reference known defect: meta_none with a scalar source_key evaluates the whole data.
    for _, v in shrink._paths(case["config"]):
        if isinstance(v, dict) and v.get("type") in ("meta_none", "none") and \
                isinstance(v.get("settings"), dict) and \
                (v["settings"].get("object") or {}).get("source_key"):
            return ("docs/compatibility.md, Conditions: meta_none with a scalar object.source_key "
                    "runs on the value (v2.8 ran on the whole data: reference known defect)")
    return None


def _rule_bad_utf8_regex(case, res):
    bad = any(_not_utf8(x) for x in case["lines"])
    if bad and _has_type(case["config"], {"string_match", "string_capture", "string_replace",
                                          "meta_err", "meta_retry"}):
        return ("docs/compatibility.md, Conditions and object/string transforms: RE2 and Go's "
                "regexp match bytes that are not valid UTF-8 differently")
    return None


def _rule_named_group(case, res):
    if "(?<" in json.dumps(case["config"]):
        return ("docs/compatibility.md, object/string transforms: the installed RE2 accepts named "
                "groups only as (?P<name>...), not Go 1.22's (?<name>...)")
    return None


def _rule_agg_to_array_blank(case, res):
    if _has_type(case["config"], {"aggregate_to_array"}) and res["ref"].status == "ok" and \
            re.search(rb"\[\s*[,\]]|,\s*[,\]]", res["ref"].stdout):
        return ("docs/compatibility.md, meta/utility/send/aggregate transforms: aggregate_to_array "
                "leaves blank items out (v2.8 wrote [a,] and the like)")
    return None


def _rule_agg_from_array_order(case, res):
    if not _has_type(case["config"], {"aggregate_from_array"}):
        return None
    if res["ours"].status == res["ref"].status == "ok" and \
            _json_lines(res["ours"].stdout) == _json_lines(res["ref"].stdout) is not None:
        return ("docs/compatibility.md, aggregate_from_array copies the remaining fields in "
                "document order (v2.8: Go map order)")
    return None


def _rule_ref_panic_set_add(case, res):
    if res["ref"].status == "crash" and _has_type(case["config"], {"enrich_kv_store_set_add"}):
        return ("docs/compatibility.md, enrich_kv_store_set_add on a memory store whose key holds "
                "a non-list value fails (v2.8 panicked)")
    return None


def _rule_jq_negative_zero(case, res):
    if _has_type(case["config"], {"object_jq"}) and res["ours"].status == res["ref"].status == "ok":
        z = re.compile(rb"(?<![0-9.eE])-0(?![0-9.eE])")
        if z.sub(b"0", res["ours"].stdout) == z.sub(b"0", res["ref"].stdout):
            return ("docs/compatibility.md, object/string transforms: object_jq prints -0 as 0 "
                    "(libjq 1.6 numbers are doubles; gojq prints -0 for a float negative zero)")
    return None


def _rule_empty_key_flush_order(case, res):
    # An unset batch_key is the path "", which in both implementations reads a member
    # named "" (gjson): lines with such a member form batches of their own, and v2.8
    # flushes batches in Go's random map order.
    o, r = res["ours"], res["ref"]
    if o.status == r.status == "ok" and any(b'"":' in x or b'"": ' in x for x in case["lines"]) and \
            sorted(o.stdout.split(b"\n")) == sorted(r.stdout.split(b"\n")):
        return ("docs/compatibility.md, meta/utility/send/aggregate transforms, Flush order: batches "
                "are flushed in the order their keys were first seen (v2.8: Go map order); an unset "
                "batch_key reads a member named \"\"")
    return None


def _rule_jq_context_canceled(case, res):
    # v2.8's read cancels its context before the final flush, so object_jq run on messages
    # made at the control message (test_message output, auxiliary transforms of a send)
    # fails there; ours runs it.
    if _has_type(case["config"], {"object_jq"}) and res["ref"].status == "error" and \
            b"context canceled" in res["ref"].stderr + res["ref"].stdout:
        return ("docs/compatibility.md, object/string/number/hash/array transforms: object_jq at the final control "
                "message works (v2.8: context canceled)")
    return None


def _rule_jq_compiled_at_build(case, res):
    if _has_type(case["config"], {"object_jq"}) and res["ours"].status == "error" and \
            b"filter: invalid option: jq: error" in res["ours"].stderr:
        return ("docs/compatibility.md, object/string/number/hash/array transforms: object_jq "
                "compiles its filter when the config is built (v2.8: when it first runs)")
    return None


def _rule_negative_capacity(case, res):
    if res["ours"].status == "error" and b"must not be negative" in res["ours"].stderr:
        return ("docs/compatibility.md, KV stores, secrets and metrics: a negative memory store capacity is a config "
                "error (v2.8 accepted it)")
    return None


def _rule_ignored_setting_type(case, res):
    if res["ref"].status == "error" and res["ours"].status == "ok" and \
            b"json: cannot unmarshal" in res["ref"].stderr + res["ref"].stdout:
        return ("docs/compatibility.md, CLI: fmt, vet and test: a wrongly typed setting that the type "
                "ignores does not fail the build (v2.8 decoded the whole settings struct); vet "
                "warns about it")
    return None


_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def _float_text(m):
    try:
        return repr(float(m.group(0))).encode()
    except (ValueError, OverflowError):
        return m.group(0)


def _rule_jq_number_text(case, res):
    o, r = res["ours"], res["ref"]
    if _has_type(case["config"], {"object_jq"}) and o.status == r.status == "ok" and \
            _NUMBER.sub(_float_text, o.stdout) == _NUMBER.sub(_float_text, r.stdout):
        return ("docs/compatibility.md, object/string/number/hash/array transforms: numbers that object_jq turns "
                "into text (tostring, tojson) are written by libjq (1e-07), not as Go writes "
                "them (1e-7)")
    return None


RULES = [_rule_jq_compiled_at_build, _rule_jq_context_canceled, _rule_negative_capacity, _rule_ignored_setting_type,
         _rule_jq_number_text, _rule_jq_negative_zero, _rule_empty_key_flush_order, _rule_meta_none, _rule_bad_utf8_regex, _rule_named_group, _rule_agg_to_array_blank,
         _rule_agg_from_array_order, _rule_ref_panic_set_add]


def _not_utf8(b):
    try:
        b.decode("utf-8")
        return False
    except UnicodeDecodeError:
        return True


def _json_lines(out):
    try:
        return [json.loads(x) for x in out.split(b"\n") if x]
    except ValueError:
        return None


def documented(case, res):
    """The citation of the documented difference this case shows, or None."""
    for t, why in DOCUMENTED_TYPES.items():
        if _has_type(case["config"], {t}):
            return why
    for rule in RULES:
        why = rule(case, res)
        if why:
            return why
    return None


# --------------------------------------------------------------------------
# Running one case.

class Result:
    __slots__ = ("status", "code", "stdout", "stderr", "files")

    def __init__(self, status, code, stdout, stderr, files):
        self.status, self.code, self.stdout, self.stderr, self.files = status, code, stdout, stderr, files


def run_binary(binary, cfg_path, in_path, workdir, tz, timeout, is_ref):
    os.makedirs(workdir, exist_ok=True)
    env = dict(os.environ, TZ=tz)
    try:
        p = subprocess.run([binary, "read", cfg_path, "--file", in_path], cwd=workdir, env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        code, out, err = p.returncode, p.stdout, p.stderr
        if code < 0:
            status = "crash"        # killed by a signal
        elif is_ref and code == 2 and (b"goroutine " in err or b"fatal error:" in err):
            status = "crash"        # a Go panic
        else:
            status = "ok" if code == 0 else "error"
    except subprocess.TimeoutExpired as e:
        status, code, out, err = "hang", None, e.stdout or b"", e.stderr or b""
    files = []
    for root, _, names in os.walk(workdir):
        for n in names:
            with open(os.path.join(root, n), "rb") as f:
                files.append(f.read())
    return Result(status, code, out, err, sorted(files))


_counter = [0]
_counter_lock = threading.Lock()


def run_case(case, env):
    """Run both binaries on the case in a fresh directory; {"ours": Result, "ref": Result}."""
    with _counter_lock:
        _counter[0] += 1
        n = _counter[0]
    d = os.path.join(env["tmp"], "r%07d" % n)
    os.makedirs(d)
    cfg_path, in_path = os.path.join(d, "config.json"), os.path.join(d, "input.jsonl")
    with open(cfg_path, "w", encoding="utf-8") as f:
        json.dump(case["config"], f, ensure_ascii=False)
    with open(in_path, "wb") as f:
        f.write(b"".join(x + b"\n" for x in case["lines"]))
    res = {"ours": run_binary(env["ours"], cfg_path, in_path, os.path.join(d, "ours"),
                              case["tz"], env["timeout"], False),
           "ref": run_binary(env["ref"], cfg_path, in_path, os.path.join(d, "ref"),
                             case["tz"], env["timeout"], True)}
    # The reference CLI's output order is not stable under load: now and then two lines
    # come out swapped (seen about once in 20 runs of a 2-line input on a busy machine).
    # When only the order differs, the reference gets up to 3 more runs; one that agrees
    # with ours settles it.
    # Likewise for written files when batches of several keys go to one file path: v2.8
    # flushes its batches in Go's random map order, so the batch written last (the one whose
    # bytes the file keeps) changes from run to run.
    for attempt in range(3):
        kind = kind_of(case, res)
        line_order = kind == "stdout" and sorted(res["ours"].stdout.split(b"\n")) == \
            sorted(res["ref"].stdout.split(b"\n"))
        flush_order = kind == "written files" and "batch_key" in json.dumps(case["config"])
        if not (line_order or flush_order):
            break
        shutil.rmtree(os.path.join(d, "ref"), ignore_errors=True)
        res["ref"] = run_binary(env["ref"], cfg_path, in_path, os.path.join(d, "ref"),
                                case["tz"], env["timeout"], True)
        with _counter_lock:
            env["reruns"] = env.get("reruns", 0) + 1
    shutil.rmtree(d, ignore_errors=True)
    return res


EMF_TS = re.compile(rb'"Timestamp":[0-9]+')
DURATION = re.compile(rb'"GenDuration":[0-9.e+-]+')


def normalise(case, out):
    out = DURATION.sub(b'"GenDuration":<ns>', EMF_TS.sub(b'"Timestamp":<ms>', out))
    # v2.8 flushes batches of different keys in Go's random map order.
    if "batch_key" in json.dumps(case["config"]):
        out = b"\n".join(sorted(out.split(b"\n")))
    return out


def kind_of(case, res):
    """None when both sides agree, else a short name of the difference."""
    o, r = res["ours"], res["ref"]
    if o.status in ("crash", "hang"):
        return "ours %s" % o.status
    if r.status in ("crash", "hang"):
        return "reference %s, ours %s" % (r.status, o.status)
    if o.status != r.status:
        return "exit: ours %s, reference %s" % (o.status, r.status)
    if o.status == "error":
        # Both fail: equal. Error texts are not compared: ours name the transform's position
        # (`transform <id> (transforms:<n>): ...`) where v2.8 names only the id, and causes are
        # worded differently in places (docs/compatibility.md).
        return None
    if normalise(case, o.stdout) != normalise(case, r.stdout):
        return "stdout"
    if [normalise(case, x) for x in o.files] != [normalise(case, x) for x in r.files]:
        return "written files"
    return None


# --------------------------------------------------------------------------
# Reporting.

def show_bytes(b, limit=1500):
    text = b[:limit].decode("utf-8", "backslashreplace")
    return text + ("... (%d bytes)" % len(b) if len(b) > limit else "")


def describe(case, res, kind):
    lines = ["  kind: %s" % kind,
             "  TZ=%s" % case["tz"],
             "  config: %s" % json.dumps(case["config"], ensure_ascii=False),
             "  input (%d lines):" % len(case["lines"])]
    lines += ["    %s" % json.dumps(x.decode("utf-8", "backslashreplace"), ensure_ascii=False)
              for x in case["lines"]]
    for side, name in (("ours", "ours"), ("ref", "reference")):
        r = res[side]
        lines.append("  %s: %s (exit %s)" % (name, r.status, r.code))
        if r.stdout:
            lines += ["    | " + x for x in show_bytes(r.stdout).split("\n")]
        if r.stderr and r.status != "ok":
            lines.append("    stderr: " + show_bytes(r.stderr, 300).split("\n")[0])
    return "\n".join(lines)


def types_of(cfg):
    return sorted({v["type"] for _, v in shrink._paths(cfg)
                   if isinstance(v, dict) and isinstance(v.get("type"), str)} - {"send_stdout"}
                  | ({"send_stdout"} if _nested_stdout(cfg) else set()))


def _nested_stdout(cfg):
    return sum(1 for _, v in shrink._paths(cfg)
               if isinstance(v, dict) and v.get("type") == "send_stdout") > 1


def strip_types(cfg, names):
    """The config with every component of these types removed from its lists."""
    if isinstance(cfg, dict):
        return {k: strip_types(v, names) for k, v in cfg.items()}
    if isinstance(cfg, list):
        return [strip_types(v, names) for v in cfg
                if not (isinstance(v, dict) and v.get("type") in names)]
    return cfg


# --------------------------------------------------------------------------

def make_case(seed, i, cat, fixtures):
    rng = random.Random("%d:%d" % (seed, i))
    g = gen.Generator(rng, cat, fixtures)
    return {"config": g.config(), "lines": g.input_lines(),
            "tz": rng.choice(["UTC", "UTC", "America/New_York", "Asia/Kolkata"])}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ours", required=True, help="our substation binary")
    ap.add_argument("--reference", default=None, help="reference Go CLI (default: substation-ref on PATH)")
    ap.add_argument("--seed", type=int, default=None, help="seed (default: from the clock)")
    ap.add_argument("--budget-seconds", type=float, default=120.0,
                    help="wall time for the whole run, shrinking included (default 120)")
    ap.add_argument("--cases", type=int, default=1000000, help="most cases to generate")
    ap.add_argument("--jobs", type=int, default=2, help="cases run at once (default 2)")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per binary per case (default 10)")
    ap.add_argument("--shrink-seconds", type=float, default=40.0, help="most seconds spent shrinking one difference")
    ap.add_argument("--gen-share", type=float, default=0.7,
                    help="share of the budget for generating cases; the rest is for shrinking (default 0.7)")
    ap.add_argument("--only-case", type=int, default=None, help="run only case I of the seed (to replay one)")
    ap.add_argument("--verbose", action="store_true", help="also print each documented difference")
    ap.add_argument("--require-reference", action="store_true",
                    help="under CI=true, exit 1 when the reference CLI is missing")
    args = ap.parse_args()

    seed = args.seed if args.seed is not None else int(time.time() * 1000) % 2 ** 31
    print("seed: %d" % seed, flush=True)
    start = time.monotonic()
    deadline = start + args.budget_seconds

    ours = os.path.abspath(args.ours)
    if not os.access(ours, os.X_OK):
        print("our substation binary not found: %s" % ours, file=sys.stderr)
        return 2
    ref = args.reference or fixed.find_reference(ours, 30)
    if ref and os.sep not in ref:
        ref = shutil.which(ref) or ref
    if not ref or not os.access(ref, os.X_OK):
        print("reference CLI not installed: generated differential skipped")
        ci = os.environ.get("CI", "").lower() == "true"
        return 1 if (ci and args.require_reference) else 0
    ref = os.path.abspath(ref)
    print("ours:      %s\nreference: %s" % (ours, ref), flush=True)

    cat = gen.load_catalogue()
    tmp = tempfile.mkdtemp(prefix="substation-gendiff-")
    env = {"tmp": tmp, "ours": ours, "ref": ref, "timeout": args.timeout}
    try:
        fixtures = gen.fixtures(os.path.join(tmp, "fixtures"))
        skipped = gen.Generator(random.Random(0), cat, fixtures).skipped()
        print("skipped types: %s" % ", ".join(sorted(skipped)), flush=True)

        # Phase 1: generate and run, until --gen-share of the budget (the rest is for shrinking).
        gen_deadline = start + args.budget_seconds * (1.0 if args.only_case is not None else args.gen_share)
        indices = [args.only_case] if args.only_case is not None else range(args.cases)
        identical = 0
        diffs = []          # (index, case, result, kind)
        drawn = set()
        tried = 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            it = iter(indices)
            inflight = {}
            while True:
                while len(inflight) < 2 * max(1, args.jobs) and time.monotonic() < gen_deadline:
                    i = next(it, None)
                    if i is None:
                        break
                    case = make_case(seed, i, cat, fixtures)
                    drawn.update(types_of(case["config"]))
                    inflight[pool.submit(run_case, case, env)] = (i, case)
                if not inflight:
                    break
                done, _ = concurrent.futures.wait(inflight, return_when=concurrent.futures.FIRST_COMPLETED)
                for fut in done:
                    i, case = inflight.pop(fut)
                    res = fut.result()
                    tried += 1
                    k = kind_of(case, res)
                    if k is None:
                        identical += 1
                    else:
                        diffs.append((i, case, res, k))

            # Phase 2: classify and shrink each difference.
            n_doc = 0
            findings = []       # (index, minimal case, result, kind, shrunk?)
            doc_counts = {}
            for i, case, res, k in sorted(diffs, key=lambda d: d[0]):
                def same(c, k=k):
                    r = run_case(c, env)
                    return kind_of(c, r) == k
                why = None
                # Documented by type: does the difference go away without those types?
                doc_types = [t for t in DOCUMENTED_TYPES if _has_type(case["config"], {t})]
                if k.startswith("ours "):
                    doc_types = []      # our crash or hang is never a documented difference
                if doc_types and time.monotonic() < deadline:
                    stripped = dict(case, config=strip_types(case["config"], set(doc_types)))
                    if not same(stripped):
                        why = DOCUMENTED_TYPES[doc_types[0]]
                minimal, mres, shrunk = case, res, False
                if why is None:
                    # A difference whose types include those of an earlier finding of the
                    # same kind is most likely the same one: not shrunk again.
                    dup = next((f for f in findings if f[3] == k and
                                set(types_of(f[1]["config"])) <= set(types_of(case["config"]))), None)
                    left = deadline - time.monotonic()
                    if dup is None and left > 1:
                        minimal, tests = shrink.shrink(case, same, time.monotonic() + min(left, args.shrink_seconds),
                                                       pool=pool, width=max(1, args.jobs))
                        mres = run_case(minimal, env)
                        shrunk = True
                        if kind_of(minimal, mres) != k:      # flaky: keep the original
                            minimal, mres, shrunk = case, res, False
                    if not k.startswith("ours "):
                        why = documented(minimal, mres)
                if why:
                    n_doc += 1
                    doc_counts[why] = doc_counts.get(why, 0) + 1
                    if args.verbose:
                        print("DOCUMENTED case %d (%s): %s" % (i, k, why))
                        print(describe(minimal, mres, k))
                    continue
                findings.append((i, minimal, mres, k, shrunk))
                dup = next((f for f in findings[:-1] if f[3] == k and
                            set(types_of(f[1]["config"])) <= set(types_of(case["config"]))), None)
                head = "DIFFERENCE case %d%s" % (i, " (minimal, shrunk)" if shrunk else
                                                 " (not shrunk: %s)" % ("like case %d" % dup[0] if dup else "no time left"))
                print(head)
                print(describe(minimal, mres, k), flush=True)

        for why, n in sorted(doc_counts.items(), key=lambda x: -x[1]):
            print("documented x%d: %s" % (n, why))
        never = sorted((set(t for t in cat["transform"] if t not in gen.SKIPPED) |
                        set(t for t in cat["condition"] if t not in gen.SKIPPED)) - drawn)
        print("types drawn: %d%s" % (len(drawn), "; not drawn this run: " + ", ".join(never) if never else ""))
        print("reference reruns for line order: %d" % env.get("reruns", 0))
        print("elapsed: %.0f s" % (time.monotonic() - start))
        print("generated differential: %d cases, %d identical, %d documented, %d differences" % (
            tried, identical, n_doc, len(findings)), flush=True)
        return 1 if findings else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
