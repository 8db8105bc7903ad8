// network_domain_registered_domain: the registered domain (eTLD+1) of a domain name, e.g. "c.b.com"
// -> "b.com".
//
// Settings:
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the result to
// Modes:
//   data    the data (as text) becomes the result
//   object  target := result of String(source); a missing source leaves the message
//           unchanged
// Errors (x/net/publicsuffix): empty label, cannot derive eTLD+1, invalid public suffix.
#include "transform/network/domain.h"
#include "config/object_settings.h"
#include "core/error.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class NetworkDomainRegisteredDomain final : public Transform {
 public:
  explicit NetworkDomainRegisteredDomain(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    if (obj_.data_mode()) {
      msg.set_data(network::registered_domain(msg.data()));
      return;
    }
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    std::string result;
    try {
      result = network::registered_domain(v.to_string());
    } catch (const Error& e) {
      throw Error("object.source_key \"" + obj_.source_key + "\": " + e.what());
    }
    msg.set_string(obj_.target_key, result);
  }

  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_network_domain_registered_domain(const config::Settings& s,
                                                                Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  return std::make_shared<NetworkDomainRegisteredDomain>(std::move(obj));
}

}  // namespace sub::transform
