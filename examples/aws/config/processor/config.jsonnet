// processor (AWS_KINESIS_DATA_STREAM on the raw stream): enriches every raw event and puts
// it into the processed stream. The original fields are left as they are; two are added:
//   enrichment  the reply of the enrichment function (enrich_aws_lambda, called with the
//               event as received)
//   lookup      the user's item in the metadata table (enrich_aws_dynamodb_query on
//               PK = "user#<user>"), without its keys; absent when the user has none
// Scratch fields live under __tmp and are removed before the send.
local sub = import 'substation.libsonnet';
local pl = import '../pipeline.libsonnet';

// A seeded lookup item the test relies on: examples/aws/local/lookup_items.json.
local event = { event_id: 'test-processor-1', user: 'alice', action: 'delete' };

{
  // Each event waits on two calls (DynamoDB, Lambda): overlap them.
  concurrency: 4,
  transforms: [
    sub.tf.enrich.aws.lambda({
      aws: { arn: pl.arn.lambda('enrichment') },
      obj: { src: '@this', trg: '__tmp.enrichment' },
    }),
    sub.tf.obj.cp({ obj: { src: '__tmp.enrichment.0', trg: 'enrichment' } }),

    sub.tf.obj.cp({ obj: { src: 'user', trg: '__tmp.lookup_key' } }),
    sub.tf.str.replace({
      obj: { src: '__tmp.lookup_key', trg: '__tmp.lookup_key' },
      pattern: '^(.*)$',
      repl: 'user#${1}',
    }),
    sub.tf.enrich.aws.dynamodb.query({
      aws: { arn: pl.arn.dynamodb('metadata') },
      attributes: { partition_key: pl.pipeline.dynamodb_tables.metadata.hash_key },
      obj: { src: '__tmp.lookup_key', trg: '__tmp.lookup' },
    }),
    sub.tf.obj.cp({ obj: { src: '__tmp.lookup.0', trg: 'lookup' } }),
    sub.tf.obj.del({ obj: { src: 'lookup.' + pl.pipeline.dynamodb_tables.metadata.hash_key } }),
    sub.tf.obj.del({ obj: { src: 'lookup.' + pl.pipeline.dynamodb_tables.metadata.range_key } }),

    sub.tf.obj.del({ obj: { src: '__tmp' } }),
    pl.to_stream('processed'),
  ],
  tests: [
    pl.test('adds the lookup item and the enrichment, keeps the event', event, [
      pl.field_is('event_id', 'test-processor-1'),
      pl.field_is('action', 'delete'),
      pl.field_is('lookup.department', 'security'),
      pl.field_is('enrichment.severity', 'high'),
      sub.cnd.num.len.eq({ obj: { src: 'enrichment.event_sha256' }, value: 64 }),
      pl.absent('lookup.PK'),
      pl.absent('__tmp'),
    ]),
  ],
}
