// Registers the format_* transforms.
#include "transform/registry.h"

namespace sub {

void register_format_transforms(Registry& /*r*/) {}

}  // namespace sub
