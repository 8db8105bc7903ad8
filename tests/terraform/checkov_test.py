#!/usr/bin/env python3
"""checkov over terraform/ and examples/aws/terraform: no failed check.

A check may only be skipped by an inline `#checkov:skip=CKV_...:reason` comment inside the
resource, and every such comment must (1) be listed, with its file, in terraform/README.md
and (2) actually suppress a check checkov ran, so no stale skip survives a fix."""
import json
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import tftools  # noqa: E402

FOLDERS = ["terraform", "examples/aws/terraform"]
SKIP_COMMENT = re.compile(r"#\s*checkov:skip=([A-Z0-9_]+):(.+)")


def inline_skips(repo):
    """(check id, path relative to the repo) of every skip comment, with its reason."""
    found = {}
    for folder in FOLDERS:
        for tf in sorted((repo / folder).rglob("*.tf")):
            if ".terraform" in tf.parts:
                continue
            for line in tf.read_text().splitlines():
                m = SKIP_COMMENT.search(line)
                if m:
                    found[(m.group(1), str(tf.relative_to(repo)))] = m.group(2).strip()
    return found


def run_checkov(checkov, repo, folder):
    # --skip-download: checkov must not fetch guidelines or policies (no network here).
    r = subprocess.run(
        [checkov, "-d", folder, "--framework", "terraform", "--skip-download",
         "-o", "json"],
        cwd=repo, capture_output=True, text=True, timeout=600)
    if r.returncode not in (0, 1):
        print(r.stdout[-3000:] + r.stderr[-3000:])
        raise SystemExit(f"FAILED: checkov exited {r.returncode} on {folder}")
    out = json.loads(r.stdout)
    reports = out if isinstance(out, list) else [out]
    failed, skipped, passed = [], [], 0
    for rep in reports:
        if rep.get("summary", {}).get("parsing_errors", 0):
            raise SystemExit(f"FAILED: checkov could not parse files in {folder}: "
                             f"{rep['results'].get('parsing_errors')}")
        res = rep.get("results", {})
        failed += res.get("failed_checks", [])
        skipped += res.get("skipped_checks", [])
        passed += rep.get("summary", {}).get("passed", 0)
    return passed, failed, skipped


def main() -> int:
    repo = tftools.repo_root(sys.argv)
    checkov = tftools.require_tool("checkov")
    version = subprocess.run([checkov, "--version"], capture_output=True, text=True,
                             timeout=120).stdout.strip()
    errors = []
    used = set()
    total_passed = 0
    for folder in FOLDERS:
        passed, failed, skipped = run_checkov(checkov, repo, folder)
        total_passed += passed
        for f in failed:
            errors.append(f"{folder}: {f['check_id']} ({f['check_name']}) FAILED for "
                          f"{f['resource']} in {f['file_path']}:{f['file_line_range']}")
        for s in skipped:
            # file_path is relative to the scanned folder ("/main.tf", "/../../../terraform/...").
            path = os.path.normpath(os.path.join(folder, s["file_path"].lstrip("/")))
            used.add((s["check_id"], path))
        print(f"{folder}: {passed} passed, {len(failed)} failed, {len(skipped)} skipped")
        if passed == 0:
            errors.append(f"{folder}: checkov ran no check")

    readme = (repo / "terraform" / "README.md").read_text()
    skips = inline_skips(repo)
    for (check, path), reason in sorted(skips.items()):
        if not any(check in line and path in line for line in readme.splitlines()):
            errors.append(f"skip {check} in {path} ({reason}) is not listed in terraform/README.md")
        if (check, path) not in used:
            errors.append(f"skip {check} in {path} suppresses nothing checkov reports: remove it")
    print(f"{version}: {total_passed} checks passed, {len(skips)} inline skips, all documented"
          if not errors else f"{version}")
    for e in errors:
        print("FAILED: " + e)
    print(f"{1 if not errors else 0} passed, {1 if errors else 0} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
