#!/usr/bin/env bash
# `cmake --install` and `cpack` (label package): the installed tree has the command line,
# the library, the docs and the examples, and runs from there; the .deb declares its
# library dependencies and unpacks to a binary that runs.
# Usage: check.sh <build-dir> <source-dir>
set -euo pipefail
BUILD="${1:?build dir}"
SOURCE="${2:?source dir}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/substation-package-test.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
FAILURES=0
check() {  # check NAME COMMAND...
  local name="$1"
  shift
  if "$@" >"$WORK/out" 2>&1; then echo "ok: $name"; else
    echo "FAIL: $name: $(head -c 400 "$WORK/out")" >&2
    FAILURES=$((FAILURES + 1))
  fi
}

cmake --install "$BUILD" --prefix "$WORK/prefix" >/dev/null
check "installed binary" test -x "$WORK/prefix/bin/substation"
check "installed library" test -f "$WORK/prefix/share/substation/substation.libsonnet"
check "installed guide" test -f "$WORK/prefix/share/doc/substation/guide.md"
check "installed reference" test -f "$WORK/prefix/share/doc/substation/reference/README.md"
ex="$WORK/prefix/share/doc/substation/examples/normalize"
check "installed example runs" bash -c \
  "'$WORK/prefix/bin/substation' read '$ex/config.jsonnet' --file '$ex/data.jsonl' | cmp - '$ex/expected.jsonl'"

if command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null; then
  (cd "$WORK" && cpack --config "$BUILD/CPackConfig.cmake" -G DEB -B "$WORK/pkg" >/dev/null)
  deb="$(ls "$WORK"/pkg/substation_*.deb)"
  check ".deb depends on the shared libraries" bash -c "dpkg-deb -f '$deb' Depends | grep -q libjsonnet"
  check ".deb depends on libcurl (opened on first use)" bash -c "dpkg-deb -f '$deb' Depends | grep -q libcurl4"
  dpkg-deb -x "$deb" "$WORK/unpacked"
  check ".deb binary runs" "$WORK/unpacked/usr/bin/substation" docs object_copy
else
  echo "skipped: the .deb (dpkg-deb or dpkg-shlibdeps missing)"
fi
if [[ $FAILURES -ne 0 ]]; then echo "$FAILURES check(s) failed" >&2; exit 1; fi
echo "all checks passed"
