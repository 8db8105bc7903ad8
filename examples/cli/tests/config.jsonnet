// A config with its own tests: `substation test examples/cli/tests` runs each entry of
// `tests`. The entry's transforms make the input (test_message emits one message), the
// config's transforms process it, and the condition must hold on every output.
local sub = import 'substation.libsonnet';

{
  tests: [
    {
      name: 'lowercases the user name',
      transforms: [sub.tf.test.message({ value: { user: 'ALICE' } })],
      condition: sub.cnd.str.eq({ object: { source_key: 'user' }, value: 'alice' }),
    },
  ],
  transforms: [
    sub.tf.str.to.lower({ object: { source_key: 'user', target_key: 'user' } }),
    sub.tf.send.stdout(),
  ],
}
