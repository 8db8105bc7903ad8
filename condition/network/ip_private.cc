// network_ip_private: true for a private address (RFC 1918 10/8, 172.16/12, 192.168/16;
// RFC 4193 fc00::/7).
//
// Settings:
//   object.source_key  read the address from this key; unset: the whole data
// Go net.IP semantics (condition/network/ip.h); text that is not an IP address is false.
#include "condition/builder.h"
#include "condition/network/ip.h"
#include "config/object_settings.h"

namespace sub::condition {

ConditionPtr new_network_ip_private(const config::Settings& s, ConditionBuilder&) {
  return std::make_shared<ip::IpCondition>(config::ObjectSettings::read(s).source_key,
                                           &ip::is_private);
}

}  // namespace sub::condition
