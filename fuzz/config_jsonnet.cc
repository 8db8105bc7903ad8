// Config decoding from Jsonnet: config::compile_jsonnet (libjsonnet with the embedded
// substation.libsonnet, our import callback and polyfill) and format_jsonnet, as `build`,
// `fmt`, `read x.jsonnet` and `play` run them. File imports are refused (JsonnetLimits), so
// only the embedded library is importable. Input: the Jsonnet source.
//
// Jsonnet is a full language: a short program can run for hours or ask for gigabytes, so
// scripts/fuzz runs this target with timeouts and out-of-memory ignored (counted, not
// failed); memory errors, UB and broken invariants still fail it.
// Checks: what compiles is JSON json::valid accepts (unless nested past its depth limit)
// and config::Node::parse reads.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/jsonnet.h"
#include "config/node.h"
#include "core/json/path.h"
#include "fuzz/support/fuzz_support.h"
#include "fuzz/support/json_depth.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view source = sub::fuzz::bytes_of(data, size);
  sub::config::JsonnetLimits limits;
  limits.file_imports_refused = "file imports are refused while fuzzing";

  std::string json;
  if (sub::fuzz::run_expecting_only_sub_errors(
          [&] { json = sub::config::compile_jsonnet(source, "fuzz.jsonnet", {}, limits); })) {
    const bool deep = sub::fuzz::max_depth(json) > sub::json::kMaxNestingDepth;
    sub::fuzz::check(deep || sub::json::valid(json), "compiled Jsonnet is not valid JSON",
                     json.substr(0, 2000));
    if (!deep) {
      sub::fuzz::check(
          sub::fuzz::run_expecting_only_sub_errors([&] { (void)sub::config::Node::parse(json); }),
          "config::Node::parse rejects JSON that Jsonnet produced", json.substr(0, 2000));
    }
  }
  sub::fuzz::run_expecting_only_sub_errors(
      [&] { (void)sub::config::format_jsonnet(source, "fuzz.jsonnet"); });
  return 0;
}
