// number_bitwise_not: true when (NOT number) != 0, i.e. unless the number is -1. `value` is
// not used.
//
// Settings: see NumberBitwise in condition/number/number.h.
#include "condition/builder.h"
#include "condition/number/number.h"

namespace sub::condition {

ConditionPtr new_number_bitwise_not(const config::Settings& s, ConditionBuilder&) {
  return make_number_bitwise("number_bitwise_not", s, NumberBitwise::Op::kNot);
}

}  // namespace sub::condition
