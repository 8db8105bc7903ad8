// Registers the array_* transforms.
#include "transform/registry.h"

namespace sub {

void register_array_transforms(Registry& /*r*/) {}

}  // namespace sub
