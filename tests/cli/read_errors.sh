#!/usr/bin/env bash
# `substation read` failures: each ends with one clear line on stderr and a non-zero exit
# code, never a crash or a hang.
source "$(dirname "$0")/lib.bash" "$@"

printf '{"a":1}\n' >"$WORK/in.txt"

# Usage errors exit 1, like every other error (and the reference), with CLI11's message.
for args in "read --nope" "no-such-verb" "read --file"; do
  # shellcheck disable=SC2086
  run usage $args
  if [[ $RC -eq 1 ]] && grep -q "Run with --help" "$WORK/usage.err"; then
    pass "usage error exits 1: $args"
  else
    fail "usage error: $args: exit $RC, stderr: $(cat "$WORK/usage.err")"
  fi
done

# On a terminal, `read` without a source says it waits for standard input (script(1) gives
# it a pseudo-terminal); from a pipe it stays silent.
if command -v script >/dev/null; then
  printf '{"a":1}\n' | timeout 20 script -qec "$SUBSTATION read" /dev/null >"$WORK/tty.out" 2>&1 || true
  if grep -q "reading events from standard input" "$WORK/tty.out"; then
    pass "terminal hint"
  else
    fail "terminal hint: $(head -c 300 "$WORK/tty.out")"
  fi
fi
run_stdin piped "$WORK/in.txt" read
if [[ $RC -eq 0 ]] && [[ ! -s "$WORK/piped.err" ]]; then pass "no hint from a pipe"; else fail "piped: $RC $(cat "$WORK/piped.err")"; fi

# A line longer than the 128,000,000-byte limit.
{ printf '{"ok":1}\n'; head -c 128000001 /dev/zero | tr '\0' 'a'; printf '\n'; } >"$WORK/long.txt"
run long_line read --file "$WORK/long.txt"
expect_error long_line "long.txt: line 2 is longer than the limit of 128000000 bytes"
rm -f "$WORK/long.txt"

# Hostile nesting: 300,000 arrays in one line. Every recursive walk is bounded, so each
# transform that reads or writes it either works or fails with a message; nothing crashes.
python3 -c 'import sys; d=300000; sys.stdout.write("["*d+"]"*d+"\n"+"{\"a\":"+"["*d+"]"*d+"}\n")' >"$WORK/deep.txt"
for key in '@this' '@pretty' '@dig:a' '@flatten:{"deep":true}' 'a' 'a.@pretty'; do
  printf '{"transforms":[{"type":"object_copy","settings":{"object":{"source_key":%s,"target_key":"x"}}},{"type":"send_stdout","settings":{"batch":{"size":100000000}}}]}' \
    "$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$key")" >"$WORK/deep.json"
  run deep read "$WORK/deep.json" --file "$WORK/deep.txt"
  if [[ $RC -ge 2 ]]; then fail "deep $key: exit code $RC"; else pass "deep $key (exit $RC)"; fi
done
rm -f "$WORK/deep.txt"

# Binary (non-text) input is one message, bounded like a line.
{ printf '\x00\x01\x02binary'; head -c 128000001 /dev/zero; } >"$WORK/big.bin"
run big_binary read --file "$WORK/big.bin"
expect_error big_binary 'big\.bin: the content is larger than the limit of 128000000 bytes'
rm -f "$WORK/big.bin"

cat >"$WORK/unknown.json" <<'JSON'
{"transforms":[{"type":"object_copy","settings":{"object":{"source_key":"a","target_key":"b"}}},
               {"type":"not_a_transform","settings":{}}]}
JSON
run unknown_type read "$WORK/unknown.json" --file "$WORK/in.txt"
expect_error unknown_type 'unknown\.json: .*unknown transform type "not_a_transform"'

cat >"$WORK/bad_settings.json" <<'JSON'
{"transforms":[{"type":"object_copy","settings":"not an object"}]}
JSON
run bad_settings read "$WORK/bad_settings.json" --file "$WORK/in.txt"
expect_error bad_settings 'bad_settings\.json: .*object_copy.*settings'

cat >"$WORK/bad_value.json" <<'JSON'
{"transforms":[{"type":"object_copy","settings":{"object":{"source_key":["a"],"target_key":"b"}}}]}
JSON
run bad_value read "$WORK/bad_value.json" --file "$WORK/in.txt"
expect_error bad_value 'bad_value\.json: .*object_copy.*source_key'

printf '{"transforms": [' >"$WORK/truncated.json"
run bad_json read "$WORK/truncated.json" --file "$WORK/in.txt"
expect_error bad_json 'truncated\.json: '

printf '{"concurrency": 1}' >"$WORK/no_transforms.json"
run no_transforms read "$WORK/no_transforms.json" --file "$WORK/in.txt"
expect_error no_transforms 'no transforms configured'

printf "local sub = std.extVar('sub');\n{ transforms: [ sub.tf.send.stdout( }\n" >"$WORK/syntax.jsonnet"
run jsonnet_syntax read "$WORK/syntax.jsonnet" --file "$WORK/in.txt"
expect_jsonnet_error jsonnet_syntax 'syntax\.jsonnet'

printf '{"transforms":[]}' >"$WORK/config.yaml"
run bad_extension read "$WORK/config.yaml" --file "$WORK/in.txt"
expect_error bad_extension 'config\.yaml: unsupported config file'

run missing_config read "$WORK/missing.json" --file "$WORK/in.txt"
expect_error missing_config 'missing\.json: cannot open'

# (Reading S3 objects is tested against moto: tests/integration/cli_read_aws_test.cc.)
run aws read --aws bucket/key
expect_error aws 'invalid s3 object: bucket/key'

run bad_ext_str read --ext-str novalue --file "$WORK/in.txt"
expect_error bad_ext_str 'key=value'

# Corrupt compressed input fails cleanly (here: a gzip file cut short).
gzip -c "$SOURCE_DIR/CMakeLists.txt" | head -c 200 >"$WORK/cut.gz"
run cut_gzip read --file "$WORK/cut.gz"
expect_error cut_gzip 'cut\.gz: gzip: unexpected EOF'

# Usage errors: unknown verb, unknown flag.
run unknown_verb frobnicate
if [[ $RC -ne 0 && $RC -lt 124 ]]; then pass "unknown_verb (exit $RC)"; else fail "unknown_verb: exit $RC"; fi
run unknown_flag read --no-such-flag
if [[ $RC -ne 0 && $RC -lt 124 ]]; then pass "unknown_flag (exit $RC)"; else fail "unknown_flag: exit $RC"; fi

run help --help
if [[ $RC -eq 0 ]] && grep -q read "$WORK/help.out"; then pass help; else fail "help: exit $RC"; fi
run read_help read --help
if [[ $RC -eq 0 ]] && grep -q -- --file "$WORK/read_help.out"; then pass read_help; else fail "read_help: exit $RC"; fi

finish
