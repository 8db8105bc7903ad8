// s3_source (AWS_S3): every line of an object created in the source bucket goes
// unchanged into the raw stream (the handler decompresses gzip, bzip2 and zstd objects).
local sub = import 'substation.libsonnet';
local pl = import '../pipeline.libsonnet';

local event = { event_id: 'test-s3-1', user: 'bob', action: 'read' };

{
  concurrency: 2,
  transforms: [
    pl.drop_empty,
    pl.to_stream('raw'),
  ],
  tests: [
    pl.test('passes the event through unchanged', event, [
      pl.field_is('event_id', 'test-s3-1'),
      pl.field_is('action', 'read'),
    ]),
  ],
}
