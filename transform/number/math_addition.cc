// number_math_addition: a + b + c over an array of numbers. Settings and modes: see
// transform/number/math.h.
#include <functional>

#include "transform/number/math.h"

namespace sub::transform {

std::shared_ptr<Transform> new_number_math_addition(const config::Settings& s, Builder&) {
  return NumberMath<std::plus<double>>::make(s);
}

}  // namespace sub::transform
