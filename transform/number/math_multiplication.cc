// number_math_multiplication: a * b * c over an array of numbers. Settings and modes: see
// transform/number/math.h.
#include <functional>

#include "transform/number/math.h"

namespace sub::transform {

std::shared_ptr<Transform> new_number_math_multiplication(const config::Settings& s, Builder&) {
  return NumberMath<std::multiplies<double>>::make(s);
}

}  // namespace sub::transform
