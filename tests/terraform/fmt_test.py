#!/usr/bin/env python3
"""`tofu fmt -check -recursive` over terraform/ and examples/aws/terraform: every .tf file
must already be in OpenTofu's canonical format."""
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import tftools  # noqa: E402

FOLDERS = ["terraform", "examples/aws/terraform"]


def main() -> int:
    repo = tftools.repo_root(sys.argv)
    tofu = tftools.require_tool("tofu")
    version = subprocess.run([tofu, "version"], capture_output=True, text=True,
                             env=tftools.tofu_env(), timeout=60).stdout.splitlines()[0]
    files = sorted(p for f in FOLDERS for p in (repo / f).rglob("*.tf") if ".terraform" not in p.parts)
    if not files:
        print("FAILED: no .tf files found under " + ", ".join(FOLDERS))
        return 1
    failed = 0
    for folder in FOLDERS:
        r = subprocess.run([tofu, "fmt", "-check", "-recursive", "-diff", folder], cwd=repo,
                           capture_output=True, text=True, env=tftools.tofu_env(), timeout=120)
        if r.returncode != 0:
            failed += 1
            print(f"FAILED: {folder} is not formatted (tofu fmt -recursive {folder} fixes it):")
            print(r.stdout + r.stderr)
        else:
            print(f"ok: {folder}")
    print(f"{version}: {len(files)} files in {len(FOLDERS)} folders checked")
    print(f"{len(FOLDERS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
