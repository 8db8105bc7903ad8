// number_equal_to: true when the number equals `value` (or the number at object.target_key).
// A missing object.source_key value is false.
//
// Settings: see NumberCompare in condition/number/number.h.
#include "condition/builder.h"
#include "condition/number/number.h"

namespace sub::condition {

ConditionPtr new_number_equal_to(const config::Settings& s, ConditionBuilder&) {
  return make_number_compare("number_equal_to", s, NumberCompare::Op::kEqual, true);
}

}  // namespace sub::condition
