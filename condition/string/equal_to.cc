// string_equal_to: true when the text equals `value` (or the text at object.target_key). A
// missing object.source_key value is false.
//
// Settings: see StringCompare in condition/string/string.h.
#include "condition/builder.h"
#include "condition/string/string.h"

namespace sub::condition {

ConditionPtr new_string_equal_to(const config::Settings& s, ConditionBuilder&) {
  return make_string_compare(s, StringCompare::Op::kEqual);
}

}  // namespace sub::condition
