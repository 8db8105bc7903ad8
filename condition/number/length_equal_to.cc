// number_length_equal_to: true when the length equals `value`.
//
// Settings: see NumberLength in condition/number/number.h.
#include "condition/builder.h"
#include "condition/number/number.h"

namespace sub {

ConditionPtr new_number_length_equal_to(const config::Settings& s, ConditionBuilder&) {
  return cond::make_number_length(s, cond::NumberLength::Op::kEqual);
}

}  // namespace sub
