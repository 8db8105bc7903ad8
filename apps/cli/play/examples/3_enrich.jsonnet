// Enrich: keep the original, fingerprint it, split a domain, look up an owner
local sub = std.extVar('sub');

// A small lookup table, applied with jq (a KV store can hold larger ones).
local owners = { '10.0.0.1': 'web team', '10.0.0.2': 'db team' };

{
  transforms: [
    // Keep the original event, as text, before changing it.
    sub.tf.object.copy({ object: { source_key: '@this', target_key: 'event.original' } }),
    sub.tf.object.to.string({ object: { source_key: 'event.original', target_key: 'event.original' } }),
    sub.tf.hash.sha256({ object: { source_key: 'event.original', target_key: 'event.hash' } }),
    sub.tf.object.insert({ object: { target_key: 'cloud.provider' }, value: 'aws' }),
    // The registered domain of a host name (from the public suffix list).
    sub.tf.net.domain.registered_domain({ object: { source_key: 'url.domain', target_key: 'url.registered_domain' } }),
    sub.tf.object.jq({
      filter: '.host.owner = (%s[.host.ip] // "unknown")' % std.manifestJsonMinified(owners),
    }),
  ],
  tests: [
    {
      name: 'looks up the owner',
      transforms: [sub.tf.test.message({ value: { host: { ip: '10.0.0.2' } } })],
      condition: sub.cnd.str.eq({ object: { source_key: 'host.owner' }, value: 'db team' }),
    },
  ],
}
