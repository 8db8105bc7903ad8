// number_minimum: the minimum of a number and the configured value. Settings and modes: see
// transform/number/bound.h.
#include "transform/number/bound.h"

namespace sub::transform {

std::shared_ptr<Transform> new_number_minimum(const config::Settings& s, Builder&) {
  return NumberBound::make(s, /*is_max=*/false);
}

}  // namespace sub::transform
