// sns_source (AWS_SNS): the Message of every notification published to the source
// topic goes unchanged into the raw stream.
local sub = import 'substation.libsonnet';
local pl = import '../pipeline.libsonnet';

local event = { event_id: 'test-sns-1', user: 'bob', action: 'read' };

{
  concurrency: 2,
  transforms: [
    pl.drop_empty,
    pl.to_stream('raw'),
  ],
  tests: [
    pl.test('passes the event through unchanged', event, [
      pl.field_is('event_id', 'test-sns-1'),
      pl.field_is('action', 'read'),
    ]),
  ],
}
