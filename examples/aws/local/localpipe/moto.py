"""A moto server on 127.0.0.1 (its own process, so its work runs beside ours) and boto3
clients for it."""
import os
import signal
import subprocess
import sys
import urllib.request

import boto3
from botocore.config import Config

from . import net

# Credentials that only moto accepts; the functions get the same ones.
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def moto_available():
    """True when this Python has moto's server (pip install "moto[server]")."""
    try:
        import moto.server  # noqa: F401
    except ImportError:
        return False
    return True


class MotoServer:
    def __init__(self, region, log_path=None):
        self.region = region
        self.log_path = log_path
        self.port = None
        self.proc = None
        self._log = None
        self._config = Config(retries={"max_attempts": 3, "mode": "standard"},
                              max_pool_connections=32)

    @property
    def endpoint(self):
        return f"http://{net.LOOPBACK}:{self.port}"

    def start(self):
        if not moto_available():
            raise RuntimeError('moto_server not installed (pip install "moto[server]")')
        return net.start_with_retries(self._launch, self.stop, "moto_server")

    def _launch(self):
        self.port = net.free_port()
        self._log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        # moto's server, started through moto_main (DynamoDB Query by partition key in
        # constant time; see there) with the Python that runs this package.
        local_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = dict(os.environ)
        env["PYTHONPATH"] = local_dir + os.pathsep + env.get("PYTHONPATH", "")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "localpipe.moto_main", "-H", net.LOOPBACK, "-p",
             str(self.port)],
            stdout=self._log, stderr=self._log, env=env, start_new_session=True,
            preexec_fn=net.die_with_parent)

        def alive():
            if self.proc.poll() is not None:
                raise net.ServerExited(f"moto_server exited with {self.proc.returncode}")

        net.wait_for_port(self.port, 60, "moto_server", alive)
        # moto's own Lambda backend is not used (our functions run under the emulator);
        # keep it from ever reaching for docker.
        req = urllib.request.Request(
            self.endpoint + "/moto-api/config", method="POST",
            data=b'{"lambda":{"use_docker":false}}')
        urllib.request.urlopen(req, timeout=10).read()
        return self

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self._log not in (None, subprocess.DEVNULL):
            self._log.close()
        self.proc = None

    def client(self, service):
        return boto3.session.Session().client(
            service, endpoint_url=self.endpoint, region_name=self.region,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            config=self._config)
