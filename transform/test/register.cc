// Registers the test_* transforms.
#include "transform/registry.h"

namespace sub {

void register_test_transforms(Registry& /*r*/) {}

}  // namespace sub
