// gateway_source (AWS_API_GATEWAY): the body of a POST to the API Gateway's Lambda
// integration holds one event or several, one per line. Each line goes unchanged into the
// raw stream; the response lists the events accepted.
local sub = import 'substation.libsonnet';
local pl = import '../pipeline.libsonnet';

local event = { event_id: 'test-gateway-1', user: 'alice', action: 'login' };

{
  transforms: [
    sub.tf.agg.from.str({ separator: '\n' }),
    pl.drop_empty,
    pl.to_stream('raw'),
  ],
  tests: [
    pl.test('passes the event through unchanged', event, [
      pl.field_is('event_id', 'test-gateway-1'),
      pl.field_is('action', 'login'),
    ]),
  ],
}
