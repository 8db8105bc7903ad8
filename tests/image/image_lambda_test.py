#!/usr/bin/env python3
"""The Lambda container image, built without a Docker daemon, runs as Lambda would run it.

  image_lambda_test.py --build-image scripts/aws/build-image --staging <build>/lambda-staging
                       [--arch x86_64|arm64] [--structure-only]

1. scripts/aws/build-image makes the substation, autoscale and validate images from the staged
   packages; the same input gives the same bytes; `crane validate` accepts both.
2. Each tarball is unpacked as a container runtime does (unpack_image.py: index.json ->
   manifest -> layers applied in order, every digest checked) and its config is checked:
   platform, entrypoint, environment, no shell in the image.
3. Unless --structure-only: the entrypoint runs chrooted into that root filesystem, with
   only the image's environment, under the Lambda Runtime Interface Emulator on loopback
   (as the Lambda service starts it): the substation image with SUBSTATION_LAMBDA_HANDLER=
   AWS_LAMBDA answers invocations, its config read from a file and then from an HTTP
   endpoint shaped like the AppConfig extension's; the autoscale image answers a bad event
   with its error; the validate image accepts a good config and rejects a bad one.
4. The image is pushed to a loopback registry (`crane registry serve`) with `crane push`,
   the command docs/deploy-aws.md gives for ECR, and read back.

Exit 77 (skipped) without a staged package, aws-lambda-rie, crane or root (for chroot);
under CI=true those are failures.
"""
import argparse
import base64
import hashlib
import http.server as http_server
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import unpack_image  # noqa: E402
from test_support import Checks, find_tool, free_port, http, skip, stop, wait_for_port  # noqa: E402

OCI_ARCH = {"x86_64": ("amd64", None, 62), "arm64": ("arm64", "v8", 183)}
CONFIG = {
    "transforms": [
        {"type": "object_insert", "settings": {"object": {"target_key": "image"}, "value": "from-scratch"}},
        {"type": "object_copy", "settings": {"object": {"source_key": "n", "target_key": "copy"}}},
    ]
}
EVENT = b'{"event":"image","n":1}'
EXPECTED = b'[{"event":"image","n":1,"image":"from-scratch","copy":1}]'


def build(build_image, staging, arch, app, out_dir):
    result = subprocess.run(
        [sys.executable, build_image, "--arch", arch, "--app", app, "--staging", staging, "--output-dir", out_dir],
        capture_output=True, text=True, timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": "0"},
    )
    if result.returncode != 0:
        raise AssertionError(f"build-image --app {app} failed: {result.stderr}")
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    return Path(facts["image"]), facts


def elf_machine(path):
    with open(path, "rb") as f:
        header = f.read(20)
    return header[:4] == b"\x7fELF", int.from_bytes(header[18:20], "little")


def elf_interpreter(path):
    """PT_INTERP of a 64-bit little-endian ELF file, or None."""
    data = Path(path).read_bytes()
    phoff = int.from_bytes(data[32:40], "little")
    phentsize, phnum = int.from_bytes(data[54:56], "little"), int.from_bytes(data[56:58], "little")
    for i in range(phnum):
        header = data[phoff + i * phentsize : phoff + (i + 1) * phentsize]
        if int.from_bytes(header[0:4], "little") == 3:
            offset, size = int.from_bytes(header[8:16], "little"), int.from_bytes(header[32:40], "little")
            return data[offset : offset + size].rstrip(b"\0").decode()
    return None


def check_image(c, tarball, root, app, arch):
    """Unpacks the image into root and checks its config and files; returns the config."""
    manifest, config = unpack_image.unpack(tarball, root)
    oci_arch, variant, machine = OCI_ARCH[arch]
    c.equal(config.get("architecture"), oci_arch, f"{app}: config architecture")
    c.equal(config.get("variant"), variant, f"{app}: config variant")
    c.equal(config.get("os"), "linux", f"{app}: config os")
    c.equal(config["config"].get("Entrypoint"), ["/var/task/bootstrap"], f"{app}: entrypoint")
    env = dict(e.split("=", 1) for e in config["config"].get("Env", []))
    c.equal(env.get("LD_LIBRARY_PATH"), "/var/task/lib", f"{app}: LD_LIBRARY_PATH")
    c.check((root / env.get("ZONEINFO", "/missing").lstrip("/") / "UTC").is_file(), f"{app}: ZONEINFO has UTC")
    ca = root / env.get("SSL_CERT_FILE", "/missing").lstrip("/")
    c.check(ca.is_file() and b"BEGIN CERTIFICATE" in ca.read_bytes(), f"{app}: SSL_CERT_FILE is a CA bundle")
    entry = root / "var/task/bootstrap"
    c.check(entry.is_symlink() and os.readlink(entry) == f"bin/{app}", f"{app}: bootstrap -> bin/{app}")
    is_elf, got_machine = elf_machine(root / "var/task/bin" / app)
    c.check(is_elf and got_machine == machine, f"{app}: bin/{app} is an ELF for {arch}", f"e_machine {got_machine}")
    interp = elf_interpreter(root / "var/task/bin" / app)
    link = root / (interp or "missing").lstrip("/")
    c.check(interp is not None and link.is_symlink()
            and (link.parent / os.readlink(link)).resolve() == (root / "var/task/lib" / os.path.basename(interp)).resolve(),
            f"{app}: its interpreter {interp} is the bundled loader")
    c.check(not (root / "bin/sh").exists() and not (root / "usr").exists(), f"{app}: no shell or /usr in the image")
    c.equal(len(manifest["layers"]), 1, f"{app}: one layer")
    return config, env


def rie_run(rie, root, image_env, extra_env, invocations, log_path):
    """Starts the emulator with the chrooted entrypoint and the image's environment only;
    returns [(status, body)] of the invocations and the emulator's log."""
    api_port, rie_port = free_port(), free_port()
    env = {**image_env, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
           "AWS_SECRET_ACCESS_KEY": "testing", "AWS_LAMBDA_FUNCTION_TIMEOUT": "30", **extra_env}
    cmd = [rie, "--runtime-interface-emulator-address", f"127.0.0.1:{rie_port}",
           "--runtime-api-address", f"127.0.0.1:{api_port}", "/usr/sbin/chroot", str(root), "/var/task/bootstrap"]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
        try:
            wait_for_port(rie_port, proc)
            url = f"http://127.0.0.1:{rie_port}/2015-03-31/functions/function/invocations"
            results = [http("POST", url, body) for body in invocations]
        finally:
            stop(proc)
    return results, Path(log_path).read_text(errors="replace")


class AppConfigLikeServer:
    """Serves one config at the AppConfig extension's path, on loopback; counts requests."""

    def __init__(self, path, body):
        self.requests = []
        outer = self

        class Handler(http_server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(self.path)
                status, payload = (200, body) if self.path == path else (404, b"not found")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = http_server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def run_substation(c, rie, root, image_env, work):
    config_bytes = json.dumps(CONFIG).encode()
    (root / "tmp/config.json").write_bytes(config_bytes)
    results, log = rie_run(rie, root, image_env,
                           {"SUBSTATION_LAMBDA_HANDLER": "AWS_LAMBDA", "SUBSTATION_CONFIG": "/tmp/config.json"},
                           [EVENT, EVENT], work / "rie-file.log")
    for i, (status, body) in enumerate(results):
        c.equal((status, body), (200, EXPECTED), f"substation: invocation {i + 1}, config from a file")
    c.check("error while loading shared libraries" not in log, "substation: loads only the image's libraries", log[-2000:])

    path = "/applications/substation/environments/prod/configurations/enrichment"
    with AppConfigLikeServer(path, config_bytes) as server:
        results, log = rie_run(rie, root, image_env,
                               {"SUBSTATION_LAMBDA_HANDLER": "AWS_LAMBDA",
                                "SUBSTATION_CONFIG": f"http://127.0.0.1:{server.port}{path}"},
                               [EVENT], work / "rie-http.log")
        c.equal(results, [(200, EXPECTED)], "substation: invocation, config from an AppConfig-shaped endpoint")
        c.check(path in server.requests, "substation: fetched its config over HTTP", str(server.requests) + log[-2000:])


def run_autoscale(c, rie, root, image_env, work):
    results, log = rie_run(rie, root, image_env, {}, [b'{"not":"an alarm"}'], work / "rie-autoscale.log")
    status, body = results[0]
    try:
        reply = json.loads(body)
    except ValueError:
        reply = {}
    # The function's own error (not the emulator's Runtime.* error for a runtime that died).
    c.check(status == 200 and isinstance(reply, dict) and reply.get("errorType") == "InvalidEvent"
            and "no SNS record" in reply.get("errorMessage", ""),
            "autoscale: answers a bad event with its own error", f"HTTP {status}: {body[:300]!r} {log[-2000:]}")
    c.check("error while loading shared libraries" not in log, "autoscale: loads only the image's libraries", log[-2000:])


def run_validate(c, rie, root, image_env, work):
    """AppConfig's validator call: a good config gives null, a bad one the function's error."""
    good = json.dumps({"content": base64.b64encode(json.dumps(CONFIG).encode()).decode()}).encode()
    bad_config = {"transforms": [{"type": "no_such_transform"}]}
    bad = json.dumps({"content": base64.b64encode(json.dumps(bad_config).encode()).decode()}).encode()
    results, log = rie_run(rie, root, image_env, {}, [good, bad], work / "rie-validate.log")
    c.equal(results[0], (200, b"null"), "validate: accepts a good config")
    status, body = results[1]
    c.check(status == 200 and body.startswith(b'{"errorMessage":"validation:') and b"no_such_transform" in body,
            "validate: rejects a bad config with its own error", f"HTTP {status}: {body[:300]!r} {log[-2000:]}")


def push_and_read_back(c, crane, tarball, app, config_digest):
    port = free_port()
    registry = subprocess.Popen([crane, "registry", "serve", "--address", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, registry)
        ref = f"127.0.0.1:{port}/{app}:latest"
        pushed = subprocess.run([crane, "push", str(tarball), ref], capture_output=True, text=True, timeout=120)
        c.check(pushed.returncode == 0, f"{app}: crane push to a loopback registry", pushed.stderr[-1000:])
        got = subprocess.run([crane, "config", ref], capture_output=True, timeout=60)
        c.equal("sha256:" + hashlib.sha256(got.stdout).hexdigest(), config_digest, f"{app}: pushed config reads back")
        exported = subprocess.run([crane, "export", ref, "-"], capture_output=True, timeout=120)
        with tarfile.open(fileobj=io.BytesIO(exported.stdout)) as fs:
            names = set(fs.getnames())
        c.check("var/task/bootstrap" in names and f"var/task/bin/{app}" in names,
                f"{app}: pulled filesystem has the entrypoint")
    finally:
        stop(registry)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-image", required=True)
    parser.add_argument("--staging", required=True, help="the lambda-staging directory")
    parser.add_argument("--arch", default="x86_64", choices=sorted(OCI_ARCH))
    parser.add_argument("--structure-only", action="store_true", help="build and inspect; run nothing")
    args = parser.parse_args()

    staging = Path(args.staging)
    apps = ["substation", "autoscale", "validate"]
    for app in apps:
        if not (staging / app / "bin" / app).is_file():
            skip(f"no staged {app} package in {staging} (build the lambda_zip target)")
    crane = find_tool("crane", "SUBSTATION_CRANE")
    if not crane:
        skip("crane not installed (scripts/aws/install-tools)")
    rie = None
    if not args.structure_only:
        rie = find_tool("aws-lambda-rie", "SUBSTATION_RIE")
        if not rie:
            skip("aws-lambda-rie not installed (scripts/install-test-tools)")
        if os.geteuid() != 0:
            skip("running the image's entrypoint needs chroot, which needs root")

    c = Checks()
    with tempfile.TemporaryDirectory(prefix="image-test-") as tmp:
        work = Path(tmp)
        other = "arm64" if args.arch == "x86_64" else "x86_64"
        wrong = subprocess.run([sys.executable, args.build_image, "--arch", other, "--app", "substation",
                                "--staging", str(staging), "--output-dir", str(work / "wrong")],
                               capture_output=True, text=True, timeout=300)
        c.check(wrong.returncode != 0 and "ELF machine" in wrong.stderr and not (work / "wrong").exists(),
                f"build-image refuses --arch {other} for a {args.arch} package", wrong.stderr)
        for app in apps:
            tarball, facts = build(args.build_image, str(staging), args.arch, app, str(work / "a"))
            again, _ = build(args.build_image, str(staging), args.arch, app, str(work / "b"))
            c.check(tarball.read_bytes() == again.read_bytes(), f"{app}: the build is reproducible")
            c.equal(tarball.name, f"{app}-lambda-image-{args.arch}.tar", f"{app}: tarball name")
            valid = subprocess.run([crane, "validate", "--tarball", str(tarball)], capture_output=True, text=True,
                                   timeout=120)
            c.check(valid.returncode == 0, f"{app}: crane validate --tarball", valid.stdout + valid.stderr)
            root = work / f"root-{app}"
            config, env = check_image(c, tarball, root, app, args.arch)
            with tarfile.open(tarball) as archive:
                manifest_digest = json.load(archive.extractfile("index.json"))["manifests"][0]["digest"]
                manifest = json.loads(archive.extractfile("blobs/sha256/" + manifest_digest[7:]).read())
            if not args.structure_only:
                {"substation": run_substation, "autoscale": run_autoscale, "validate": run_validate}[app](
                    c, rie, root, env, work)
            push_and_read_back(c, crane, tarball, app, manifest["config"]["digest"])

        # --opt-dir: how a Lambda extension (the AppConfig agent) goes into the image.
        ext = work / "opt/extensions"
        ext.mkdir(parents=True)
        (ext / "example-extension").write_bytes(b"\x7fELF-not-really")
        (ext / "example-extension").chmod(0o700)
        built = subprocess.run([sys.executable, args.build_image, "--arch", args.arch, "--app", "substation",
                                "--staging", str(staging), "--output-dir", str(work / "ext"),
                                "--opt-dir", str(work / "opt")], capture_output=True, text=True, timeout=300)
        c.check(built.returncode == 0, "build-image --opt-dir", built.stderr)
        if built.returncode == 0:
            root = work / "root-ext"
            unpack_image.unpack(work / "ext" / f"substation-lambda-image-{args.arch}.tar", root)
            placed = root / "opt/extensions/example-extension"
            c.check(placed.is_file() and placed.stat().st_mode & 0o777 == 0o755,
                    "--opt-dir lands in /opt, executable by Lambda's user")
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
