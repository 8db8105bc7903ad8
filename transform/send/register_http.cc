// Registers send_http_post (called from Registry::builtin()).
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_send_http_post(const config::Settings& s, Builder& b);

void register_send_http_transforms(Registry& r);

void register_send_http_transforms(Registry& r) {
  r.add_transform("send_http_post", &new_send_http_post);
}

}  // namespace sub
