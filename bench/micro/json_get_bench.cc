// json::get on realistic single events: a Zeek conn line (~450 B) and a CloudTrail record
// (~1.4 KB), both from ../shared/bench/gen_events.py (seed 1).
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

#include "core/json/path.h"

namespace {

constexpr std::string_view kZeek =
    R"json({"ts":1717200000.000937,"uid":"CkoC5ceMf535lNnjjm","id.orig_h":"10.2.48.130","id.orig_p":55572,"id.resp_h":"10.100.8.179","id.resp_p":445,"proto":"tcp","service":"gssapi,smb,krb","duration":1.346509,"orig_bytes":4313,"resp_bytes":7202,"conn_state":"SF","local_orig":true,"local_resp":true,"missed_bytes":0,"history":"ShADadtFf","orig_pkts":7,"orig_ip_bytes":4677,"resp_pkts":9,"resp_ip_bytes":7670,"community_id":"1:KTB3OQpOKQS8UWt//A8AJ6hgtHg="})json";

constexpr std::string_view kCloudTrail =
    R"json({"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAAWAWDK1I3OIQM9OSW:svc-backup","arn":"arn:aws:sts::213032458791:assumed-role/eks-node-role/svc-backup","accountId":"213032458791","accessKeyId":"ASIAAED38EZ3XPPDAY4Y","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAAWAWDK1I3OIQM9OSW","arn":"arn:aws:iam::213032458791:role/eks-node-role","accountId":"213032458791","userName":"eks-node-role"},"webIdFederationData":{},"attributes":{"creationDate":"2024-05-31T23:40:09Z","mfaAuthenticated":"false"}}},"eventTime":"2024-06-01T00:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","awsRegion":"us-east-1","sourceIPAddress":"207.156.29.99","userAgent":"aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/sts#1.28.5","requestParameters":{"instancesSet":{},"filterSet":{"items":[{"name":"tag:Name","valueSet":{"items":[{"value":"bastion-*"}]}},{"name":"instance-state-name","valueSet":{"items":[{"value":"running"}]}}]}},"responseElements":null,"requestID":"04dcf3bb-4e55-4e09-94ee-ec801e74a457","eventID":"a2f30bdd-a05a-4f20-ab91-c8a09095cce5","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"213032458791","eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"ec2.us-east-1.amazonaws.com"}})json";

void BM_Get(benchmark::State& state, std::string_view json, std::string_view path) {
  for (auto _ : state) {
    sub::json::Value v = sub::json::get(json, path);
    benchmark::DoNotOptimize(v);
  }
}

BENCHMARK_CAPTURE(BM_Get, zeek_shallow, kZeek, "uid");
BENCHMARK_CAPTURE(BM_Get, zeek_last, kZeek, "community_id");
BENCHMARK_CAPTURE(BM_Get, zeek_escaped, kZeek, R"(id\.orig_h)");
BENCHMARK_CAPTURE(BM_Get, zeek_missing, kZeek, "nope");
BENCHMARK_CAPTURE(BM_Get, zeek_this, kZeek, "@this");
BENCHMARK_CAPTURE(BM_Get, cloudtrail_shallow, kCloudTrail, "eventName");
BENCHMARK_CAPTURE(BM_Get, cloudtrail_nested, kCloudTrail,
                  "userIdentity.sessionContext.attributes.mfaAuthenticated");
BENCHMARK_CAPTURE(BM_Get, cloudtrail_late, kCloudTrail, "tlsDetails.clientProvidedHostHeader");
BENCHMARK_CAPTURE(BM_Get, cloudtrail_projection, kCloudTrail,
                  "requestParameters.filterSet.items.#.name");
BENCHMARK_CAPTURE(BM_Get, cloudtrail_query, kCloudTrail,
                  R"(requestParameters.filterSet.items.#(name=="instance-state-name").valueSet)");
BENCHMARK_CAPTURE(BM_Get, cloudtrail_multipath, kCloudTrail, "[eventName,awsRegion]");

void BM_GetString(benchmark::State& state) {
  for (auto _ : state) {
    std::string s = sub::json::get(kZeek, R"(id\.orig_h)").to_string();
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_GetString);

}  // namespace
