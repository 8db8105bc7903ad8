#!/usr/bin/env python3
"""Start-up and config-compile cost: the CPU time (user + system, from the kernel's
accounting of finished children) of whole `BIN read CONFIG --file INPUT` runs on a one-event
input, averaged over --runs runs after one warm-up run, for each binary and config.

Prints one line per binary: `NAME MS` (mean CPU milliseconds per run over all configs),
then, with two binaries, `ratio R` (the second's time over the first's).

  startup_bench.py --runs 100 --input one.jsonl --config W1.json ours=BIN ref=BIN2
"""
import argparse
import os
import resource
import subprocess
import sys


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def mean_ms(binary, configs, data, runs):
    total = 0.0
    for config in configs:
        cmd = [binary, "read", config, "--file", data]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=60)
        before = cpu_seconds()
        for _ in range(runs):
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=60)
        total += (cpu_seconds() - before) / runs
    return 1000 * total / len(configs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--input", required=True)
    ap.add_argument("--config", action="append", required=True)
    ap.add_argument("binaries", nargs="+", help="NAME=PATH")
    args = ap.parse_args()
    if not 1 <= args.runs <= 10000:
        sys.exit("startup_bench: --runs must be 1..10000")
    results = []
    for spec in args.binaries:
        name, _, path = spec.partition("=")
        if not os.access(path, os.X_OK):
            sys.exit(f"startup_bench: {path} is not executable")
        ms = mean_ms(path, args.config, args.input, args.runs)
        results.append(ms)
        print(f"{name} {ms:.2f}")
    if len(results) == 2 and results[0] > 0:
        print(f"ratio {results[1] / results[0]:.2f}")


if __name__ == "__main__":
    main()
