// Normalize: rename vendor fields to common names, fix their case
local sub = std.extVar('sub');

{
  transforms: [
    // Move each vendor field to its common name (copy, then delete the original).
    sub.tf.object.copy({ object: { source_key: 'SrcIP', target_key: 'source.ip' } }),
    sub.tf.object.copy({ object: { source_key: 'User', target_key: 'user.name' } }),
    sub.tf.object.copy({ object: { source_key: 'Action', target_key: 'event.action' } }),
    sub.tf.object.delete({ object: { source_key: 'SrcIP' } }),
    sub.tf.object.delete({ object: { source_key: 'User' } }),
    sub.tf.object.delete({ object: { source_key: 'Action' } }),
    sub.tf.object.delete({ object: { source_key: 'debug' } }),
    // One spelling for names and actions.
    sub.tf.string.to.lower({ object: { source_key: 'user.name', target_key: 'user.name' } }),
    sub.tf.string.to.snake({ object: { source_key: 'event.action', target_key: 'event.action' } }),
    sub.tf.object.insert({ object: { target_key: 'event.kind' }, value: 'event' }),
  ],
  // The Test button runs these: each builds a message, sends it through the transforms
  // above and checks the condition on what comes out.
  tests: [
    {
      name: 'lower-cases the user name',
      transforms: [sub.tf.test.message({ value: { User: 'BOB', Action: 'LogOut' } })],
      condition: sub.cnd.str.eq({ object: { source_key: 'user.name' }, value: 'bob' }),
    },
    {
      name: 'drops the debug field',
      transforms: [sub.tf.test.message({ value: { debug: true } })],
      condition: sub.cnd.num.len.eq({ object: { source_key: 'debug' }, value: 0 }),
    },
  ],
}
