// Groups events into arrays of at most two, per source host (batch_key), as a sender
// would batch them; the last, partial batches are flushed by the control message that ends
// every run.
local sub = import 'substation.libsonnet';

{
  transforms: [
    sub.tf.aggregate.to.array({ object: { batch_key: 'host' }, batch: { count: 2 } }),
    sub.tf.send.stdout(),
  ],
}
