// number_bitwise_or: true when (number OR `value`) != 0.
//
// Settings: see NumberBitwise in condition/number/number.h.
#include "condition/builder.h"
#include "condition/number/number.h"

namespace sub::condition {

ConditionPtr new_number_bitwise_or(const config::Settings& s, ConditionBuilder&) {
  return make_number_bitwise("number_bitwise_or", s, NumberBitwise::Op::kOr);
}

}  // namespace sub::condition
