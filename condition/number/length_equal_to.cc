// number_length_equal_to: true when the length equals `value`.
//
// Settings: see NumberLength in condition/number/number.h.
#include "condition/builder.h"
#include "condition/number/number.h"

namespace sub::condition {

ConditionPtr new_number_length_equal_to(const config::Settings& s, ConditionBuilder&) {
  return make_number_length(s, NumberLength::Op::kEqual);
}

}  // namespace sub::condition
