"""Where the events are: what reached the lake, the warehouse and the metadata table,
checked against what went in."""
import gzip
import hashlib
import json
from collections import Counter

from . import resources

HIGH_ACTIONS = {"delete", "escalate", "disable_mfa"}  # config/enrichment's rule
ADDED_FIELDS = ("lookup", "enrichment")  # what the processor adds


class SinkReader:
    """Reads the sinks incrementally: each S3 object once, the table by a scan."""

    def __init__(self, moto, topology):
        self.t = topology
        self.s3 = moto.client("s3")
        self.dynamodb = moto.client("dynamodb")
        self.objects = {"lake": {}, "warehouse": {}}  # bucket key -> {object key: [lines]}

    def _read_bucket(self, key):
        seen = self.objects[key]
        paginator = self.s3.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.t.bucket_name(key)):
            for obj in page.get("Contents", []):
                if obj["Key"] in seen:
                    continue
                body = self.s3.get_object(Bucket=self.t.bucket_name(key),
                                          Key=obj["Key"])["Body"].read()
                if body[:2] == b"\x1f\x8b":
                    body = gzip.decompress(body)
                seen[obj["Key"]] = [ln for ln in body.split(b"\n") if ln]
        return [ln for lines in seen.values() for ln in lines]

    def lake(self):
        return self._read_bucket("lake")

    def warehouse(self):
        return self._read_bucket("warehouse")

    def event_items(self):
        """Items of the metadata table whose PK is event#..., as plain dicts."""
        table = self.t.table_name("metadata")
        pk = self.t.tables["metadata"]["hash_key"]
        items, start = [], None
        while True:
            kw = {"TableName": table, "FilterExpression": "begins_with(#pk, :p)",
                  "ExpressionAttributeNames": {"#pk": pk},
                  "ExpressionAttributeValues": {":p": {"S": "event#"}}}
            if start:
                kw["ExclusiveStartKey"] = start
            r = self.dynamodb.scan(**kw)
            items.extend({k: list(v.values())[0] for k, v in it.items()} for it in r["Items"])
            start = r.get("LastEvaluatedKey")
            if not start:
                return items


def _id_of(line):
    try:
        return json.loads(line).get("event_id")
    except (ValueError, AttributeError):
        return None


class SinkCount:
    """One sink's account: ids found once, twice or more, never, or not ours; bad copies."""

    def __init__(self, name, expected_ids, found_ids, bad):
        counts = Counter(found_ids)
        self.name = name
        self.total = len(found_ids)
        self.arrived = sum(1 for i in expected_ids if counts.get(i, 0) >= 1)
        self.duplicated = sorted(i for i, c in counts.items() if c > 1)
        self.missing = sorted(i for i in expected_ids if i not in counts)
        self.unexpected = sorted(i for i in counts if i not in expected_ids)
        self.bad = bad  # [(id, why)]

    @property
    def ok(self):
        return not (self.duplicated or self.missing or self.unexpected or self.bad)

    def line(self):
        return (f"{self.name:<10} {self.arrived:>7} arrived  {len(self.missing):>6} missing  "
                f"{len(self.duplicated):>4} duplicated  {len(self.unexpected):>4} unexpected  "
                f"{len(self.bad):>4} wrong")


def check(expected, lake_lines, warehouse_lines, items, lookups):
    """expected: {event_id: line bytes as sent}; lookups: {user: lookup item}. Returns the
    three SinkCounts (lake, warehouse, dynamodb)."""
    ids = set(expected)
    # Lake: every line byte for byte as it went in.
    lake_ids, lake_bad = [], []
    for ln in lake_lines:
        i = _id_of(ln)
        lake_ids.append(i)
        if i in expected and ln != expected[i]:
            lake_bad.append((i, "changed on the way to the lake"))
    # Warehouse: the original fields intact, the lookup item and the enrichment added.
    wh_ids, wh_bad = [], []
    for ln in warehouse_lines:
        try:
            doc = json.loads(ln)
        except ValueError:
            wh_bad.append((None, f"not JSON: {ln[:80]!r}"))
            continue
        i = doc.get("event_id")
        wh_ids.append(i)
        if i not in expected:
            continue
        why = _warehouse_problem(doc, expected[i], lookups)
        if why:
            wh_bad.append((i, why))
    # DynamoDB: one item per event, keyed and filled as config/dynamodb_sink says.
    db_ids, db_bad = [], []
    for it in items:
        i = it.get("event_id")
        db_ids.append(i)
        if i not in expected:
            continue
        orig = json.loads(expected[i])
        if it.get("PK") != f"event#{i}" or not str(it.get("SK", "")).startswith("delivery#"):
            db_bad.append((i, f"keys {it.get('PK')}/{it.get('SK')}"))
        elif it.get("severity") != _severity(orig["action"]):
            db_bad.append((i, f"severity {it.get('severity')}"))
        elif it.get("department") != lookups.get(orig["user"], {}).get("department"):
            db_bad.append((i, f"department {it.get('department')}"))
    return [SinkCount("lake", ids, lake_ids, lake_bad),
            SinkCount("warehouse", ids, wh_ids, wh_bad),
            SinkCount("dynamodb", ids, db_ids, db_bad)]


def _severity(action):
    return "high" if action in HIGH_ACTIONS else "low"


def _warehouse_problem(doc, line, lookups):
    orig = json.loads(line)
    rest = {k: v for k, v in doc.items() if k not in ADDED_FIELDS}
    if rest != orig:
        return "original fields changed"
    enrichment = doc.get("enrichment")
    if not isinstance(enrichment, dict):
        return "no enrichment"
    if enrichment.get("event_sha256") != hashlib.sha256(line).hexdigest():
        return "enrichment.event_sha256 is not the SHA-256 of the event"
    if enrichment.get("severity") != _severity(orig["action"]):
        return f"enrichment.severity {enrichment.get('severity')}"
    if not enrichment.get("enriched_at"):
        return "no enrichment.enriched_at"
    want = {k: v for k, v in lookups.get(orig["user"], {}).items() if k not in ("PK", "SK")}
    if doc.get("lookup") != want:
        return f"lookup {doc.get('lookup')} is not {want}"
    return None


def lookups_by_user():
    return {item["PK"].split("#", 1)[1]: item for item in resources.lookup_items()}
