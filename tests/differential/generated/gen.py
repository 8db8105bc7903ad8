"""Seeded generator of random configs and inputs for the generated differential.

The configs are driven by the catalogue's JSON tables (catalogue/types/{transform,condition}
/*.json and blocks.json): every type in them, with its settings and their declared types,
is drawn from, so a type added to the tables is covered without touching this file. Types
that cannot be compared here are listed in SKIPPED with the reason. Values are drawn from
the setting's declared type plus edge values; a few settings whose values decide whether a
run terminates, or which touch the file system, get their own value pools (OVERRIDES).

Everything is drawn from one random.Random(seed), so a seed names a case exactly.
Standard library only.
"""

import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CATALOGUE = os.path.join(REPO, "catalogue", "types")

_AWS = "needs AWS credentials and a live AWS service"
_NET = "needs the network (DNS/HTTP); this run reaches nothing outside 127.0.0.0/8"
_NOW = "nondeterministic (random or wall-clock output); its shape is checked by the fixed differential"
# Types the generator never draws, with the reason.
SKIPPED = {
    "enrich_aws_dynamodb_query": _AWS, "enrich_aws_lambda": _AWS,
    "send_aws_dynamodb_put": _AWS, "send_aws_data_firehose": _AWS,
    "send_aws_eventbridge": _AWS, "send_aws_kinesis_data_stream": _AWS,
    "send_aws_lambda": _AWS, "send_aws_s3": _AWS, "send_aws_sns": _AWS, "send_aws_sqs": _AWS,
    "send_gcp_storage": "needs GCP credentials and a live bucket",
    "enrich_dns_domain_lookup": _NET, "enrich_dns_ip_lookup": _NET, "enrich_dns_text_lookup": _NET,
    "enrich_http_get": _NET, "enrich_http_post": _NET, "send_http_post": _NET,
    "utility_secret": "fetches a secret at construction (AWS Secrets Manager or the environment); not a data path",
    "time_now": _NOW, "string_uuid": _NOW, "utility_random": _NOW,
}

# --------------------------------------------------------------------------
# Value pools.

# Read paths (gjson): plain, escaped, unicode, array index/length/query, modifiers, meta.
READ_KEYS = [
    "a", "b", "n", "s", "arr", "o", "nums", "x", "ip", "dom", "t", "ts", "b64",
    "arr.0", "arr.1", "arr.#", "arr.#.x", "arr.-1", "nums.0", "o.p", "o.p.q", "o.l.0",
    "a\\.b", "ü", "日本", "😀", "k y", "\\@t", "\\#", "esc\\\"q",
    "missing", "missing.deep", "o.missing",
    "@this", "@this|@ugly", "arr|@reverse", "o|@keys", "o|@values", "arr|@flatten",
    "nums|@reverse.0", "o|@tostr", "s|@fromstr", "[a,n]", "{a,n}", "arr.#(x==1)", "arr.#(x>0)#",
    "o.*", "a?", "..0", "meta m", "meta @this", "",
]
# Write paths (sjson): plain, nested creation, append, index past the end, escaped, meta.
WRITE_KEYS = [
    "a", "t", "new", "o.p", "o.new.deep", "arr.-1", "arr.5", "arr.0", "nums.-1", "a\\.b",
    "ü", "😀", "k y", "x.0.y", "meta m", "meta o.p", "o", "n", "s", "",
]
STRINGS = ["", "a", "x y", "ü", "日本語", "😀", "\\", "$1", "\n", "\t", "\"", "%s", "null",
           "{\"a\":1}", "[1]", "1", "-1", "true", ":", ",", "." , "a" * 300, "\u2028", "\u0000"]
INTEGERS = [0, 1, -1, 2, 3, 7, 10, 1000, 2 ** 31, 2 ** 63 - 1, -2 ** 63]
NUMBERS = [0, 1, -1, 1.5, -0.0, 0.1, 1e21, 1e-7, 9007199254740993, 1e308, -2.5, 100]
DURATIONS = ["0s", "1ms", "-1s", "", "1h", "1.5s", "1m30s", "bogus", "1h0m0s"]
# Batch idle durations: small positive ones would make the output depend on timing.
BATCH_DURATIONS = ["", "0s", "-1s", "1h", "24h", "bogus"]
ANY_VALUES = [None, 0, 1, -1, 1.5, 1e21, -0.0, 9007199254740993, "", "s", "ü😀",
              "{\"a\":1}", "[1,\"x\"]", "{", True, False, [], [1, "x", None],
              {}, {"b": {"c": None}, "a": 1}, {"ü": [1.0, "2"]}]
REGEXES = ["a", "(a)", "(\\w+)", "(\\d+)", "(?P<x>\\w+)", "(?P<x>[a-z]+)-(?P<y>\\d)", "",
           "(", ".*", "^", "$", "(?i)Ü", "\\\\", "[", "x*", "(.)", "(a)|(b)", "\\p{Han}+",
           "(?<n>a)", "[^a]", "\\.", "(?s).", "\\b"]
REPLACEMENTS = ["", "$1", "${1}x", "$$", "$x", "${x}", "$1x", "ü", "-", "$0", "${2}", "$"]
TIME_FORMATS = ["2006-01-02T15:04:05Z07:00", "2006", "Jan _2 15:04:05.000",
                "Mon Jan 2 15:04:05 MST 2006", "02/01/06 03PM", "2006-01-02T15:04:05.999999999Z",
                "2006-01-02", "", "15:04:05.000000", "2006-01-02T15:04:05Z", "x"]
LOCATIONS = ["", "UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Nope/Zone", "Local"]
JQ_FILTERS = [".", ".a", ".o", "keys", "[.[]?]", "to_entries", ".n + 1", "[.arr[]?]", "tostring",
              "length", "empty", "error(\"x\")", "{a: .a, z: 1}", "paths", "del(.a)", "[..]",
              ".n", "tojson", "[.[]?|numbers]", "select(.a)", "(", "has(\"a\")?", ".arr[0]?",
              ".s|ascii_downcase?", "[.nums[]?|.*2]", "{\"b\":2,\"a\":1}", "1e1000", "null",
              "\"<&>\"", "[limit(2; .[]?)]", "(.n // 0) / 3", "with_entries(.value |= tostring)?"]
MIMES = ["text/plain; charset=utf-8", "application/json", "application/x-gzip", "",
         "text/html; charset=utf-8", "application/octet-stream"]
MEASUREMENTS = ["byte", "char", "rune", "bogus", ""]
SEPARATORS = ["", ",", "\n", " ", "ü", "a", "::", "\\n"]
METRIC_DEST = {"type": "aws_cloudwatch_embedded_metrics"}

# Per (type, setting) or per setting name: value pools that replace the type-driven draw.
# Reasons: termination (retry counts, delays), timing (batch idle durations), the file
# system (send_file paths stay under the case's working directory), and meaningful values.
def _retry(g):
    r = {"count": g.rng.choice([1, 2, 3]), "delay": g.rng.choice(["1ms", "0s", "-1s", ""])}
    return r


def _file_path(g):
    fp = {}
    for k, pool in (("prefix", ["out", "out/ü", "o#1", ""]), ("suffix", ["", ".jsonl", ".x"]),
                    ("time_format", ["", "2006"]), ("uuid", [True, False])):
        if g.rng.random() < 0.6:
            fp[k] = g.rng.choice(pool)
    fp.setdefault("prefix", "out")
    return fp


def _metric(g, fixed_name=None):
    m = {"destination": dict(METRIC_DEST)}
    if g.rng.random() < 0.8:
        m["name"] = fixed_name or g.rng.choice(["GenMetric", "", "ü"])
    if g.rng.random() < 0.6:
        m["attributes"] = g.rng.choice([{"k": "v"}, {"b": "1", "a": "2"}, {}])
    return m


OVERRIDES = {
    ("meta_retry", "retry"): _retry,
    ("meta_retry", "error_messages"): lambda g: g.rng.choice([[".*"], ["x"], [], ["("]]),
    ("meta_err", "error_messages"): lambda g: g.rng.choice([[".*"], ["x"], [], ["("], ["^$"]]),
    ("utility_delay", "duration"): lambda g: g.rng.choice(["0s", "1ms", "-1s", "", "2ms", "x"]),
    ("send_file", "file_path"): _file_path,
    ("object_jq", "filter"): lambda g: g.rng.choice(JQ_FILTERS),
    ("format_mime", "type"): lambda g: g.rng.choice(MIMES),
    ("meta_metric_duration", "metric"): lambda g: _metric(g, "GenDuration"),
    ("utility_metric_bytes", "metric"): _metric,
    ("utility_metric_count", "metric"): _metric,
    ("utility_metric_freshness", "metric"): _metric,
    "pattern": lambda g: g.rng.choice(REGEXES),
    "replacement": lambda g: g.rng.choice(REPLACEMENTS),
    "format": lambda g: g.rng.choice(TIME_FORMATS),
    "location": lambda g: g.rng.choice(LOCATIONS),
    "measurement": lambda g: g.rng.choice(MEASUREMENTS),
    "separator": lambda g: g.rng.choice(SEPARATORS),
    "ttl_offset": lambda g: g.rng.choice(["0s", "1h", "-1h", "24h", ""]),
    "suffix_key": lambda g: g.rng.choice(READ_KEYS),
    "threshold": lambda g: g.rng.choice(["5m", "0s", "-1s", "876000h", ""]),
}


# --------------------------------------------------------------------------
# The catalogue.

def load_catalogue(root=CATALOGUE):
    """{"transform": {type: entry}, "condition": {type: entry}, "blocks": {...}}; aliases
    get their own entry (same settings)."""
    cat = {"blocks": json.load(open(os.path.join(root, "blocks.json"), encoding="utf-8"))}
    for kind in ("transform", "condition"):
        types = {}
        for path in sorted(glob.glob(os.path.join(root, kind, "*.json"))):
            for name, entry in json.load(open(path, encoding="utf-8")).items():
                types[name] = entry
                for alias in entry.get("aliases", []):
                    types[alias] = entry
        cat[kind] = types
    return cat


# --------------------------------------------------------------------------

class Generator:
    """Draws configs and inputs. `fixtures` maps kv store file kinds to absolute paths."""

    def __init__(self, rng, cat, fixtures):
        self.rng = rng
        self.cat = cat
        self.fixtures = fixtures
        self.transforms = sorted(t for t in cat["transform"] if t not in SKIPPED)
        self.conditions = sorted(t for t in cat["condition"] if t not in SKIPPED)

    def skipped(self):
        return {t: SKIPPED[t] for t in sorted(set(self.cat["transform"]) | set(self.cat["condition"]))
                if t in SKIPPED}

    # ---- configs

    def config(self):
        n = self.rng.choice([1, 1, 2, 2, 3])
        ts = []
        for _ in range(n):
            t = self.transform(depth=0)
            if self.rng.random() < 0.35:
                # A condition at the top: meta_switch runs the transform (or inserts a
                # marker) when the condition holds.
                inner = t if self.rng.random() < 0.5 else {
                    "type": "object_insert",
                    "settings": {"object": {"target_key": "_match"}, "value": True}}
                t = {"type": "meta_switch", "settings": {"cases": [
                    {"condition": self.condition(depth=1), "transforms": [inner]}]}}
            ts.append(t)
        return {"transforms": ts + [{"type": "send_stdout"}]}

    def transform(self, depth):
        pool = self.transforms
        if depth >= 2:      # keep nesting cheap: no further meta transforms below depth 2
            pool = [t for t in pool if not t.startswith("meta_")]
        t = self.rng.choice(pool)
        return self.component(t, self.cat["transform"][t], depth)

    def condition(self, depth):
        pool = self.conditions
        if depth >= 2:
            pool = [t for t in pool if t not in ("meta_all", "meta_any", "meta_none", "all", "any", "none")]
        t = self.rng.choice(pool)
        return self.component(t, self.cat["condition"][t], depth)

    def component(self, ctype, entry, depth):
        settings = {}
        for name, spec in entry.get("settings", {}).items():
            # Required settings are almost always given; optional ones about half the time.
            if self.rng.random() < (0.95 if spec.get("required") else 0.5):
                v = self.setting(ctype, name, spec, depth)
                if v is not _ABSENT:
                    settings[name] = v
        c = {"type": ctype}
        if settings or self.rng.random() < 0.3:
            c["settings"] = settings
        return c

    def setting(self, ctype, name, spec, depth):
        ov = OVERRIDES.get((ctype, name)) or OVERRIDES.get(name)
        if ov:
            return ov(self)
        if "block" in spec:
            return self.block(ctype, spec, depth)
        return self.value(ctype, spec, depth)

    def block(self, ctype, spec, depth):
        b = spec["block"]
        r = self.rng
        if b == "id":
            return r.choice(["gen", "", "ü-1"])
        if b == "object":
            keys = spec.get("keys") or list(self.cat["blocks"]["object"]["settings"])
            obj = {}
            for k in keys:
                if r.random() < 0.7:
                    obj[k] = r.choice(WRITE_KEYS if k == "target_key" else READ_KEYS)
            return obj
        if b == "batch":
            out = {}
            if r.random() < 0.6:
                out["count"] = r.choice([0, 1, 2, 3, -1, 1000, 2 ** 31])
            if r.random() < 0.3:
                out["size"] = r.choice([0, 1, 10, 64, -1, 1048576])
            if r.random() < 0.3:
                out["duration"] = r.choice(BATCH_DURATIONS)
            return out
        if b == "auxiliary_transforms":
            return [self.transform(depth + 1) for _ in range(r.choice([0, 1, 1, 2]))]
        if b == "kv_store":
            return self.kv_store(ctype)
        return self.value(ctype, self.cat["blocks"].get(b, {"type": "any"}), depth)

    def kv_store(self, ctype):
        r = self.rng
        if ctype == "meta_kv_store_lock" or r.random() < 0.6:
            s = {}
            if r.random() < 0.5:
                s["capacity"] = r.choice([1, 2, 64, 0, -1])
            return {"type": "memory", "settings": s}
        kind = r.choice(["csv_file", "json_file", "text_file"])
        s = {"file": self.fixtures[kind]}
        if kind == "csv_file":
            s["column"] = r.choice(["k", "name", "missing"])
            if r.random() < 0.3:
                s["delimiter"] = r.choice([",", ";"])
        if kind == "json_file" and r.random() < 0.3:
            s["is_lines"] = r.choice([True, False])
        return {"type": kind, "settings": s}

    def value(self, ctype, spec, depth):
        r = self.rng
        t = spec.get("type", "any")
        if r.random() < 0.04:              # now and then the wrong JSON type
            return r.choice(["1", 1, 1.5, True, [], {}, None])
        if t == "string":
            return r.choice(STRINGS)
        if t == "integer":
            return r.choice(INTEGERS)
        if t == "number":
            return r.choice(NUMBERS)
        if t == "boolean":
            return r.choice([True, False])
        if t == "duration":
            return r.choice(DURATIONS)
        if t == "strings":
            return r.choice([[], [".*"], ["a", "("], ["x"]])
        if t == "string_map":
            return r.choice([{}, {"k": "v"}, {"ü": "😀", "a": ""}])
        if t == "any":
            return r.choice(ANY_VALUES)
        if t == "transforms":
            return [self.transform(depth + 1) for _ in range(r.choice([0, 1, 1, 2]))]
        if t == "condition":
            return self.condition(depth + 1)
        if t == "conditions":
            return [self.condition(depth + 1) for _ in range(r.choice([0, 1, 2, 2]))]
        if t == "object":
            sub = spec.get("settings")
            if not sub:
                return r.choice([{}, {"k": 1}])
            out = {}
            for name, s in sub.items():
                if r.random() < (0.95 if s.get("required") else 0.5):
                    v = self.setting(ctype, name, s, depth)
                    if v is not _ABSENT:
                        out[name] = v
            return out
        if t == "objects":
            out = []
            for _ in range(r.choice([1, 1, 2])):
                out.append(self.value(ctype, dict(spec, type="object"), depth))
            return out
        return r.choice(ANY_VALUES)

    # ---- inputs

    def input_lines(self):
        """A list of lines (bytes, without their newline)."""
        return [self.line() for _ in range(self.rng.choice([1, 1, 2, 3, 4, 6]))]

    def line(self):
        r = self.rng
        x = r.random()
        if x < 0.12:
            return r.choice(NON_JSON).encode("utf-8")
        if x < 0.14:
            return r.choice([b"\xff\xfe bad utf-8", b'{"s":"\xc3"}', b"caf\xe9"])
        if x < 0.2:
            return self.json_value(3).encode("utf-8")
        return self.json_object(0).encode("utf-8")

    def json_object(self, depth):
        r = self.rng
        n = r.choice([0, 1, 2, 3, 4, 5, 6]) if depth else r.choice([2, 3, 4, 5, 6, 7])
        keys = r.sample(EVENT_KEYS, min(n, len(EVENT_KEYS)))
        if keys and r.random() < 0.05:
            keys.append(keys[0])           # a duplicated key
        sep = r.choice([",", ",", ", "])
        col = r.choice([":", ":", ": "])
        members = []
        for k in keys:
            members.append(self.json_string(k) + col + self.value_for_key(k, depth))
        return "{" + sep.join(members) + "}"

    def value_for_key(self, key, depth):
        r = self.rng
        pools = {"ip": IPS, "dom": DOMAINS, "b64": B64}
        if key in pools and r.random() < 0.8:
            return self.json_string(r.choice(pools[key]))
        if key in ("n", "ts", "t") and r.random() < 0.8:
            return r.choice(NUM_TEXTS)
        if key in ("arr", "nums") and r.random() < 0.8:
            return self.json_array(depth + 1, numbers=key == "nums")
        if key == "o" and r.random() < 0.8 and depth < 4:
            return self.json_object(depth + 1)
        return self.json_value(depth + 1)

    def json_value(self, depth):
        r = self.rng
        x = r.random()
        if depth < 4 and x < 0.15:
            return self.json_object(depth + 1)
        if depth < 4 and x < 0.3:
            return self.json_array(depth + 1)
        if x < 0.55:
            return r.choice(NUM_TEXTS)
        if x < 0.65:
            return r.choice(["true", "false", "null"])
        return self.json_string(r.choice(EVENT_STRINGS))

    def json_array(self, depth, numbers=False):
        r = self.rng
        n = r.choice([0, 1, 2, 3, 4])
        if numbers:
            items = [r.choice(NUM_TEXTS) for _ in range(n)]
        elif r.random() < 0.3:
            items = ['{"x":%s}' % r.choice(NUM_TEXTS) for _ in range(n)]
        elif r.random() < 0.2 and depth < 4:
            items = [self.json_array(depth + 1, numbers=True) for _ in range(n)]
        else:
            items = [self.json_value(depth + 1) for _ in range(n)]
        return "[" + ",".join(items) + "]"

    def json_string(self, s):
        """JSON text of s, with escapes chosen at random: \\uXXXX for non-ASCII, \\/ ."""
        r = self.rng
        text = json.dumps(s, ensure_ascii=r.random() < 0.3)
        if "/" in s and r.random() < 0.5:
            text = text.replace("/", "\\/")
        return text


_ABSENT = object()

EVENT_KEYS = ["a", "b", "n", "s", "arr", "o", "nums", "x", "ip", "dom", "t", "ts", "b64",
              "a.b", "ü", "日本", "😀", "k y", "@t", "#", "", "esc\"q", "tab\t", "p", "q", "l", "m"]
EVENT_STRINGS = ["", "hello", "HeLLo World", "ü", "日本語", "😀", "a\\b", "line\nbreak", "\u0000",
                 "\u2028", "10.0.0.1", "2021-01-02T03:04:05Z", "1_000", "0x10", "1e3", "true",
                 "null", "{\"k\":1}", "[1,2]", "a,b,c", "CamelCaseString", " padded ", "x",
                 "1.5", "-0", "ÅNGSTRÖM ǅ", "\ud7ff", "a/b", "$1", "1609459200"]
NUM_TEXTS = ["0", "1", "-1", "1.0", "1.5", "-0", "-0.0", "1e21", "1E-7", "9007199254740993",
             "1e308", "18446744073709551615", "-9223372036854775808", "1609459200",
             "1609459200123", "1609459200123456789", "0.1", "123456789012345678901234567890",
             "2", "3", "100", "255", "-2.5e3"]
IPS = ["10.0.0.1", "8.8.8.8", "::1", "fe80::1", "ff02::1", "0.0.0.0", "::", "127.0.0.1",
       "224.0.0.1", "169.254.1.1", "fc00::1", "192.168.1.300", "not-an-ip", "2001:db8::1", ""]
DOMAINS = ["www.example.co.uk", "example.com", "com", "a.b.c.example.org", "localhost", "",
           "ÉXAMPLE.com", "x..com", ".com", "foo.blogspot.com", "example.com."]
B64 = ["aGVsbG8=", "aGVsbG8", "not base64!", "", "w7w=", "/w==", "eyJhIjoxfQ=="]
NON_JSON = ["", "plain text", "{", "[1,2,3]", "\"str\"", "42", "null", "{\"a\":1}garbage",
            "  {\"a\": 1}  ", "a,b,c", "\t", "{'a':1}", "[]", "{}", "1e21", "-0", "ü 😀",
            "<html><body>x</body></html>", "{\"a\":1}\r", "10.0.0.1", "www.example.co.uk",
            "aGVsbG8=", "1609459200", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":[[[1]]]}}}}}"]


def fixtures(directory):
    """Write the KV store fixture files; return {kind: absolute path}."""
    os.makedirs(directory, exist_ok=True)
    files = {
        "csv_file": ("kv.csv", "k,name\na,alpha\nhello,hi\n10.0.0.1,private\nü,uml\n"),
        "json_file": ("kv.json", '{"a":"alpha","hello":{"x":1},"10.0.0.1":[1,2],"ü":null}\n'),
        "text_file": ("kv.txt", "a\nhello\n10.0.0.1\nü\n"),
    }
    out = {}
    for kind, (name, text) in files.items():
        path = os.path.join(directory, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        out[kind] = path
    return out
