// Registers the enrich_* transforms.
#include "transform/registry.h"

namespace sub {

void register_enrich_transforms(Registry& /*r*/) {}

}  // namespace sub
