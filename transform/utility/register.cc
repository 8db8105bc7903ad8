// Registers the utility_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_utility_control(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_utility_delay(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_utility_drop(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_utility_err(const config::Settings& s, Builder& b);

void register_utility_transforms(Registry& r) {
  r.add_transform("utility_control", &new_utility_control);
  r.add_transform("utility_delay", &new_utility_delay);
  r.add_transform("utility_drop", &new_utility_drop);
  r.add_transform("utility_err", &new_utility_err);
}

}  // namespace sub
