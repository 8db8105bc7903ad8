#!/usr/bin/env bash
# `substation play` against a hostile web page: every way a page the user visits could drive
# the playground (CSRF without a preflight, DNS rebinding, a foreign Origin, a preflight, no
# or a wrong token) is refused, and so are the configs that would read local files
# (importstr, file KV stores), write files, read the server's environment or reach the
# network or AWS, unless `--allow` says so. A run that never ends does not block the next.
source "$(dirname "$0")/lib.bash" "$@"

cat >"$WORK/drive.py" <<'PY'
import json, os, re, signal, subprocess, sys, time

BINARY, WORK, SOURCE_DIR = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "cli"))
import play_support  # noqa: E402
from play_support import check, send  # noqa: E402


def start(*extra):
    return play_support.start(BINARY, *extra)


def error_of(text):
    try:
        return json.loads(text).get("error", "")
    except ValueError:
        return ""


def refused(name, got, status, pattern):
    code, headers, text = got
    ok = code == status and re.search(pattern, error_of(text)) is not None \
        and headers.get("Access-Control-Allow-Origin") is None
    check(name, ok, "got %s %r" % (code, text[:300]))


proc, base = start()
try:
    _, _, page = send(base, "/")
    token = re.search(r'<meta name="play-token" content="([0-9a-f]{32})">', page).group(1)
    good = {"Content-Type": "application/json", "X-Play-Token": token}
    run = {"config": "{transforms:[sub.tf.send.stdout()]}", "input": "hello"}

    # The legitimate request works.
    status, _, text = send(base, "/run", run, headers=good)
    check("own page", status == 200 and json.loads(text) == {"output": ["hello"]}, text)
    status, _, _ = send(base, "/run", run, headers=dict(good, Host="localhost:" + base.rsplit(":", 1)[1],
                                                         Origin="http://localhost:" + base.rsplit(":", 1)[1]))
    check("localhost", status == 200, str(status))

    # CSRF: a form or fetch with text/plain needs no preflight; it is refused unrun.
    refused("csrf text/plain", send(base, "/run", run, headers={"Content-Type": "text/plain", "X-Play-Token": token}),
            415, r"^Content-Type must be application/json$")
    refused("csrf form", send(base, "/run", b"config=x", headers={"Content-Type": "application/x-www-form-urlencoded"}),
            415, r"application/json")
    refused("no token", send(base, "/run", run, headers={"Content-Type": "application/json"}),
            403, r"^missing X-Play-Token header")
    refused("wrong token", send(base, "/run", run, headers=dict(good, **{"X-Play-Token": "0" * 32})),
            403, r"^wrong X-Play-Token header")
    refused("foreign origin", send(base, "/run", run, headers=dict(good, Origin="http://evil.example")),
            403, r"^cross-origin request from \"http://evil.example\" refused$")
    refused("null origin", send(base, "/run", run, headers=dict(good, Origin="null")), 403, r"cross-origin")
    refused("cross-site fetch", send(base, "/run", run, headers=dict(good, **{"Sec-Fetch-Site": "cross-site"})),
            403, r"cross-site request refused")
    refused("preflight", send(base, "/run", method="OPTIONS", headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "POST"}), 403, r"cross-origin")
    refused("preflight same origin", send(base, "/fmt", method="OPTIONS"), 405, r"^CORS preflight refused")

    # DNS rebinding: the attacker's name resolves to 127.0.0.1, the Host header still names it.
    port = base.rsplit(":", 1)[1]
    refused("rebinding run", send(base, "/run", run, headers=dict(good, Host="evil.example:" + port)),
            403, r'^Host "evil\.example:\d+" is not an address of this playground')
    refused("rebinding page", send(base, "/", headers={"Host": "rebind.evil.example"}), 403, r"^Host ")

    # What a config may reach: nothing outside the playground by default.
    secret_file = os.path.join(WORK, "secret.txt")
    with open(secret_file, "w") as f:
        f.write("s3cr3t-file-content")
    os.environ["PLAY_SECURITY_SECRET"] = "s3cr3t-env-value"
    written = os.path.join(WORK, "written")
    cases = {
        "importstr": ("{transforms:[sub.tf.obj.insert({object:{target_key:'x'},value:importstr '%s'})]}" % secret_file,
                      r"refuses file imports unless started with --allow files"),
        "import": ("local c = import '%s'; {transforms:[sub.tf.obj.insert({object:{target_key:'x'},value:c})]}" % secret_file,
                   r"refuses file imports"),
        "send_file": ("{transforms:[sub.tf.send.file({file_path:{prefix:'%s'}})]}" % written,
                      r"^config: send_file writes files, which the playground refuses unless started with --allow files$"),
        "nested send_file": ("{transforms:[sub.tf.meta.switch({cases:[{transforms:[sub.tf.send.stdout({auxiliary_transforms:[sub.tf.send.file({file_path:{prefix:'%s'}})]})]}]})]}" % written,
                             r"^config: send_file writes files"),
        "file kv store": ("{transforms:[sub.tf.enrich.kv_store.item.get({object:{source_key:'a',target_key:'b'},kv_store:{type:'text_file',settings:{file:'%s'}}})]}" % secret_file,
                          r"^config: text_file reads files"),
        "env secret": ("{transforms:[sub.tf.util.secret({secret:{type:'environment_variable',settings:{id:'s',name:'PLAY_SECURITY_SECRET'}}})]}",
                       r"^config: environment_variable reads the server's environment"),
        "http": ("{transforms:[sub.tf.send.http.post({url:'http://127.0.0.1:9/'})]}", r"^config: send_http_post sends data"),
        "dns": ("{transforms:[sub.tf.enrich.dns.ip_lookup({object:{source_key:'a',target_key:'b'}})]}", r"^config: enrich_dns_ip_lookup"),
        "aws": ("{transforms:[sub.tf.send.aws.sqs({aws:{arn:'arn:aws:sqs:us-east-1:123456789012:q'}})]}", r"^config: send_aws_sqs calls AWS"),
        "aws secret": ("{transforms:[sub.tf.util.secret({secret:{type:'aws_secrets_manager',settings:{id:'s',name:'n'}}})]}", r"aws_secrets_manager"),
    }
    for name, (config, pattern) in cases.items():
        code, _, text = send(base, "/run", {"config": config, "input": "{}"}, headers=good)
        check("refused " + name, code in (400, 403) and re.search(pattern, error_of(text)) is not None
              and "s3cr3t" not in text, "got %s %r" % (code, text[:300]))
        code, _, text = send(base, "/test", {"config": config}, headers=good)
        report = json.loads(text).get("output", "") if code == 200 else text
        check("refused in /test " + name, "s3cr3t" not in text and
              re.search(pattern.lstrip("^").rstrip("$"), report) is not None,
              "got %s %r" % (code, text[:300]))
    check("nothing written", not os.path.exists(written), written)

    # The environment does not leak through error text either.
    code, _, text = send(base, "/run", {"config": "{transforms:[sub.tf.util.err({message:std.extVar('x')})]}", "input": "{}"}, headers=good)
    check("no ext vars", code == 400 and "s3cr3t" not in text, text[:200])
finally:
    proc.kill()
    proc.wait(10)

# --allow lifts a restriction, and only that one.
proc, base = start("--allow", "files")
try:
    _, _, page = send(base, "/")
    token = re.search(r'<meta name="play-token" content="([0-9a-f]{32})">', page).group(1)
    good = {"Content-Type": "application/json", "X-Play-Token": token}
    code, _, text = send(base, "/run", {"config": "{transforms:[sub.tf.obj.insert({object:{target_key:'x'},value:importstr '%s'})]}" % secret_file, "input": "{}"}, headers=good)
    check("allowed importstr", code == 200 and "s3cr3t-file-content" in text, text[:200])
    code, _, text = send(base, "/run", {"config": cases["env secret"][0], "input": "{}"}, headers=good)
    check("still refused env", code == 403, text[:200])
finally:
    proc.kill()
    proc.wait(10)

# A run that never ends is killed at the time limit, and one that exhausts its memory ends
# its own worker only: the next request is answered at once either way.
proc, base = start("--timeout", "2", "--memory", "512")
try:
    _, _, page = send(base, "/")
    token = re.search(r'<meta name="play-token" content="([0-9a-f]{32})">', page).group(1)
    good = {"Content-Type": "application/json", "X-Play-Token": token}
    began = time.monotonic()
    code, _, text = send(base, "/run", {"config": "{transforms:[sub.tf.obj.jq({filter:'def f: f; f'})]}", "input": "{}"}, headers=good)
    check("runaway jq stopped", code == 504 and "did not finish within 2s" in error_of(text), "%s %r" % (code, text[:200]))
    check("runaway jq bounded", time.monotonic() - began < 15, "%.1f s" % (time.monotonic() - began))
    code, _, text = send(base, "/run", {"config": "{transforms:[sub.tf.send.stdout()]}", "input": "next"}, headers=good)
    check("after runaway", code == 200 and json.loads(text) == {"output": ["next"]}, "%s %r" % (code, text[:200]))
    # An AddressSanitizer build has no address-space cap (its shadow memory is terabytes).
    # gcc links libasan dynamically, clang statically: look for its entry point in the binary.
    with open(BINARY, "rb") as f:
        asan = b"__asan_init" in f.read()
    if asan:
        print("skipped: memory bomb (AddressSanitizer build: workers have no memory cap)")
    else:
        code, _, text = send(base, "/run", {"config": "local a = std.makeArray(200000000, function(i) [i, i, i]); {transforms:[], n: std.length(std.map(function(x) x + [1], a))}", "input": "{}"}, headers=good)
        check("memory bomb", code == 500 and re.search(r"memory", error_of(text)) is not None, "%s %r" % (code, text[:300]))
    code, _, text = send(base, "/run", {"config": "{transforms:[sub.tf.send.stdout()]}", "input": "again"}, headers=good)
    check("after memory bomb", code == 200 and json.loads(text) == {"output": ["again"]}, "%s %r" % (code, text[:200]))
    check("server alive", proc.poll() is None)
finally:
    proc.kill()
    proc.wait(10)

# Stopping right after the start never hangs.
for i in range(10):
    p = subprocess.Popen([BINARY, "play", "--addr", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.readline()
    p.send_signal(signal.SIGINT)
    try:
        rc = p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = "hung"
    if rc != 0:
        check("stop right after start #%d" % i, False, "exit %s" % rc)
        break
else:
    check("stop right after start x10", True)

bad = subprocess.run([BINARY, "play", "--allow", "disk"], capture_output=True, text=True, timeout=30)
check("unknown --allow", bad.returncode == 1 and 'unknown capability "disk"' in bad.stderr, bad.stderr)

sys.exit(1 if play_support.failures else 0)
PY

set +e
timeout 240 python3 "$WORK/drive.py" "$SUBSTATION" "$WORK" "$SOURCE_DIR"
RC=$?
set -e
if [[ $RC -ne 0 ]]; then fail "play security: the driver failed (exit code $RC)"; fi

finish
