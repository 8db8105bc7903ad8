// network_ip_loopback: true for a loopback address (127.0.0.0/8, ::1).
//
// Settings:
//   object.source_key  read the address from this key; unset: the whole data
// Go net.IP semantics (condition/network/ip.h); text that is not an IP address is false.
#include "condition/network/ip.h"
#include "transform/common/object.h"
#include "transform/registry.h"

namespace sub {

ConditionPtr new_network_ip_loopback(const config::Settings& s, Builder&) {
  return std::make_shared<ip::IpCondition>(ObjectSettings::read(s).source_key, &ip::is_loopback);
}

}  // namespace sub
