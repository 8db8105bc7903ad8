// number_bitwise_and: true when (number AND `value`) != 0.
//
// Settings: see NumberBitwise in condition/number/number.h.
#include "condition/builder.h"
#include "condition/number/number.h"

namespace sub::condition {

ConditionPtr new_number_bitwise_and(const config::Settings& s, ConditionBuilder&) {
  return make_number_bitwise("number_bitwise_and", s, NumberBitwise::Op::kAnd);
}

}  // namespace sub::condition
