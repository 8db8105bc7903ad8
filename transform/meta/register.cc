// Registers the meta_* transforms.
#include "transform/registry.h"

namespace sub {

void register_meta_transforms(Registry& /*r*/) {}

}  // namespace sub
