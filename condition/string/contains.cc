// string_contains: true when the text contains `value` (case-sensitive; an empty value always
// matches). A missing object.source_key value is "".
//
// Settings: see StringCompare in condition/string/string.h.
#include "condition/builder.h"
#include "condition/string/string.h"

namespace sub::condition {

ConditionPtr new_string_contains(const config::Settings& s, ConditionBuilder&) {
  return make_string_compare(s, StringCompare::Op::kContains);
}

}  // namespace sub::condition
