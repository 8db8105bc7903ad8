// string_less_than: true when the text sorts before `value` (or the text at
// object.target_key), comparing bytes. A missing object.source_key value is "".
//
// Settings: see StringCompare in condition/string/string.h.
#include "condition/builder.h"
#include "condition/string/string.h"

namespace sub::condition {

ConditionPtr new_string_less_than(const config::Settings& s, ConditionBuilder&) {
  return make_string_compare(s, StringCompare::Op::kLess);
}

}  // namespace sub::condition
