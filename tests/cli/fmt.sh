#!/usr/bin/env bash
# `substation fmt`: the Jsonnet formatter with go-jsonnet's default options, on stdout or
# in place (-w), for one file, a directory's top level, or a tree (-R).
source "$(dirname "$0")/lib.bash" "$@"

mkdir -p "$WORK/configs/nested"
# Every default option has something to do here: double quotes, a '#' comment, quoted
# field names, unpadded objects, padded arrays, unsorted imports, an explicit '+', 4-space
# indentation and three blank lines in a row.
cat >"$WORK/configs/a.jsonnet" <<'JSONNET'
local b = import "b.libsonnet";
local a = import "a.libsonnet";
# a hash comment
local x = {"a":1, "b-c": [ 1,2 ]};



x + {
    y: "z",
  "w": [x.a,
  ],
}
JSONNET
cat >"$WORK/a.formatted" <<'JSONNET'
local a = import 'a.libsonnet';
local b = import 'b.libsonnet';
// a hash comment
local x = { a: 1, 'b-c': [1, 2] };


x {
  y: 'z',
  w: [
    x.a,
  ],
}
JSONNET
printf '{a:"b"}\n' >"$WORK/configs/nested/b.libsonnet"
printf "{ a: 'b' }\n" >"$WORK/b.formatted"
# Not Jsonnet by name: never touched.
printf '{"z":   1}' >"$WORK/configs/c.json"
printf 'not jsonnet {' >"$WORK/configs/notes.txt"

# One file: the formatted text, then the empty line of the reference's Println.
run file fmt "$WORK/configs/a.jsonnet"
{ cat "$WORK/a.formatted"; echo; } >"$WORK/file.expected"
expect_ok file "$WORK/file.expected"

# A directory: its top level only.
run dir fmt "$WORK/configs"
expect_ok dir "$WORK/file.expected"

# -R: the whole tree, in lexical order.
run recursive fmt -R "$WORK/configs"
{ cat "$WORK/a.formatted"; echo; cat "$WORK/b.formatted"; echo; } >"$WORK/recursive.expected"
expect_ok recursive "$WORK/recursive.expected"

# The default path is the working directory; paths are printed relative to it.
cp "$WORK/configs/a.jsonnet" "$WORK/a.before"
cd "$WORK/configs"
run cwd fmt -w
cd - >/dev/null
printf 'a.jsonnet\n' >"$WORK/cwd.expected"
expect_ok cwd "$WORK/cwd.expected"
if cmp -s "$WORK/a.formatted" "$WORK/configs/a.jsonnet"; then
  pass "cwd rewrote a.jsonnet"
else
  fail "cwd: a.jsonnet is not formatted: $(cat "$WORK/configs/a.jsonnet")"
fi
if [[ "$(cat "$WORK/configs/nested/b.libsonnet")" == '{a:"b"}' ]]; then
  pass "cwd left nested/ alone"
else
  fail "cwd: nested/b.libsonnet changed without -R"
fi

# -w -R rewrites every Jsonnet file and prints each path; other files are untouched.
cp "$WORK/a.before" "$WORK/configs/a.jsonnet"
run write fmt -w -R "$WORK/configs"
printf '%s\n' "$WORK/configs/a.jsonnet" "$WORK/configs/nested/b.libsonnet" >"$WORK/write.expected"
expect_ok write "$WORK/write.expected"
if cmp -s "$WORK/a.formatted" "$WORK/configs/a.jsonnet" &&
   cmp -s "$WORK/b.formatted" "$WORK/configs/nested/b.libsonnet" &&
   [[ "$(cat "$WORK/configs/c.json")" == '{"z":   1}' ]]; then
  pass "write contents"
else
  fail "write contents: $(cat "$WORK/configs/a.jsonnet" "$WORK/configs/nested/b.libsonnet")"
fi

# Formatting is idempotent.
run again fmt "$WORK/configs/a.jsonnet"
expect_ok again "$WORK/file.expected"

# A file that does not parse stops the command with one line naming it.
printf 'local x = ;\n' >"$WORK/broken.jsonnet"
cp "$WORK/broken.jsonnet" "$WORK/broken.before"
run broken fmt -w "$WORK/broken.jsonnet"
expect_jsonnet_error broken '^substation fmt: .*broken\.jsonnet:1:'
if cmp -s "$WORK/broken.before" "$WORK/broken.jsonnet"; then pass "broken left as is"; else fail "broken was rewritten"; fi

run missing fmt "$WORK/nowhere"
expect_error missing 'nowhere: no such file or directory'

run help fmt help
printf 'warning: use -h instead.\n' >"$WORK/help.expected"
expect_ok help "$WORK/help.expected"

finish
