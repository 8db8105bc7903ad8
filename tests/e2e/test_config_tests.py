#!/usr/bin/env python3
"""The configs' own `tests` (substation test -R examples/aws/config), run the way
`examples/aws/local/run test-configs` runs them: every AWS call a config makes goes to a
local moto holding the pipeline's resources (and the processor's Lambda call to the real
enrichment function under the emulator), never to AWS. Every config must have tests and
pass them.

    test_config_tests.py --bootstrap B --substation S"""
import os
import subprocess

import e2e_support as e2e
from localpipe import pipeline


def main():
    args = e2e.parse(__doc__)
    bins = e2e.binaries_or_skip(args, "bootstrap", "substation")

    def test(workdir):
        with pipeline.LocalPipeline(bins, workdir, log=lambda *_: None) as pipe:
            env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
            env.update(pipe.function_env())
            config_dir = os.path.join(pipe.t.example_dir, "config")
            r = subprocess.run([bins.substation, "test", "-R", config_dir], env=env,
                               capture_output=True, text=True, timeout=300)
            print(r.stdout + r.stderr)
            e2e.check(r.returncode == 0, "substation test exits 0")
            passed = [ln.split("\t")[1] for ln in r.stdout.splitlines() if ln.startswith("ok\t")]
            for key, fn in pipe.t.functions.items():
                path = os.path.join(pipe.t.example_dir, fn["config"])
                e2e.check(any(os.path.samefile(p, path) for p in passed if os.path.exists(p)),
                          f"{fn['config']}: has tests and passes them")
            e2e.check("FAIL" not in r.stdout and "[no tests]" not in r.stdout,
                      "no config failed or went untested")

    e2e.run(test, args, limit_s=300)


if __name__ == "__main__":
    main()
