#!/usr/bin/env bash
# Jsonnet errors as every verb reports them: libjsonnet's message, the line in error with a
# caret under the column (the first stack frame in the user's own files, an imported file
# included), then the stack trace one frame per line.
source "$(dirname "$0")/lib.bash" "$@"

D="$WORK/configs"
mkdir -p "$D/lib"
# The error is raised in an imported file, through the Substation library.
cat >"$D/lib/helper.libsonnet" <<'JSONNET'
local sub = std.extVar('sub');
{
  copy(key):: sub.tf.obj.cp({ obj: { src: key - 1 } }),
}
JSONNET
cat >"$D/runtime.jsonnet" <<'JSONNET'
local helper = import 'lib/helper.libsonnet';
{
  transforms: [
    helper.copy('a'),
  ],
}
JSONNET
printf '{"a":1}\n' >"$WORK/in.jsonl"

# expect_runtime_excerpt NAME FILE: FILE (stdout or stderr of NAME) holds the excerpt of
# helper.libsonnet line 3 and a stack trace that names both files, one frame per line.
expect_runtime_excerpt() {
  local name="$1" file="$2"
  local excerpt
  excerpt="  $D/lib/helper.libsonnet:3:43-50:
    3 |   copy(key):: sub.tf.obj.cp({ obj: { src: key - 1 } }),
      |                                           ^~~~~~~"
  if ! grep -Fq -- "$excerpt" "$file"; then
    fail "$name: no excerpt of helper.libsonnet:3: $(cat "$file")"
  elif ! grep -Eq "^  stack trace:$" "$file" ||
    ! grep -Eq "^    $D/lib/helper\.libsonnet:3:43-50( |$)" "$file" ||
    ! grep -Eq "^    $D/runtime\.jsonnet:4:5-21( |$)" "$file"; then
    fail "$name: stack trace not one frame per line: $(cat "$file")"
  else
    pass "$name"
  fi
}

run read read "$D/runtime.jsonnet" --file "$WORK/in.jsonl"
if [[ $RC -eq 1 ]] && [[ ! -s "$WORK/read.out" ]] &&
  head -n 1 "$WORK/read.err" | grep -Eq "^substation read: $D/runtime\.jsonnet: RUNTIME ERROR: .*string and number"; then
  pass "read: message first"
else
  fail "read: exit $RC: $(cat "$WORK/read.err")"
fi
expect_runtime_excerpt read "$WORK/read.err"

run build build "$D/runtime.jsonnet"
if [[ $RC -eq 1 && ! -e "$D/runtime.json" ]]; then pass "build: nothing written"; else fail "build: exit $RC"; fi
expect_runtime_excerpt build "$WORK/build.err"

# vet: the Jsonnet error on stdout, as the reference's.
run vet vet "$D/runtime.jsonnet"
if [[ $RC -eq 1 ]] && grep -qx 'substation vet: 1 file has errors' "$WORK/vet.err"; then
  pass "vet: exit 1"
else
  fail "vet: exit $RC: $(cat "$WORK/vet.err")"
fi
expect_runtime_excerpt vet "$WORK/vet.out"

run test test "$D/runtime.jsonnet"
if [[ $RC -eq 1 ]] && grep -q $'^?\t.*runtime\\.jsonnet\t\\[error\\]$' "$WORK/test.out"; then
  pass "test: [error]"
else
  fail "test: exit $RC: $(cat "$WORK/test.out")"
fi
expect_runtime_excerpt test "$WORK/test.err"

# A syntax error quotes its own position; nothing else follows it.
printf '{\n  transforms: [\n    { type: "send_stdout" \n  ],\n}\n' >"$WORK/syntax.jsonnet"
run syntax read "$WORK/syntax.jsonnet" --file "$WORK/in.jsonl"
printf '%s\n' "substation read: $WORK/syntax.jsonnet: STATIC ERROR: $WORK/syntax.jsonnet:4:3: expected a comma before next field." \
  '    4 |   ],' '      |   ^' >"$WORK/syntax.expected"
if [[ $RC -eq 1 ]] && cmp -s "$WORK/syntax.expected" "$WORK/syntax.err"; then
  pass "syntax: message and excerpt"
else
  fail "syntax: exit $RC:"
  diff "$WORK/syntax.expected" "$WORK/syntax.err" >&2 || true
fi

finish
