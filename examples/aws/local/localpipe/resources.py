"""The pipeline's AWS resources in moto, created from pipeline.json (what Terraform creates
in an account), plus the private queues ("taps") that stand in for S3 -> Lambda and
SNS -> Lambda deliveries."""
import json
import os

LOCAL_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOOKUP_ITEMS = os.path.join(LOCAL_DIR, "lookup_items.json")

# How long a received message stays invisible. The source queue's is short so that a
# failed batch comes back soon; a tap's is the delay between an asynchronous invocation's
# retries.
SOURCE_QUEUE_VISIBILITY_S = 10
TAP_VISIBILITY_S = 3


def autoscale_topic_name(topology):
    """The SNS topic the streams' CloudWatch alarms notify (not in pipeline.json: it
    belongs to the Kinesis module's autoscaling)."""
    return f"{topology.name}_autoscale"


def dynamo_value(v):
    if isinstance(v, bool):
        return {"BOOL": v}
    if isinstance(v, (int, float)):
        return {"N": str(v)}
    if isinstance(v, dict):
        return {"M": {k: dynamo_value(x) for k, x in v.items()}}
    if isinstance(v, list):
        return {"L": [dynamo_value(x) for x in v]}
    return {"S": str(v)}


def lookup_items():
    with open(LOOKUP_ITEMS, encoding="utf-8") as f:
        return json.load(f)["items"]


class Resources:
    """Creates everything; keeps the URLs and ARNs the drivers need."""

    def __init__(self, moto, topology):
        self.moto = moto
        self.t = topology
        self.kinesis = moto.client("kinesis")
        self.s3 = moto.client("s3")
        self.sqs = moto.client("sqs")
        self.sns = moto.client("sns")
        self.dynamodb = moto.client("dynamodb")
        self.queue_urls = {}  # pipeline.json queue key -> URL
        self.queue_arns = {}
        self.topic_arns = {}  # pipeline.json topic key -> ARN
        self.taps = {}  # (kind, key) -> (queue URL, subscription ARN or None)

    def create(self, with_autoscale_topic=False):
        t = self.t
        for key, s in t.streams.items():
            self.kinesis.create_stream(StreamName=s["name"], ShardCount=s["shards"])
            tags = {}
            if "min_shards" in s:
                tags["MinimumShards"] = str(s["min_shards"])
            if "max_shards" in s:
                tags["MaximumShards"] = str(s["max_shards"])
            if tags:
                self.kinesis.add_tags_to_stream(StreamName=s["name"], Tags=tags)
        for key, b in t.buckets.items():
            self.s3.create_bucket(Bucket=b["name"])
        for key, q in t.queues.items():
            url = self.sqs.create_queue(QueueName=q["name"], Attributes={
                "VisibilityTimeout": str(SOURCE_QUEUE_VISIBILITY_S)})["QueueUrl"]
            self.queue_urls[key] = url
            self.queue_arns[key] = self._queue_arn(url)
        for key, tp in t.topics.items():
            self.topic_arns[key] = self.sns.create_topic(Name=tp["name"])["TopicArn"]
        for key, tb in t.tables.items():
            keys = [{"AttributeName": tb["hash_key"], "KeyType": "HASH"}]
            attrs = [{"AttributeName": tb["hash_key"], "AttributeType": "S"}]
            if tb.get("range_key"):
                keys.append({"AttributeName": tb["range_key"], "KeyType": "RANGE"})
                attrs.append({"AttributeName": tb["range_key"], "AttributeType": "S"})
            self.dynamodb.create_table(TableName=tb["name"], KeySchema=keys,
                                       AttributeDefinitions=attrs, BillingMode="PAY_PER_REQUEST")
        self._seed_lookup_items()
        # S3 -> Lambda and SNS -> Lambda, through taps.
        for key in t.functions_triggered_by("s3"):
            bucket = t.functions[key]["trigger"]["bucket"]
            url, arn = self._tap(f"s3_{bucket}")
            self.s3.put_bucket_notification_configuration(
                Bucket=t.bucket_name(bucket), NotificationConfiguration={"QueueConfigurations": [
                    {"QueueArn": arn, "Events": ["s3:ObjectCreated:*"]}]})
            self.taps[("s3", bucket)] = (url, None)
        for key in t.functions_triggered_by("sns"):
            topic = t.functions[key]["trigger"]["topic"]
            self.taps[("sns", topic)] = self._subscribe_tap(self.topic_arns[topic], f"sns_{topic}")
        if with_autoscale_topic:
            arn = self.sns.create_topic(Name=autoscale_topic_name(t))["TopicArn"]
            self.topic_arns["__autoscale"] = arn
            self.taps[("sns", "__autoscale")] = self._subscribe_tap(arn, "sns_autoscale")
        return self

    def _queue_arn(self, url):
        return self.sqs.get_queue_attributes(
            QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    def _tap(self, suffix):
        url = self.sqs.create_queue(QueueName=f"localpipe_tap_{suffix}", Attributes={
            "VisibilityTimeout": str(TAP_VISIBILITY_S)})["QueueUrl"]
        return url, self._queue_arn(url)

    def _subscribe_tap(self, topic_arn, suffix):
        url, arn = self._tap(suffix)
        sub = self.sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=arn,
                                 ReturnSubscriptionArn=True)["SubscriptionArn"]
        return url, sub

    def _seed_lookup_items(self):
        table = self.t.table_name("metadata")
        items = lookup_items()
        for i in range(0, len(items), 25):
            self.dynamodb.batch_write_item(RequestItems={table: [
                {"PutRequest": {"Item": {k: dynamo_value(v) for k, v in item.items()}}}
                for item in items[i:i + 25]]})
