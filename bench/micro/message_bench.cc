// Message get/set/delete on a Zeek conn event, and whole workload chains (W1-W4 of
// ../shared/bench) applied to one event at a time, as `substation read` does.
#include <benchmark/benchmark.h>

#include <array>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "core/context.h"
#include "core/message.h"
#include "services/output.h"
#include "services/services.h"

namespace {

// Lines of `gen_events.py --kind zeek_conn --seed 1`: with and without `service`, and an
// ICMP flow without `history`.
constexpr std::array<std::string_view, 3> kEvents = {
    R"json({"ts":1717200000.002329,"uid":"COAgdqvCPa5rI1IRV2","id.orig_h":"172.17.248.174","id.orig_p":60713,"id.resp_h":"83.200.77.183","id.resp_p":443,"proto":"tcp","service":"ssl","duration":1.497567,"orig_bytes":610,"resp_bytes":17798,"conn_state":"SF","local_orig":true,"local_resp":false,"missed_bytes":0,"history":"ShADadFRf","orig_pkts":3,"orig_ip_bytes":766,"resp_pkts":15,"resp_ip_bytes":18578,"community_id":"1:gp8GF8QmRmVBtj4VmDvlaEM0bdM="})json",
    R"json({"ts":1717200000.000781,"uid":"CXoF42XNyd8h0HmX15","id.orig_h":"170.37.148.131","id.orig_p":51416,"id.resp_h":"10.0.36.113","id.resp_p":23,"proto":"tcp","conn_state":"S0","local_orig":false,"local_resp":true,"missed_bytes":0,"history":"S","orig_pkts":1,"orig_ip_bytes":44,"resp_pkts":0,"resp_ip_bytes":0,"community_id":"1:PNWl7zJTTM3ryfQGeco2FH0V84c="})json",
    R"json({"ts":1717200000.599251,"uid":"CZgEj92fUkeK6y5NjJ","id.orig_h":"10.1.15.238","id.orig_p":3,"id.resp_h":"45.37.146.70","id.resp_p":0,"proto":"icmp","duration":3.003143,"orig_bytes":168,"resp_bytes":0,"conn_state":"OTH","local_orig":true,"local_resp":false,"missed_bytes":0,"orig_pkts":3,"orig_ip_bytes":252,"resp_pkts":0,"resp_ip_bytes":0,"community_id":"1:dFROasFBZsaElpFWXhFF7yubvPk="})json",
};

void BM_MessageGet(benchmark::State& state, std::string_view key) {
  const sub::Message msg{std::string(kEvents[0])};
  for (auto _ : state) {
    sub::Value v = msg.get(key);
    benchmark::DoNotOptimize(v);
  }
}
BENCHMARK_CAPTURE(BM_MessageGet, escaped, std::string_view(R"(id\.orig_h)"));
BENCHMARK_CAPTURE(BM_MessageGet, last, std::string_view("community_id"));
// send_stdout's unset batch key.
BENCHMARK_CAPTURE(BM_MessageGet, empty_key, std::string_view(""));

// Each iteration starts from a fresh copy of the event, as every message of a pipeline does.
void BM_MessageSetValue(benchmark::State& state) {
  const sub::Message src{std::string(kEvents[0])};
  const sub::Value v = src.get(R"(id\.orig_h)");
  for (auto _ : state) {
    sub::Message msg{std::string(kEvents[0])};
    msg.set_value("source.ip", v);
    benchmark::DoNotOptimize(msg.data().data());
  }
}
BENCHMARK(BM_MessageSetValue);

void BM_MessageSetRaw(benchmark::State& state) {
  for (auto _ : state) {
    sub::Message msg{std::string(kEvents[0])};
    msg.set_raw("event.dataset", R"("zeek.conn")");
    benchmark::DoNotOptimize(msg.data().data());
  }
}
BENCHMARK(BM_MessageSetRaw);

void BM_MessageSetRawEscapedKey(benchmark::State& state) {
  for (auto _ : state) {
    sub::Message msg{std::string(kEvents[0])};
    msg.set_raw(R"(\@timestamp)", R"("2024-06-01T00:00:00Z")");
    benchmark::DoNotOptimize(msg.data().data());
  }
}
BENCHMARK(BM_MessageSetRawEscapedKey);

void BM_MessageDelete(benchmark::State& state) {
  for (auto _ : state) {
    sub::Message msg{std::string(kEvents[0])};
    msg.del("history");
    benchmark::DoNotOptimize(msg.data().data());
  }
}
BENCHMARK(BM_MessageDelete);

void BM_MessageDeleteMissing(benchmark::State& state) {
  for (auto _ : state) {
    sub::Message msg{std::string(kEvents[2])};
    msg.del("history");
    benchmark::DoNotOptimize(msg.data().data());
  }
}
BENCHMARK(BM_MessageDeleteMissing);

// Baseline for the two benchmarks above: only the copy of the event.
void BM_MessageCopyOnly(benchmark::State& state) {
  for (auto _ : state) {
    sub::Message msg{std::string(kEvents[0])};
    benchmark::DoNotOptimize(msg.data().data());
  }
}
BENCHMARK(BM_MessageCopyOnly);

// ---- whole workloads ----

class NullSink final : public sub::services::OutputSink {
 public:
  void write_line(std::string_view line) override { benchmark::DoNotOptimize(line.data()); }
};

std::string read_config(const std::string& name) {
  std::ifstream in(std::string(SUBSTATION_SOURCE_DIR) + "/../shared/bench/configs/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One event per chain call, cycling over kEvents; items/s is events per second.
void BM_Workload(benchmark::State& state, const std::string& name) {
  const std::string config = read_config(name + ".json");
  if (config.empty()) {
    state.SkipWithError("bench configs not found");
    return;
  }
  sub::services::Services services;
  services.stdout_sink = std::make_shared<NullSink>();
  const sub::catalogue::Pipeline pipeline =
      sub::catalogue::build_pipeline(sub::config::Node::parse(config), services);
  const sub::Context ctx;
  size_t k = 0;
  for (auto _ : state) {
    std::vector<sub::Message> out =
        pipeline.chain.apply(sub::Message(std::string(kEvents[k])), ctx);
    benchmark::DoNotOptimize(out.data());
    k = k + 1 == kEvents.size() ? 0 : k + 1;
  }
  (void)pipeline.chain.apply(sub::Message::control(), ctx);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Workload, W1, std::string("W1"));
BENCHMARK_CAPTURE(BM_Workload, W2, std::string("W2"));
BENCHMARK_CAPTURE(BM_Workload, W3, std::string("W3"));
BENCHMARK_CAPTURE(BM_Workload, W4, std::string("W4"));

}  // namespace
