// Remembers the first user seen for each host in a key-value store, then adds it to every
// later event of that host. The memory store lives as long as the process; a DynamoDB table
// (sub.kv_store.aws.dynamodb) is the shared, durable choice in AWS.
local sub = import 'substation.libsonnet';
local store = sub.kv_store.memory({ capacity: 100 });

{
  transforms: [
    sub.tf.meta.switch({ cases: [{
      condition: sub.cnd.num.len.gt({ object: { source_key: 'user' }, value: 0 }),
      transforms: [
        sub.tf.enrich.kv_store.item.set({
          object: { source_key: 'host', target_key: 'user' },
          prefix: 'first_user',
          kv_store: store,
        }),
      ],
    }] }),
    sub.tf.enrich.kv_store.item.get({
      object: { source_key: 'host', target_key: 'first_user' },
      prefix: 'first_user',
      kv_store: store,
    }),
    sub.tf.send.stdout(),
  ],
}
