// sjson set and delete (core/json/set.cc): writes or deletes an arbitrary path in an
// arbitrary document, and checks the in-place fast path (internal::set_raw_in_place /
// del_in_place, what Message uses) against the copying one byte for byte; then makes the
// same edit through a Message whose skip memo (core/json/skip_memo.h) was warmed by reading
// first, which must give the same bytes and read back the same value.
//
// Input: <op> <path> 0x00 <value> 0x00 <document>, where the low bit of the first byte
// picks set (0) or delete (1); a delete has no <value> part. Missing parts default to the
// built-in sample document and the value "v".
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/json/internal.h"
#include "core/json/path.h"
#include "core/message.h"
#include "fuzz/support/fuzz_support.h"
#include "fuzz/support/sample_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool is_delete = (data[0] & 1) != 0;
  const auto parts =
      sub::fuzz::split(sub::fuzz::bytes_of(data + 1, size - 1), '\0', is_delete ? 2 : 3);
  const std::string_view path = parts[0];
  std::string_view value = "\"v\"";
  std::string_view doc = sub::fuzz::kSampleDocument;
  if (is_delete) {
    if (parts.size() > 1) doc = parts[1];
  } else {
    if (parts.size() > 1) value = parts[1];
    if (parts.size() > 2) doc = parts[2];
  }

  // sjson pads an array up to any index it is given: "a.7777777" writes millions of nulls,
  // which under the sanitizers outlasts the fuzz timeout and tests nothing a small index
  // does not. Paths with a run of six digits or more are left out.
  size_t digits = 0;
  for (const char c : path) {
    digits = c >= '0' && c <= '9' ? digits + 1 : 0;
    if (digits >= 6) return 0;
  }

  std::string copied;
  const bool copied_ok = sub::fuzz::run_expecting_only_sub_errors([&] {
    if (is_delete) {
      sub::json::del(doc, path, copied);
    } else {
      sub::json::set_raw(doc, path, value, copied);
    }
  });

  // The in-place edit works on its own buffer (it refuses a path or value inside it).
  std::string in_place(doc);
  bool edited = false;
  sub::fuzz::run_expecting_only_sub_errors([&] {
    edited = is_delete ? sub::json::internal::del_in_place(in_place, path)
                       : sub::json::internal::set_raw_in_place(in_place, path, value);
  });
  if (edited) {
    sub::fuzz::check(copied_ok, "in-place edit succeeded where set_raw/del threw");
    sub::fuzz::check(in_place == copied, "in-place edit differs from set_raw/del",
                     "in place: " + in_place + "\ncopying:  " + copied);
  } else {
    sub::fuzz::check(in_place == doc, "a refused in-place edit changed the document");
  }

  // Message trims a data key and reads "meta ..." from the metadata: only paths it passes
  // through unchanged are compared.
  const auto plain = [](char c) { return c > ' ' && static_cast<unsigned char>(c) < 0x80; };
  if (path.empty() || !plain(path.front()) || !plain(path.back()) || path.substr(0, 5) == "meta ") {
    return 0;
  }
  sub::Message msg{std::string(doc)};
  bool msg_ok = sub::fuzz::run_expecting_only_sub_errors([&] {
    for (int k = 0; k < 3; ++k) (void)msg.get(path);
    if (is_delete) {
      msg.del(path);
    } else {
      msg.set_raw(path, value);
    }
  });
  if (msg_ok && copied_ok) {
    sub::fuzz::check(msg.data() == copied, "an edit through a Message differs from set_raw/del",
                     "message: " + msg.data() + "\ncopying: " + copied);
    sub::fuzz::run_expecting_only_sub_errors([&] {
      sub::fuzz::check(msg.get(path).raw() == sub::json::get(copied, path).raw(),
                       "a read through a Message differs after the edit");
    });
  }
  return 0;
}
