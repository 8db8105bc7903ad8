"""A Kinesis event source mapping, as Lambda runs one for a stream and a function.

- Every shard is read in order (GetRecords, up to `batch_size` records), each batch is one
  synchronous invocation with the Lambda Kinesis event.
- A failed batch is split in two and each half retried when `bisect_on_error` is set
  (splitting does not use up retries, as in Lambda); a batch of one that fails is retried
  with exponential backoff up to `maximum_retry_attempts` times and then discarded
  (counted, never silently: a local run has no on-failure destination).
- Reshards are followed: the shard list is re-read, and a shard is read only once the
  shards it was split or merged from are finished, so records stay in order per key.
  A closed shard is finished when a read finds nothing left in it.
"""
import base64
import json
import threading
import time

POLL_IDLE_S = 0.5  # how long a shard reader waits after finding nothing new (Lambda: 1 s)
SHARD_LIST_EVERY_S = 2.0


class Shard:
    def __init__(self, info):
        self.id = info["ShardId"]
        self.parents = [p for p in (info.get("ParentShardId"), info.get("AdjacentParentShardId"))
                        if p]
        self.closed = False
        self.iterator = None
        self.done = False
        self.reading = False
        self.update(info)

    def update(self, info):
        self.closed = "EndingSequenceNumber" in info.get("SequenceNumberRange", {})


class MappingStats:
    def __init__(self):
        self.records_read = 0
        self.records_delivered = 0
        self.invocations = 0
        self.failed_invocations = 0
        self.bisects = 0
        self.retries = 0
        self.discarded = []  # (sequence number, error) of records given up on
        self.shards_finished = 0
        self.get_records_s = 0.0
        self.lock = threading.Lock()


class KinesisMapping:
    def __init__(self, kinesis, stream_name, stream_arn, function, trigger, region, account,
                 backoff_base_s=0.5, backoff_cap_s=5.0):
        self.kinesis = kinesis
        self.stream_name = stream_name
        self.stream_arn = stream_arn
        self.function = function
        self.batch_size = int(trigger.get("batch_size", 100))
        self.start_position = trigger.get("starting_position", "TRIM_HORIZON")
        self.bisect = bool(trigger.get("bisect_on_error", False))
        self.max_retries = int(trigger.get("maximum_retry_attempts", -1))
        self.region = region
        self.role = f"arn:aws:iam::{account}:role/{function.name}"
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self.shards = {}
        self.stats = MappingStats()
        self.stop_event = threading.Event()
        self.errors = []  # last few invocation error documents, for reports
        self._thread = None
        self._first_listing = True

    @property
    def name(self):
        return f"{self.stream_name} -> {self.function.key}"

    def start(self):
        self._thread = threading.Thread(target=self._run, name=f"esm-{self.function.key}",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.stop_event.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    # -- shards -----------------------------------------------------------------------

    def _list_shards(self):
        infos, token = [], None
        while True:
            r = (self.kinesis.list_shards(NextToken=token) if token
                 else self.kinesis.list_shards(StreamName=self.stream_name))
            infos.extend(r["Shards"])
            token = r.get("NextToken")
            if not token:
                break
        for info in infos:
            shard = self.shards.get(info["ShardId"])
            if shard is None:
                shard = Shard(info)
                # The position given to the mapping applies to the shards there at its
                # creation; shards created later are read from their start.
                shard.position = self.start_position if self._first_listing else "TRIM_HORIZON"
                self.shards[shard.id] = shard
            else:
                shard.update(info)
        self._first_listing = False

    def _ready(self, shard):
        if shard.done:
            return False
        return all(self.shards[p].done for p in shard.parents if p in self.shards)

    # -- the loop ---------------------------------------------------------------------

    def _run(self):
        """Lists the shards every second and gives each shard that is ready its reader."""
        while not self.stop_event.is_set():
            try:
                self._list_shards()
                for shard in list(self.shards.values()):
                    if not shard.reading and self._ready(shard):
                        shard.reading = True
                        threading.Thread(target=self._read_shard, args=(shard,),
                                         name=f"esm-{self.function.key}-{shard.id}",
                                         daemon=True).start()
            except Exception as e:  # moto busy, a network hiccup: try again
                self._note_error(f"ListShards: {e!r}")
            self.stop_event.wait(SHARD_LIST_EVERY_S)

    def _read_shard(self, shard):
        """Reads `shard` to its end (or until stopped), one batch at a time: the next batch
        waits for the last one, as Lambda keeps one batch in flight per shard."""
        while not self.stop_event.is_set() and not shard.done:
            try:
                if not self._read(shard):
                    self.stop_event.wait(POLL_IDLE_S)
            except Exception as e:
                self._note_error(f"GetRecords {shard.id}: {e!r}")
                self.stop_event.wait(1.0)

    def _read(self, shard):
        """Reads one batch from `shard` and delivers it; True when records were found."""
        if shard.iterator is None:
            shard.iterator = self.kinesis.get_shard_iterator(
                StreamName=self.stream_name, ShardId=shard.id,
                ShardIteratorType=shard.position)["ShardIterator"]
        was_closed = shard.closed
        started = time.monotonic()
        r = self.kinesis.get_records(ShardIterator=shard.iterator, Limit=self.batch_size)
        with self.stats.lock:
            self.stats.get_records_s += time.monotonic() - started
        records = r["Records"]
        if records:
            with self.stats.lock:
                self.stats.records_read += len(records)
            self._deliver(shard, records)
        shard.iterator = r.get("NextShardIterator")
        if (not records and was_closed) or shard.iterator is None:
            shard.done = True
            with self.stats.lock:
                self.stats.shards_finished += 1
        return bool(records)

    # -- invocations ------------------------------------------------------------------

    def _event(self, shard, records):
        out = []
        for rec in records:
            seq = rec["SequenceNumber"]
            out.append({
                "kinesis": {
                    "kinesisSchemaVersion": "1.0",
                    "partitionKey": rec["PartitionKey"],
                    "sequenceNumber": seq,
                    "data": base64.b64encode(rec["Data"]).decode(),
                    "approximateArrivalTimestamp": rec["ApproximateArrivalTimestamp"].timestamp(),
                },
                "eventSource": "aws:kinesis",
                "eventVersion": "1.0",
                "eventID": f"{shard.id}:{seq}",
                "eventName": "aws:kinesis:record",
                "invokeIdentityArn": self.role,
                "awsRegion": self.region,
                "eventSourceARN": self.stream_arn,
            })
        return json.dumps({"Records": out}).encode()

    def _backoff(self, attempt):
        return min(self.backoff_base_s * (2 ** attempt), self.backoff_cap_s)

    def _deliver(self, shard, records):
        pending = [(records, 0)]  # (batch, retries so far), in shard order
        while pending:
            batch, retries = pending.pop(0)
            ok, body = self.function.invoke(self._event(shard, batch))
            with self.stats.lock:
                self.stats.invocations += 1
            if ok:
                with self.stats.lock:
                    self.stats.records_delivered += len(batch)
                continue
            with self.stats.lock:
                self.stats.failed_invocations += 1
            self._note_error(body.decode("utf-8", "replace"))
            if self.bisect and len(batch) > 1:
                half = (len(batch) + 1) // 2
                pending[0:0] = [(batch[:half], retries), (batch[half:], retries)]
                with self.stats.lock:
                    self.stats.bisects += 1
                continue
            if self.stop_event.is_set():
                return  # still in the stream: not delivered, not discarded
            if 0 <= self.max_retries <= retries:
                with self.stats.lock:
                    for rec in batch:
                        self.stats.discarded.append((rec["SequenceNumber"],
                                                     body.decode("utf-8", "replace")))
                continue
            with self.stats.lock:
                self.stats.retries += 1
            self.stop_event.wait(self._backoff(retries))
            pending.insert(0, (batch, retries + 1))

    def _note_error(self, text):
        self.errors.append(text[:500])
        del self.errors[:-5]
