#!/usr/bin/env python3
"""Control functions.

autoscale: CloudWatch alarm notifications (SNS) for the raw stream make `autoscale` (our
binary under the emulator, reached through SNS -> Lambda) scale the stream up and down;
its MinimumShards/MaximumShards tags bound the count, a recent LastScalingEvent makes it
wait, and it re-puts the stream's two alarms. Events keep flowing meanwhile: the Kinesis
mappings follow the reshards and every event still arrives everywhere once.

validate: the AppConfig validator rejects configs that do not build (a broken transform,
not JSON at all); a rejected version is never deployed, a good one is.

    test_control_functions.py --bootstrap B --substation S --autoscale A --validate V"""
import json
import time
from datetime import datetime, timedelta, timezone

import e2e_support as e2e
from localpipe import appconfig, events, pipeline, watch
from localpipe.resources import autoscale_topic_name

MIN_SHARDS, MAX_SHARDS = 2, 3


def alarm_notification(stream, kind, topic_arn, account, region):
    """The message CloudWatch publishes when <stream>_<kind> goes to ALARM."""
    name = f"{stream}_{kind}"
    metric = lambda i, m: {"Id": i, "Label": m, "ReturnData": False, "MetricStat": {  # noqa: E731
        "Metric": {"Dimensions": [{"value": stream, "name": "StreamName"}], "MetricName": m,
                   "Namespace": "AWS/Kinesis"}, "Period": 60, "Stat": "Sum"}}
    return json.dumps({
        "AlarmName": name, "AlarmDescription": stream, "AWSAccountId": account,
        "NewStateValue": "ALARM", "NewStateReason": "Threshold Crossed (test)",
        "StateChangeTime": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
        "Region": region, "AlarmArn": f"arn:aws:cloudwatch:{region}:{account}:alarm:{name}",
        "OldStateValue": "OK", "AlarmActions": [topic_arn],
        "Trigger": {"Period": 60, "EvaluationPeriods": 5, "Threshold": 0.7,
                    "Metrics": [metric("m1", "IncomingRecords"),
                                metric("m2", "IncomingBytes"),
                                {"Id": "e5", "Expression": "MAX([e3,e4])", "ReturnData": True}]},
    })


def main():
    args = e2e.parse(__doc__, events_default=450)
    bins = e2e.binaries_or_skip(args, "bootstrap", "substation", "autoscale", "validate")

    def test(workdir):
        with pipeline.LocalPipeline(bins, workdir, control=True) as pipe:
            t = pipe.t
            kinesis, sns = pipe.moto.client("kinesis"), pipe.moto.client("sns")
            cloudwatch = pipe.moto.client("cloudwatch")
            stream = t.stream_name("raw")
            topic = pipe.res.topic_arns["__autoscale"]
            autoscale = pipe.functions["autoscale"]
            e2e.check(topic.endswith(autoscale_topic_name(t)), "the alarms' topic exists")

            def open_shards():
                shards = kinesis.list_shards(StreamName=stream)["Shards"]
                return sum(1 for s in shards
                           if "EndingSequenceNumber" not in s["SequenceNumberRange"])

            def tags():
                return {x["Key"]: x["Value"] for x in
                        kinesis.list_tags_for_stream(StreamName=stream)["Tags"]}

            def alarm(kind):
                """Publishes <stream>_<kind> and waits for autoscale to have handled it."""
                before = autoscale.stats.invocations
                sns.publish(TopicArn=topic, Subject=f"ALARM: {stream}_{kind}",
                            Message=alarm_notification(stream, kind, topic, t.account, t.region))
                e2e.wait_until(lambda: autoscale.stats.invocations > before, 60,
                               f"autoscale handled the {kind} alarm")
                e2e.check(autoscale.stats.errors == 0, "autoscale succeeded")

            def long_ago():
                """As if the last scaling event were an hour old (cooldowns are minutes)."""
                old = (datetime.now(timezone.utc) - timedelta(hours=1)).strftime(
                    "%Y-%m-%dT%H:%M:%SZ")
                kinesis.add_tags_to_stream(StreamName=stream, Tags={"LastScalingEvent": old})

            run = watch.Run(pipe, events.generate(args.events, f"ctl{int(time.time()) % 10**6}"))
            parts = events.split(run.by_entry, 1 / 3, 1 / 3)
            run.started = time.monotonic()
            kinesis.add_tags_to_stream(StreamName=stream, Tags={
                "MinimumShards": str(MIN_SHARDS), "MaximumShards": str(MAX_SHARDS)})
            e2e.check(open_shards() == 2, "the raw stream starts with 2 shards")
            run.injector.push(parts[0])

            print("upscale: 2 shards would double to 4; MaximumShards is 3")
            alarm("upscale")
            e2e.check(open_shards() == MAX_SHARDS, f"{MAX_SHARDS} open shards")
            e2e.check("LastScalingEvent" in tags(), "LastScalingEvent tagged")
            alarms = {a["AlarmName"]: a for a in cloudwatch.describe_alarms(
                AlarmNames=[f"{stream}_upscale", f"{stream}_downscale"])["MetricAlarms"]}
            e2e.check(set(alarms) == {f"{stream}_upscale", f"{stream}_downscale"},
                      "both alarms re-put")
            e2e.check(alarms[f"{stream}_upscale"]["AlarmActions"] == [topic],
                      "the alarms notify the topic that invoked autoscale")
            e2e.check(abs(alarms[f"{stream}_upscale"]["Threshold"] - 0.7) < 1e-9 and
                      abs(alarms[f"{stream}_downscale"]["Threshold"] - 0.35) < 1e-9,
                      "thresholds 0.7 (upscale) and 0.35 (downscale)")
            run.injector.push(parts[1])

            print("upscale again at once: the last scaling event is too recent")
            alarm("upscale")
            e2e.check(open_shards() == MAX_SHARDS, "still 3 shards")
            state = cloudwatch.describe_alarms(AlarmNames=[f"{stream}_upscale"])["MetricAlarms"][0]
            e2e.check(state["StateValue"] == "INSUFFICIENT_DATA" and
                      "too recent" in state["StateReason"],
                      f"the alarm was reset: {state['StateReason']}")

            print("upscale an hour later: already at MaximumShards")
            long_ago()
            alarm("upscale")
            e2e.check(open_shards() == MAX_SHARDS, "still 3 shards")

            print("downscale: 3 shards halve to 2 (MinimumShards 2)")
            long_ago()
            alarm("downscale")
            e2e.check(open_shards() == MIN_SHARDS, f"{MIN_SHARDS} open shards")
            run.injector.push(parts[2])

            print("downscale again: 2 would halve to 1; MinimumShards is 2")
            long_ago()
            alarm("downscale")
            e2e.check(open_shards() == MIN_SHARDS, f"still {MIN_SHARDS} shards")

            print("the events pushed before, between and after the reshards all arrived")
            run.watch(180)
            run.report()
            processor = pipe.mapping("processor").stats
            e2e.check(processor.shards_finished >= 4,
                      f"the processor's mapping finished the closed shards "
                      f"({processor.shards_finished}) and went on to their children")
            for c in run.counts:
                e2e.check(c.arrived == args.events and c.ok,
                          f"{c.name}: all {args.events} events, once, right")
            e2e.check(not pipe.lost(), "no record was given up")

            print("validate: the AppConfig validator")
            profile = t.profile("processor")
            served = lambda: pipe.appconfig.deployed_content("prod", profile)[0]  # noqa: E731
            good = served()
            broken = json.loads(good)
            broken["transforms"].insert(0, {"type": "enrich_aws_dynamodb_query",
                                            "settings": {"object": {"source_key": "a",
                                                                    "target_key": "b"}}})
            for what, content in (("a transform without its table", json.dumps(broken)),
                                  ("a type that does not exist",
                                   '{"transforms":[{"type":"no_such_transform"}]}'),
                                  ("not JSON", "transforms: [")):
                try:
                    pipe.appconfig.deploy(profile, content.encode())
                    raise e2e.Failure(f"validate accepted {what}")
                except appconfig.ConfigRejected as e:
                    e2e.check("validation:" in str(e), f"validate rejects {what}: "
                              f"{str(e)[:120]}")
                e2e.check(served() == good, "the deployed version is unchanged")
            version = pipe.appconfig.deploy(profile, good)
            e2e.check(served() == good and version > 1, "a good config is deployed")

    e2e.run(test, args, limit_s=480)


if __name__ == "__main__":
    main()
