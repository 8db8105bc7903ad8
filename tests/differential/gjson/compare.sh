#!/usr/bin/env bash
# Runs generated (json, path) cases through real gjson v1.18.0 and through our engine and
# compares every field of every result. Usage: compare.sh [count] [seed]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=${TMPDIR:-/tmp}/gjson_diff
mkdir -p "$work"
(cd "$here/ref" && GOFLAGS=-mod=mod go build -o "$work/gjson_ref" .)
g++ -std=c++20 -O2 -I"$root" "$root"/core/json/{value,get,scan,modifiers,pretty,valid,encode}.cc \
  "$here/runner.cc" -o "$work/gjson_cpp"
python3 "$here/gen_cases.py" "${1:-20000}" "${2:-1}" > "$work/cases.jsonl"
"$work/gjson_ref" < "$work/cases.jsonl" > "$work/ref.jsonl"
"$work/gjson_cpp" < "$work/cases.jsonl" > "$work/cpp.jsonl"
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
cases = open(w + "/cases.jsonl").read().splitlines()
ref = open(w + "/ref.jsonl").read().splitlines()
cpp = open(w + "/cpp.jsonl").read().splitlines()
assert len(ref) == len(cases) == len(cpp), (len(cases), len(ref), len(cpp))
bad = 0
for c, r, p in zip(cases, ref, cpp):
    if r != p:
        bad += 1
        if bad <= 15:
            rj, pj = json.loads(r), json.loads(p)
            diff = {k: (rj[k], pj[k]) for k in rj if rj[k] != pj.get(k)}
            print("MISMATCH", c[:300], diff)
print("cases: %d  match: %d  mismatch: %d" % (len(cases), len(cases) - bad, bad))
sys.exit(1 if bad else 0)
PY
