// Registers the aggregate_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_aggregate_from_array(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_aggregate_from_string(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_aggregate_to_array(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_aggregate_to_string(const config::Settings& s, Builder& b);

void register_aggregate_transforms(Registry& r) {
  r.add_transform("aggregate_from_array", &new_aggregate_from_array);
  r.add_transform("aggregate_from_string", &new_aggregate_from_string);
  r.add_transform("aggregate_to_array", &new_aggregate_to_array);
  r.add_transform("aggregate_to_string", &new_aggregate_to_string);
}

}  // namespace sub
