// number_bitwise_not: true when (NOT number) != 0, i.e. unless the number is -1. `value` is
// not used.
//
// Settings: see NumberBitwise in condition/number/number.h.
#include "condition/number/number.h"
#include "transform/registry.h"

namespace sub {

ConditionPtr new_number_bitwise_not(const config::Settings& s, Builder&) {
  return cond::make_number_bitwise("number_bitwise_not", s, cond::NumberBitwise::Op::kNot);
}

}  // namespace sub
