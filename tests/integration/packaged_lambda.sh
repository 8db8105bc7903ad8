#!/usr/bin/env bash
# Runs the Lambda emulator tests (LambdaRie*) against a packaged bootstrap instead of the
# build's own binary: the staged tree of a lambda_zip package, as Lambda unpacks it.
#   packaged_lambda.sh <integration_tests> <staging dir> [qemu-aarch64]
# With qemu, the arm64 package's loader, libraries and binary run under user-mode emulation
# (the staged `bootstrap` script would exec the arm64 loader directly, which an x86_64 host
# cannot do without binfmt_misc). Exit 77 (skipped) when the package is not built, except
# under CI=true, where that is a failure.
set -euo pipefail
tests="$1" staging="$2" qemu="${3:-}"
if [ ! -x "$staging/bootstrap" ]; then
  if [ "${CI:-}" = true ]; then
    echo "FAIL: no packaged bootstrap at $staging (CI=true)" >&2
    exit 1
  fi
  echo "skipped: no packaged bootstrap at $staging (build lambda_zip, or scripts/build-arm64)"
  exit 77
fi
if [ -n "$qemu" ]; then
  tmp=$(mktemp -d /tmp/sub-packaged-XXXXXX)
  trap 'rm -rf "$tmp"' EXIT
  loader=$(cd "$staging/lib" && ls ld-linux-*)
  cat >"$tmp/bootstrap" <<WRAPPER
#!/bin/sh
export ZONEINFO="$staging/share/zoneinfo"
exec "$qemu" "$staging/lib/$loader" --library-path "$staging/lib" "$staging/bin/substation" "\$@"
WRAPPER
  chmod +x "$tmp/bootstrap"
  export SUBSTATION_LAMBDA_BOOTSTRAP="$tmp/bootstrap"
else
  export SUBSTATION_LAMBDA_BOOTSTRAP="$staging/bootstrap"
fi
echo "bootstrap under test: $SUBSTATION_LAMBDA_BOOTSTRAP"
"$tests" --gtest_filter='LambdaRie*' --gtest_brief=1
