#!/usr/bin/env python3
"""Config service faults: the AppConfig extension endpoint is down, answers 404 or 400, or
answers 200 with garbage. Functions refetch their config every second
(SUBSTATION_CONFIG_REFRESH_SECONDS=1); each must keep its last good config, say so in its
log, and keep answering. Checked on the enrichment function (invoked directly) and on the
gateway source (through the API Gateway); the events sent meanwhile must still reach every
sink. Then a new config version is picked up again.

No invocation may wait long for a refresh: a refresh is one try of at most about 2 s
(apps/lambda/config_loader.cc), so an invocation during a fault must answer within
REFRESH_BOUND seconds (the bound of a hang, with room for a loaded machine, not a speed
measurement).

    test_config_service.py --bootstrap B --substation S [--validate V]"""
import json
import time
import urllib.error
import urllib.request

import e2e_support as e2e
from localpipe import events, pipeline, watch

# Both "configuration refresh failed, ..." (down, 404, 400) and "new configuration rejected,
# ..." (garbage that does not build) end so.
KEPT = "keeping the last good one"
REFRESH_BOUND = 8.0
CHANGED = "configuration changed"
FAULTS = ("down", "404", "400", "garbage")


def main():
    args = e2e.parse(__doc__)
    bins = e2e.binaries_or_skip(args, "bootstrap", "substation")

    def test(workdir):
        with pipeline.LocalPipeline(bins, workdir, refresh_seconds=1) as pipe:
            enrichment = pipe.functions["enrichment"]
            gateway_fn = pipe.functions["gateway_source"]
            by_entry = events.generate(5 * (len(FAULTS) + 1), f"cfg{int(time.time()) % 10**6}")
            sent = [e for evs in by_entry.values() for e in evs]
            batches = [sent[i:i + 5] for i in range(0, len(sent), 5)]

            def enrich(event):
                started = time.monotonic()
                ok, body = enrichment.invoke(events.line_of(event))
                return ok, body, time.monotonic() - started

            def post(batch):
                body = b"\n".join(events.line_of(e) for e in batch)
                req = urllib.request.Request(pipe.gateway.url("lambda"), data=body,
                                             method="POST")
                started = time.monotonic()
                try:
                    with urllib.request.urlopen(req, timeout=120) as r:
                        status, answer = r.status, r.read()
                except urllib.error.HTTPError as e:
                    status, answer = e.code, e.read()
                return status, answer, time.monotonic() - started

            def served_by_good_config(ok, body, event):
                if not ok:
                    return False
                reply = json.loads(body)
                return (isinstance(reply, list) and len(reply) == 1
                        and reply[0].get("severity") in ("high", "low")
                        and len(reply[0].get("event_sha256", "")) == 64)

            def accepted(status, answer, batch):
                return status == 200 and [e["event_id"] for e in json.loads(answer)] == \
                    [e["event_id"] for e in batch]

            sent_ok = {e["event_id"] for e in sent}  # accepted by the gateway
            print("healthy: both functions load their config")
            ok, body, _ = enrich(sent[0])
            e2e.check(served_by_good_config(ok, body, sent[0]), "enrichment answers")
            status, answer, _ = post(batches[0])
            e2e.check(accepted(status, answer, batches[0]), "the gateway accepts events")

            failed = []  # every fault is tried; the failures are reported together
            for n, fault in enumerate(FAULTS, start=1):
                print(f"endpoint {fault}:")
                kept = (enrichment.log_text().count(KEPT), gateway_fn.log_text().count(KEPT))
                pipe.endpoint.set_fault(fault)
                try:
                    time.sleep(1.5)  # past the refresh interval: the next call refetches
                    ok, body, s1 = enrich(sent[n])
                    status, answer, s2 = post(batches[n])
                    if not accepted(status, answer, batches[n]):
                        sent_ok.difference_update(ev["event_id"] for ev in batches[n])
                    print(f"  enrichment answered in {s1:.1f} s, gateway in {s2:.1f} s")
                    e2e.check(s1 < REFRESH_BOUND and s2 < REFRESH_BOUND,
                              f"no invocation waits more than {REFRESH_BOUND} s for a refresh")
                    e2e.check(served_by_good_config(ok, body, sent[n]),
                              f"enrichment still answers with its last good config "
                              f"({body[:200]!r})")
                    e2e.check(accepted(status, answer, batches[n]),
                              f"the gateway still accepts events ({status} {answer[:200]!r})")
                    e2e.check(enrichment.log_text().count(KEPT) > kept[0],
                              f"enrichment logs \"{KEPT}\"")
                    e2e.check(gateway_fn.log_text().count(KEPT) > kept[1],
                              f"gateway_source logs \"{KEPT}\"")
                except e2e.Failure as e:
                    print(f"  FAILED with the endpoint {fault}: {e}")
                    failed.append(f"endpoint {fault}: {e}")
                finally:
                    pipe.endpoint.set_fault(None)

            print("a new version is picked up again")
            new = json.loads(pipe.configs["enrichment"])
            new["transforms"].insert(-1, {"type": "object_insert", "settings": {
                "object": {"target_key": "__out.config_version"}, "value": "two"}})
            pipe.appconfig.deploy(pipe.t.profile("enrichment"), json.dumps(new).encode())
            e2e.wait_until(lambda: b'"config_version":"two"' in enrich(sent[0])[1], 30,
                           "enrichment answers with the new version")
            e2e.check(CHANGED in enrichment.log_text(), f"enrichment logs \"{CHANGED}\"")

            print("the events the gateway accepted meanwhile reached every sink")
            run = watch.Run(pipe, {"gateway_lambda": [e for e in sent if e["event_id"] in sent_ok]})
            run.watch(120)
            run.report()
            for c in run.counts:
                e2e.check(c.arrived == len(sent_ok) and c.ok,
                          f"{c.name}: all {len(sent_ok)} accepted events, once, right")
            if failed:
                raise e2e.Failure("the config service faults were not all survived:\n  " +
                                  "\n  ".join(failed))

    e2e.run(test, args, limit_s=420)


if __name__ == "__main__":
    main()
