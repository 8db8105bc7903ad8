// Registers the hash_* transforms.
#include "transform/registry.h"

namespace sub {

void register_hash_transforms(Registry& /*r*/) {}

}  // namespace sub
