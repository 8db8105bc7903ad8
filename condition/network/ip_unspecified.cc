// network_ip_unspecified: true for the unspecified address (0.0.0.0, ::).
//
// Settings:
//   object.source_key  read the address from this key; unset: the whole data
// Go net.IP semantics (condition/network/ip.h); text that is not an IP address is false.
#include "condition/builder.h"
#include "condition/network/ip.h"
#include "config/object_settings.h"

namespace sub::condition {

ConditionPtr new_network_ip_unspecified(const config::Settings& s, ConditionBuilder&) {
  return std::make_shared<ip::IpCondition>(config::ObjectSettings::read(s).source_key,
                                           &ip::is_unspecified);
}

}  // namespace sub::condition
