// Registers the send_* transforms.
#include "transform/registry.h"

namespace sub {

void register_send_transforms(Registry& /*r*/) {}

}  // namespace sub
