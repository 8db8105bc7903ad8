// Registers the send_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_send_file(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_send_stdout(const config::Settings& s, Builder& b);

void register_send_transforms(Registry& r) {
  r.add_transform("send_file", &new_send_file);
  r.add_transform("send_stdout", &new_send_stdout);
}

}  // namespace sub
