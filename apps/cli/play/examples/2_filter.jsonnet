// Filter: split an array of events and keep the important ones
local sub = std.extVar('sub');

// An event is kept when any of these holds.
local important = sub.cnd.any([
  sub.cnd.str.eq({ object: { source_key: 'severity' }, value: 'high' }),
  sub.cnd.num.gt({ object: { source_key: 'failures' }, value: 3 }),
  sub.cnd.str.match({ object: { source_key: 'user' }, pattern: '^admin' }),
]);

{
  transforms: [
    // One message per element of the `events` array.
    sub.tf.aggregate.from.array({ object: { source_key: 'events' } }),
    // Drop every event that is not important.
    sub.tf.meta.switch({ cases: [
      { condition: sub.cnd.none([important]), transforms: [sub.tf.util.drop()] },
    ] }),
  ],
  tests: [
    {
      name: 'keeps high severity',
      transforms: [sub.tf.test.message({ value: { events: [{ severity: 'high' }] } })],
      condition: sub.cnd.str.eq({ object: { source_key: 'severity' }, value: 'high' }),
    },
    {
      name: 'keeps admins',
      transforms: [sub.tf.test.message({ value: { events: [{ user: 'admin-3' }, { user: 'bob' }] } })],
      condition: sub.cnd.str.prefix({ object: { source_key: 'user' }, value: 'admin' }),
    },
  ],
}
