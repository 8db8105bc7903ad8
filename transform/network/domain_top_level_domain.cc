// network_domain_top_level_domain: the public suffix of a domain name, e.g. "b.co.uk" -> "co.uk".
//
// Settings:
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the result to
// Modes:
//   data    the data (as text) becomes the result
//   object  target := result of String(source); a missing source leaves the message
//           unchanged
// Never fails: a name no rule covers has its last label as suffix.
#include "transform/network/domain.h"
#include "config/object_settings.h"
#include "core/error.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class NetworkDomainTopLevelDomain final : public Transform {
 public:
  explicit NetworkDomainTopLevelDomain(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    if (obj_.data_mode()) {
      msg.set_data(network::public_suffix(msg.data()));
      return;
    }
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    std::string result;
    try {
      result = network::public_suffix(v.to_string());
    } catch (const Error& e) {
      throw Error("object.source_key \"" + obj_.source_key + "\": " + e.what());
    }
    msg.set_string(obj_.target_key, result);
  }

  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_network_domain_top_level_domain(const config::Settings& s,
                                                               Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  return std::make_shared<NetworkDomainTopLevelDomain>(std::move(obj));
}

}  // namespace sub::transform
