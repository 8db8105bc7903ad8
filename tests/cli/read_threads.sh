#!/usr/bin/env bash
# `substation read` on several threads (apps/cli/ordered_lines.h): the leading steps that keep
# no state run on worker threads a chunk of lines at a time, the rest in input order. Every
# case must give what one thread gives: the same stdout bytes, the same first error, the
# same exit code, whether lines fail in the threaded steps or after them, fan out, are
# dropped, or the input ends in a read error.
source "$(dirname "$0")/lib.bash" "$@"

# Threaded: object_insert, two meta_switch (utility_err, utility_drop), aggregate_from_string
# (fan-out). After them: utility_control (state: a control message every 5 items, which
# flushes the send batches), a meta_switch that fails on `late`, send_stdout (batches of 4).
cat >"$WORK/threads.json" <<'JSON'
{"transforms":[
 {"type":"object_insert","settings":{"object":{"target_key":"seen"},"value":true}},
 {"type":"meta_switch","settings":{"cases":[{"condition":{"type":"string_equal_to","settings":{"object":{"source_key":"bad"},"value":"yes"}},"transforms":[{"type":"utility_err","settings":{"message":"early"}}]}]}},
 {"type":"meta_switch","settings":{"cases":[{"condition":{"type":"string_equal_to","settings":{"object":{"source_key":"drop"},"value":"yes"}},"transforms":[{"type":"utility_drop"}]}]}},
 {"type":"aggregate_from_string","settings":{"separator":"|"}},
 {"type":"utility_control","settings":{"batch":{"count":5}}},
 {"type":"meta_switch","settings":{"cases":[{"condition":{"type":"string_equal_to","settings":{"object":{"source_key":"late"},"value":"yes"}},"transforms":[{"type":"utility_err","settings":{"message":"late"}}]}]}},
 {"type":"send_stdout","settings":{"batch":{"count":4}}}
]}
JSON
python3 - "$WORK" <<'PY'
import sys
work = sys.argv[1]
with open(f"{work}/clean.jsonl", "w") as clean, open(f"{work}/mixed.jsonl", "w") as mixed:
    for n in range(1, 5001):
        parts = [f'{{"n":{n}}}'] + ([f'{{"n":{n},"part":2}}'] if n % 7 == 0 else [])
        line = "|".join(parts)
        clean.write(line + "\n")
        if n == 2345:
            line = f'{{"n":{n},"late":"yes"}}'
        elif n == 3456:
            line = f'{{"n":{n},"bad":"yes"}}'
        elif n % 11 == 0:
            line = f'{{"n":{n},"drop":"yes"}}'
        mixed.write(line + "\n")
PY

same_as_one_thread() {
  local name="$1"
  shift
  run "${name}_1" read "$WORK/threads.json" --threads 1 "$@"
  local rc1=$RC
  run "${name}_3" read "$WORK/threads.json" --threads 3 "$@"
  if [[ $RC -eq $rc1 ]] && cmp -s "$WORK/${name}_1.out" "$WORK/${name}_3.out" &&
    cmp -s "$WORK/${name}_1.err" "$WORK/${name}_3.err" && [[ -s "$WORK/${name}_1.out" ]]; then
    pass "$name (exit $RC, $(wc -l <"$WORK/${name}_3.out") lines)"
  else
    fail "$name: 1 thread exit $rc1, 3 threads exit $RC; stderr $(cat "$WORK/${name}_1.err") / $(cat "$WORK/${name}_3.err"); outputs $(cmp "$WORK/${name}_1.out" "$WORK/${name}_3.out" 2>&1 || true)"
  fi
}

same_as_one_thread clean --file "$WORK/clean.jsonl"
same_as_one_thread mixed --file "$WORK/mixed.jsonl"
# The first error is the earliest line's, wherever it failed: line 2345 after the threaded
# steps, before line 3456 in them.
if grep -q 'line 2345: transform meta_switch (transforms:6): late' "$WORK/mixed_3.err"; then
  pass mixed_first_error
else
  fail "mixed_first_error: $(cat "$WORK/mixed_3.err")"
fi

# A truncated gzip: every line decoded before the read error still goes through.
gzip -c "$WORK/clean.jsonl" >"$WORK/full.gz"
head -c $(($(wc -c <"$WORK/full.gz") / 2)) "$WORK/full.gz" >"$WORK/truncated.gz"
same_as_one_thread truncated --file "$WORK/truncated.gz"
if grep -q 'unexpected EOF' "$WORK/truncated_3.err" && [[ $RC -eq 1 ]]; then
  pass truncated_error
else
  fail "truncated_error: exit $RC, $(cat "$WORK/truncated_3.err")"
fi

# Standard input that is a regular file runs threaded too; the result is the same.
run_stdin stdin_1 "$WORK/mixed.jsonl" read "$WORK/threads.json" --threads 1
run_stdin stdin_3 "$WORK/mixed.jsonl" read "$WORK/threads.json" --threads 3
if cmp -s "$WORK/stdin_1.out" "$WORK/stdin_3.out" && cmp -s "$WORK/mixed_1.out" "$WORK/stdin_3.out"; then
  pass stdin_file
else
  fail "stdin_file: outputs differ"
fi

finish
