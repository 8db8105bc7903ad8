// Registers the meta_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_meta_err(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_meta_for_each(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_meta_retry(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_meta_switch(const config::Settings& s, Builder& b);

void register_meta_transforms(Registry& r) {
  r.add_transform("meta_err", &new_meta_err);
  r.add_transform("meta_for_each", &new_meta_for_each);
  r.add_transform("meta_retry", &new_meta_retry);
  r.add_transform("meta_switch", &new_meta_switch);
}

}  // namespace sub
