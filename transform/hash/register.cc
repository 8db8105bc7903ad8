// Registers the hash_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_hash_md5(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_hash_sha256(const config::Settings& s, Builder& b);

void register_hash_transforms(Registry& r) {
  r.add_transform("hash_md5", &new_hash_md5);
  r.add_transform("hash_sha256", &new_hash_sha256);
}

}  // namespace sub
