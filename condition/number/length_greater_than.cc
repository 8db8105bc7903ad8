// number_length_greater_than: true when the length is greater than `value`.
//
// Settings: see NumberLength in condition/number/number.h.
#include "condition/builder.h"
#include "condition/number/number.h"

namespace sub::condition {

ConditionPtr new_number_length_greater_than(const config::Settings& s, ConditionBuilder&) {
  return make_number_length(s, NumberLength::Op::kGreater);
}

}  // namespace sub::condition
