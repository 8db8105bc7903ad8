// Registers the aggregate_* transforms.
#include "transform/registry.h"

namespace sub {

void register_aggregate_transforms(Registry& /*r*/) {}

}  // namespace sub
