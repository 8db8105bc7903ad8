// Registers the string_* transforms.
#include "transform/registry.h"

namespace sub {

void register_string_transforms(Registry& /*r*/) {}

}  // namespace sub
