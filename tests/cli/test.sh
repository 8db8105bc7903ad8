#!/usr/bin/env bash
# `substation test`: runs the `tests` of configs; one summary line per file (ok, FAIL with
# the failing messages, [no tests], [error]); exit code 1 when a file failed.
source "$(dirname "$0")/lib.bash" "$@"

# Durations vary: `\t1.234ms\t` at the end of a summary line becomes `\t<dur>\t`.
normalize() {
  sed -E $'s/\t[0-9]+(\\.[0-9]+)?(ns|\xC2\xB5s|ms|s)\t$/\t<dur>\t/' "$1"
}

# expect_lines NAME EXPECTED-FILE: stdout (durations normalized) equals the file.
expect_lines() {
  local name="$1" expected="$2"
  if cmp -s "$expected" <(normalize "$WORK/$name.out"); then
    pass "$name stdout"
  else
    fail "$name stdout differs:"
    diff "$expected" <(normalize "$WORK/$name.out") >&2 || true
  fi
}

# expect_stderr NAME WHAT: exit 1 and stderr equal to $WORK/NAME_err.expected.
expect_stderr() {
  local name="$1" what="$2"
  if [[ $RC -eq 1 ]] && cmp -s "$WORK/${name}_err.expected" "$WORK/$name.err"; then
    pass "$name: $what"
  else
    fail "$name: exit $RC, stderr differs:"
    diff "$WORK/${name}_err.expected" "$WORK/$name.err" >&2 || true
  fi
}

P="$WORK/passing"
mkdir -p "$P/lib"
# Passes; the target key comes from an import relative to the file, the value from an
# external variable; send_stdout output appears before the summary line.
cat >"$P/copy.jsonnet" <<'JSONNET'
local sub = std.extVar('sub');
local names = import 'lib/names.libsonnet';
{
  transforms: [
    sub.tf.obj.cp({ obj: { src: 'a', trg: names.target } }),
    sub.tf.send.stdout(),
  ],
  tests: [
    {
      name: 'copies',
      transforms: [sub.tf.test.message({ value: { a: std.extVar('value') } })],
      condition: sub.cnd.str.eq({ obj: { src: 'x' }, value: std.extVar('value') }),
    },
    {
      name: 'copies-each',
      transforms: [
        sub.tf.test.message({ value: { a: std.extVar('value') } }),
        sub.tf.test.message({ value: { a: std.extVar('value'), b: 1 } }),
      ],
      condition: sub.cnd.str.eq({ obj: { src: 'x' }, value: std.extVar('value') }),
    },
  ],
}
JSONNET
printf "{ target: 'x' }\n" >"$P/lib/names.libsonnet"
# Passes only if the control message reaches the config: the aggregate flushes on it.
cat >"$P/flush.jsonnet" <<'JSONNET'
local sub = std.extVar('sub');
{
  transforms: [sub.tf.aggregate.to.array({ obj: { trg: 'all' } })],
  tests: [{
    name: 'aggregates',
    transforms: [sub.tf.test.message({ value: { n: 1 } }), sub.tf.test.message({ value: { n: 2 } })],
    condition: sub.cnd.str.eq({ obj: { src: 'all.#' }, value: '2' }),
  }],
}
JSONNET
# Settings paths resolve in the file's directory (a KV file next to the config).
printf '{"k1": "v1"}' >"$P/kv.json"
cat >"$P/kv.jsonnet" <<'JSONNET'
local sub = std.extVar('sub');
{
  transforms: [sub.tf.enrich.kv_store.item.get({
    obj: { src: 'k', trg: 'v' },
    kv_store: sub.kv_store.json_file({ file: 'kv.json' }),
  })],
  tests: [{
    name: 'looks-up',
    transforms: [sub.tf.test.message({ value: { k: 'k1' } })],
    condition: sub.cnd.str.eq({ obj: { src: 'v' }, value: 'v1' }),
  }],
}
JSONNET
# No tests: reported. No transforms (a library, a data file, an empty list, not an
# object): skipped silently, as is a file that is not a config by name.
printf '{"transforms": [{"type": "send_stdout"}]}' >"$P/notests.json"
printf '{"transforms": []}' >"$P/empty.json"
printf '[1, 2]' >"$P/list.json"
printf 'ignored {' >"$P/notes.txt"

printf '%s\n' '{"a":"v","x":"v"}' '{"a":"v","x":"v"}' '{"a":"v","b":1,"x":"v"}' \
  $'ok\t'"$P/copy.jsonnet"$'\t<dur>\t' \
  $'ok\t'"$P/flush.jsonnet"$'\t<dur>\t' \
  $'ok\t'"$P/kv.jsonnet"$'\t<dur>\t' \
  $'?\t'"$P/notests.json"$'\t[no tests]' >"$WORK/passing.expected"
cd /
run passing test "$P" --ext-str value=v
cd - >/dev/null
expect_lines passing "$WORK/passing.expected"
if [[ $RC -eq 0 && ! -s "$WORK/passing.err" ]]; then
  pass "passing: exit 0, nothing on stderr"
else
  fail "passing: exit $RC, stderr: $(cat "$WORK/passing.err")"
fi
if grep -qE $'^ok\t.*\t[0-9]+(\\.[0-9]+)?(\xC2\xB5s|ms)\t$' "$WORK/passing.out"; then
  pass "passing: Go duration format"
else
  fail "passing: duration format: $(cat "$WORK/passing.out")"
fi

F="$WORK/failing"
mkdir -p "$F/nested"
# One test passes, one fails on both of its messages.
cat >"$F/a_fail.jsonnet" <<'JSONNET'
local sub = std.extVar('sub');
{
  transforms: [sub.tf.obj.cp({ obj: { src: 'a', trg: 'x' } })],
  tests: [
    {
      name: 'my-passing-test',
      transforms: [sub.tf.test.message({ value: { a: true } })],
      condition: sub.cnd.str.eq({ obj: { src: 'x' }, value: 'true' }),
    },
    {
      name: 'my-failing-test',
      transforms: [sub.tf.test.message({ value: { a: true } }), sub.tf.test.message({ value: 'x' })],
      condition: sub.cnd.str.eq({ obj: { src: 'y' }, value: 'true' }),
    },
  ],
}
JSONNET
printf "local sub = std.extVar('sub');\n{ transforms: [ st.tf.obj.cp({}) ] }\n" >"$F/b_syntax.jsonnet"
# The second transform does not build.
cat >"$F/c_build.json" <<'JSON'
{"transforms": [{"type": "send_stdout"}, {"type": "hash_sha256", "settings": {"object": {"source_key": "a"}}}],
 "tests": [{"name": "t", "transforms": [], "condition": {"type": "string_equal_to"}}]}
JSON
# The transform fails on the test's data.
cat >"$F/d_run.json" <<'JSON'
{"transforms": [{"type": "format_from_base64", "settings": {"object": {"source_key": "a", "target_key": "b"}}}],
 "tests": [{"name": "t", "transforms": [{"type": "test_message", "settings": {"value": {"a": "%%"}}}],
            "condition": {"type": "string_equal_to", "settings": {"object": {"source_key": "b"}}}}]}
JSON
cat >"$F/e_cond.json" <<'JSON'
{"transforms": [{"type": "send_stdout"}], "tests": [{"name": "t", "condition": {"type": "no_such_condition"}}]}
JSON
# Only with -R; without test transforms there is no message to check: it passes.
printf '{"transforms": [{"type": "send_stdout"}], "tests": [{"name": "n", "condition": {"type": "string_equal_to"}}]}' >"$F/nested/f.json"

run failing test "$F"
printf '%s\n' '--- FAIL: my-failing-test' \
  $'    message:\t{"a":true,"x":true}' \
  $'    condition:\t{"object":{"source_key":"y"},"value":"true"}' \
  '--- FAIL: my-failing-test' \
  $'    message:\tx' \
  $'    condition:\t{"object":{"source_key":"y"},"value":"true"}' \
  $'FAIL\t'"$F/a_fail.jsonnet"$'\t<dur>\t' \
  $'?\t'"$F/b_syntax.jsonnet"$'\t[error]' \
  $'?\t'"$F/c_build.json"$'\t[error]' \
  $'?\t'"$F/d_run.json"$'\t[error]' \
  $'?\t'"$F/e_cond.json"$'\t[error]' >"$WORK/failing.expected"
expect_lines failing "$WORK/failing.expected"
{
  printf '%s\n' "$F/b_syntax.jsonnet: STATIC ERROR: $F/b_syntax.jsonnet:2:17-19: Unknown variable: st"
  printf '%s\n' "    2 | { transforms: [ st.tf.obj.cp({}) ] }" "      |                 ^~"
  printf '%s\n' "$F/c_build.json:transforms:2 transform hash_sha256: object.target_key: missing required option"
  printf '        {"type":"hash_sha256","settings":{"object":{"source_key":"a"}}}\n\n'
  printf '%s\n' "$F/d_run.json:transforms:1 transform format_from_base64: object.source_key \"a\": illegal base64 data"
  printf '        {"type":"format_from_base64","settings":{"object":{"source_key":"a","target_key":"b"}}}\n\n'
  printf '%s\n' "$F/e_cond.json: tests[0] > condition no_such_condition (condition): type: invalid factory input: unknown condition type \"no_such_condition\""
  printf 'substation test: 5 files failed\n'
} >"$WORK/failing_err.expected"
expect_stderr failing "errors on stderr, exit 1"

# -R from a relative path: every file is tested with its own directory as the working
# directory, and the previous one is restored after each (else the relative paths that
# follow a_fail.jsonnet would not open).
cd "$WORK"
run recursive test -R failing
cd - >/dev/null
if [[ $RC -eq 1 ]] && grep -qx $'?\tfailing/e_cond.json\t\\[error\\]' "$WORK/recursive.out" &&
  grep -qx $'ok\tfailing/nested/f.json\t<dur>\t' <(normalize "$WORK/recursive.out"); then
  pass "recursive: relative paths, subdirectories"
else
  fail "recursive: exit $RC, stdout: $(cat "$WORK/recursive.out") stderr: $(cat "$WORK/recursive.err")"
fi

# A config folder with its helper libraries (a function, an object of functions): -R tests
# the configs and skips the libraries, so a clean repository passes.
L="$WORK/withlibs"
mkdir -p "$L/lib"
printf "function(t) { transforms: [t] }\n" >"$L/lib/wrap.libsonnet"
printf "{ cp(a, b):: { type: 'object_copy', settings: { object: { source_key: a, target_key: b } } } }\n" \
  >"$L/lib/helpers.libsonnet"
printf "(import 'lib/wrap.libsonnet')((import 'lib/helpers.libsonnet').cp('a', 'b'))\n" >"$L/c.jsonnet"
run withlibs test -R "$L"
if [[ $RC -eq 0 ]] && ! grep -q libsonnet "$WORK/withlibs.out" "$WORK/withlibs.err" &&
  grep -qxF $'?\t'"$L/c.jsonnet"$'\t[no tests]' "$WORK/withlibs.out"; then
  pass "recursive: helper libraries skipped"
else
  fail "withlibs: exit $RC, stdout: $(cat "$WORK/withlibs.out") stderr: $(cat "$WORK/withlibs.err")"
fi

# One file by name.
run single test "$F/a_fail.jsonnet"
if [[ $RC -eq 1 ]] &&
  [[ "$(normalize "$WORK/single.out" | tail -1)" == $'FAIL\t'"$F/a_fail.jsonnet"$'\t<dur>\t' ]] &&
  [[ "$(cat "$WORK/single.err")" == "substation test: 1 file failed" ]]; then
  pass single
else
  fail "single: exit $RC: $(cat "$WORK/single.out" "$WORK/single.err")"
fi

# A nested transform fails on the test's data: the report names the top-level transform as
# v2.8 does (its position is the `:transforms:2`), the nested one keeps its position. The
# settings are printed as Go's json.Marshal prints a map: keys sorted.
cat >"$WORK/nested_run.json" <<'JSON'
{"transforms": [{"type": "object_copy", "settings": {"object": {"source_key": "a", "target_key": "c"}}},
  {"type": "meta_switch", "settings": {"cases": [{"transforms": [
    {"type": "format_from_base64", "settings": {"object": {"source_key": "a", "target_key": "b"}}}]}]}}],
 "tests": [{"name": "t", "transforms": [{"type": "test_message", "settings": {"value": {"a": "%%"}}}],
            "condition": {"type": "string_equal_to", "settings": {"object": {"source_key": "b"}}}}]}
JSON
run nested_run test "$WORK/nested_run.json"
{
  printf '%s\n' "$WORK/nested_run.json:transforms:2 transform meta_switch: transform format_from_base64 (cases[0].transforms[0]): object.source_key \"a\": illegal base64 data"
  printf '        {"type":"meta_switch","settings":{"cases":[{"transforms":[{"settings":{"object":{"source_key":"a","target_key":"b"}},"type":"format_from_base64"}]}]}}\n\n'
  printf 'substation test: 1 file failed\n'
} >"$WORK/nested_run_err.expected"
expect_stderr nested_run "the nested position in the cause"

run missing test "$WORK/nowhere"
expect_error missing '^substation test: .*nowhere: no such file or directory'

run help test help
printf 'warning: use -h instead.\n' >"$WORK/help.expected"
expect_ok help "$WORK/help.expected"

finish
