// string_starts_with: true when the text starts with `value`. A missing object.source_key value
// is "".
//
// Settings: see StringCompare in condition/string/string.h.
#include "condition/string/string.h"
#include "transform/registry.h"

namespace sub {

ConditionPtr new_string_starts_with(const config::Settings& s, Builder&) {
  return cond::make_string_compare(s, cond::StringCompare::Op::kStartsWith);
}

}  // namespace sub
