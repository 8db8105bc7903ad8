// number_bitwise_xor: true when (number XOR `value`) != 0.
//
// Settings: see NumberBitwise in condition/number/number.h.
#include "condition/builder.h"
#include "condition/number/number.h"

namespace sub::condition {

ConditionPtr new_number_bitwise_xor(const config::Settings& s, ConditionBuilder&) {
  return make_number_bitwise("number_bitwise_xor", s, NumberBitwise::Op::kXor);
}

}  // namespace sub::condition
