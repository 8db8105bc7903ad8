// raw_s3_sink (AWS_KINESIS_DATA_STREAM on the raw stream): the data lake. Every batch of
// raw events is written unchanged to the lake bucket as one object, newline-delimited and
// gzip'd: raw/YYYY/MM/DD/<uuid>.jsonl.gz.
local sub = import 'substation.libsonnet';
local pl = import '../pipeline.libsonnet';

local event = { event_id: 'test-raw-sink-1', user: 'carol', action: 'write' };

{
  concurrency: 2,
  transforms: [
    pl.s3_jsonl_gz('lake', 'raw'),
  ],
  tests: [
    pl.test('writes the event and leaves it unchanged', event, [
      pl.field_is('event_id', 'test-raw-sink-1'),
      pl.field_is('user', 'carol'),
    ]),
  ],
}
