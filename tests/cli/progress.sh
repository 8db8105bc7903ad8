#!/usr/bin/env bash
# `read --progress`: progress lines and a summary on stderr with the right counts; stdout is
# the same as without it; without the flag (stderr not a terminal) stderr stays empty.
source "$(dirname "$0")/lib.bash" "$@"

# 25000 events of varying length (bounded loop), and a config that prints them; event 2 of
# a second file fails.
awk 'BEGIN { for (i = 1; i <= 25000; i++) printf "{\"n\":%d,\"pad\":\"%s\"}\n", i, substr("xxxxxxxxxx", 1, i % 11) }' \
  >"$WORK/events.jsonl"
EVENTS=25000
BYTES=$(wc -c <"$WORK/events.jsonl")
cat >"$WORK/config.jsonnet" <<'JSONNET'
local sub = std.extVar('sub');
{
  transforms: [
    sub.tf.meta.switch({ cases: [{
      condition: sub.cnd.num.eq({ obj: { src: 'n' }, value: -2 }),
      transforms: [sub.tf.util.err({ message: 'event two' })],
    }] }),
    sub.tf.send.stdout(),
  ],
}
JSONNET

# Without the flag: stdout only, stderr empty.
run plain read "$WORK/config.jsonnet" --file "$WORK/events.jsonl"
if [[ $RC -eq 0 && ! -s "$WORK/plain.err" ]] && cmp -s "$WORK/events.jsonl" "$WORK/plain.out"; then
  pass "plain: stdout the events, stderr empty"
else
  fail "plain: exit $RC, stderr: $(head -c 300 "$WORK/plain.err")"
fi

# With it: the same stdout; the last stderr line is the summary with the exact counts.
run progress read "$WORK/config.jsonnet" --file "$WORK/events.jsonl" --progress
summary=$(tail -n 1 "$WORK/progress.err")
want="^substation read: $EVENTS events in, $BYTES bytes \\([0-9.]+ [KM]iB\\) in [0-9]+\\.[0-9]s, [0-9]+ events/s; exit 0: every event was processed\$"
if [[ $RC -eq 0 ]] && cmp -s "$WORK/plain.out" "$WORK/progress.out" && [[ "$summary" =~ $want ]]; then
  pass "progress: same stdout, summary counts $EVENTS events and $BYTES bytes"
else
  fail "progress: exit $RC, summary: $summary"
fi
# Any line before the summary is a progress line (none is certain on a fast machine), plain
# lines since stderr is not a terminal: no carriage return, no escape sequence.
if grep -vq -E '^substation read: [0-9]+ events? in, [0-9.]+ ([KMGT]i)?B, [0-9]+ events/s$' \
  <(head -n -1 "$WORK/progress.err"); then
  fail "progress: unexpected line: $(head -n -1 "$WORK/progress.err" | head -c 300)"
elif grep -q $'[\r\x1b]' "$WORK/progress.err"; then
  fail "progress: terminal control characters on a file"
else
  pass "progress: plain progress lines"
fi

# A slow pipe: at least one progress line comes while the input waits (its counts are the
# events read so far), then the summary.
mkfifo "$WORK/slow.fifo"
(printf '{"n":1}\n{"n":2}\n'; sleep 3; printf '{"n":4}\n') >"$WORK/slow.fifo" &
run_stdin slow "$WORK/slow.fifo" read --progress
wait
if [[ $RC -eq 0 ]] && grep -qx 'substation read: 2 events in, 16 B, [0-9]* events/s' "$WORK/slow.err" &&
  tail -n 1 "$WORK/slow.err" | grep -q '^substation read: 3 events in, 24 bytes (24 B) in '; then
  pass "slow: progress while waiting, then the summary"
else
  fail "slow: exit $RC, stderr: $(cat "$WORK/slow.err")"
fi

# A failure: the summary says so, then the error, exit 1.
printf '{"n":1}\n{"n":-2}\n{"n":3}\n' >"$WORK/bad.jsonl"
run bad read "$WORK/config.jsonnet" --file "$WORK/bad.jsonl" --progress
if [[ $RC -eq 1 ]] && sed -n '$!p' "$WORK/bad.err" | tail -n 1 |
  grep -q '^substation read: 3 events in, 25 bytes (25 B) in .*; exit 1: failed, the error follows$' &&
  tail -n 1 "$WORK/bad.err" | grep -q '^substation read: .*bad\.jsonl: line 2: .*event two'; then
  pass "bad: summary, then the error"
else
  fail "bad: exit $RC, stderr: $(cat "$WORK/bad.err")"
fi

finish
