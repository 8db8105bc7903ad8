#!/usr/bin/env bash
# AWS send throughput against a local moto: starts `moto_server` on 127.0.0.1 (a free port),
# runs `substation read` with [send_aws_kinesis_data_stream] and [send_aws_s3 with the
# auxiliary aggregate_to_string] over generated zeek_conn events, checks what arrived and
# prints records/s (wall clock) for each. moto is the bottleneck here, so the numbers measure
# the whole loopback round trip, not the send transforms alone.
#
# Usage: bench/aws_moto.sh [--count N] [--bin PATH]
#   --count N   events (default 20000; gen_events.py --kind zeek_conn --seed 1)
#   --bin PATH  our substation binary (default: $SUBSTATION_BIN, else build/substation)
# Needs moto_server and boto3 (pip install "moto[server]" boto3). Not a CTest test.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
GEN="$REPO/../shared/bench/gen_events.py"
COUNT=20000
BIN="${SUBSTATION_BIN:-$REPO/build/substation}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --count) COUNT="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "aws_moto: unknown argument $1" >&2; exit 2 ;;
  esac
done

[[ -x "$BIN" ]] || { echo "aws_moto: binary $BIN is missing (build it or pass --bin)" >&2; exit 1; }
command -v moto_server >/dev/null || { echo "aws_moto: moto_server not installed" >&2; exit 1; }
python3 -c 'import boto3' 2>/dev/null || { echo "aws_moto: boto3 not installed" >&2; exit 1; }

WORK="$(mktemp -d /tmp/aws_moto_bench.XXXXXX)"
MOTO_PID=""
cleanup() {
  if [[ -n "$MOTO_PID" ]]; then kill "$MOTO_PID" 2>/dev/null || true; wait "$MOTO_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
  AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN
for _ in $(seq 1 150); do
  curl -s -o /dev/null "$AWS_ENDPOINT_URL/moto-api/" && break
  sleep 0.2
done
curl -s -o /dev/null "$AWS_ENDPOINT_URL/moto-api/" || { echo "aws_moto: moto did not start" >&2; exit 1; }

python3 "$GEN" --kind zeek_conn --count "$COUNT" --seed 1 >"$WORK/events.jsonl"
python3 - <<'PY'
import boto3
boto3.client("kinesis").create_stream(StreamName="bench-kds", ShardCount=4)
boto3.client("s3").create_bucket(Bucket="bench-s3")
PY

cat >"$WORK/kinesis.json" <<'JSON'
{"transforms":[{"type":"send_aws_kinesis_data_stream","settings":{
  "aws":{"arn":"arn:aws:kinesis:us-east-1:123456789012:stream/bench-kds"}}}]}
JSON
cat >"$WORK/s3.json" <<'JSON'
{"transforms":[{"type":"send_aws_s3","settings":{
  "aws":{"arn":"arn:aws:s3:::bench-s3"},"storage_class":"STANDARD",
  "file_path":{"prefix":"bench","uuid":true,"suffix":".jsonl"},
  "auxiliary_transforms":[{"type":"aggregate_to_string","settings":{"separator":"\n"}}]}}]}
JSON

# Runs one config; prints the wall time in seconds.
run() {
  local cfg="$1" t0 t1
  t0="$(date +%s.%N)"
  "$BIN" read "$cfg" --file "$WORK/events.jsonl" >/dev/null
  t1="$(date +%s.%N)"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

k_wall="$(run "$WORK/kinesis.json")"
s_wall="$(run "$WORK/s3.json")"

# What arrived: Kinesis records over all shards, S3 object lines.
read -r k_got s_got < <(python3 - <<'PY'
import boto3
k = boto3.client("kinesis")
n = 0
for shard in k.list_shards(StreamName="bench-kds")["Shards"]:
    it = k.get_shard_iterator(StreamName="bench-kds", ShardId=shard["ShardId"],
                              ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    for _ in range(10000):
        r = k.get_records(ShardIterator=it, Limit=10000)
        n += len(r["Records"])
        if not r["Records"]:
            break
        it = r["NextShardIterator"]
s3 = boto3.client("s3")
lines = 0
for page in s3.get_paginator("list_objects_v2").paginate(Bucket="bench-s3"):
    for o in page.get("Contents", []):
        lines += len(s3.get_object(Bucket="bench-s3", Key=o["Key"])["Body"].read().splitlines())
print(n, lines)
PY
)

status=0
printf '%-40s %10s %8s %12s %s\n' config records "wall s" "records/s" check
for row in "send_aws_kinesis_data_stream $k_wall $k_got" "send_aws_s3+aggregate_to_string $s_wall $s_got"; do
  read -r name wall got <<<"$row"
  rps="$(awk -v n="$COUNT" -v w="$wall" 'BEGIN { if (w <= 0) w = 0.001; printf "%.0f", n / w }')"
  check="ok"
  if [[ "$got" != "$COUNT" ]]; then check="ARRIVED $got != $COUNT"; status=1; fi
  printf '%-40s %10s %8s %12s %s\n' "$name" "$COUNT" "$wall" "$rps" "$check"
done
exit "$status"
