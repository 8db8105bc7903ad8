// sqs_source (AWS_SQS): the body of every message of the source queue goes unchanged
// into the raw stream (the event source mapping deletes the batch when the invocation
// succeeds).
local sub = import 'substation.libsonnet';
local pl = import '../pipeline.libsonnet';

local event = { event_id: 'test-sqs-1', user: 'bob', action: 'read' };

{
  concurrency: 2,
  transforms: [
    pl.drop_empty,
    pl.to_stream('raw'),
  ],
  tests: [
    pl.test('passes the event through unchanged', event, [
      pl.field_is('event_id', 'test-sqs-1'),
      pl.field_is('action', 'read'),
    ]),
  ],
}
