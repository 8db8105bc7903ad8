// network_ip_link_local_multicast: true for a link-local multicast address (224.0.0.0/24,
// ffx2::/16).
//
// Settings:
//   object.source_key  read the address from this key; unset: the whole data
// Go net.IP semantics (condition/network/ip.h); text that is not an IP address is false.
#include "condition/builder.h"
#include "condition/network/ip.h"
#include "config/object_settings.h"

namespace sub::condition {

ConditionPtr new_network_ip_link_local_multicast(const config::Settings& s, ConditionBuilder&) {
  return std::make_shared<ip::IpCondition>(config::ObjectSettings::read(s).source_key,
                                           &ip::is_link_local_multicast);
}

}  // namespace sub::condition
