// Registers the network_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_network_domain_registered_domain(const config::Settings& s,
                                                                Builder& b);
std::shared_ptr<Transform> new_network_domain_subdomain(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_network_domain_top_level_domain(const config::Settings& s,
                                                               Builder& b);

void register_network_transforms(Registry& r) {
  r.add_transform("network_domain_registered_domain", &new_network_domain_registered_domain);
  r.add_transform("network_domain_subdomain", &new_network_domain_subdomain);
  r.add_transform("network_domain_top_level_domain", &new_network_domain_top_level_domain);
}

}  // namespace sub
