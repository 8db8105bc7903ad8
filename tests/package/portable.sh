#!/usr/bin/env bash
# The portable tarball (label package; cmake/package_portable.cmake): it unpacks to one
# directory with the launcher, the binary, the libraries, the docs and the examples; its
# command line runs from a bare environment, through a symlink and from any directory; and
# nothing in it uses the host's glibc.
#
# No older-glibc userland is at hand here (no container images can be pulled), so instead
# of running on one, the check is structural: the launcher is a POSIX shell script; every
# ELF file in the tarball needs no GLIBC_ symbol version beyond what the bundled glibc
# defines; the bundled loader resolves every library inside lib/; and at run time (LD_DEBUG)
# every object loaded comes from the tarball. An ELF started by the host's loader would be
# held to the host's glibc (<= 2.34 for Amazon Linux 2023); here there is none.
# Usage: portable.sh <tarball> <source-dir>
set -euo pipefail
TARBALL="${1:?tarball}"
SOURCE="${2:?source dir}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/substation-portable-test.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
FAILURES=0
check() {  # check NAME COMMAND...
  local name="$1"
  shift
  if "$@" >"$WORK/out" 2>&1; then echo "ok: $name"; else
    echo "FAIL: $name: $(head -c 600 "$WORK/out")" >&2
    FAILURES=$((FAILURES + 1))
  fi
}

name="$(basename "$TARBALL" .tar.gz)"
check "tarball named substation-<version>-linux-<arch>" \
  bash -c "[[ '$name' =~ ^substation-[0-9]+\.[0-9]+\.[0-9]+-linux-(x86_64|aarch64)$ ]]"
# Unpacked under a path with a space, to catch unquoted paths in the launcher.
mkdir -p "$WORK/un packed"
tar -xzf "$TARBALL" -C "$WORK/un packed"
root="$WORK/un packed/$name"
check "one top-level directory" test "$(ls "$WORK/un packed")" = "$name"
for f in bin/substation libexec/substation share/substation/substation.libsonnet \
  share/doc/substation/README.md share/doc/substation/guide.md \
  share/doc/substation/compatibility.md share/doc/substation/reference/README.md \
  share/doc/substation/examples/normalize/config.jsonnet; do
  check "has $f" test -f "$root/$f"
done
check "launcher is a POSIX shell script" bash -c "head -1 '$root/bin/substation' | grep -qx '#!/bin/sh'"
loader="$(cd "$root/lib" && ls ld-linux-*.so.* 2>/dev/null | head -1)"
check "bundles the dynamic loader" test -n "$loader"
check "bundles glibc" test -f "$root/lib/libc.so.6"

# Every ELF's GLIBC_ requirements against the GLIBC_ versions the bundled libc defines.
elf_check() {
  local defined max_defined worst="" worst_file="" f v
  defined="$(objdump -T "$root/lib/libc.so.6" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV)"
  max_defined="$(tail -1 <<<"$defined")"
  while IFS= read -r -d '' f; do
    head -c 4 "$f" | grep -q $'\x7fELF' || continue
    for v in $(objdump -T "$f" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV); do
      if ! grep -qx "$v" <<<"$defined"; then
        echo "$f needs $v, which the bundled libc ($max_defined) does not define"
        return 1
      fi
    done
    v="$(objdump -T "$f" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tail -1)"
    if [[ -n "$v" && "$(printf '%s\n%s\n' "$worst" "$v" | sort -V | tail -1)" == "$v" ]]; then
      worst="$v" worst_file="$f"
    fi
  done < <(find "$root" -type f -print0)
  echo "bundled glibc: $max_defined; the most any ELF needs: $worst ($(basename "$worst_file"))"
}
check "no ELF needs a GLIBC_ version the bundled glibc lacks" elf_check
echo "   $(cat "$WORK/out")"
check "the bundled loader resolves everything in lib/" bash -c "
  '$root/lib/$loader' --list --library-path '$root/lib' '$root/libexec/substation' >'$WORK/list'
  ! grep -v -e '$root/lib/' -e 'linux-vdso' '$WORK/list'"

# Runs with nothing but PATH set, from another directory and through a symlink on PATH.
ex="$root/share/doc/substation/examples/normalize"
check "substation demo" bash -c "cd / && env -i PATH=/usr/bin:/bin '$root/bin/substation' demo >'$WORK/demo'"
check "demo prints events" bash -c "grep -q '{' '$WORK/demo'"
check "substation read runs the example" bash -c \
  "cd '$WORK' && env -i PATH=/usr/bin:/bin '$root/bin/substation' read '$ex/config.jsonnet' --file '$ex/data.jsonl' | cmp - '$ex/expected.jsonl'"
printf '{"a":1}\n{"b":"x"}\n' >"$WORK/small.jsonl"
check "substation read without a config prints its input" bash -c \
  "env -i PATH=/usr/bin:/bin '$root/bin/substation' read --file '$WORK/small.jsonl' | cmp - '$WORK/small.jsonl'"
mkdir -p "$WORK/path"
ln -s "$root/bin/substation" "$WORK/path/substation"
check "runs through a symlink on PATH" bash -c \
  "cd / && env -i PATH='$WORK/path:/usr/bin:/bin' substation read '$ex/config.jsonnet' --file '$ex/data.jsonl' | cmp - '$ex/expected.jsonl'"
check "usage names the program substation" bash -c \
  "env -i PATH=/usr/bin:/bin '$root/bin/substation' --help | grep -qi substation"

# The playground runs each request in a worker it starts as a new process: through the
# launcher, since under the bundled loader /proc/self/exe is the loader.
check "substation play (tests/cli/play.sh)" bash "$SOURCE/tests/cli/play.sh" "$root/bin/substation" "$SOURCE"

# At run time every object the process initialises (its libraries, glibc, and anything
# dlopen'd, such as NSS modules) comes from the tarball: LD_DEBUG=files lists them. The
# launcher's /bin/sh writes to the same file first (exec keeps the pid), up to its own
# "transferring control" line.
check "loads nothing from the host" bash -c "
  env -i PATH=/usr/bin:/bin LD_DEBUG=files LD_DEBUG_OUTPUT='$WORK/ld' \\
    '$root/bin/substation' read '$ex/config.jsonnet' --file '$ex/data.jsonl' >/dev/null
  sed -n '/transferring control:/,\\\$p' '$WORK'/ld.* | sed -n 's/.*calling init: //p' >'$WORK/inits'
  grep -qx '$root/lib/libc.so.6' '$WORK/inits'
  ! grep -v -e '^$root/' '$WORK/inits'"

# libcurl is opened on first use, not at start (services/http/curl_library.h): a read over
# HTTP must find it, and all it needs, in lib/ too. The server is Python's, on loopback.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$WORK" >/dev/null 2>&1 &
http_pid=$!
for _ in $(seq 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done
check "substation read --http loads libcurl from the tarball" bash -c "
  env -i PATH=/usr/bin:/bin LD_DEBUG=files LD_DEBUG_OUTPUT='$WORK/ldh' \
    '$root/bin/substation' read --http 'http://127.0.0.1:$port/small.jsonl' | cmp - '$WORK/small.jsonl'
  sed -n '/transferring control:/,\\\$p' '$WORK'/ldh.* | sed -n 's/.*calling init: //p' >'$WORK/inits-http'
  grep -qx '$root/lib/libcurl.so.4' '$WORK/inits-http'
  ! grep -v -e '^$root/' '$WORK/inits-http'"
kill "$http_pid" 2>/dev/null || true
wait "$http_pid" 2>/dev/null || true

if [[ $FAILURES -ne 0 ]]; then echo "$FAILURES check(s) failed" >&2; exit 1; fi
echo "all checks passed"
