#!/usr/bin/env python3
"""Faults: events keep flowing while
  1. the processor's config is broken by a new AppConfig version (it passes the validator
     but names a stream that does not exist, so every invocation fails) and fixed by
     another;
  2. the enrichment function fails for a while (a version of its config that raises);
the Kinesis event source mapping retries and bisects the failed batches, and in the end
every event is in every sink exactly once: nothing lost, nothing doubled.

    test_faults.py --bootstrap B --substation S [--validate V] [--events 600]"""
import json
import time

import e2e_support as e2e
from localpipe import events, pipeline, watch

BAD_STREAM = "substation_processed_typo"
ENRICHMENT_DOWN = "enrichment backend unavailable (injected)"


def broken_processor(config):
    """The processor's config with its destination stream misspelt."""
    return config.replace(b"stream/substation_processed\"", f"stream/{BAD_STREAM}\"".encode())


def failing_enrichment(config):
    doc = json.loads(config)
    doc["transforms"].insert(0, {"type": "utility_err",
                                 "settings": {"message": ENRICHMENT_DOWN}})
    return json.dumps(doc).encode()


def errors_mention(mapping, text):
    return any(text in e for e in mapping.errors)


def main():
    args = e2e.parse(__doc__, events_default=600)
    bins = e2e.binaries_or_skip(args, "bootstrap", "substation")

    def test(workdir):
        # Configs are fetched again after 1 s, so a new version lands at once. Retries wait
        # up to 8 s, so the mapping's 10 retries outlast both faults with room to spare.
        with pipeline.LocalPipeline(bins, workdir, refresh_seconds=1,
                                    backoff_cap_s=8) as pipe:
            t = pipe.t
            good_processor = pipe.configs["processor"]
            good_enrichment = pipe.configs["enrichment"]
            bad = broken_processor(good_processor)
            e2e.check(bad != good_processor, "the broken processor config differs")
            processor = pipe.mapping("processor")
            run = watch.Run(pipe, events.generate(args.events, f"fault{int(time.time()) % 10**6}"))
            first, second = events.split(run.by_entry, 0.6)

            print("1. the processor's config breaks while the first events flow")
            pipe.appconfig.deploy(t.profile("processor"), bad)
            run.started = time.monotonic()
            pushed = run.push_in_background(first)
            e2e.wait_until(lambda: errors_mention(processor, BAD_STREAM), 60,
                           "processor invocations fail on the misspelt stream")
            e2e.wait_until(lambda: processor.stats.retries >= 2, 60,
                           "the mapping retries the failed batch")
            lake = pipe.mapping("raw_s3_sink").stats
            e2e.check(lake.failed_invocations == 0, "the lake sink is unaffected")

            print("2. the enrichment starts failing; the processor is fixed")
            pipe.appconfig.deploy(t.profile("enrichment"), failing_enrichment(good_enrichment))
            time.sleep(1.5)
            pipe.appconfig.deploy(t.profile("processor"), good_processor)
            e2e.wait_until(lambda: errors_mention(processor, ENRICHMENT_DOWN), 60,
                           "processor invocations fail on the enrichment's error")
            failed_before = processor.stats.failed_invocations
            e2e.wait_until(lambda: processor.stats.failed_invocations >= failed_before + 1, 60,
                           "and keep failing while it is down")

            print("3. the enrichment is fixed; the rest of the events go in")
            pipe.appconfig.deploy(t.profile("enrichment"), good_enrichment)
            e2e.wait_until(pushed.is_set, 120, "the first events were all pushed")
            run.watch(240, run.push_in_background(second))
            run.report()

            s = processor.stats
            e2e.check(s.failed_invocations >= 4 and s.retries >= 2 and s.bisects >= 1,
                      f"failed batches were bisected and retried ({s.failed_invocations} "
                      f"failed, {s.bisects} bisects, {s.retries} retries)")
            e2e.check(not pipe.lost(), "no record was given up")
            for c in run.counts:
                e2e.check(c.arrived == args.events and not c.missing,
                          f"{c.name}: all {args.events} events arrived ({c.arrived})")
                e2e.check(not c.duplicated and not c.unexpected and not c.bad,
                          f"{c.name}: no duplicates, nothing foreign, nothing wrong")
            e2e.check(run.ok(), "conservation holds")
            deployed = [h for h in pipe.appconfig.history if h[3] == "deployed"]
            print(f"faults: {args.events} events; {len(deployed)} config versions deployed; "
                  f"processor {s.invocations} invocations, {s.failed_invocations} failed, "
                  f"{s.bisects} bisects, {s.retries} retries")

    e2e.run(test, args, limit_s=420)


if __name__ == "__main__":
    main()
