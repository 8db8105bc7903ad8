// Config decoding from JSON: config::Node::parse (Go encoding/json into interface{}) and
// build_pipeline (every transform, condition, KV store, secret and metric factory with its
// settings), what `read`, `vet`, the Lambda and the validate Lambda do with a config.
// Input: the config document.
//
// Checks: a parsed document prints (Go json.Marshal) to text that parses back, and printing
// reaches a fixpoint. Configs whose components would reach files, the network, AWS or the
// environment are not built (support/config_guard.h), so a run touches nothing outside the
// process.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "fuzz/support/config_guard.h"
#include "fuzz/support/fuzz_support.h"
#include "fuzz/support/libjq_leaks.h"
#include "services/output.h"
#include "services/services.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sub::fuzz::cut_off_network();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sub::config::Node root;
  if (!sub::fuzz::run_expecting_only_sub_errors(
          [&] { root = sub::config::Node::parse(sub::fuzz::bytes_of(data, size)); })) {
    return 0;
  }
  // Printing is a fixpoint after one round: the first print may still change the text
  // (invalid UTF-8 prints as the escape \ufffd, which parses back to a real U+FFFD that
  // prints as itself, as Go's json.Marshal does), the second may not.
  const std::string first = root.to_json();
  std::string second;
  std::string third;
  const bool reparsed = sub::fuzz::run_expecting_only_sub_errors([&] {
    second = sub::config::Node::parse(first).to_json();
    third = sub::config::Node::parse(second).to_json();
  });
  sub::fuzz::check(reparsed, "Node::to_json printed text that Node::parse rejects", first);
  sub::fuzz::check(second == third, "Node::to_json is not stable across re-parses",
                   second + "\n" + third);

  if (!sub::fuzz::safe_to_build(root)) return 0;
  sub::fuzz::run_expecting_only_sub_errors([&] {
    sub::services::Services services;
    services.stdout_sink = std::make_shared<sub::services::CaptureSink>();
    (void)sub::catalogue::build_pipeline(root, services);
  });
  return 0;
}
