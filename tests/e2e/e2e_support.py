"""What the e2e tests share: their command line, skipping when a tool is missing, a time
limit, and the local pipeline of examples/aws/local.

Every test takes the binaries of the build (CMake passes $<TARGET_FILE:...>):
    test_x.py --bootstrap B --substation S [--autoscale A] [--validate V] [--events N]
Exit 0 passed, 1 failed, 77 skipped (moto or aws-lambda-rie missing; under CI=true that is
a failure instead)."""
import argparse
import os
import signal
import sys
import tempfile
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "examples", "aws", "local"))

from localpipe import pipeline as pipeline_mod  # noqa: E402

SKIP = 77


class Failure(Exception):
    pass


def check(condition, what):
    """Asserts `condition`; the message says what should have held."""
    if not condition:
        raise Failure(what)
    print(f"  ok: {what}", flush=True)


def parse(description, events_default=None, extra=None):
    p = argparse.ArgumentParser(description=description)
    for name in ("bootstrap", "substation", "autoscale", "validate"):
        p.add_argument(f"--{name}")
    if events_default is not None:
        p.add_argument("--events", type=int, default=events_default)
    p.add_argument("--keep-workdir", action="store_true",
                   help="keep the logs and built configs (printed at the end)")
    if extra:
        extra(p)
    return p.parse_args()


def binaries_or_skip(args, *needed):
    bins = pipeline_mod.Binaries.find(None, bootstrap=args.bootstrap, substation=args.substation,
                                      autoscale=args.autoscale, validate=args.validate)
    missing = pipeline_mod.missing_tools()
    missing += [f"the {n} binary" for n in bins.missing(*needed)]
    if missing:
        if os.environ.get("CI") == "true":
            print("FAIL: missing under CI=true: " + "; ".join(missing))
            sys.exit(1)
        print("skipped: missing " + "; ".join(missing))
        sys.exit(SKIP)
    return bins


def run(test, args, limit_s):
    """Runs test(workdir) within `limit_s` seconds (SIGALRM raises in the test, so its
    `with LocalPipeline(...)` stops every server it started). Exits with the result."""
    workdir = tempfile.mkdtemp(prefix="substation-e2e-")

    def too_long(*_):
        raise TimeoutError(f"the test took longer than {limit_s} s")

    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(int(limit_s))
    ok = False
    try:
        test(workdir)
        ok = True
    except Failure as e:
        print(f"FAIL: {e}")
    except Exception:
        traceback.print_exc()
        print("FAIL: the test raised")
    finally:
        signal.alarm(0)
    if ok and not args.keep_workdir:
        import shutil
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"logs and configs: {workdir}/logs")
    print("PASS" if ok else "FAILED")
    sys.exit(0 if ok else 1)


def wait_until(predicate, timeout_s, what, every_s=0.5):
    """Polls `predicate` until true; fails after `timeout_s` seconds."""
    import time
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            print(f"  ok: {what}", flush=True)
            return
        time.sleep(every_s)
    raise Failure(f"not within {timeout_s} s: {what}")
