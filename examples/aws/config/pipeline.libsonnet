// Names and ARNs of the seed pipeline's resources, read from ../pipeline.json (the one
// place the topology is written), and the pieces every function's config shares.
local p = import '../pipeline.json';
local sub = import 'substation.libsonnet';

local arnOf(service, resource) = 'arn:aws:%s:%s:%s:%s' % [service, p.region, p.account, resource];

{
  // Everything below is hidden (::), so this file manifests as an empty config and
  // `substation vet -R` / `substation test -R` over this folder pass over it.
  transforms: [],

  pipeline:: p,

  // ARNs by the keys of pipeline.json: arn.kinesis('raw'), arn.s3('lake'), ...
  arn:: {
    kinesis(key): arnOf('kinesis', 'stream/' + p.kinesis_streams[key].name),
    s3(key): 'arn:aws:s3:::' + p.s3_buckets[key].name,
    dynamodb(key): arnOf('dynamodb', 'table/' + p.dynamodb_tables[key].name),
    lambda(key): arnOf('lambda', 'function:' + p.functions[key].name),
  },

  // Events are JSON objects, one per line. An empty line (a trailing newline in an API
  // Gateway body, a blank line in an S3 object) is not an event: Kinesis would refuse it.
  drop_empty:: sub.tf.meta.switch({ cases: [{
    condition: sub.cnd.num.len.eq({ value: 0 }),
    transforms: [sub.tf.util.drop()],
  }] }),

  // Writes one object per send batch: the events newline-delimited and gzip'd, under
  // <prefix>/YYYY/MM/DD/<uuid>.jsonl.gz.
  s3_jsonl_gz(bucket, prefix):: sub.tf.send.aws.s3({
    aws: { arn: $.arn.s3(bucket) },
    file_path: { prefix: prefix, time_format: '2006/01/02', uuid: true, suffix: '.jsonl.gz' },
    aux_tforms: [
      sub.tf.agg.to.string({ separator: '\n' }),
      sub.tf.str.append({ suffix: '\n' }),
      sub.tf.fmt.to.gzip(),
    ],
  }),

  // Puts events into a Kinesis stream (PutRecords, up to 500 a call).
  to_stream(stream):: sub.tf.send.aws.kinesis_data_stream({ aws: { arn: $.arn.kinesis(stream) } }),

  // A test that feeds `event` to the config and checks `conditions` (all must hold) on
  // every output.
  test(name, event, conditions):: {
    name: name,
    transforms: [sub.tf.test.message({ value: event })],
    condition: sub.cnd.all(conditions),
  },

  // The condition "the field at `key` equals `value`" (a string).
  field_is(key, value):: sub.cnd.str.eq({ obj: { src: key }, value: value }),
  // The condition "nothing at `key`".
  absent(key):: sub.cnd.num.len.eq({ obj: { src: key }, value: 0 }),
}
