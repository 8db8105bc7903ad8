// Registers the number_* transforms.
#include "transform/registry.h"

namespace sub {

void register_number_transforms(Registry& /*r*/) {}

}  // namespace sub
