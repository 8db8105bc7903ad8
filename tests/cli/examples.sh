#!/usr/bin/env bash
# The examples of examples/cli: each folder's config, run over its data.jsonl, prints its
# expected.jsonl; `vet` and `test` pass on the whole folder, as the guide says they do.
source "$(dirname "$0")/lib.bash" "$@"

EXAMPLES="$SOURCE_DIR/examples/cli"
count=0
for dir in "$EXAMPLES"/*/; do
  name="$(basename "$dir")"
  count=$((count + 1))
  run "$name" read "$dir/config.jsonnet" --file "$dir/data.jsonl"
  if [[ $RC -eq 0 ]] && cmp -s "$dir/expected.jsonl" "$WORK/$name.out"; then
    pass "example $name"
  else
    fail "example $name: exit $RC, stderr: $(head -c 300 "$WORK/$name.err")"
    diff "$dir/expected.jsonl" "$WORK/$name.out" >&2 || true
  fi
done
if [[ $count -lt 6 ]]; then fail "expected at least 6 examples, found $count"; fi

run vet_all vet -R "$EXAMPLES"
if [[ $RC -eq 0 ]] && [[ ! -s "$WORK/vet_all.err" ]]; then pass "vet -R examples/cli"; else
  fail "vet -R: exit $RC, $(cat "$WORK/vet_all.err")"
fi
run test_all test -R "$EXAMPLES"
if [[ $RC -eq 0 ]] && grep -q $'^ok\t.*tests/config.jsonnet' "$WORK/test_all.out"; then
  pass "test -R examples/cli"
else
  fail "test -R: exit $RC, $(cat "$WORK/test_all.out" "$WORK/test_all.err")"
fi
finish
