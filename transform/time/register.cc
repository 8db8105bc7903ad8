// Registers the time_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_time_from_string(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_time_from_unix(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_time_from_unix_milli(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_time_now(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_time_to_string(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_time_to_unix(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_time_to_unix_milli(const config::Settings& s, Builder& b);

void register_time_transforms(Registry& r) {
  r.add_transform("time_from_string", &new_time_from_string);
  r.add_transform("time_from_unix", &new_time_from_unix);
  r.add_transform("time_from_unix_milli", &new_time_from_unix_milli);
  r.add_transform("time_now", &new_time_now);
  r.add_transform("time_to_string", &new_time_to_string);
  r.add_transform("time_to_unix", &new_time_to_unix);
  r.add_transform("time_to_unix_milli", &new_time_to_unix_milli);
}

}  // namespace sub
