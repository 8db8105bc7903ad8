#!/usr/bin/env bash
# Bench harness: runs `substation read <Wn.json> --file <events>` for the standard workloads
# W1..W5 of ../shared/bench (see its README.md) with our binary and, when installed, the
# reference Go CLI; checks the outputs and prints throughput, wall time and peak RSS.
#
# Ceilings (bench/ceiling, built next to the micro-benchmarks): W1's is a memchr split and
# write, W2's a hand-written simdjson On-Demand splice; their output must equal ours, and
# the `ceil%` column is ours as a percentage of their events/s. The Lambda row runs
# bench/lambda_bench.py: warm Kinesis invocations of 100 records with W2's config, ours
# (build/apps/lambda/bootstrap) against the reference's substation-ref-lambda (next to the
# reference CLI), and `vs read` is its CPU per record over `read`'s on W2.
#
# Ours runs with --threads 1 for the per-core figures, then with its default (a thread per
# CPU for the leading steps that keep no state); `threads` is that run's wall-clock speed-up
# over the single thread, and its output must be the same bytes.
#
# The last rows are CPU per whole run on a one-event input (bench/startup_bench.py): `start`
# with W1's JSON config, `jsonnet` with the five Jsonnet configs (start-up plus compile).
#
# Usage: bench/run.sh [--count N] [--bin PATH] [--reference PATH] [--workloads "W1 W2"]
#                     [--lambda-invocations N] [--startup-runs N] [--repeat N]
#   --count N        zeek_conn events to generate (default 200000; cached under /tmp/bench)
#   --bin PATH       our substation binary (default: $SUBSTATION_BIN, else build/substation)
#   --reference PATH the reference Go binary (default: $REFERENCE_SUBSTATION, else a
#                    `substation` on PATH that is not ours)
#   --lambda-invocations N  warm invocations for the Lambda row (default 1000; 0 skips it)
#   --startup-runs N runs for the start-up row, a fifth of them per Jsonnet config
#                    (default 100; 0 skips both rows)
#   --repeat N       run every `read` (ours, the reference's, the ceilings) and the Lambda
#                    bench N times and keep the fastest: least CPU, or least wall time for
#                    the threaded run, most records/s for each Lambda (default 1). On a
#                    shared VM a neighbour's load only ever adds time, so the fastest of a
#                    few runs is the steadiest figure.
# Not a test: nothing here is registered with CTest.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$REPO/../shared/bench"
COUNT=200000
BIN="${SUBSTATION_BIN:-$REPO/build/substation}"
REF="${REFERENCE_SUBSTATION:-}"
WORKLOADS="W1 W2 W3 W4 W5"
LAMBDA_INVOCATIONS=1000
STARTUP_RUNS=100
REPEAT=1
CACHE=/tmp/bench

while [[ $# -gt 0 ]]; do
  case "$1" in
    --count) COUNT="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --reference) REF="$2"; shift 2 ;;
    --workloads) WORKLOADS="$2"; shift 2 ;;
    --lambda-invocations) LAMBDA_INVOCATIONS="$2"; shift 2 ;;
    --startup-runs) STARTUP_RUNS="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done

[[ -x "$BIN" ]] || { echo "bench: our binary $BIN is missing (build it or pass --bin)" >&2; exit 1; }
[[ -d "$SHARED" ]] || { echo "bench: $SHARED not found" >&2; exit 1; }
if [[ -z "$REF" ]] && command -v substation >/dev/null; then
  candidate="$(command -v substation)"
  [[ "$(readlink -f "$candidate")" != "$(readlink -f "$BIN")" ]] && REF="$candidate"
fi
if [[ -n "$REF" && ! -x "$REF" ]]; then echo "bench: reference $REF is not executable" >&2; exit 1; fi

# Peak RSS and CPU times: GNU time when available, else a tiny Python wrapper.
if [[ -x /usr/bin/time ]]; then
  measure() { /usr/bin/time -f '%e %U %S %M' -o "$1" "${@:2}"; }
else
  measure() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t = time.monotonic(); rc = subprocess.call(cmd); wall = time.monotonic() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(out, 'w').write(f"{wall:.2f} {r.ru_utime:.2f} {r.ru_stime:.2f} {r.ru_maxrss}\n")
sys.exit(rc)
PY
  }
fi

mkdir -p "$CACHE/out"
DATA="$CACHE/zeek_conn_${COUNT}_s1.jsonl"
if [[ ! -s "$DATA" ]]; then
  echo "generating $COUNT zeek_conn events -> $DATA" >&2
  python3 "$SHARED/gen_events.py" --kind zeek_conn --count "$COUNT" --seed 1 >"$DATA.tmp"
  mv "$DATA.tmp" "$DATA"
fi
INPUT_MD5="$(md5sum <"$DATA" | cut -d' ' -f1)"

# measure, REPEAT times, each run writing its standard output to OUT afresh: keeps in STATS
# the figures of the fastest run by KEY (cpu: user + sys; wall).
measure_best() {
  local key="$1" stats="$2" out="$3" k
  for ((k = 0; k < REPEAT; k++)); do
    measure "$stats.try" "${@:4}" >"$out" || { rm -f "$stats.try"; return 1; }
    if [[ "$k" -eq 0 ]] || awk -v key="$key" -v new="$(cat "$stats.try")" -v old="$(cat "$stats")" \
      'BEGIN { split(new, n, " "); split(old, o, " ")
               a = key == "wall" ? n[1] : n[2] + n[3]; b = key == "wall" ? o[1] : o[2] + o[3]
               exit !(a < b) }'; then
      mv "$stats.try" "$stats"
    fi
  done
  rm -f "$stats.try"
}

# Runs one binary on one workload: writes "wall user sys rss_kb" to STATS (the fastest of
# REPEAT runs by KEY), leaves the output file.
run_one() {
  local key="$1" bin="$2" cfg="$3" out="$4" stats="$5"
  if ! measure_best "$key" "$stats" "$out" "$bin" read "$cfg" --file "$DATA" "${@:6}"; then
    echo "bench: $bin failed on $cfg" >&2
    return 1
  fi
}

# Digest of an output as compared: W5 is gunzipped first (compressed bytes differ).
digest() {
  local w="$1" out="$2"
  if [[ "$w" == W5 ]]; then
    python3 "$SHARED/gunzip_members.py" <"$out" | md5sum | cut -d' ' -f1
  else
    md5sum <"$out" | cut -d' ' -f1
  fi
}

eps() { awk -v n="$COUNT" -v u="$1" -v s="$2" 'BEGIN { c = u + s; if (c <= 0) c = 0.001; printf "%.0f", n / c }'; }

BUILD_DIR="$(dirname "$BIN")"
ceiling_bin() {
  case "$1" in
    W1) echo "$BUILD_DIR/bench/ceiling_split_write" ;;
    W2) echo "$BUILD_DIR/bench/ceiling_simdjson_splice" ;;
  esac
}

printf '%-6s | %14s %8s %9s | %14s %8s %9s | %6s | %6s | %7s | %s\n' workload "ours ev/s/core" "wall s" "RSS MB" \
  "ref ev/s/core" "wall s" "RSS MB" ratio "ceil%" "threads" check
status=0
for w in $WORKLOADS; do
  cfg="$SHARED/configs/$w.json"
  ours_out="$CACHE/out/$w.cpp.out"
  # Per core: one thread. Then the default (a thread per CPU for the leading steps that
  # keep no state): its wall-clock speed-up, and its output must be the same bytes.
  run_one cpu "$BIN" "$cfg" "$ours_out" "$CACHE/out/$w.cpp.time" --threads 1 || { status=1; continue; }
  read -r o_wall o_user o_sys o_rss <"$CACHE/out/$w.cpp.time"
  o_eps="$(eps "$o_user" "$o_sys")"
  ours_md5="$(digest "$w" "$ours_out")"
  check="-"
  par="-"
  if run_one wall "$BIN" "$cfg" "$CACHE/out/$w.par.out" "$CACHE/out/$w.par.time"; then
    read -r p_wall _ _ _ <"$CACHE/out/$w.par.time"
    par="$(awk -v a="$o_wall" -v b="$p_wall" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }')"
    if [[ "$(digest "$w" "$CACHE/out/$w.par.out")" != "$ours_md5" ]]; then
      check="$check THREADS-OUTPUT-DIFFERS"
      status=1
    fi
    rm -f "$CACHE/out/$w.par.out"
  else
    status=1
  fi
  case "$w" in
    W1|W5) if [[ "$ours_md5" == "$INPUT_MD5" ]]; then check="output=input"; else check="OUTPUT!=INPUT"; status=1; fi ;;
  esac
  if [[ -n "$REF" ]]; then
    ref_out="$CACHE/out/$w.go.out"
    if run_one cpu "$REF" "$cfg" "$ref_out" "$CACHE/out/$w.go.time"; then
      read -r r_wall r_user r_sys r_rss <"$CACHE/out/$w.go.time"
      r_eps="$(eps "$r_user" "$r_sys")"
      ratio="$(awk -v a="$o_eps" -v b="$r_eps" 'BEGIN { printf "%.2fx", a / b }')"
      if [[ "$(digest "$w" "$ref_out")" == "$ours_md5" ]]; then
        check="$check identical"
      else
        check="$check DIFFERENT"
        status=1
      fi
      r_rss_mb="$(awk -v k="$r_rss" 'BEGIN { printf "%.1f", k / 1024 }')"
      rm -f "$ref_out"
    else
      r_eps="failed"; r_wall="-"; r_rss_mb="-"; ratio="-"; status=1
    fi
  else
    r_eps="reference:"; r_wall="not"; r_rss_mb="installed"; ratio="-"
  fi
  o_rss_mb="$(awk -v k="$o_rss" 'BEGIN { printf "%.1f", k / 1024 }')"
  ceil="-"
  cbin="$(ceiling_bin "$w")"
  if [[ -n "$cbin" && -x "$cbin" ]]; then
    c_out="$CACHE/out/$w.ceiling.out"
    measure_best cpu "$CACHE/out/$w.ceiling.time" "$c_out" "$cbin" "$DATA"
    read -r _ c_user c_sys _ <"$CACHE/out/$w.ceiling.time"
    ceil="$(awk -v a="$o_eps" -v b="$(eps "$c_user" "$c_sys")" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
    if [[ "$(md5sum <"$c_out" | cut -d' ' -f1)" != "$ours_md5" ]]; then
      check="$check CEILING-OUTPUT-DIFFERS"
      status=1
    fi
    rm -f "$c_out"
  fi
  [[ "$w" == W2 ]] && read_w2_eps="$o_eps"
  printf '%-6s | %14s %8s %9s | %14s %8s %9s | %6s | %6s | %7s | %s\n' "$w" "$o_eps" "$o_wall" "$o_rss_mb" \
    "$r_eps" "$r_wall" "$r_rss_mb" "$ratio" "$ceil" "$par" "$check"
  rm -f "$ours_out"
done
# The Lambda row: W2's config in the Kinesis handler, CPU per record of warm invocations.
LAMBDA_BIN="$BUILD_DIR/apps/lambda/bootstrap"
REF_LAMBDA=""
if [[ -n "$REF" && -x "$(dirname "$REF")/substation-ref-lambda" ]]; then
  REF_LAMBDA="$(dirname "$REF")/substation-ref-lambda"
fi
if [[ "$LAMBDA_INVOCATIONS" -gt 0 && -x "$LAMBDA_BIN" ]]; then
  args=(--data "$DATA" --config "$SHARED/configs/W2.json" --bootstrap "$LAMBDA_BIN"
    --invocations "$LAMBDA_INVOCATIONS" --timeout 60)
  [[ -n "$REF_LAMBDA" ]] && args+=(--reference "$REF_LAMBDA")
  # REPEAT runs: the best records/s of each binary (each run checks its outputs).
  lambda_out=""
  lambda_ok=1
  for ((k = 0; k < REPEAT; k++)); do
    if one="$(python3 "$REPO/bench/lambda_bench.py" "${args[@]}")"; then
      lambda_out+="$one"$'\n'
    else
      lambda_ok=0
    fi
  done
  if [[ "$lambda_ok" -eq 1 ]]; then
    best_of() { awk -v name="$1" '$1 == name && $2 > best { best = $2; line = $0 } END { print line }' <<<"$lambda_out"; }
    read -r _ l_eps l_us l_rss < <(best_of ours) || true
    r_eps="reference:"; r_rss_mb="installed"; ratio="-"; lcheck="-"
    if [[ -n "$REF_LAMBDA" ]]; then
      read -r _ r_eps _ r_rss_mb < <(best_of reference) || true
      ratio="$(awk -v a="$l_eps" -v b="$r_eps" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')"
      lcheck="$(grep '^outputs ' <<<"$lambda_out" | cut -d' ' -f2 | sort -u | paste -sd/ -)"
      [[ -z "$lcheck" ]] && lcheck="-"
    fi
    if [[ -n "${read_w2_eps:-}" ]]; then
      lcheck="$lcheck, $(awk -v r="$read_w2_eps" -v l="$l_eps" 'BEGIN { printf "%.1fx read W2 CPU/record", r / l }')"
    fi
    printf '%-6s | %14s %8s %9s | %14s %8s %9s | %6s | %6s | %7s | %s\n' "Lambda" "$l_eps" "-" "$l_rss" \
      "$r_eps" "-" "$r_rss_mb" "$ratio" "-" "-" "$lcheck"
  else
    echo "bench: the Lambda bench failed" >&2
    status=1
  fi
fi
# Start-up and config compile: CPU per whole run on a one-event input, W1's JSON config
# (start-up) and the five Jsonnet configs (compile), with the reference when installed.
if [[ "$STARTUP_RUNS" -gt 0 ]]; then
  ONE="$CACHE/one_event.jsonl"
  head -n 1 "$DATA" >"$ONE"
  printf '\n%-8s | %10s | %10s | %6s\n' "CPU/run" "ours ms" "ref ms" ratio
  for row in start jsonnet; do
    if [[ "$row" == start ]]; then
      cfgs=(--config "$SHARED/configs/W1.json"); runs="$STARTUP_RUNS"
    else
      cfgs=(); for w in W1 W2 W3 W4 W5; do cfgs+=(--config "$SHARED/configs/$w.jsonnet"); done
      runs=$(( (STARTUP_RUNS + 4) / 5 ))
    fi
    bins=("ours=$BIN"); [[ -n "$REF" ]] && bins+=("ref=$REF")
    if s_out="$(python3 "$REPO/bench/startup_bench.py" --runs "$runs" --input "$ONE" "${cfgs[@]}" "${bins[@]}")"; then
      s_ours="$(awk '$1 == "ours" { print $2 }' <<<"$s_out")"
      s_ref="$(awk '$1 == "ref" { print $2 }' <<<"$s_out")"
      s_ratio="$(awk '$1 == "ratio" { print $2 "x" }' <<<"$s_out")"
      printf '%-8s | %10s | %10s | %6s\n' "$row" "$s_ours" "${s_ref:--}" "${s_ratio:--}"
    else
      echo "bench: the $row bench failed" >&2
      status=1
    fi
  done
fi
echo "events: $COUNT zeek_conn ($DATA); ours: $BIN; reference: ${REF:-not installed}"
exit $status
