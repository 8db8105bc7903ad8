// Helpers shared by the leaf conditions.
#pragma once

#include <string>
#include <string_view>

#include "core/message.h"

namespace sub::condition {

// The text of a value as the reference's Value.String() gives it (gjson String(): strings
// unescaped, integers and JSON as written, other numbers as Go prints the float, true/false,
// "" for null or a missing value).
// Views the value's bytes when it can; otherwise fills `scratch` and views that.
inline std::string_view value_text(const Value& v, std::string& scratch) {
  switch (v.type()) {
    case Value::Type::kString:
      return v.str();
    case Value::Type::kTrue:
      return "true";
    case Value::Type::kFalse:
      return "false";
    case Value::Type::kNull:
      return {};
    case Value::Type::kJson:
      return v.raw();
    case Value::Type::kNumber: {
      // gjson's String() of a number: an integer as written, anything else (1.0, 1.50, 1e-7)
      // as Go formats the float ('f', shortest): 1, 1.5, 0.0000001.
      const std::string_view raw = v.raw();
      size_t i = !raw.empty() && raw[0] == '-' ? 1 : 0;
      bool integer = i < raw.size();
      for (; i < raw.size() && integer; ++i) integer = raw[i] >= '0' && raw[i] <= '9';
      if (integer) return raw;
      break;
    }
  }
  scratch = v.to_string();
  return scratch;
}

}  // namespace sub::condition
