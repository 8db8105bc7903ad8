// Time: parse a text timestamp, keep it as Unix milliseconds and as ISO 8601
local sub = std.extVar('sub');

{
  transforms: [
    // Text in a Go layout -> Unix nanoseconds (the layout of Go's reference time).
    sub.tf.time.from.string({
      object: { source_key: 'logged', target_key: 'ts' },
      format: '02/Jan/2006:15:04:05 -0700',
    }),
    // Unix nanoseconds -> milliseconds and -> ISO 8601 in UTC.
    sub.tf.time.to.unix_milli({ object: { source_key: 'ts', target_key: 'event.created_ms' } }),
    sub.tf.time.to.string({
      object: { source_key: 'ts', target_key: 'event.created' },
      format: '2006-01-02T15:04:05.000Z',
    }),
    sub.tf.object.delete({ object: { source_key: 'ts' } }),
  ],
  tests: [
    {
      name: 'converts to UTC',
      transforms: [sub.tf.test.message({ value: { logged: '01/Mar/2024:10:00:00 +0200' } })],
      condition: sub.cnd.str.eq({ object: { source_key: 'event.created' }, value: '2024-03-01T08:00:00.000Z' }),
    },
  ],
}
