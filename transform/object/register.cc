// Registers the object_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_object_copy(const config::Settings& s, Builder& b);

void register_object_transforms(Registry& r) { r.add_transform("object_copy", &new_object_copy); }

}  // namespace sub
