// warehouse_s3_sink (AWS_KINESIS_DATA_STREAM on the processed stream): the data
// warehouse. Every batch of enriched events is written to the warehouse bucket as one
// object, newline-delimited and gzip'd: processed/YYYY/MM/DD/<uuid>.jsonl.gz.
local sub = import 'substation.libsonnet';
local pl = import '../pipeline.libsonnet';

local event = {
  event_id: 'test-warehouse-sink-1',
  user: 'carol',
  action: 'write',
  lookup: { department: 'engineering' },
  enrichment: { severity: 'low' },
};

{
  concurrency: 2,
  transforms: [
    pl.s3_jsonl_gz('warehouse', 'processed'),
  ],
  tests: [
    pl.test('writes the event and leaves it unchanged', event, [
      pl.field_is('event_id', 'test-warehouse-sink-1'),
      pl.field_is('lookup.department', 'engineering'),
    ]),
  ],
}
