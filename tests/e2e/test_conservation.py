#!/usr/bin/env python3
"""Conservation: N generated events pushed in through all five entry points (S3 objects,
one gzip'd, keys with spaces and '+'; SQS; SNS; API Gateway -> Lambda; API Gateway ->
Kinesis) all arrive: unchanged in the lake, enriched in the warehouse (lookup and
enrichment fields, original fields intact), as one DynamoDB item each; no duplicates.

    test_conservation.py --bootstrap B --substation S [--validate V] [--events 1000]
--events 10000 is the long local run; its report says events/s and where the time goes."""
import time

import e2e_support as e2e
from localpipe import events, pipeline, watch
from localpipe.resources import lookup_items


def main():
    args = e2e.parse(__doc__, events_default=1000, extra=lambda p: p.add_argument(
        "--timeout", type=float, default=300, help="seconds for every event to arrive"))
    bins = e2e.binaries_or_skip(args, "bootstrap", "substation")

    def test(workdir):
        with pipeline.LocalPipeline(bins, workdir) as pipe:
            run = watch.Run(pipe, events.generate(args.events, f"cons{int(time.time()) % 10**6}"))
            run.push_and_watch(args.timeout)
            run.report()
            lake, warehouse, dynamodb = run.counts
            for c in run.counts:
                e2e.check(c.arrived == args.events and not c.missing,
                          f"{c.name}: all {args.events} events arrived ({c.arrived})")
                e2e.check(not c.duplicated, f"{c.name}: no duplicates")
                e2e.check(not c.unexpected, f"{c.name}: nothing that was not sent")
            e2e.check(not lake.bad, "lake: every event byte for byte as sent")
            e2e.check(not warehouse.bad, "warehouse: original fields intact, lookup and "
                      "enrichment added and right")
            e2e.check(not dynamodb.bad, "dynamodb: one item per event with its keys, "
                      "severity and department")
            e2e.check(lake.total == warehouse.total == dynamodb.total == args.events,
                      f"every sink holds exactly {args.events} events")
            e2e.check(not run.injector.failures, "every push was accepted")
            e2e.check(not pipe.lost(), "no record was given up by a mapping or delivery")
            s3 = pipe.deliveries["s3_source"].stats
            e2e.check(s3.delivered == len(events.S3_KEYS),
                      f"one S3 notification per object delivered ({s3.delivered})")
            # The seeded lookup items are still there, untouched by the per-event puts.
            ddb = pipe.moto.client("dynamodb")
            for item in lookup_items():
                got = ddb.get_item(TableName=pipe.t.table_name("metadata"), Key={
                    "PK": {"S": item["PK"]}, "SK": {"S": item["SK"]}}).get("Item", {})
                e2e.check(got.get("department", {}).get("S") == item["department"],
                          f"lookup item {item['PK']} intact")
            print(f"conservation: {args.events} in; lake {lake.total}, warehouse "
                  f"{warehouse.total}, dynamodb {dynamodb.total}; "
                  f"{args.events / run.seconds:.0f} events/s end to end")

    e2e.run(test, args, limit_s=args.timeout + 120)


if __name__ == "__main__":
    main()
