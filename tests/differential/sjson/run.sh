#!/usr/bin/env bash
# Differential test of the sjson-compatible write engine against tidwall/sjson v1.2.5.
# Usage: run.sh <build-dir> [cases] [seed]
# Needs Go (modules from the Go module proxy) and a built substation_core in <build-dir>.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
build="${1:?build dir}"
n="${2:-100000}"
seed="${3:-1}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$here" && GOFLAGS=-mod=mod go run ./gen -n "$n" -seed "$seed") > "$tmp/cases.tsv"
g++ -std=c++20 -O1 -I"$root" "$here/check.cc" "$build/libsubstation_core.a" -o "$tmp/check"
"$tmp/check" 20 < "$tmp/cases.tsv"
