// number_maximum: the maximum of a number and the configured value. Settings and modes: see
// transform/number/bound.h.
#include "transform/number/bound.h"

namespace sub::transform {

std::shared_ptr<Transform> new_number_maximum(const config::Settings& s, Builder&) {
  return NumberBound::make(s, /*is_max=*/true);
}

}  // namespace sub::transform
