// Batch: split events, tag each, group them into arrays of two
local sub = std.extVar('sub');

{
  transforms: [
    sub.tf.aggregate.from.array({ object: { source_key: 'events' } }),
    sub.tf.string.to.upper({ object: { source_key: 'code', target_key: 'code' } }),
    // Up to two messages per batch; the end of the input (a control message) sends
    // the last, smaller batch.
    sub.tf.aggregate.to.array({ object: { target_key: 'batch' }, batch: { count: 2 } }),
  ],
  tests: [
    {
      name: 'batches two events',
      transforms: [sub.tf.test.message({ value: { events: [{ code: 'a' }, { code: 'b' }] } })],
      condition: sub.cnd.num.len.eq({ object: { source_key: 'batch' }, value: 2, measurement: 'char' }),
    },
  ],
}
