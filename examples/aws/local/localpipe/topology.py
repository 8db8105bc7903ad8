"""examples/aws/pipeline.json, the pipeline's topology, with ARNs derived from it."""
import json
import os

EXAMPLE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PIPELINE_JSON = os.path.join(EXAMPLE_DIR, "pipeline.json")


class Topology:
    def __init__(self, path=PIPELINE_JSON):
        with open(path, encoding="utf-8") as f:
            self.doc = json.load(f)
        self.example_dir = os.path.dirname(os.path.abspath(path))
        self.account = self.doc["account"]
        self.region = self.doc["region"]
        self.name = self.doc["name"]
        self.functions = self.doc["functions"]
        self.streams = self.doc["kinesis_streams"]
        self.buckets = self.doc["s3_buckets"]
        self.topics = self.doc["sns_topics"]
        self.queues = self.doc["sqs_queues"]
        self.tables = self.doc["dynamodb_tables"]
        self.gateways = self.doc["api_gateways"]
        self.appconfig = self.doc["appconfig"]
        self.control_functions = self.doc.get("control_functions", {})

    # Names by pipeline.json key.
    def stream_name(self, key):
        return self.streams[key]["name"]

    def bucket_name(self, key):
        return self.buckets[key]["name"]

    def table_name(self, key):
        return self.tables[key]["name"]

    def function_name(self, key):
        return self.functions[key]["name"]

    # ARNs.
    def stream_arn(self, key):
        return f"arn:aws:kinesis:{self.region}:{self.account}:stream/{self.stream_name(key)}"

    def function_arn(self, key):
        return f"arn:aws:lambda:{self.region}:{self.account}:function:{self.function_name(key)}"

    def config_path(self, key):
        return os.path.join(self.example_dir, self.functions[key]["config"])

    def profile(self, key):
        """The AppConfig configuration profile of a function: the function's name."""
        return self.function_name(key)

    def functions_triggered_by(self, trigger_type, **match):
        """Keys of the functions whose trigger has this type (and these fields)."""
        out = []
        for key, fn in self.functions.items():
            t = fn.get("trigger", {})
            if t.get("type") == trigger_type and all(t.get(k) == v for k, v in match.items()):
                out.append(key)
        return out
