"""Shared by the Terraform checks: finding the tools, and what to do when one is missing.

A tool is looked up on PATH, then in the tool cache that scripts/install-terraform-tools
fills (~/.cache/substation-tools/bin, or $SUBSTATION_TOOLS_CACHE/bin). A missing tool
skips the check (exit 77, which CTest reports as skipped) and fails it under CI=true.
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path

SKIP = 77


def cache_bin() -> Path:
    root = os.environ.get("SUBSTATION_TOOLS_CACHE") or os.path.join(
        os.path.expanduser("~"), ".cache", "substation-tools")
    return Path(root) / "bin"


def find_tool(name: str):
    found = shutil.which(name)
    if found:
        return found
    candidate = cache_bin() / name
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return str(candidate)
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip(why: str):
    """Reports a check that could not run: skipped locally, a failure under CI=true."""
    if in_ci():
        print(f"FAILED (CI=true): {why}")
        sys.exit(1)
    print(f"SKIPPED: {why} (run scripts/install-terraform-tools)")
    sys.exit(SKIP)


def require_tool(name: str) -> str:
    path = find_tool(name)
    if path is None:
        skip(f"{name} is not on PATH nor in {cache_bin()}")
    return path


def tofu_env() -> dict:
    """OpenTofu with no user CLI configuration, no plugin cache and no checkpoint calls:
    these checks must never reach the network."""
    env = dict(os.environ)
    empty = Path(tempfile.gettempdir()) / "substation-empty.tofurc"
    empty.write_text("")
    env["TF_CLI_CONFIG_FILE"] = str(empty)
    env["CHECKPOINT_DISABLE"] = "1"
    env["TF_IN_AUTOMATION"] = "1"
    env.pop("TF_PLUGIN_CACHE_DIR", None)
    return env


def repo_root(argv) -> Path:
    """--repo DIR, or the checkout this file lives in."""
    if "--repo" in argv:
        return Path(argv[argv.index("--repo") + 1]).resolve()
    return Path(__file__).resolve().parents[2]


def arg(argv, name: str, default=None):
    return argv[argv.index(name) + 1] if name in argv else default
