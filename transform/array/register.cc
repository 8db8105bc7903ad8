// Registers the array_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_array_join(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_array_zip(const config::Settings& s, Builder& b);

void register_array_transforms(Registry& r) {
  r.add_transform("array_join", &new_array_join);
  r.add_transform("array_zip", &new_array_zip);
}

}  // namespace sub
