#!/usr/bin/env bash
# `substation read` input handling: plain, gzip, bzip2 and zstd files, stdin, empty lines,
# CRLF endings, data that is not JSON, binary content, empty files and missing files.
source "$(dirname "$0")/lib.bash" "$@"

# Lines with empty lines, a CRLF line, invalid JSON and no final newline.
printf '{"a":1}\n\n{"b":"two"}\r\nnot json at all {\n\n{"c":[1,2,3]}' >"$WORK/in.txt"
# Every line printed by the default config (send_stdout), '\r' stripped, one '\n' each.
printf '{"a":1}\n\n{"b":"two"}\nnot json at all {\n\n{"c":[1,2,3]}\n' >"$WORK/expected.txt"

run plain read --file "$WORK/in.txt"
expect_ok plain "$WORK/expected.txt"

gzip -c "$WORK/in.txt" >"$WORK/in.gz"
run gzip read --file "$WORK/in.gz"
expect_ok gzip "$WORK/expected.txt"

# Concatenated gzip members are read one after the other.
cat "$WORK/in.gz" "$WORK/in.gz" >"$WORK/twice.gz"
# The first file has no final newline, so its last line joins the second's first.
python3 - "$WORK/in.txt" "$WORK/twice_expected.txt" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read() * 2
lines = data.split(b'\n')
if lines and lines[-1] == b'':
    lines.pop()
out = b''.join(l[:-1] + b'\n' if l.endswith(b'\r') else l + b'\n' for l in lines)
open(sys.argv[2], 'wb').write(out)
PY
run gzip_members read --file "$WORK/twice.gz"
expect_ok gzip_members "$WORK/twice_expected.txt"

bzip2 -c "$WORK/in.txt" >"$WORK/in.bz2"
run bzip2 read --file "$WORK/in.bz2"
expect_ok bzip2 "$WORK/expected.txt"

if command -v zstd >/dev/null; then
  zstd -q -c "$WORK/in.txt" >"$WORK/in.zst"
  run zstd read --file "$WORK/in.zst"
  expect_ok zstd "$WORK/expected.txt"
else
  echo "skip: zstd (the zstd tool is not installed)"
fi

# Snappy framing format: a stored chunk, then a compressed chunk that uses a back-reference.
python3 - "$WORK/in.txt" "$WORK/in.sz" <<'PY'
import struct, sys
def crc32c(b):
    c = 0xFFFFFFFF
    for x in b:
        c ^= x
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
    return c ^ 0xFFFFFFFF
def masked(b):
    c = crc32c(b)
    return (((c >> 15) | (c << 17)) + 0xA282EAD8) & 0xFFFFFFFF
def chunk(t, body):
    return bytes([t]) + struct.pack('<I', len(body))[:3] + body
data = open(sys.argv[1], 'rb').read()
first, rest = data[:10], data[10:]
# rest = literal(rest) followed by a copy of its first 4 bytes (copy1, offset len(rest)).
assert 0 < len(rest) < 60 and len(rest) < 2048
block = bytes([len(rest) + 4]) + bytes([(len(rest) - 1) << 2]) + rest
block += bytes([0x01 | ((len(rest) >> 8) << 5), len(rest) & 0xFF])
plain = rest + rest[:4]
out = chunk(0xFF, b'sNaPpY') + chunk(0x01, struct.pack('<I', masked(first)) + first)
out += chunk(0xFE, b'padding') + chunk(0x00, struct.pack('<I', masked(plain)) + block)
open(sys.argv[2], 'wb').write(out)
open(sys.argv[2] + '.expected', 'wb').write(
    b''.join(l.rstrip(b'\r') + b'\n' for l in (first + plain).split(b'\n')))
PY
run snappy read --file "$WORK/in.sz"
expect_ok snappy "$WORK/in.sz.expected"

run_stdin stdin "$WORK/in.txt" read
expect_ok stdin "$WORK/expected.txt"

run_stdin stdin_gzip "$WORK/in.gz" read
expect_ok stdin_gzip "$WORK/expected.txt"

# Binary content is one message: the whole file, then send_stdout's newline.
printf 'PK\003\004\000\001binary\nstuff\000' >"$WORK/bin.dat"
{ cat "$WORK/bin.dat"; printf '\n'; } >"$WORK/bin.expected"
run binary read --file "$WORK/bin.dat"
expect_ok binary "$WORK/bin.expected"

# An empty file gives no output at all and, as in v2.8, exit code 1 (its content type
# cannot be detected); empty stdin is just no input.
: >"$WORK/empty.txt"
run empty read --file "$WORK/empty.txt"
expect_error empty 'empty\.txt: media file: EOF$'
if [[ ! -s "$WORK/empty.out" ]]; then pass "empty: no output"; else fail "empty: output"; fi
run_stdin empty_stdin "$WORK/empty.txt" read
expect_ok empty_stdin "$WORK/empty.txt"

# A lone newline is one empty line.
printf '\n' >"$WORK/newline.txt"
run newline read --file "$WORK/newline.txt"
expect_ok newline "$WORK/newline.txt"

# A JSON config that passes messages through.
cat >"$WORK/stdout.json" <<'JSON'
{"transforms":[{"type":"send_stdout","settings":{"batch":{"count":1}}}]}
JSON
run json_config read "$WORK/stdout.json" --file "$WORK/in.txt"
expect_ok json_config "$WORK/expected.txt"

# The same config in Jsonnet, with an external variable.
cat >"$WORK/stdout.jsonnet" <<'JSONNET'
local sub = std.extVar('sub');
local count = std.parseInt(std.extVar('count'));
{ transforms: [sub.tf.send.stdout({ batch: { count: count } })] }
JSONNET
run jsonnet_config read "$WORK/stdout.jsonnet" --file "$WORK/in.txt" --ext-str count=2
expect_ok jsonnet_config "$WORK/expected.txt"

run missing read --file "$WORK/does-not-exist.txt"
expect_error missing "invalid file: .*does-not-exist.txt"

finish
