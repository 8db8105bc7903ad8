"""The whole pipeline on loopback: moto, the resources, AppConfig and its extension
endpoint, one emulator per function, the Lambda Invoke router, the event source mappings
and deliveries, and the API Gateway front. `LocalPipeline` starts and stops all of it."""
import os
import shutil

from . import appconfig as appconfig_mod
from . import functions as functions_mod
from .gateway import ApiGateway
from .kinesis_mapping import KinesisMapping
from .moto import CREDENTIALS, MotoServer, moto_available
from .queue_delivery import NotificationDelivery, SqsMapping, s3_event, sns_event
from .resources import Resources
from .router import LambdaRouter
from .topology import Topology

REPO_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))

# Where each binary lands in a CMake build directory, and in /work-style staging.
_CANDIDATES = {
    "substation": ("substation", "bin/substation"),
    "bootstrap": ("apps/lambda/bootstrap", "bootstrap", "bin/bootstrap"),
    "autoscale": ("apps/autoscale/autoscale", "autoscale", "bin/autoscale"),
    "validate": ("apps/validate/validate", "validate", "bin/validate"),
}


class Binaries:
    def __init__(self, substation, bootstrap, autoscale=None, validate=None):
        self.substation = substation
        self.bootstrap = bootstrap
        self.autoscale = autoscale
        self.validate = validate

    @classmethod
    def find(cls, bin_dir=None, **given):
        """Each binary from `given`, else from `bin_dir` (a build directory), else from
        $SUBSTATION_BUILD_DIR, else from <repo>/build."""
        dirs = [d for d in (bin_dir, os.environ.get("SUBSTATION_BUILD_DIR"),
                            os.path.join(REPO_DIR, "build")) if d]
        found = {}
        for name, rels in _CANDIDATES.items():
            path = given.get(name)
            if not path:
                for d in dirs:
                    hits = [os.path.join(d, r) for r in rels
                            if os.access(os.path.join(d, r), os.X_OK)
                            and os.path.isfile(os.path.join(d, r))]
                    if hits:
                        path = hits[0]
                        break
            found[name] = os.path.abspath(path) if path else None
        return cls(**found)

    def missing(self, *names):
        return [n for n in names if not getattr(self, n)]


def missing_tools():
    """What the local pipeline needs and cannot find (for a skip message)."""
    out = []
    if not moto_available():
        out.append('moto_server (pip install "moto[server]" boto3)')
    if functions_mod.find_rie() is None:
        out.append("aws-lambda-rie (" + functions_mod.RIE_INSTALL + ")")
    return out


def _proc_stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _process_tree_cpu(pid):
    """CPU seconds of a process, and of its children (an emulator, the binary it runs)."""
    own, children = _proc_stat(pid)[1], 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != pid:
            try:
                ppid, cpu = _proc_stat(int(entry))
            except (OSError, ValueError, IndexError):
                continue
            if ppid == pid:
                children += cpu
    return own, children


class LocalPipeline:
    def __init__(self, bins, workdir, refresh_seconds=5, control=False, debug=False,
                 backoff_cap_s=5.0, log=print):
        self.t = Topology()
        self.bins = bins
        self.workdir = workdir
        self.log_dir = os.path.join(workdir, "logs")
        self.refresh_seconds = refresh_seconds
        self.control = control
        self.debug = debug
        self.backoff_cap_s = backoff_cap_s
        self.say = log
        self.functions = {}  # key -> functions.Function (pipeline and control functions)
        self.mappings = []  # KinesisMapping
        self.deliveries = {}  # key -> SqsMapping / NotificationDelivery
        self.configs = {}  # function key -> built JSON bytes
        self.moto = self.res = self.router = self.appconfig = None
        self.endpoint = self.gateway = None

    # -- start / stop -----------------------------------------------------------------

    def start(self):
        os.makedirs(self.log_dir, exist_ok=True)
        t = self.t
        self.moto = MotoServer(t.region, os.path.join(self.log_dir, "moto.log")).start()
        self.say(f"moto             {self.moto.endpoint}")
        self.res = Resources(self.moto, t).create(with_autoscale_topic=self.control)
        self.router = LambdaRouter()
        ac = t.appconfig
        self.appconfig = appconfig_mod.AppConfig(self.moto, ac["application"], ac["environments"])
        self.endpoint = appconfig_mod.ExtensionEndpoint(self.appconfig).start()
        self.say(f"AppConfig        {self.endpoint.url('<profile>')}")
        self._start_functions()
        self.router.start()
        self.say(f"Lambda Invoke    {self.router.endpoint}")
        if "validate" in self.functions:
            self.appconfig.validator = appconfig_mod.validator_using(
                self.functions["validate"].invoke)
        self.configs = appconfig_mod.build_configs(self.bins.substation, t, self.workdir)
        for key in t.functions:
            self.appconfig.deploy(t.profile(key), self.configs[key])
        self._start_drivers()
        self.gateway = ApiGateway(t, self.moto.client("kinesis"), self.functions).start()
        for key in t.gateways:
            self.say(f"API Gateway      POST {self.gateway.url(key)}")
        return self

    def stop(self):
        for d in list(self.deliveries.values()) + self.mappings:
            d.stop_event.set()
        for d in list(self.deliveries.values()) + self.mappings:
            d.stop()
        for part in (self.gateway, self.router, self.endpoint):
            if part is not None:
                part.stop()
        for fn in self.functions.values():
            fn.stop()
        if self.moto is not None:
            self.moto.stop()

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()

    def function_env(self, extra=None):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "AWS_REGION": self.t.region,
            "AWS_DEFAULT_REGION": self.t.region,
            "AWS_ENDPOINT_URL": self.moto.endpoint,
            "AWS_ENDPOINT_URL_LAMBDA": self.router.endpoint,
            "AWS_EC2_METADATA_DISABLED": "true",
            # No profile or config file of this machine may send a call elsewhere.
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "SUBSTATION_CONFIG_REFRESH_SECONDS": str(self.refresh_seconds),
        }
        env.update(CREDENTIALS)
        if self.debug:
            env["SUBSTATION_DEBUG"] = "1"
        env.update(extra or {})
        return env

    def _start_functions(self):
        rie = functions_mod.find_rie()
        t = self.t
        for key, fn in t.functions.items():
            env = self.function_env({
                "SUBSTATION_LAMBDA_HANDLER": fn["handler"],
                "SUBSTATION_CONFIG": self.endpoint.url(t.profile(key)),
            })
            f = functions_mod.Function(key, fn["name"], self.bins.bootstrap, env, rie,
                                       self.log_dir).start()
            self.functions[key] = f
            self.router.add(f)
        for key, fn in t.control_functions.items():
            program = getattr(self.bins, fn["binary"], None)
            if not program or (key == "autoscale" and not self.control):
                continue
            f = functions_mod.Function(key, fn["name"], program, self.function_env(), rie,
                                       self.log_dir).start()
            self.functions[key] = f
            self.router.add(f)

    def _start_drivers(self):
        t, res = self.t, self.res
        kinesis, sqs = self.moto.client("kinesis"), self.moto.client("sqs")
        for key in t.functions_triggered_by("kinesis_stream"):
            trigger = t.functions[key]["trigger"]
            m = KinesisMapping(kinesis, t.stream_name(trigger["stream"]),
                               t.stream_arn(trigger["stream"]), self.functions[key], trigger,
                               t.region, t.account, backoff_cap_s=self.backoff_cap_s)
            self.mappings.append(m.start())
        for key in t.functions_triggered_by("sqs"):
            trigger = t.functions[key]["trigger"]
            q = trigger["queue"]
            self.deliveries[key] = SqsMapping(sqs, res.queue_urls[q], res.queue_arns[q],
                                              self.functions[key],
                                              int(trigger.get("batch_size", 10)),
                                              t.region).start()
        for key in t.functions_triggered_by("s3"):
            url, _ = res.taps[("s3", t.functions[key]["trigger"]["bucket"])]
            self.deliveries[key] = NotificationDelivery(
                sqs, url, self.functions[key], lambda body: s3_event(body, t.account)).start()
        for key in t.functions_triggered_by("sns"):
            url, sub = res.taps[("sns", t.functions[key]["trigger"]["topic"])]
            self.deliveries[key] = NotificationDelivery(
                sqs, url, self.functions[key],
                lambda body, sub=sub: sns_event(body, sub)).start()
        if "autoscale" in self.functions:
            url, sub = res.taps[("sns", "__autoscale")]
            self.deliveries["autoscale"] = NotificationDelivery(
                sqs, url, self.functions["autoscale"],
                lambda body, sub=sub: sns_event(body, sub)).start()

    # -- looking at it ----------------------------------------------------------------

    def mapping(self, function_key):
        return next(m for m in self.mappings if m.function.key == function_key)

    def lost(self):
        """Records the drivers gave up on: [(where, id, error)]."""
        out = []
        for m in self.mappings:
            out += [(m.name, seq, err) for seq, err in m.stats.discarded]
        for key, d in self.deliveries.items():
            out += [(key, mid, err) for mid, err in d.stats.lost]
        return out

    def time_report(self):
        """Per function: invocations, errors, seconds inside the function (incl. the calls
        it makes), mean milliseconds."""
        rows = []
        for key, fn in self.functions.items():
            s = fn.stats
            if s.invocations:
                rows.append((key, s.invocations, s.errors, s.seconds,
                             1000 * s.seconds / s.invocations))
        return rows

    def cpu_seconds(self):
        """CPU seconds used so far: {"moto": s, "our binaries": s (bootstrap, validate,
        autoscale), "emulators": s (aws-lambda-rie), "driver": s (this process: mappings,
        deliveries, gateway, router, endpoint, and the reading of the sinks)}. Linux
        only; {} elsewhere."""
        try:
            ours = emulators = 0.0
            for f in self.functions.values():
                if f.proc is not None:
                    own, children = _process_tree_cpu(f.proc.pid)
                    emulators += own
                    ours += children
            return {"moto": sum(_process_tree_cpu(self.moto.proc.pid)), "our binaries": ours,
                    "emulators": emulators, "driver": sum(os.times()[:2])}
        except (OSError, AttributeError, ValueError):
            return {}

    def remove_workdir(self):
        shutil.rmtree(self.workdir, ignore_errors=True)
