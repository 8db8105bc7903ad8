// Keeps only the events that matter: DNS traffic (port 53) is dropped, everything else is
// tagged and printed. meta_switch runs the transforms of the first case whose condition
// holds; a case without a condition is the default.
local sub = import 'substation.libsonnet';

{
  transforms: [
    sub.tf.meta.switch({ cases: [
      {
        condition: sub.cnd.num.eq({ object: { source_key: 'destination.port' }, value: 53 }),
        transforms: [sub.tf.util.drop()],
      },
      {
        transforms: [sub.tf.obj.insert({ object: { target_key: 'tags' }, value: ['kept'] })],
      },
    ] }),
    sub.tf.send.stdout(),
  ],
}
