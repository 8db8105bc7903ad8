// Registers the test_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_test_message(const config::Settings& s, Builder& b);

void register_test_transforms(Registry& r) { r.add_transform("test_message", &new_test_message); }

}  // namespace sub
