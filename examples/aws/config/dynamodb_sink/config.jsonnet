// dynamodb_sink (AWS_KINESIS_DATA_STREAM on the processed stream): one item per processed
// event in the metadata table.
//   PK  "event#<event_id>" (no event_id: "event#<enrichment.event_sha256>")
//   SK  "delivery#<sequence number in the processed stream>" ("delivery#direct" outside
//       Kinesis)
// Lookup items use PK "user#<name>", so the two kinds never collide. A retried batch puts
// the same keys again (no duplicate), while an event that went through the processed
// stream twice shows up as two items under one PK.
local sub = import 'substation.libsonnet';
local pl = import '../pipeline.libsonnet';

local event = {
  event_id: 'test-dynamodb-sink-1',
  user: 'alice',
  action: 'delete',
  lookup: { department: 'security' },
  enrichment: { severity: 'high', event_sha256: std.repeat('0', 64) },
};

local cp(src, trg) = sub.tf.obj.cp({ obj: { src: src, trg: trg } });
local prefix(key, with) = sub.tf.str.replace({
  obj: { src: key, trg: key },
  pattern: '^(.*)$',
  repl: with + '${1}',
});

{
  concurrency: 2,
  transforms: [
    cp('enrichment.event_sha256', '__item.PK'),
    cp('event_id', '__item.PK'),
    prefix('__item.PK', 'event#'),
    sub.tf.obj.insert({ obj: { trg: '__item.SK' }, value: 'direct' }),
    cp('meta sequenceNumber', '__item.SK'),
    prefix('__item.SK', 'delivery#'),
    cp('event_id', '__item.event_id'),
    cp('user', '__item.user'),
    cp('action', '__item.action'),
    cp('lookup.department', '__item.department'),
    cp('enrichment.severity', '__item.severity'),
    cp('enrichment.event_sha256', '__item.event_sha256'),
    // The item replaces the event.
    sub.tf.obj.cp({ obj: { src: '__item' } }),
    sub.tf.send.aws.dynamodb.put({ aws: { arn: pl.arn.dynamodb('metadata') } }),
  ],
  tests: [
    pl.test('puts one item keyed by the event id', event, [
      pl.field_is('PK', 'event#test-dynamodb-sink-1'),
      pl.field_is('SK', 'delivery#direct'),
      pl.field_is('severity', 'high'),
      pl.field_is('department', 'security'),
    ]),
  ],
}
