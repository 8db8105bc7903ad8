"""AppConfig on loopback.

moto keeps the hosted configuration versions (CreateHostedConfigurationVersion,
GetHostedConfigurationVersion) but has no environments or deployments, and nothing serves
the AppConfig Lambda extension's endpoint. So `AppConfig` here uploads each version to
moto, runs the validator a real profile would run (the `validate` function), records which
version is deployed to which environment, and `ExtensionEndpoint` answers what the
extension answers on localhost:2772:

    GET /applications/<app>/environments/<env>/configurations/<profile>
        -> 200 and the content of the version deployed there

Faults for tests: set_fault("down" | "404" | "400" | "garbage" | None).
"""
import base64
import json
import os
import shutil
import subprocess
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import net


class ConfigRejected(Exception):
    """The validator refused a configuration: it was uploaded but not deployed."""


def build_configs(substation, topology, workdir):
    """Compiles every function's config.jsonnet with `substation build`; returns
    {function key: JSON bytes}. Works on a copy so the source tree stays clean."""
    copy = os.path.join(workdir, "example")
    if os.path.exists(copy):
        shutil.rmtree(copy)
    os.makedirs(copy)
    shutil.copy(os.path.join(topology.example_dir, "pipeline.json"), copy)
    shutil.copytree(os.path.join(topology.example_dir, "config"), os.path.join(copy, "config"))
    subprocess.run([substation, "build", "-R", os.path.join(copy, "config")], check=True,
                   stdout=subprocess.DEVNULL, timeout=120)
    out = {}
    for key, fn in topology.functions.items():
        built = os.path.splitext(os.path.join(copy, fn["config"]))[0] + ".json"
        with open(built, "rb") as f:
            out[key] = f.read()
    return out


class AppConfig:
    """Hosted configuration versions in moto plus the deployment state moto lacks."""

    def __init__(self, moto, application, environments, validator=None):
        self.client = moto.client("appconfig")
        self.application = application
        self.environments = list(environments)
        self.validator = validator  # callable(content bytes) -> None, raises ConfigRejected
        self.app_id = self.client.create_application(Name=application)["Id"]
        self.profile_ids = {}
        self.deployed = {}  # (environment, profile) -> version number
        self.cache = {}  # (profile, version) -> (content, content type)
        self.history = []  # (environment, profile, version, outcome)
        self.lock = threading.Lock()

    def create_profile(self, profile):
        if profile not in self.profile_ids:
            self.profile_ids[profile] = self.client.create_configuration_profile(
                ApplicationId=self.app_id, Name=profile, LocationUri="hosted")["Id"]
        return self.profile_ids[profile]

    def upload(self, profile, content, content_type="application/json"):
        """CreateHostedConfigurationVersion; returns the version number."""
        pid = self.create_profile(profile)
        return self.client.create_hosted_configuration_version(
            ApplicationId=self.app_id, ConfigurationProfileId=pid, Content=content,
            ContentType=content_type)["VersionNumber"]

    def deploy(self, profile, content, environment=None, validate=True,
               content_type="application/json"):
        """Uploads `content` as a new version and deploys it (what StartDeployment with the
        Instant strategy does), after the profile's validator accepted it."""
        environment = environment or self.environments[0]
        version = self.upload(profile, content, content_type)
        if validate and self.validator is not None:
            try:
                self.validator(content)
            except ConfigRejected:
                with self.lock:
                    self.history.append((environment, profile, version, "rejected"))
                raise
        with self.lock:
            self.deployed[(environment, profile)] = version
            self.history.append((environment, profile, version, "deployed"))
        return version

    def deployed_content(self, environment, profile):
        """(content, content type) of the deployed version, read back from moto; None when
        nothing is deployed there."""
        with self.lock:
            version = self.deployed.get((environment, profile))
        if version is None:
            return None
        key = (profile, version)
        if key not in self.cache:
            r = self.client.get_hosted_configuration_version(
                ApplicationId=self.app_id, ConfigurationProfileId=self.profile_ids[profile],
                VersionNumber=version)
            self.cache[key] = (r["Content"].read(), r.get("ContentType", "application/json"))
        return self.cache[key]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in separate writes: without TCP_NODELAY the second waits for
    # the client's delayed ACK (40 ms a call).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def _answer(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        ep = self.server.endpoint
        ep.requests += 1
        fault = ep.fault
        if fault == "404":
            return self._answer(404, b'{"Message":"injected: configuration not found"}')
        if fault == "400":
            return self._answer(400, b'{"Message":"injected: bad request"}')
        if fault == "garbage":
            return self._answer(200, b"\x00\x01<html>not a configuration", "text/html")
        parts = [urllib.parse.unquote(p) for p in self.path.split("?")[0].split("/")]
        # ['', 'applications', app, 'environments', env, 'configurations', profile]
        if (len(parts) != 7 or parts[1] != "applications" or parts[3] != "environments"
                or parts[5] != "configurations"):
            return self._answer(400, b'{"Message":"unknown path"}')
        app, env, profile = parts[2], parts[4], parts[6]
        if app != ep.appconfig.application or env not in ep.appconfig.environments:
            return self._answer(404, b'{"Message":"no such application or environment"}')
        found = ep.appconfig.deployed_content(env, profile)
        if found is None:
            return self._answer(404, b'{"Message":"no deployed configuration"}')
        content, content_type = found
        ep.served += 1
        return self._answer(200, content, content_type)


class ExtensionEndpoint:
    """The AppConfig Lambda extension's HTTP endpoint, on a loopback port."""

    def __init__(self, appconfig):
        self.appconfig = appconfig
        self.port = net.free_port()
        self.fault = None
        self.requests = 0
        self.served = 0
        self._server = None
        self._thread = None

    def url(self, profile, environment=None):
        environment = environment or self.appconfig.environments[0]
        return (f"http://{net.LOOPBACK}:{self.port}/applications/{self.appconfig.application}"
                f"/environments/{environment}/configurations/{profile}")

    def start(self):
        server = ThreadingHTTPServer((net.LOOPBACK, self.port), _Handler)
        server.daemon_threads = True
        server.endpoint = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="appconfig",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def set_fault(self, fault):
        """None (healthy), "down" (nothing listens), "404", "400" or "garbage" (200 with a
        body that is no configuration)."""
        if fault == "down" and self._server is not None:
            self.stop()
        elif fault != "down" and self._server is None:
            self.start()
        self.fault = None if fault == "down" else fault


def validator_using(invoke):
    """The profile validator: the `validate` function, invoked as AppConfig invokes it
    ({"content": base64 of the configuration, "uri": ...}). `invoke(payload) -> (ok, body)`."""

    def validate(content):
        payload = json.dumps({"content": base64.b64encode(content).decode(),
                              "uri": "hosted"}).encode()
        ok, body = invoke(payload)
        if not ok:
            raise ConfigRejected(body.decode("utf-8", "replace"))

    return validate
