#!/usr/bin/env bash
# `substation play`, what the editor page uses besides /run: the examples menu (every
# example runs to its NAME.expected output and passes its own tests, here and under
# `substation test` and `vet`), the docs of each type (/docs, /docs/TYPE: the text of
# `substation docs TYPE`, behind the same Host/Origin checks), the PASS lines of /test, and
# the editor's parts in the page.
source "$(dirname "$0")/lib.bash" "$@"

EXAMPLES="$SOURCE_DIR/apps/cli/play/examples"

# The examples are configs like any other: `test` passes them (without PASS lines: its
# report stays the reference's) and `vet` finds nothing to say.
run examples_test test "$EXAMPLES"
if [[ $RC -eq 0 ]] && ! grep -q -- '--- PASS' "$WORK/examples_test.out" &&
  [[ $(grep -c $'^ok\t' "$WORK/examples_test.out") -eq $(ls "$EXAMPLES"/*.jsonnet | wc -l) ]]; then
  pass "examples pass substation test"
else
  fail "examples under substation test: exit code $RC: $(cat "$WORK/examples_test.out" "$WORK/examples_test.err")"
fi
run examples_vet vet "$EXAMPLES"
if [[ $RC -eq 0 && ! -s "$WORK/examples_vet.err" ]]; then
  pass "examples pass substation vet"
else
  fail "examples under substation vet: exit code $RC: $(cat "$WORK/examples_vet.err")"
fi
run docs_object_copy docs object_copy
run docs_string_equal_to docs string_equal_to

cat >"$WORK/drive.py" <<'PY'
import json, os, re, signal, sys

BINARY, SOURCE_DIR, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "cli"))
import play_support  # noqa: E402
from play_support import check, request, send  # noqa: E402

REPORT_END = r"ok\tconfig\t[0-9.]+(ns|µs|ms|s)\t\n"


def error_of(got, status, pattern):
    code, headers, text = got
    try:
        error = json.loads(text)["error"]
    except (ValueError, KeyError, TypeError):
        error = ""
    return code == status and headers.get("Content-Type") == "application/json" \
        and re.search(pattern, error) is not None


proc, base = play_support.start(BINARY)
try:
    # The page has the editor's parts, still self-contained.
    status, _, page = request(base, "/")
    for part in ('id="gutter"', 'id="highlight"', 'id="config"', 'id="pretty"',
                 'id="examples"', 'id="docs-panel"', 'id="selftest"'):
        check("page has " + part, status == 200 and part in page)
    check("page offline", re.search(r"(src|href)=[\"']?(https?:)?//|@import|url\(", page) is None)

    # /examples: the files of apps/cli/play/examples, each running to its expected output
    # and passing its tests with a PASS line each.
    status, headers, text = request(base, "/examples")
    listed = json.loads(text).get("examples", []) if status == 200 else []
    files = play_support.examples(SOURCE_DIR)
    check("examples", status == 200 and [e["name"] for e in listed] == list(files)
          and len(files) >= 5, "%s %r" % (status, text[:300]))
    for example in listed:
        name = example["name"]
        config, given, expected = files[name]
        check("example %s served" % name, example["config"] == config and example["input"] == given
              and example["title"] == config.splitlines()[0][3:] and example["title"] != "")
        status, _, text = request(base, "/run", {"config": example["config"], "input": example["input"]})
        got = json.loads(text).get("output") if status == 200 else text
        check("example %s runs" % name, got == expected, "got %s %r, want %r" % (status, got, expected))
        status, _, text = request(base, "/test", {"config": example["config"]})
        report = json.loads(text).get("output", "") if status == 200 else text
        names = re.findall(r"^\s+name: '([^']+)'", config, re.M)
        want = "".join("--- PASS: %s\n" % re.escape(n) for n in names)
        check("example %s tests pass" % name, len(names) > 0
              and re.fullmatch(want + REPORT_END, report) is not None, repr(report))

    # /test: a PASS line for each passing test, in order among the FAIL blocks.
    tested = """{
  transforms: [sub.tf.object.insert({ object: { target_key: 'x' }, value: 'y' })],
  tests: [
    { name: 'first', transforms: [sub.tf.test.message({ value: '{}' })],
      condition: sub.cnd.str.eq({ object: { source_key: 'x' }, value: 'y' }) },
    { name: 'second', transforms: [sub.tf.test.message({ value: '{}' })],
      condition: sub.cnd.str.eq({ object: { source_key: 'x' }, value: 'z' }) },
    { name: 'third', transforms: [sub.tf.test.message({ value: '{"a":1}' })],
      condition: sub.cnd.str.eq({ object: { source_key: 'x' }, value: 'y' }) },
  ],
}"""
    status, _, text = request(base, "/test", {"config": tested})
    report = json.loads(text).get("output", "") if status == 200 else text
    check("test pass lines", re.fullmatch(
        r"--- PASS: first\n--- FAIL: second\n    message:\t\{\"x\":\"y\"\}\n"
        r"    condition:\t\{\"object\":\{\"source_key\":\"x\"\},\"value\":\"z\"\}\n"
        r"--- PASS: third\nFAIL\tconfig\t[0-9.]+(ns|µs|ms|s)\t\n", report) is not None, repr(report))
    with open(os.path.join(WORK, "tested.jsonnet"), "w") as f:
        f.write("local sub = std.extVar('sub');\n" + tested)

    # /docs: every type; /docs/TYPE: what `substation docs TYPE` prints.
    status, _, text = request(base, "/docs")
    types = json.loads(text).get("types", []) if status == 200 else []
    check("docs list", {"name": "object_copy", "kind": "transform", "summary": next(
        (t["summary"] for t in types if t["name"] == "object_copy"), "")} in types
          and any(t["name"] == "string_equal_to" and t["kind"] == "condition" for t in types)
          and len(types) > 100, text[:300])
    for type_name in ("object_copy", "string_equal_to"):
        with open(os.path.join(WORK, "docs_%s.out" % type_name)) as f:
            printed = f.read()
        status, headers, text = request(base, "/docs/" + type_name)
        check("docs " + type_name, status == 200 and headers.get("Content-Type") == "application/json"
              and printed != "" and json.loads(text) == {"type": type_name, "docs": printed}, text[:300])
    check("docs unknown", error_of(request(base, "/docs/object_cpy"), 404,
                                   r'^unknown type "object_cpy"; did you mean "object_copy"\?$'))
    check("docs bad name", error_of(request(base, "/docs/a%2Fb"), 404, r"^not found$"))
    token = play_support.TOKENS[base]
    posted = send(base, "/docs/object_copy", {}, headers={"Content-Type": "application/json",
                                                            "X-Play-Token": token})
    check("docs post", error_of(posted, 405, r"^method not allowed$"))
    check("examples post", error_of(send(base, "/examples", {}, headers={
        "Content-Type": "application/json", "X-Play-Token": token}), 405, r"^method not allowed$"))

    # The new GETs stand behind the same guard as the page: no other site's name, origin or
    # cross-site fetch.
    port = base.rsplit(":", 1)[1]
    for path in ("/docs", "/docs/object_copy", "/examples"):
        check("rebinding " + path, error_of(send(base, path, headers={"Host": "evil.example:" + port}),
                                            403, r'^Host "evil\.example:\d+" is not an address'))
        check("foreign origin " + path, error_of(send(base, path, headers={"Origin": "http://evil.example"}),
                                                 403, r"^cross-origin request"))
        check("cross-site " + path, error_of(send(base, path, headers={"Sec-Fetch-Site": "cross-site"}),
                                             403, r"^cross-site request refused"))
finally:
    play_support.stop(proc, signal.SIGINT, "sigint")

sys.exit(1 if play_support.failures else 0)
PY

set +e
timeout 240 python3 "$WORK/drive.py" "$SUBSTATION" "$SOURCE_DIR" "$WORK"
RC=$?
set -e
if [[ $RC -ne 0 ]]; then fail "play_editor: the driver failed (exit code $RC)"; fi

# `substation test` itself prints no PASS lines (the reference's report).
run cli_test test "$WORK/tested.jsonnet"
if [[ $RC -eq 1 ]] && ! grep -q -- '--- PASS' "$WORK/cli_test.out" &&
  grep -q -- '--- FAIL: second' "$WORK/cli_test.out"; then
  pass "substation test prints no PASS lines"
else
  fail "substation test: exit code $RC: $(cat "$WORK/cli_test.out")"
fi

finish
