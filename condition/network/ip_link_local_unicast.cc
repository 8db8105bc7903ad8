// network_ip_link_local_unicast: true for a link-local unicast address (169.254.0.0/16,
// fe80::/10).
//
// Settings:
//   object.source_key  read the address from this key; unset: the whole data
// Go net.IP semantics (condition/network/ip.h); text that is not an IP address is false.
#include "condition/builder.h"
#include "condition/network/ip.h"
#include "config/object_settings.h"

namespace sub::condition {

ConditionPtr new_network_ip_link_local_unicast(const config::Settings& s, ConditionBuilder&) {
  return std::make_shared<ip::IpCondition>(config::ObjectSettings::read(s).source_key,
                                           &ip::is_link_local_unicast);
}

}  // namespace sub::condition
