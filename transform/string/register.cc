// Registers the string_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_string_append(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_string_capture(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_string_replace(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_string_split(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_string_to_lower(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_string_to_snake(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_string_to_upper(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_string_uuid(const config::Settings& s, Builder& b);

void register_string_transforms(Registry& r) {
  r.add_transform("string_append", &new_string_append);
  r.add_transform("string_capture", &new_string_capture);
  r.add_transform("string_replace", &new_string_replace);
  r.add_transform("string_split", &new_string_split);
  r.add_transform("string_to_lower", &new_string_to_lower);
  r.add_transform("string_to_snake", &new_string_to_snake);
  r.add_transform("string_to_upper", &new_string_to_upper);
  r.add_transform("string_uuid", &new_string_uuid);
}

}  // namespace sub
