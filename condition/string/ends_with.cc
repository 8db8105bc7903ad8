// string_ends_with: true when the text ends with `value`. A missing object.source_key value is
// "".
//
// Settings: see StringCompare in condition/string/string.h.
#include "condition/builder.h"
#include "condition/string/string.h"

namespace sub::condition {

ConditionPtr new_string_ends_with(const config::Settings& s, ConditionBuilder&) {
  return make_string_compare(s, StringCompare::Op::kEndsWith);
}

}  // namespace sub::condition
