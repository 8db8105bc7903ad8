// number_math_division: a / b / c (division by zero gives ±Inf, or NaN for 0/0) over an array of
// numbers. Settings and modes: see transform/number/math.h.
#include <functional>

#include "transform/number/math.h"

namespace sub::transform {

std::shared_ptr<Transform> new_number_math_division(const config::Settings& s, Builder&) {
  return NumberMath<std::divides<double>>::make(s);
}

}  // namespace sub::transform
