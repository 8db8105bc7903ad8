#!/usr/bin/env bash
# `substation build` and `substation demo`.
source "$(dirname "$0")/lib.bash" "$@"

mkdir -p "$WORK/configs/nested"
cat >"$WORK/configs/a.jsonnet" <<'JSONNET'
local sub = std.extVar('sub');
{ concurrency: 2, transforms: [ sub.tf.object.copy({ object: { source_key: 'x', target_key: 'y' } }) ] }
JSONNET
cat >"$WORK/configs/nested/b.jsonnet" <<'JSONNET'
{ b: std.extVar('name'), a: [1, 2] }
JSONNET
printf '{"z": 1}' >"$WORK/configs/c.json"

# One file: the sibling .json holds jsonnet's output (3-space indent, sorted keys).
cat >"$WORK/b.expected" <<'JSON'
{
   "a": [
      1,
      2
   ],
   "b": "hello"
}
JSON
run build_file build "$WORK/configs/nested/b.jsonnet" --ext-str name=hello
printf '%s\n' "$WORK/configs/nested/b.jsonnet" >"$WORK/build_file.expected"
expect_ok build_file "$WORK/build_file.expected"
if cmp -s "$WORK/b.expected" "$WORK/configs/nested/b.json"; then
  pass "build_file content"
else
  fail "build_file content: $(cat "$WORK/configs/nested/b.json")"
fi
rm -f "$WORK/configs/nested/b.json"

# A directory: top level only without -R.
run build_dir build "$WORK/configs"
printf '%s\n' "$WORK/configs/a.jsonnet" >"$WORK/build_dir.expected"
expect_ok build_dir "$WORK/build_dir.expected"
if [[ -f "$WORK/configs/a.json" && ! -f "$WORK/configs/nested/b.json" ]]; then
  pass "build_dir files"
else
  fail "build_dir files: $(find "$WORK/configs" -name '*.json' | sort | tr '\n' ' ')"
fi
if grep -q '"type": "object_copy"' "$WORK/configs/a.json" && grep -q '^   "concurrency": 2,$' "$WORK/configs/a.json"; then
  pass "build_dir content"
else
  fail "build_dir content: $(cat "$WORK/configs/a.json")"
fi

# -R descends into subdirectories.
run build_recursive build -R "$WORK/configs" --ext-str name=x
printf '%s\n' "$WORK/configs/a.jsonnet" "$WORK/configs/nested/b.jsonnet" >"$WORK/build_recursive.expected"
expect_ok build_recursive "$WORK/build_recursive.expected"

# A Jsonnet error names the file and fails.
printf '{ a: }\n' >"$WORK/broken.jsonnet"
run build_broken build "$WORK/broken.jsonnet"
expect_jsonnet_error build_broken 'broken\.jsonnet'
if [[ -e "$WORK/broken.json" ]]; then fail "build_broken wrote a .json"; fi

run build_missing build "$WORK/nowhere"
expect_error build_missing 'nowhere: no such file or directory'

# The demo needs nothing from the disk or the network.
run demo demo
if [[ $RC -ne 0 ]]; then
  fail "demo: exit $RC: $(cat "$WORK/demo.err")"
elif ! grep -q '^input:$' "$WORK/demo.out" || ! grep -q '^output:$' "$WORK/demo.out" ||
     ! grep -q '^config:$' "$WORK/demo.out"; then
  fail "demo: missing sections: $(head -c 400 "$WORK/demo.out")"
elif ! sed -n '/^output:$/,/^config:$/p' "$WORK/demo.out" | grep '"original"' >/dev/null; then
  fail "demo: no transformed event in the output"
else
  pass demo
fi

finish
