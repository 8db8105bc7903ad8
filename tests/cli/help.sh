#!/usr/bin/env bash
# `substation --help` and `substation COMMAND --help`: exit 0, say what the command does, name
# every argument and option (the names users' scripts depend on), and give examples.
source "$(dirname "$0")/lib.bash" "$@"

# COMMAND: its arguments and options, as they must appear in its help.
declare -A OPTIONS=(
  [read]="config --file --http --aws --progress --ext-str"
  [tap]="config --aws-kinesis-data-stream --offset --progress --ext-str"
  [build]="path -R,--recursive --ext-str"
  [fmt]="path -w,--write -R,--recursive"
  [vet]="path -R,--recursive --ext-str"
  [test]="path -R,--recursive --ext-str"
  [play]="--addr --timeout --allow --memory"
  [demo]=""
  [docs]="type --out --check"
  [help]="type"
)

run top --help
if [[ $RC -ne 0 ]]; then
  fail "top: exit code $RC"
else
  missing=""
  for cmd in "${!OPTIONS[@]}"; do
    grep -Eq "^  $cmd +[a-z]" "$WORK/top.out" || missing+=" $cmd"
  done
  if [[ -n "$missing" ]]; then
    fail "top: commands without a summary line:$missing"
  elif ! grep -q '^Examples:$' "$WORK/top.out" || ! grep -Eq '^  substation [a-z]+ ' "$WORK/top.out"; then
    fail "top: no examples: $(cat "$WORK/top.out")"
  elif grep -q 'play-worker' "$WORK/top.out"; then
    fail "top: the internal play-worker command is listed"
  else
    pass "top: every command listed with its summary, examples"
  fi
fi

for cmd in "${!OPTIONS[@]}"; do
  run "$cmd" "$cmd" --help
  if [[ $RC -ne 0 ]]; then
    fail "$cmd: exit code $RC: $(cat "$WORK/$cmd.err")"
    continue
  fi
  out="$WORK/$cmd.out"
  missing=""
  for option in ${OPTIONS[$cmd]}; do
    # Positionals and options are listed one per line, with their description.
    grep -Eq -- "^  ${option}( |\$)" "$out" || missing+=" $option"
  done
  if [[ -n "$missing" ]]; then
    fail "$cmd: help does not list:$missing"
  elif ! grep -q '^Examples:$' "$out" || ! grep -Eq "^  (.*\\| )?substation $cmd( |\$)" "$out"; then
    fail "$cmd: no example: $(cat "$out")"
  elif [[ $(sed -n 2p "$out") != "" || $(wc -l <"$out") -lt 10 ]]; then
    fail "$cmd: no description under the summary: $(head -5 "$out")"
  else
    pass "$cmd --help"
  fi
done

# Options that have a default say what it is.
for pair in "read --file" "read --progress" "tap --offset" "build path" "play --addr" \
  "play --timeout" "play --allow" "play --memory" "vet -R,--recursive"; do
  read -r cmd option <<<"$pair"
  # The description may wrap: the option's line and the next.
  if grep -A1 -E -- "^  ${option}( |\$)" "$WORK/$cmd.out" | grep -q 'default'; then
    pass "$cmd $option: default given"
  else
    fail "$cmd $option: no default in: $(grep -A1 -E -- "^  ${option}" "$WORK/$cmd.out")"
  fi
done

# -h is --help, and a usage error still exits 1.
run short read -h
if [[ $RC -eq 0 ]] && cmp -s "$WORK/short.out" "$WORK/read.out"; then pass "-h"; else fail "-h: exit $RC"; fi
run usage read --no-such-flag
if [[ $RC -eq 1 ]]; then pass "usage error exits 1"; else fail "usage error: exit $RC"; fi

finish
