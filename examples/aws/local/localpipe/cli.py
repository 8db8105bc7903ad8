"""examples/aws/local/run: the seed pipeline on this machine.

    run                      start everything, push 1,000 events through the five entry
                             points, watch them reach the sinks, report, stop
    run --events 10000       more events
    run --keep-running       stay up afterwards (Ctrl-C stops): push your own events
    run test-configs         run the configs' `tests` (substation test) against a local
                             moto and the enrichment function, never against AWS
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from . import appconfig
from . import pipeline as pipeline_mod
from . import watch
from .events import generate


def parse(argv):
    p = argparse.ArgumentParser(prog="examples/aws/local/run", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="?", default="demo", choices=("demo", "test-configs"))
    p.add_argument("--events", type=int, default=1000, help="events to push (default 1000)")
    p.add_argument("--timeout", type=float, default=600,
                   help="seconds to wait for every event to arrive (default 600)")
    p.add_argument("--keep-running", action="store_true",
                   help="stay up after the report, printing counts, until Ctrl-C")
    p.add_argument("--build-dir", help="CMake build directory with the binaries "
                   "(default $SUBSTATION_BUILD_DIR or <repo>/build)")
    for name in ("bootstrap", "substation", "autoscale", "validate"):
        p.add_argument(f"--{name}", help=f"path of the {name} binary")
    p.add_argument("--workdir", help="where logs and built configs go (default: a new "
                   "directory under /tmp, removed at the end if all went well, unless "
                   "--keep-workdir)")
    p.add_argument("--keep-workdir", action="store_true")
    p.add_argument("--refresh-seconds", type=int, default=5,
                   help="SUBSTATION_CONFIG_REFRESH_SECONDS of the functions (default 5)")
    p.add_argument("--debug", action="store_true", help="SUBSTATION_DEBUG=1 in the functions")
    return p.parse_args(argv)


def binaries(args):
    return pipeline_mod.Binaries.find(args.build_dir, bootstrap=args.bootstrap,
                                      substation=args.substation, autoscale=args.autoscale,
                                      validate=args.validate)


def check_tools(bins):
    problems = pipeline_mod.missing_tools()
    problems += [f"the {n} binary (build it: cmake --build build, or pass --{n})"
                 for n in bins.missing("bootstrap", "substation")]
    if problems:
        print("cannot run the local pipeline; missing:\n  " + "\n  ".join(problems),
              file=sys.stderr)
        return False
    return True


def demo(args, bins, workdir):
    with pipeline_mod.LocalPipeline(bins, workdir, refresh_seconds=args.refresh_seconds,
                                    debug=args.debug) as pipe:
        run = watch.Run(pipe, generate(args.events, f"run{int(time.time()) % 100000}"))
        run.push_and_watch(args.timeout)
        run.report()
        if args.keep_running:
            keep_running(pipe, run)
        return 0 if run.ok() else 1


def config_mtimes(pipe):
    root = os.path.join(pipe.t.example_dir, "config")
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith((".jsonnet", ".libsonnet")):
                out[os.path.join(d, f)] = os.stat(os.path.join(d, f)).st_mtime
    return out


def redeploy_changed(pipe):
    """Builds every config again and deploys those that changed (the seed's steps 2 and
    3): the validator runs first, and the functions pick the new version up at their next
    refresh."""
    try:
        built = appconfig.build_configs(pipe.bins.substation, pipe.t, pipe.workdir)
    except subprocess.CalledProcessError:
        print("config build failed (see above); nothing deployed", flush=True)
        return
    for key, content in built.items():
        if content == pipe.configs.get(key):
            continue
        try:
            version = pipe.appconfig.deploy(pipe.t.profile(key), content)
            pipe.configs[key] = content
            print(f"deployed {key} version {version}", flush=True)
        except appconfig.ConfigRejected as e:
            print(f"validate rejected {key}: {str(e)[:300]}", flush=True)


def keep_running(pipe, run):
    t = pipe.t
    print("\nThe pipeline stays up; Ctrl-C stops it. Push events yourself, e.g.:")
    print(f"  curl -s -d '{{\"event_id\":\"mine-1\",\"user\":\"alice\",\"action\":\"login\"}}' "
          f"{pipe.gateway.url(next(iter(t.gateways)))}")
    print(f"  AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing aws --region {t.region} "
          f"--endpoint-url {pipe.moto.endpoint} s3 cp FILE.jsonl "
          f"s3://{t.bucket_name('source')}/")
    print("Edit a config under examples/aws/config and it is built, validated and deployed.")
    print("Counts below are every line in each sink (any event, this run's and yours).")
    stop = []
    signal.signal(signal.SIGINT, lambda *a: stop.append(1))
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    mtimes = config_mtimes(pipe)
    while not stop:
        lake, warehouse = len(run.reader.lake()), len(run.reader.warehouse())
        items = len(run.reader.event_items())
        print(f"{time.strftime('%H:%M:%S')}  lake {lake}  warehouse {warehouse}  "
              f"dynamodb items {items}  given up {len(pipe.lost())}", flush=True)
        now = config_mtimes(pipe)
        if now != mtimes:
            mtimes = now
            redeploy_changed(pipe)
        for _ in range(50):
            if stop:
                break
            time.sleep(0.1)


def test_configs(args, bins, workdir):
    """`substation test -R examples/aws/config` with every AWS call going to a local moto
    (and the processor's Lambda call to the enrichment function under the emulator)."""
    with pipeline_mod.LocalPipeline(bins, workdir, refresh_seconds=args.refresh_seconds,
                                    debug=args.debug, log=lambda *_: None) as pipe:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(pipe.function_env())
        config_dir = os.path.join(pipe.t.example_dir, "config")
        r = subprocess.run([bins.substation, "test", "-R", config_dir], env=env, timeout=300)
        return r.returncode


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    bins = binaries(args)
    if not check_tools(bins):
        return 2
    workdir = args.workdir or tempfile.mkdtemp(prefix="substation-local-")
    rc = 1
    try:
        if args.command == "test-configs":
            rc = test_configs(args, bins, workdir)
        else:
            rc = demo(args, bins, workdir)
        return rc
    finally:
        if rc == 0 and not args.keep_workdir and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"logs and built configs kept in {workdir}")
