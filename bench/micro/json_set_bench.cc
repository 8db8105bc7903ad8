// sjson-compatible edits on a realistic Zeek conn log line (~450 bytes).
#include <benchmark/benchmark.h>

#include <string>

#include "core/json/path.h"

namespace {

const std::string kZeekConn =
    R"({"ts":1591367999.305988,"uid":"CMdzit1AMNsmfAIiQc","id.orig_h":"192.168.4.76",)"
    R"("id.orig_p":36844,"id.resp_h":"192.168.4.1","id.resp_p":53,"proto":"udp",)"
    R"("service":"dns","duration":0.06685185432434082,"orig_bytes":62,"resp_bytes":141,)"
    R"("conn_state":"SF","missed_bytes":0,"history":"Dd","orig_pkts":2,"orig_ip_bytes":118,)"
    R"("resp_pkts":2,"resp_ip_bytes":197,"tunnel_parents":[],"community_id":)"
    R"("1:Z6vBHEhrXQd3tiRgcq/gsjMdaJ0=","orig_l2_addr":"00:0c:29:5e:d8:58",)"
    R"("resp_l2_addr":"00:1b:21:ba:71:2c","vlan":10,"event":{"kind":"event"}})";

void BM_SetNewNestedKey(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    sub::json::set_raw(kZeekConn, "network.transport.protocol", R"("udp")", out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(kZeekConn.size()));
}
BENCHMARK(BM_SetNewNestedKey);

void BM_OverwriteExistingKey(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    sub::json::set_raw(kZeekConn, "conn_state", R"("S0")", out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(kZeekConn.size()));
}
BENCHMARK(BM_OverwriteExistingKey);

void BM_OverwriteNestedKey(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    sub::json::set_raw(kZeekConn, "event.kind", R"("alert")", out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(kZeekConn.size()));
}
BENCHMARK(BM_OverwriteNestedKey);

void BM_DeleteKey(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    sub::json::del(kZeekConn, "history", out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(kZeekConn.size()));
}
BENCHMARK(BM_DeleteKey);

void BM_AppendToArray(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    sub::json::set_raw(kZeekConn, "tunnel_parents.-1", R"("x")", out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(kZeekConn.size()));
}
BENCHMARK(BM_AppendToArray);

}  // namespace
