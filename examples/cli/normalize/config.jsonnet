// Renames Zeek-style keys to a common schema: copy each value to its new key, then delete
// the old ones. Messages leave through send_stdout.
local sub = import 'substation.libsonnet';

{
  transforms: [
    sub.tf.object.copy({ object: { source_key: 'id\\.orig_h', target_key: 'source.ip' } }),
    sub.tf.object.copy({ object: { source_key: 'id\\.resp_h', target_key: 'destination.ip' } }),
    sub.tf.object.copy({ object: { source_key: 'id\\.resp_p', target_key: 'destination.port' } }),
    sub.tf.object.delete({ object: { source_key: 'id\\.orig_h' } }),
    sub.tf.object.delete({ object: { source_key: 'id\\.resp_h' } }),
    sub.tf.object.delete({ object: { source_key: 'id\\.resp_p' } }),
    sub.tf.send.stdout(),
  ],
}
