// gjson paths and get (core/json/get.cc, modifiers.cc, pretty.cc): reads an arbitrary path
// from an arbitrary document and uses the result the ways transforms do.
//
// Input: <path> 0x00 <document>. Without a 0x00 byte the whole input is the path, read
// from a built-in sample document (support/sample_document.h).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/json/path.h"
#include "core/json/value.h"
#include "fuzz/support/fuzz_support.h"
#include "fuzz/support/sample_document.h"

namespace {

// Bounds the work one input can ask for (a wildcard over a large array is legitimate work).
constexpr size_t kMaxVisited = 10000;

void use(const sub::json::Value& v, std::string_view path) {
  if (!v.exists()) return;
  (void)v.to_string();
  (void)v.to_int();
  (void)v.to_uint();
  (void)v.to_float();
  (void)v.to_bool();
  size_t visited = 0;
  v.for_each([&](const sub::json::Value& key, const sub::json::Value& value) {
    (void)key.to_string();
    (void)value.raw();
    return ++visited < kMaxVisited;
  });
  if (v.to_array().size() > kMaxVisited) return;
  // Result.Get: the same path again, relative to the result.
  (void)v.get(path).to_string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto parts = sub::fuzz::split(sub::fuzz::bytes_of(data, size), '\0', 2);
  const std::string_view path = parts[0];
  const std::string_view doc = parts.size() > 1 ? parts[1] : sub::fuzz::kSampleDocument;
  sub::fuzz::run_expecting_only_sub_errors([&] {
    const sub::json::Value v = sub::json::get(doc, path);
    use(v, path);
  });
  return 0;
}
