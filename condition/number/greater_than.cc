// number_greater_than: true when the number is greater than `value` (or the number at
// object.target_key). A missing object.source_key value counts as 0.
//
// Settings: see NumberCompare in condition/number/number.h.
#include "condition/builder.h"
#include "condition/number/number.h"

namespace sub::condition {

ConditionPtr new_number_greater_than(const config::Settings& s, ConditionBuilder&) {
  return make_number_compare("number_greater_than", s, NumberCompare::Op::kGreater, false);
}

}  // namespace sub::condition
