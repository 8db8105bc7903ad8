// Normalises timestamps: an epoch in seconds becomes RFC 3339 text, and a string in another
// layout (Go's reference-time layouts: 2006-01-02 15:04:05) is parsed and written again.
local sub = import 'substation.libsonnet';

{
  transforms: [
    sub.tf.time.from.unix({ object: { source_key: 'ts', target_key: 'ts' } }),
    sub.tf.time.to.string({ object: { source_key: 'ts', target_key: 'timestamp' }, format: '2006-01-02T15:04:05.000Z' }),
    sub.tf.time.from.string({ object: { source_key: 'seen', target_key: 'seen' }, format: '02/Jan/2006:15:04:05 -0700' }),
    sub.tf.time.to.string({ object: { source_key: 'seen', target_key: 'seen' }, format: '2006-01-02T15:04:05Z07:00' }),
    sub.tf.obj.delete({ object: { source_key: 'ts' } }),
    sub.tf.send.stdout(),
  ],
}
