// Normalises AWS CloudTrail records to a subset of the Elastic Common Schema (ECS).
local sub = std.extVar('sub');

{
  transforms: [
    // Keep the whole record under 'event.original': copy it into the metadata, then make
    // the metadata the new data.
    sub.tf.object.copy({ object: { source_key: '@this', target_key: 'meta event.original' } }),
    sub.tf.object.copy({ object: { source_key: 'meta @this' } }),

    // Fingerprint the original record.
    sub.tf.hash.sha256({ object: { source_key: 'event.original', target_key: 'event.hash' } }),

    // Constant ECS fields.
    sub.tf.object.insert({ object: { target_key: 'event.dataset' }, value: 'aws.cloudtrail' }),
    sub.tf.object.insert({ object: { target_key: 'event.kind' }, value: 'event' }),
    sub.tf.object.insert({ object: { target_key: 'event.category.-1' }, value: 'configuration' }),
    sub.tf.object.insert({ object: { target_key: 'cloud.provider' }, value: 'aws' }),

    // A record with an error code is a failure, any other a success.
    sub.tf.meta.switch({ cases: [
      {
        condition: sub.cnd.number.length.greater_than({ object: { source_key: 'event.original.errorCode' }, value: 0 }),
        transforms: [sub.tf.object.insert({ object: { target_key: 'event.outcome' }, value: 'failure' })],
      },
      {
        transforms: [sub.tf.object.insert({ object: { target_key: 'event.outcome' }, value: 'success' })],
      },
    ] }),

    // Fields copied from the original record.
    sub.tf.object.copy({ object: { source_key: 'event.original.eventTime', target_key: '\\@timestamp' } }),
    sub.tf.object.copy({ object: { source_key: 'event.original.eventName', target_key: 'event.action' } }),
    sub.tf.object.copy({ object: { source_key: 'event.original.eventID', target_key: 'event.id' } }),
    sub.tf.object.copy({ object: { source_key: 'event.original.sourceIPAddress', target_key: 'source.ip' } }),
    sub.tf.object.copy({ object: { source_key: 'event.original.userAgent', target_key: 'user_agent.original' } }),
    sub.tf.object.copy({ object: { source_key: 'event.original.userIdentity.arn', target_key: 'user.id' } }),
    sub.tf.object.copy({ object: { source_key: 'event.original.awsRegion', target_key: 'cloud.region' } }),
    sub.tf.object.copy({ object: { source_key: 'event.original.recipientAccountId', target_key: 'cloud.account.id' } }),

    // 'ec2.amazonaws.com' -> 'ec2'.
    sub.tf.string.capture({ object: { source_key: 'event.original.eventSource', target_key: 'cloud.service.name' }, pattern: '^(.*)\\.amazonaws\\.com$' }),

    // Print the result in a readable form.
    sub.tf.object.copy({ object: { source_key: '@this|@pretty' } }),
    sub.tf.send.stdout(),
  ],
}
