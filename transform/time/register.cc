// Registers the time_* transforms.
#include "transform/registry.h"

namespace sub {

void register_time_transforms(Registry& /*r*/) {}

}  // namespace sub
