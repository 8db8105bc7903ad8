// Registers the object_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_object_copy(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_object_delete(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_object_insert(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_object_jq(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_object_to_boolean(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_object_to_float(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_object_to_integer(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_object_to_string(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_object_to_unsigned_integer(const config::Settings& s, Builder& b);

void register_object_transforms(Registry& r) {
  r.add_transform("object_copy", &new_object_copy);
  r.add_transform("object_delete", &new_object_delete);
  r.add_transform("object_insert", &new_object_insert);
  r.add_transform("object_jq", &new_object_jq);
  r.add_transform("object_to_boolean", &new_object_to_boolean);
  r.add_transform("object_to_float", &new_object_to_float);
  r.add_transform("object_to_integer", &new_object_to_integer);
  r.add_transform("object_to_string", &new_object_to_string);
  r.add_transform("object_to_unsigned_integer", &new_object_to_unsigned_integer);
}

}  // namespace sub
