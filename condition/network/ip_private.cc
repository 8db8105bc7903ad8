// network_ip_private: true for a private address (RFC 1918 10/8, 172.16/12, 192.168/16;
// RFC 4193 fc00::/7).
//
// Settings:
//   object.source_key  read the address from this key; unset: the whole data
// Go net.IP semantics (condition/network/ip.h); text that is not an IP address is false.
#include "condition/network/ip.h"
#include "transform/common/object.h"
#include "transform/registry.h"

namespace sub {

ConditionPtr new_network_ip_private(const config::Settings& s, Builder&) {
  return std::make_shared<ip::IpCondition>(ObjectSettings::read(s).source_key, &ip::is_private);
}

}  // namespace sub
