#include "core/json/go_value.h"

#include <cmath>
#include <map>

#include "core/deep_stack.h"
#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "core/json/scan.h"

namespace sub::json {
namespace {

void append(std::string& out, const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull:
      out += "null";
      return;
    case Value::Type::kTrue:
      out += "true";
      return;
    case Value::Type::kFalse:
      out += "false";
      return;
    case Value::Type::kString:
      append_go_string(out, v.str());
      return;
    case Value::Type::kNumber:
      if (!std::isfinite(v.num())) {  // 1e400 reads as +Inf, which json.Marshal refuses
        throw Error(std::string("json: unsupported value: ") + (std::isnan(v.num()) ? "NaN"
                                                                : v.num() > 0       ? "+Inf"
                                                                                    : "-Inf"));
      }
      append_float_json(out, v.num());
      return;
    case Value::Type::kJson:
      break;
  }
  if (v.is_object()) {
    std::map<std::string, Value> members;  // sorted, as json.Marshal writes a map
    v.for_each([&](const Value& key, const Value& value) {
      members.emplace(std::string(key.str()), value);  // the first of a key is kept
      return true;
    });
    out.push_back('{');
    bool first = true;
    for (const auto& [key, value] : members) {
      if (!first) out.push_back(',');
      first = false;
      append_go_string(out, key);
      out.push_back(':');
      append(out, value);
    }
    out.push_back('}');
    return;
  }
  out.push_back('[');
  bool first = true;
  v.for_each([&](const Value&, const Value& value) {
    if (!first) out.push_back(',');
    first = false;
    append(out, value);
    return true;
  });
  out.push_back(']');
}

}  // namespace

void append_go_value(std::string& out, const Value& v) {
  // Deeper than the reader's limit: compacted, as Go's marshal of the nested slices (or
  // maps) prints it when the text is otherwise JSON, without a walk per level.
  if (scan::nests_deeper_than(v.raw(), kMaxNestingDepth)) return append_compact(out, v.raw());
  if (!scan::nests_deeper_than(v.raw(), kShallowNesting)) return append(out, v);
  with_deep_stack([&] { append(out, v); });
}

}  // namespace sub::json
