// Registers the format_* conditions.
#include "transform/registry.h"

namespace sub {

void register_format_conditions(Registry& /*r*/) {}

}  // namespace sub
