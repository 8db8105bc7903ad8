#!/usr/bin/env bash
# `substation read` when something fails, as v2.8 behaves (and so that nothing is lost
# unreported): a failing message does not stop the others, everything decoded before a read
# error still goes through, `batch.count: 1` means one item per batch, a quiet pipe gets its
# output flushed, and SIGTERM flushes every batch before exiting.
source "$(dirname "$0")/lib.bash" "$@"

# A transform failure: the later lines still run (the batch of two that fills with n4 and
# n5 is printed when n6 comes), the final control message is skipped (n6 and n7 stay in
# their batch, as in v2.8), the exit code is 1 with the first error.
cat >"$WORK/fail.json" <<'JSON'
{"transforms":[
 {"type":"meta_switch","settings":{"cases":[{"condition":{"type":"string_equal_to","settings":{"object":{"source_key":"bad"},"value":"yes"}},"transforms":[{"type":"utility_err","settings":{"message":"boom"}}]}]}},
 {"type":"send_stdout","settings":{"batch":{"count":2}}}
]}
JSON
printf '{"n":1}\n{"n":2}\n{"n":3,"bad":"yes"}\n{"n":4}\n{"n":5}\n{"n":6}\n{"n":7}\n{"n":8,"bad":"yes"}\n' >"$WORK/fail.jsonl"
printf '{"n":1}\n{"n":2}\n{"n":4}\n{"n":5}\n' >"$WORK/fail.expected"
run failing_message read "$WORK/fail.json" --file "$WORK/fail.jsonl"
if [[ $RC -eq 1 ]] && cmp -s "$WORK/fail.expected" "$WORK/failing_message.out" &&
  grep -q 'fail.jsonl: line 3: transform meta_switch (transforms:1): boom' "$WORK/failing_message.err"; then
  pass failing_message
else
  fail "failing_message: exit $RC, out: $(head -c 200 "$WORK/failing_message.out"), err: $(cat "$WORK/failing_message.err")"
fi

# A failure that only the final control message can cause (send_file writes its batch there,
# and a regular file stands where its directory should be) names the step and its position
# as a data error does, top-level and nested alike, so that of two send_file steps the
# failing one is known.
printf 'x' >"$WORK/not_a_dir"
printf '{"n":1}\n{"n":2}\n' >"$WORK/two.jsonl"
cat >"$WORK/flush.json" <<JSON
{"transforms":[
 {"type":"send_file","settings":{"file_path":{"prefix":"$WORK/flushed"}}},
 {"type":"send_file","settings":{"file_path":{"prefix":"$WORK/not_a_dir/out"}}}
]}
JSON
run control_failure read "$WORK/flush.json" --file "$WORK/two.jsonl"
expect_error control_failure \
  "^substation read: [^ ]*two.jsonl: transform send_file \(transforms:2\): .*not_a_dir.*Not a directory$"
cat >"$WORK/flush_nested.json" <<JSON
{"transforms":[
 {"type":"object_copy","settings":{"object":{"source_key":"n","target_key":"m"}}},
 {"type":"meta_switch","settings":{"cases":[
  {"condition":{"type":"number_greater_than","settings":{"object":{"source_key":"n"},"value":5}},
   "transforms":[{"type":"send_stdout"}]},
  {"transforms":[{"type":"send_file","settings":{"id":"sink","file_path":{"prefix":"$WORK/not_a_dir/out"}}}]}
 ]}}
]}
JSON
run control_failure_nested read "$WORK/flush_nested.json" --file "$WORK/two.jsonl"
expect_error control_failure_nested \
  "^substation read: [^ ]*two.jsonl: transform meta_switch \(transforms:2\): transform sink \(cases\[1\]\.transforms\[0\]\): .*not_a_dir.*Not a directory$"

# batch.count 1 and batch.size 1 are limits, not "use the default" (v2.8 replaces only
# values below 1).
printf '{"transforms":[{"type":"aggregate_to_array","settings":{"batch":{"count":1}}},{"type":"send_stdout"}]}' >"$WORK/count1.json"
printf '{"a":1}\n{"a":2}\n{"a":3}\n' >"$WORK/three.jsonl"
printf '[{"a":1}]\n[{"a":2}]\n[{"a":3}]\n' >"$WORK/count1.expected"
run count_one read "$WORK/count1.json" --file "$WORK/three.jsonl"
expect_ok count_one "$WORK/count1.expected"

# A truncated archive: every line decoded before the cut goes through (the unfinished last
# one too), then the control message (the batch of 1000 is flushed), then exit 1. Python's
# decoders say how much can be decoded.
printf '{"transforms":[{"type":"send_stdout","settings":{"batch":{"count":1000}}}]}' >"$WORK/batch.json"
python3 - "$WORK" <<'PY'
import bz2, gzip, subprocess, sys, zlib
work = sys.argv[1]
import random
random.seed(7)  # pads that do not compress away, so the archives have several blocks
lines = "".join('{"n":%d,"pad":"%s"}\n' % (i, "%x" % random.getrandbits(4 * (1 + i % 97)))
                for i in range(30000)).encode()
cut = {}
data = gzip.compress(lines)
cut["gz"] = data[: len(data) * 2 // 3]
data = bz2.compress(lines)
cut["bz2"] = data[: len(data) * 2 // 3]
for ext, blob in cut.items():
    open("%s/cut.%s" % (work, ext), "wb").write(blob)
# What each decoder can give from the cut file.
d = zlib.decompressobj(16 + zlib.MAX_WBITS)
open(work + "/cut.gz.decodable", "wb").write(d.decompress(cut["gz"]))
d = bz2.BZ2Decompressor()
open(work + "/cut.bz2.decodable", "wb").write(d.decompress(cut["bz2"]))
try:
    z = subprocess.run(["zstd", "-q", "-c", "-"], input=lines, capture_output=True, check=True).stdout
    open(work + "/cut.zst", "wb").write(z[: len(z) * 2 // 3])
except (OSError, subprocess.CalledProcessError):
    pass
PY
for ext in gz bz2 zst; do
  [[ -f "$WORK/cut.$ext" ]] || { echo "skipped: cut_$ext (no zstd command)"; continue; }
  run "cut_$ext" read "$WORK/batch.json" --file "$WORK/cut.$ext"
  if [[ -f "$WORK/cut.$ext.decodable" ]]; then
    # Every complete line the decoder can give, in order, is in the output.
    head -n "$(grep -c '' <(sed '$d' "$WORK/cut.$ext.decodable"))" "$WORK/cut.$ext.decodable" >"$WORK/cut.$ext.lines"
    got=$(head -c "$(stat -c %s "$WORK/cut.$ext.lines")" "$WORK/cut_$ext.out" | cmp -s - "$WORK/cut.$ext.lines" && echo yes)
  else
    got=$( [[ $(wc -l <"$WORK/cut_$ext.out") -gt 1000 ]] && echo yes)
  fi
  if [[ $RC -eq 1 && "$got" == yes ]] && grep -q "unexpected EOF" "$WORK/cut_$ext.err"; then
    pass "cut_$ext ($(wc -l <"$WORK/cut_$ext.out") lines, exit 1)"
  else
    fail "cut_$ext: exit $RC, $(wc -l <"$WORK/cut_$ext.out") lines, err: $(cat "$WORK/cut_$ext.err")"
  fi
done

# A pipe that stays open: output comes as lines do, and SIGTERM flushes the pending batch.
python3 - "$SUBSTATION" "$WORK" <<'PY' || FAILURES=$((FAILURES + 1))
import os, select, signal, subprocess, sys, time
binary, work = sys.argv[1], sys.argv[2]
failed = False

def wait_for(proc, want, seconds):
    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end and out.count(b"\n") < want:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
    return out

# Default config (one line per batch): lines show up while the pipe is still open.
p = subprocess.Popen([binary, "read"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
p.stdin.write(b'{"a":1}\n{"a":2}\n{"a":3}\n')
p.stdin.flush()
out = wait_for(p, 2, 10)
print(("ok" if out.count(b"\n") >= 2 else "FAIL") + ": pipe flush (%d lines before EOF)" % out.count(b"\n"))
failed |= out.count(b"\n") < 2
p.stdin.close()
p.wait(10)

# SIGTERM: the batch of 1000 that has not filled is flushed, exit 0.
p = subprocess.Popen([binary, "read", work + "/batch.json"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
p.stdin.write(b"".join(b'{"n":%d}\n' % i for i in range(10)))
p.stdin.flush()
time.sleep(0.5)
p.send_signal(signal.SIGTERM)
try:
    out, _ = p.communicate(timeout=10)
    rc = p.returncode
except subprocess.TimeoutExpired:
    p.kill()
    out, rc = b"", "hung"
ok = rc == 0 and out.count(b"\n") == 10
print(("ok" if ok else "FAIL") + ": sigterm flush (exit %s, %d lines)" % (rc, out.count(b"\n")))
failed |= not ok
sys.exit(1 if failed else 0)
PY

finish
