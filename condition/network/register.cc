// Registers the network_* conditions.
#include "transform/registry.h"

namespace sub {

ConditionPtr new_network_ip_global_unicast(const config::Settings& s, Builder& b);
ConditionPtr new_network_ip_link_local_multicast(const config::Settings& s, Builder& b);
ConditionPtr new_network_ip_link_local_unicast(const config::Settings& s, Builder& b);
ConditionPtr new_network_ip_loopback(const config::Settings& s, Builder& b);
ConditionPtr new_network_ip_multicast(const config::Settings& s, Builder& b);
ConditionPtr new_network_ip_private(const config::Settings& s, Builder& b);
ConditionPtr new_network_ip_unicast(const config::Settings& s, Builder& b);
ConditionPtr new_network_ip_unspecified(const config::Settings& s, Builder& b);
ConditionPtr new_network_ip_valid(const config::Settings& s, Builder& b);

void register_network_conditions(Registry& r) {
  r.add_condition("network_ip_global_unicast", &new_network_ip_global_unicast);
  r.add_condition("network_ip_link_local_multicast", &new_network_ip_link_local_multicast);
  r.add_condition("network_ip_link_local_unicast", &new_network_ip_link_local_unicast);
  r.add_condition("network_ip_loopback", &new_network_ip_loopback);
  r.add_condition("network_ip_multicast", &new_network_ip_multicast);
  r.add_condition("network_ip_private", &new_network_ip_private);
  r.add_condition("network_ip_unicast", &new_network_ip_unicast);
  r.add_condition("network_ip_unspecified", &new_network_ip_unspecified);
  r.add_condition("network_ip_valid", &new_network_ip_valid);
}

}  // namespace sub
