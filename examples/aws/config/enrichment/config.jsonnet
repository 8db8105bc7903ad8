// enrichment (AWS_LAMBDA): called synchronously by the processor with one event; answers
// with the fields it adds (as a one-element JSON array, the AWS_LAMBDA handler's reply):
//   event_sha256  SHA-256 of the event as received (lowercase hex)
//   severity      "high" for the actions in `high_actions`, else "low"
//   enriched_at   when it was enriched (UTC, RFC 3339 with milliseconds)
local sub = import 'substation.libsonnet';
local pl = import '../pipeline.libsonnet';

local high_actions = ['delete', 'escalate', 'disable_mfa'];

local is_high = sub.cnd.any([
  sub.cnd.str.eq({ obj: { src: 'action' }, value: a })
  for a in high_actions
]);

{
  transforms: [
    sub.tf.hash.sha256({ obj: { src: '@this', trg: '__out.event_sha256' } }),
    sub.tf.meta.switch({ cases: [
      {
        condition: is_high,
        transforms: [sub.tf.obj.insert({ obj: { trg: '__out.severity' }, value: 'high' })],
      },
      {
        transforms: [sub.tf.obj.insert({ obj: { trg: '__out.severity' }, value: 'low' })],
      },
    ] }),
    sub.tf.time.now({ obj: { trg: '__out.enriched_at' } }),
    sub.tf.time.to.string({
      obj: { src: '__out.enriched_at', trg: '__out.enriched_at' },
      format: '2006-01-02T15:04:05.000Z07:00',
    }),
    // The reply is the added fields only.
    sub.tf.obj.cp({ obj: { src: '__out' } }),
  ],
  tests: [
    pl.test('a deletion is high severity',
            { event_id: 'test-enrichment-1', user: 'dave', action: 'delete' }, [
      pl.field_is('severity', 'high'),
      sub.cnd.num.len.eq({ obj: { src: 'event_sha256' }, value: 64 }),
      sub.cnd.str.match({ obj: { src: 'enriched_at' }, pattern: '^\\d{4}-\\d\\d-\\d\\dT' }),
      // Only the added fields come back.
      pl.absent('event_id'),
      pl.absent('action'),
    ]),
    pl.test('a login is low severity',
            { event_id: 'test-enrichment-2', user: 'erin', action: 'login' }, [
      pl.field_is('severity', 'low'),
    ]),
  ],
}
