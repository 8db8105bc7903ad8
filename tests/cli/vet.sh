#!/usr/bin/env bash
# `substation vet`: clean files on stdout, Jsonnet errors (with line:column) on stdout,
# configuration errors on stderr with the failing transform's position and JSON; then, when
# any file has an error, `substation vet: N files have errors` and exit code 1.
source "$(dirname "$0")/lib.bash" "$@"

D="$WORK/configs"
mkdir -p "$D/lib" "$D/nested"
# Clean; imports a file relative to itself and reads an external variable.
cat >"$D/good.jsonnet" <<'JSONNET'
local sub = std.extVar('sub');
local helper = import 'lib/helper.libsonnet';
{ transforms: [sub.tf.obj.cp({ obj: { src: 'a', trg: helper.target + std.extVar('suffix') } })] }
JSONNET
printf "{ target: 'x' }\n" >"$D/lib/helper.libsonnet"
printf "function(t) { transforms: [t] }\n" >"$D/lib/wrap.libsonnet"
# The third transform lacks a required option.
cat >"$D/bad.jsonnet" <<'JSONNET'
local sub = std.extVar('sub');
{
  transforms: [
    sub.tf.obj.cp({ obj: { src: 'a', trg: 'b' } }),
    sub.tf.obj.cp({ obj: { src: 'b', trg: 'c' } }),
    sub.tf.hash.sha256({ obj: { src: 'foo' } }),
  ],
}
JSONNET
printf "local sub = std.extVar('sub');\n{ transforms: [ st.tf.obj.cp({}) ] }\n" >"$D/syntax.jsonnet"
# Plain JSON without ids: the type is the id.
cat >"$D/plain_bad.json" <<'JSON'
{"transforms": [{"type": "hash_sha256", "settings": {"object": {"source_key": "a"}}}]}
JSON
printf '{"transforms": [{"type": "send_stdout"}]}' >"$D/plain_good.json"
printf '[1, 2]' >"$D/data.json"
printf 'ignored {' >"$D/notes.txt"
printf '{"transforms": [{"type": "not_a_transform"}]}' >"$D/nested/deep.json"

run dir vet "$D" --ext-str suffix=_y
printf '%s\n' "$D/good.jsonnet" "$D/plain_good.json" >"$WORK/dir.expected"
# The Jsonnet error's excerpt lines are indented; clean paths are not.
grep -v -e 'syntax\.jsonnet' -e '^ ' "$WORK/dir.out" >"$WORK/dir.clean" || true
if [[ $RC -ne 1 ]]; then
  fail "dir: exit code $RC: $(cat "$WORK/dir.err")"
elif ! cmp -s "$WORK/dir.expected" "$WORK/dir.clean"; then
  fail "dir: stdout: $(cat "$WORK/dir.out")"
else
  pass "dir: clean files on stdout"
fi
# The Jsonnet error is on stdout, in its place in the walk, with line and column.
if [[ "$(sed -n 3p "$WORK/dir.out")" =~ ^"$D/syntax.jsonnet: ".*syntax\.jsonnet:2:17-19:\ Unknown\ variable:\ st$ ]]; then
  pass "dir: Jsonnet error with line:column"
else
  fail "dir: Jsonnet error line: $(cat "$WORK/dir.out")"
fi
# ...followed by the line in error, a caret under the unknown variable.
if [[ "$(sed -n 4,5p "$WORK/dir.out")" == "    2 | { transforms: [ st.tf.obj.cp({}) ] }"$'\n'"      |                 ^~" ]]; then
  pass "dir: Jsonnet error quotes the line"
else
  fail "dir: Jsonnet error excerpt: $(cat "$WORK/dir.out")"
fi

# stderr: bad.jsonnet (the failing transform's 1-based position, its generated id, the
# cause, then its JSON), data.json (not a config), plain_bad.json (the type as id).
id=$(grep -oE '^.*bad\.jsonnet:transforms:3 transform [0-9a-f]{8}-[0-9a-f]{8}:' "$WORK/dir.err" |
  grep -oE '[0-9a-f]{8}-[0-9a-f]{8}' || true)
{
  printf '%s\n' "$D/bad.jsonnet:transforms:3 transform $id: object.target_key: missing required option"
  printf '        {"type":"hash_sha256","settings":{"id":"%s","object":{"source_key":"foo"}}}\n\n' "$id"
  printf '%s\n' "$D/data.json: config: must be a JSON object"
  printf '%s\n' "$D/plain_bad.json:transforms:1 transform hash_sha256: object.target_key: missing required option"
  printf '        {"type":"hash_sha256","settings":{"object":{"source_key":"a"}}}\n\n'
  printf 'substation vet: 4 files have errors\n'
} >"$WORK/dir_err.expected"
if [[ -n "$id" ]] && cmp -s "$WORK/dir_err.expected" "$WORK/dir.err"; then
  pass "dir: configuration errors on stderr"
else
  fail "dir: stderr differs:"
  diff "$WORK/dir_err.expected" "$WORK/dir.err" >&2 || true
fi

# -R enters subdirectories: deep.json has an unknown type; the libraries the configs import
# (an object without transforms, a function) are not configs and are skipped.
run recursive vet -R "$D" --ext-str suffix=_y
if [[ $RC -eq 1 ]] &&
   ! grep -q "libsonnet" "$WORK/recursive.err" "$WORK/recursive.out" &&
   grep -qE "^$D/nested/deep.json:transforms:1 transform not_a_transform: type: invalid factory input: unknown transform type \"not_a_transform\"$" "$WORK/recursive.err" &&
   grep -qx '        {"type":"not_a_transform","settings":null}' "$WORK/recursive.err"; then
  pass "recursive"
else
  fail "recursive: exit $RC, stderr: $(cat "$WORK/recursive.err")"
fi

# One file, from another working directory: its relative import still resolves, and the
# working directory is back where it was for the next file (none here, but no crash).
cd /
run single vet "$D/good.jsonnet" --ext-str suffix=_y
cd - >/dev/null
printf '%s\n' "$D/good.jsonnet" >"$WORK/single.expected"
expect_ok single "$WORK/single.expected"

# A relative path: printed as given.
cd "$WORK"
run relative vet configs/plain_good.json
cd - >/dev/null
printf 'configs/plain_good.json\n' >"$WORK/relative.expected"
expect_ok relative "$WORK/relative.expected"

# Without the external variable the Jsonnet error says so (and the exit code is 1).
run no_ext vet "$D/good.jsonnet"
if [[ $RC -eq 1 ]] && grep -qx 'substation vet: 1 file has errors' "$WORK/no_ext.err" && grep -qi "good\.jsonnet.*undefined external variable: suffix" "$WORK/no_ext.out"; then
  pass no_ext
else
  fail "no_ext: exit $RC, stdout: $(cat "$WORK/no_ext.out")"
fi

run bad_ext_str vet --ext-str novalue "$D"
expect_error bad_ext_str 'key=value'

run missing vet "$WORK/nowhere"
expect_error missing '^substation vet: .*nowhere: no such file or directory'

# A misspelt setting, or one of the wrong type that the type ignores, builds (Go ignores
# unknown keys) but is named, with the
# transform's position and the closest declared key; the file still counts as clean.
cat >"$WORK/typo.json" <<'JSON'
{"transforms": [
  {"type": "object_copy", "settings": {"object": {"source_key": "a", "target_key": "b"}}},
  {"type": "meta_switch", "settings": {"cases": [{"transforms": [
    {"type": "string_replace", "settings": {"pattern": "x", "replacment": "y"}}]}]}},
  {"type": "hash_md5", "settings": {"algorithm": 5}}
]}
JSON
run typo vet "$WORK/typo.json"
cat >"$WORK/typo.expected_err" <<EOF
$WORK/typo.json:transforms:2 string_replace: warning: settings.cases[0].transforms[0].settings.replacment: unknown setting, ignored; did you mean "replacement"?
$WORK/typo.json:transforms:3 hash_md5: warning: settings.algorithm: wants a string, got a number
EOF
if [[ $RC -eq 0 ]] && diff -u "$WORK/typo.expected_err" "$WORK/typo.err" && grep -qx "$WORK/typo.json" "$WORK/typo.out"; then
  pass typo
else
  fail "typo: exit $RC, stderr: $(cat "$WORK/typo.err")"
fi

# docs: one type's settings, the closest name for a typo, and every type.
run docs_type docs string_replace
if [[ $RC -eq 0 ]] && grep -q '^  pattern (string, required)$' "$WORK/docs_type.out"; then pass docs_type; else fail "docs_type: $(cat "$WORK/docs_type.out" "$WORK/docs_type.err")"; fi
run docs_typo help string_replac
expect_error docs_typo '^substation help: unknown type "string_replac"; did you mean "string_replace"\?$'
run docs_all docs
if [[ $RC -eq 0 && $(wc -l <"$WORK/docs_all.out") -ge 115 ]]; then pass docs_all; else fail "docs_all: $RC"; fi

run help vet help
printf 'warning: use -h instead.\n' >"$WORK/help.expected"
expect_ok help "$WORK/help.expected"

finish
