"""moto_server with five repairs, so that a long run and a reshard behave as in AWS.

moto 5.2 differs from the services where the pipeline leans on them:

1. DynamoDB Query on a table lists and sorts every item of the table, then keeps those
   with the partition key: each call costs the size of the table. The processor queries
   the metadata table once per event while the DynamoDB sink adds an item per event, so a
   run slows down quadratically (10,000 events: over 20 minutes). Here a table Query (not
   an index Query) lists only the queried partition; the rest of moto's Query (key
   conditions, order, limit, filter, paging) is unchanged.
2. Kinesis PutRecord(s) numbers a record "last sequence number + 1" without a lock (moto
   says so), so two concurrent puts into one shard can get the same number and one record
   replaces the other: records vanish. Here every Kinesis write takes one lock, and the
   last sequence number is read without copying the shard's keys.
3. GetRecords walks a shard from its first record on every call. Here it reads from the
   iterator's position (sequence numbers in a shard are consecutive).
4. A reshard moves the parent shard's records into the children (with new sequence
   numbers), and new records may still land in a closed shard (the first shard whose hash
   range matches, open or not). In Kinesis the records stay in the closed parent and new
   ones go to open shards only; so here, which is what a consumer that follows reshards
   must handle.
5. ReceiveMessage works out the queue's retention period once per message returned, by
   computing every attribute of the queue (counting all its messages each time), so a
   queue with a backlog answers slower and slower. Here the period is read directly.

    python3 -m localpipe.moto_main -H 127.0.0.1 -p PORT      (as moto_server)
"""
import hashlib
import sys
import threading
import time
from collections import OrderedDict

from moto.dynamodb.models.table import Table
from moto.kinesis.models import KinesisBackend, Shard, Stream
from moto.server import main as moto_server_main
from moto.sqs.models import SQSBackend

# -- 1. DynamoDB Query by partition --------------------------------------------------------

_query = Table.query
_all_items = Table.all_items
_within = threading.local()  # (table, partition key) of the Query running on this thread

INDEX_NAME_POSITION = 6  # Table.query(hash_key, range_comparison, range_objs, limit,
# exclusive_start_key, scan_index_forward, projection_expressions, index_name, ...)


def _partition_items(self):
    table, key = getattr(_within, "query", (None, None))
    if table is not self:
        return _all_items(self)
    partition = self.items.get(key)
    if partition is None:
        return []
    return list(partition.values()) if self.range_key_attr else [partition]


def _partition_query(self, hash_key, *args, **kwargs):
    index_name = kwargs.get("index_name")
    if index_name is None and len(args) > INDEX_NAME_POSITION:
        index_name = args[INDEX_NAME_POSITION]
    if index_name or hash_key is None:
        return _query(self, hash_key, *args, **kwargs)
    _within.query = (self, hash_key)
    try:
        return _query(self, hash_key, *args, **kwargs)
    finally:
        _within.query = (None, None)


Table.all_items = _partition_items
Table.query = _partition_query

# -- 2. one lock for Kinesis writes ------------------------------------------------------

_kinesis_writes = threading.RLock()


def _locked(method):
    def call(*args, **kwargs):
        with _kinesis_writes:
            return method(*args, **kwargs)
    call.__name__ = method.__name__
    call.__doc__ = method.__doc__
    return call


# ListShards too: it walks the shards a reshard adds to.
for _name in ("put_record", "put_records", "split_shard", "merge_shards",
              "update_shard_count", "list_shards"):
    setattr(KinesisBackend, _name, _locked(getattr(KinesisBackend, _name)))


def _max_sequence_number(self):
    return next(reversed(self.records)) if self.records else 0


Shard.get_max_sequence_number = _max_sequence_number

# -- 3. GetRecords from the iterator's position -----------------------------------------------


def _get_records(self, last_sequence_id, limit):
    last = int(last_sequence_id)
    if not self.records:
        return [], last, 0
    newest = next(reversed(self.records))
    found = []
    seq = last + 1
    while seq <= newest and (not limit or len(found) < limit):
        record = self.records.get(seq)
        if record is not None:
            found.append(record)
            last = seq
        seq += 1
    behind = 0
    if found:
        behind = int((self.records[newest].created_at - found[-1].created_at) * 1000)
    return found, last, behind


Shard.get_records = _get_records

# -- 4. reshards keep records where they are ---------------------------------------------------


def _open_shard_for_key(self, partition_key, explicit_hash_key):
    """The open shard whose hash key range holds the record's hash key (the MD5 of the
    partition key, or the explicit hash key)."""
    try:
        key = int(explicit_hash_key) if explicit_hash_key else int(
            hashlib.md5(partition_key.encode("utf-8")).hexdigest(), 16)
    except (TypeError, ValueError):
        key = None
    if key is not None:
        for shard in self.shards.values():
            if shard.is_open and shard.starting_hash <= key < shard.ending_hash:
                return shard
    return _shard_for_key(self, partition_key, explicit_hash_key)  # moto's errors


_shard_for_key = Stream.get_shard_for_key
Stream.get_shard_for_key = _open_shard_for_key


def _keeping_records(method, *shard_args):
    """Runs a reshard with the named shards' records set aside, then puts them back: the
    closed shards keep their records and nothing is copied into the new ones."""

    def call(self, *args, **kwargs):
        names = [args[i] for i in shard_args if i < len(args)]
        kept = {n: self.shards[n].records for n in names if n in self.shards}
        for n in kept:
            self.shards[n].records = OrderedDict()
        try:
            return method(self, *args, **kwargs)
        finally:
            for n, records in kept.items():
                self.shards[n].records = records

    call.__name__ = method.__name__
    return call


Stream.split_shard = _keeping_records(Stream.split_shard, 0)
Stream.merge_shards = _keeping_records(Stream.merge_shards, 0, 1)

# -- 5. SQS retention period read directly ------------------------------------------------


def _within_retention(self, queue_name, message):
    queue = self.get_queue(queue_name)
    period = int(getattr(queue, "message_retention_period", 4 * 86400))
    return period + message.sent_timestamp / 1000 > time.time()


SQSBackend.is_message_valid_based_on_retention_period = _within_retention

if __name__ == "__main__":
    sys.exit(moto_server_main())
