# Shared helpers of the CLI tests: sourced by tests/cli/*.sh (not a test itself).
# Usage in a test: source "$(dirname "$0")/lib.bash" "$@"
set -euo pipefail

SUBSTATION="${1:?usage: $0 <substation-binary> <source-dir>}"
SOURCE_DIR="${2:?usage: $0 <substation-binary> <source-dir>}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/substation-cli-test.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
FAILURES=0

fail() {
  echo "FAIL: $*" >&2
  FAILURES=$((FAILURES + 1))
}

pass() {
  echo "ok: $*"
}

# run NAME ARGS...: runs the binary with a time limit, capturing stdout, stderr and the
# exit code in $WORK/NAME.{out,err} and $RC.
run() {
  local name="$1"
  shift
  set +e
  timeout 120 "$SUBSTATION" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  RC=$?
  set -e
}

# run_stdin NAME INPUT-FILE ARGS...
run_stdin() {
  local name="$1" input="$2"
  shift 2
  set +e
  timeout 120 "$SUBSTATION" "$@" <"$input" >"$WORK/$name.out" 2>"$WORK/$name.err"
  RC=$?
  set -e
}

# expect_ok NAME EXPECTED-FILE: exit 0, empty stderr, stdout byte-identical to the file.
expect_ok() {
  local name="$1" expected="$2"
  if [[ $RC -ne 0 ]]; then
    fail "$name: exit code $RC, stderr: $(head -c 300 "$WORK/$name.err")"
  elif ! cmp -s "$expected" "$WORK/$name.out"; then
    fail "$name: output differs from expected"
    diff <(od -c "$expected" | head -20) <(od -c "$WORK/$name.out" | head -20) >&2 || true
  else
    pass "$name"
  fi
}

# expect_error NAME PATTERN: non-zero exit (not a crash), exactly one stderr line that
# matches the extended regex PATTERN.
expect_error() {
  local name="$1" pattern="$2"
  local lines
  lines=$(wc -l <"$WORK/$name.err")
  if [[ $RC -eq 0 ]]; then
    fail "$name: expected a non-zero exit code"
  elif [[ $RC -ge 124 ]]; then
    fail "$name: exit code $RC (timeout or signal)"
  elif [[ $lines -ne 1 ]]; then
    fail "$name: expected one line on stderr, got $lines: $(head -c 500 "$WORK/$name.err")"
  elif ! grep -Eq -- "$pattern" "$WORK/$name.err"; then
    fail "$name: stderr does not match /$pattern/: $(cat "$WORK/$name.err")"
  else
    pass "$name ($(cat "$WORK/$name.err"))"
  fi
}

# expect_jsonnet_error NAME PATTERN: non-zero exit (not a crash); the first stderr line
# matches the extended regex PATTERN and is followed by the excerpt of the line in error
# (`    N | <source>`) with a caret under the column (`      |    ^`).
expect_jsonnet_error() {
  local name="$1" pattern="$2"
  if [[ $RC -eq 0 || $RC -ge 124 ]]; then
    fail "$name: exit code $RC"
  elif ! head -n 1 "$WORK/$name.err" | grep -Eq -- "$pattern"; then
    fail "$name: first stderr line does not match /$pattern/: $(cat "$WORK/$name.err")"
  elif ! sed -n 2p "$WORK/$name.err" | grep -Eq '^ +[0-9]+ \| ' ||
    ! sed -n 3p "$WORK/$name.err" | grep -Eq '^ +\| *\^'; then
    fail "$name: no source excerpt with a caret under the error: $(cat "$WORK/$name.err")"
  else
    pass "$name"
  fi
}

finish() {
  if [[ $FAILURES -ne 0 ]]; then
    echo "$FAILURES check(s) failed" >&2
    exit 1
  fi
  echo "all checks passed"
}
