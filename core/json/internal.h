// Internals shared by value.cc, get.cc and modifiers.cc (not part of the public API).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/json/value.h"

namespace sub::json::scan {
enum class ValueKind : uint8_t;  // scan.h
}  // namespace sub::json::scan

namespace sub::json {
class SkipMemo;  // skip_memo.h
}  // namespace sub::json

namespace sub::json::internal {

// gjson Parse: classifies the first value of `json` and views it. Objects and arrays take
// the whole rest of the text, as gjson does. `hold` (optional) keeps the text alive.
Value parse(std::string_view json, std::shared_ptr<const std::string> hold = nullptr);

// The value whose raw text `raw` a walker found with scan::value_kind / scan::value_end
// (kind is not kNone); esc says whether a string has escapes. `hold` (optional) keeps the
// text alive.
Value value_of(scan::ValueKind kind, std::string_view raw, bool esc,
               const std::shared_ptr<const std::string>& hold = nullptr);
// A computed JSON value (object/array text) that owns its bytes.
Value owned_json(std::string text);
// A value viewing the whole of an owned buffer, used to run a path over computed text.
Value owned_text(std::string text);

// set_raw / del (path.h) made inside `doc` when the edit allows it (a value replaced or
// erased, a key added to an object). Return false, leaving `doc` untouched, when the
// caller must use set_raw / del instead. `memo` (optional) is told what changed, and
// `valid` whether raw_value is known to be valid JSON.
struct MemoNote {
  SkipMemo* memo = nullptr;
  bool valid = false;
};
bool set_raw_in_place(std::string& doc, std::string_view path, std::string_view raw_value,
                      MemoNote note = {});
bool del_in_place(std::string& doc, std::string_view path, SkipMemo* memo = nullptr);

// gjson's parseAny: the next value at or after i. Returns false when there is none.
bool parse_any(std::string_view json, size_t& i, Value& out);

}  // namespace sub::json::internal
