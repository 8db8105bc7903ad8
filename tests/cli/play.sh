#!/usr/bin/env bash
# `substation play`: the web playground. Starts it on a free loopback port, drives every
# endpoint with python3's urllib (127.0.0.1 only), then stops it with SIGINT (a second
# instance, with a 1-second limit, checks the time bound and SIGTERM).
source "$(dirname "$0")/lib.bash" "$@"

run bad_addr play --addr nohost
expect_error bad_addr '^substation play: invalid --addr "nohost": want host:port$'
run bad_port play --addr 127.0.0.1:70000
expect_error bad_port '^substation play: invalid --addr "127.0.0.1:70000": the port must be'
run bad_timeout play --timeout 0
if [[ $RC -ne 0 && $RC -lt 124 ]]; then pass "bad_timeout"; else fail "bad_timeout: exit code $RC"; fi

cat >"$WORK/drive.py" <<'PY'
import base64, json, os, re, signal, subprocess, sys, time

BINARY, SOURCE_DIR = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "cli"))
import play_support  # noqa: E402
from play_support import check, request  # noqa: E402


def start(*extra):
    return play_support.start(BINARY, *extra)


def stop(proc, sig, name):
    proc.send_signal(sig)
    try:
        rc = proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = "still running after 15 s"
    check(name, rc == 0, "exit code %s, stderr: %s" % (rc, proc.stderr.read()[-500:]))


def expect_output(name, status, text, output):
    ok = status == 200 and text == json.dumps({"output": output}, separators=(",", ":")) + "\n"
    check(name, ok, "got %s %r" % (status, text[:400]))


def expect_error(name, got, status, pattern):
    code, headers, text = got
    try:
        error = json.loads(text)["error"]
    except (ValueError, KeyError, TypeError):
        error = None
    ok = (code == status and headers.get("Content-Type") == "application/json"
          and error is not None and re.search(pattern, error) is not None)
    check(name, ok, "got %s %r" % (code, text[:400]))


# env and enrich_http_get below need the environment and the network.
proc, base = start("--allow", "env,network")
try:
    # The page: ours, self-contained, nothing shared.
    status, headers, page = request(base, "/")
    check("page", status == 200 and headers.get("Content-Type", "").startswith("text/html")
          and "<title>Substation playground</title>" in page
          and '<script id="shared" type="application/json">null</script>' in page,
          "got %s %r" % (status, page[:200]))
    check("page offline", re.search(r"(src|href)=[\"']?(https?:)?//|@import|url\(", page) is None)

    # /run, JSON config: the whole input is one message (as the reference), control last.
    config = '{"transforms":[{"type":"object_copy","settings":{"object":{"source_key":"a","target_key":"b"}}}]}'
    status, _, text = request(base, "/run", {"config": config, "input": '{"a":1}'})
    expect_output("run json", status, text, ['{"a":1,"b":1}'])
    status, _, text = request(base, "/run", {"config": '{"transforms":[]}', "input": 'line 1\nline 2\n'})
    expect_output("run whole input", status, text, ['line 1\nline 2\n'])

    # Jsonnet with `sub` bound without an import; the control message flushes the batch.
    config = """{
  transforms: [
    sub.tf.string.to.upper({ object: { source_key: 'w', target_key: 'w' } }),
    sub.tf.aggregate.to.array({ object: { target_key: 'all' } }),
  ],
}"""
    status, _, text = request(base, "/run", {"config": config, "input": '{"w":"a"}'})
    expect_output("run jsonnet", status, text, ['{"all":[{"w":"A"}]}'])
    config = "local sub = import 'substation.libsonnet';\n" + config
    status, _, text = request(base, "/run", {"config": config, "input": '{"w":"c"}'})
    expect_output("run jsonnet import", status, text, ['{"all":[{"w":"C"}]}'])

    # env: a secret read from a variable picks the page enrich_http_get fetches (here, this
    # server's /demo); quotes around the value are removed; the variable is gone afterwards.
    _, _, demo = request(base, "/demo")
    config = """{
  transforms: [
    sub.tf.utility.secret({ secret: sub.secrets.environment_variable({ id: 'page', name: 'PLAY_TEST_PAGE' }) }),
    sub.tf.enrich.http.get({ object: { target_key: 'r' }, url: '%s/${SECRET:page}' }),
  ],
}""" % base
    status, _, text = request(base, "/run", {"config": config, "input": '{"a":1}',
                                             "env": {"PLAY_TEST_PAGE": '"demo"'}})
    expect_output("run env", status, text, ['{"a":1,"r":' + demo.rstrip("\n") + "}"])
    expect_error("run env restored", request(base, "/run", {"config": config, "input": "{}"}),
                 500, r"^transform [0-9a-f-]+ \(transforms:2\): url: secrets: no secret found$")
    expect_error("run env name", request(base, "/run", {"config": "{transforms:[]}", "env": {"A=B": "x"}}),
                 400, r'^env: invalid variable name "A=B"$')

    # Errors are JSON with a 4xx/5xx status.
    expect_error("run jsonnet error", request(base, "/run", {"config": "{transforms: [", "input": "x"}),
                 400, r"^config: STATIC ERROR: config:1:\d+: unexpected end of file\.\n"
                      r"    1 \| .*\{transforms: \[\n      \| +\^$")
    expect_error("run config error",
                 request(base, "/run", {"config": '{"transforms":[{"type":"nope"}]}', "input": "x"}),
                 400, r'^config: transform nope \(transforms:1\): type: .*unknown transform type "nope"$')
    expect_error("run transform error",
                 request(base, "/run", {"config": "{transforms:[sub.tf.util.err({message:'boom'})]}", "input": "x"}),
                 500, r"^boom$")
    # At the control message that ends a run (send_stdout's auxiliary chain runs there).
    expect_error("run control message error",
                 request(base, "/run", {"config": "{transforms:[sub.tf.obj.cp({obj:{src:'a',trg:'b'}}),"
                                                  "sub.tf.send.stdout({aux_tforms:[sub.tf.util.err({message:'late'})]})]}",
                                        "input": "x"}),
                 500, r"^transform [0-9a-f-]+ \(transforms:2\): late$")
    expect_error("run bad body", request(base, "/run", raw=b"not json", method="POST"),
                 400, r"^invalid request: invalid JSON")
    expect_error("run bad member", request(base, "/run", {"config": 1}),
                 400, r"^invalid request: config: must be a string$")
    expect_error("run get", request(base, "/run"), 405, r"^method not allowed$")
    expect_error("unknown path", request(base, "/nowhere"), 404, r"^not found$")
    expect_error("too large", request(base, "/run", raw=b" " * (11 << 20), method="POST"),
                 413, r"^request body larger than 10485760 bytes$")

    # /test: the report of `substation test`, the config named `config`, with a PASS line
    # for each passing test (tests/cli/play_editor.sh has more).
    tested = """{
  transforms: [sub.tf.object.insert({ object: { target_key: 'x' }, value: 'y' })],
  tests: [{
    name: 'inserts',
    transforms: [sub.tf.test.message({ value: '{}' })],
    condition: sub.cnd.str.eq({ object: { source_key: 'x' }, value: '%s' }),
  }],
}"""
    status, _, text = request(base, "/test", {"config": tested % "y"})
    report = json.loads(text).get("output", "") if status == 200 else text
    check("test ok", re.fullmatch(r"--- PASS: inserts\nok\tconfig\t[0-9.]+(ns|µs|ms|s)\t\n", report) is not None, repr(report))
    status, _, text = request(base, "/test", {"config": tested % "z"})
    report = json.loads(text).get("output", "") if status == 200 else text
    check("test fail", re.fullmatch(
        r'--- FAIL: inserts\n    message:\t\{"x":"y"\}\n'
        r'    condition:\t\{"object":\{"source_key":"x"\},"value":"z"\}\n'
        r"FAIL\tconfig\t[0-9.]+(ns|µs|ms|s)\t\n", report) is not None, repr(report))
    status, _, text = request(base, "/test", {"config": "{transforms:[sub.tf.util.drop()]}"})
    check("test none", status == 200 and json.loads(text) == {"output": "?\tconfig\t[no tests]\n"}, text)
    status, _, text = request(base, "/test", {"config": "{}"})
    check("test no transforms", status == 200 and json.loads(text) == {"output": "?\tconfig\t[no transforms]\n"}, text)
    status, _, text = request(base, "/test", {"config": "{transforms: ["})
    report = json.loads(text).get("output", "") if status == 200 else text
    check("test error", re.fullmatch(r"\?\tconfig\t\[error\]\nconfig: STATIC ERROR: .*\n"
                                     r"    1 \| .*\n      \| +\^\n", report)
          is not None, repr(report))

    # /fmt: the formatter of `fmt`; unlike the reference, not open to other origins.
    status, headers, text = request(base, "/fmt", {"jsonnet": '{a:"b", "c-d": [ 1,2 ]}'})
    check("fmt", status == 200 and headers.get("Access-Control-Allow-Origin") is None
          and json.loads(text) == {"config": "{ a: 'b', 'c-d': [1, 2] }\n"}, "%s %s %r" % (status, dict(headers), text))
    expect_error("fmt options", request(base, "/fmt", method="OPTIONS"), 405, r"^CORS preflight refused")
    got = request(base, "/fmt", {"jsonnet": "local x = ;"})
    expect_error("fmt error", got, 400, r"^config")

    # /demo: the embedded demo; run through /run it gives what `substation demo` prints.
    demo = json.loads(demo)
    with open(SOURCE_DIR + "/apps/cli/demo/config.jsonnet") as f:
        demo_config = f.read()
    with open(SOURCE_DIR + "/apps/cli/demo/events.jsonl") as f:
        demo_input = f.readline().rstrip("\n")  # the first demo event
    check("demo", demo == {"config": demo_config, "input": demo_input}, repr(demo)[:300])
    status, _, text = request(base, "/run", demo)
    outputs = json.loads(text).get("output", []) if status == 200 else []
    printed = subprocess.run([BINARY, "demo"], capture_output=True, text=True, timeout=60).stdout
    check("demo run", len(outputs) == 1 and ("\n" + outputs[0] + "\n") in printed,
          "%s %r" % (status, text[:300]))

    # /share and back: the link pre-fills the page.
    shared = {"config": "{ transforms: [] }  // é </script> & <b>", "input": '{"a":"\\u2028"}\nline 2'}
    status, _, text = request(base, "/share", shared)
    url = json.loads(text).get("url", "") if status == 200 else ""
    param = url[len("/?share="):]
    decoded = base64.urlsafe_b64decode(param).decode() if url.startswith("/?share=") else ""
    sep = "{substation-separator}"
    check("share", decoded == shared["config"] + sep + shared["input"] + sep, repr(text))
    status, _, page = request(base, url)
    m = re.search(r'<script id="shared" type="application/json">(.*?)</script>', page, re.S)
    check("share page", status == 200 and m is not None and json.loads(m.group(1)) == shared,
          repr(m.group(1) if m else page[:200]))
    status, _, page = request(base, "/?share=not-base64!")
    check("share invalid", '<script id="shared" type="application/json">null</script>' in page)
finally:
    stop(proc, signal.SIGINT, "sigint")

# The time limit: a run past it answers 504, the next one runs; SIGTERM stops too.
proc, base = start("--timeout", "1")
try:
    config = '{"transforms":[{"type":"utility_delay","settings":{"duration":"30s"}}]}'
    began = time.monotonic()
    expect_error("timeout", request(base, "/run", {"config": config, "input": "x"}),
                 504, r"^run did not finish within 1s$")
    check("timeout bound", time.monotonic() - began < 10, "%.1f s" % (time.monotonic() - began))
    status, _, text = request(base, "/run", {"config": '{"transforms":[]}', "input": "x"})
    expect_output("after timeout", status, text, ["x"])
finally:
    stop(proc, signal.SIGTERM, "sigterm")

sys.exit(1 if play_support.failures else 0)
PY

set +e
timeout 240 python3 "$WORK/drive.py" "$SUBSTATION" "$SOURCE_DIR"
RC=$?
set -e
if [[ $RC -ne 0 ]]; then fail "play: the driver failed (exit code $RC)"; fi

finish
