// Base64 decoding of a Kinesis-sized record (the Lambda handlers decode every record's
// `data`), plain and with the line breaks Go accepts anywhere.
#include <benchmark/benchmark.h>

#include <string>

#include "core/json/encode.h"

namespace {

std::string record(bool line_breaks) {
  std::string raw;
  for (int i = 0; i < 700; ++i) raw += static_cast<char>('a' + i % 26);
  std::string text = sub::json::base64_encode(raw);
  if (line_breaks) {
    for (size_t at = 76; at < text.size(); at += 78) text.insert(at, "\r\n");
  }
  return text;
}

void BM_Base64Decode(benchmark::State& state, bool line_breaks) {
  const std::string text = record(line_breaks);
  std::string out;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sub::json::base64_decode(text, out));
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK_CAPTURE(BM_Base64Decode, plain, false);
BENCHMARK_CAPTURE(BM_Base64Decode, mime_lines, true);

}  // namespace
