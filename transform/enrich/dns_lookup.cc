#include "transform/enrich/dns_lookup.h"

#include "config/object_settings.h"
#include "core/json/encode.h"

namespace sub::transform {
namespace {

class EnrichDnsLookup final : public Transform {
 public:
  EnrichDnsLookup(config::ObjectSettings obj, DnsLookupKind kind, dns::Resolver resolver)
      : obj_(std::move(obj)), kind_(kind), resolver_(std::move(resolver)) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const override {
    if (!msg.is_control()) apply(msg, ctx);
    out.push_back(std::move(msg));
  }

 private:
  std::vector<std::string> lookup(std::string_view what, const Context& ctx) const {
    switch (kind_) {
      case DnsLookupKind::kDomain:
        return resolver_.lookup_host(what, ctx);
      case DnsLookupKind::kIp:
        return resolver_.lookup_addr(what, ctx);
      case DnsLookupKind::kText:
        break;
    }
    return resolver_.lookup_txt(what, ctx);
  }

  void apply(Message& msg, const Context& ctx) const {
    if (obj_.data_mode()) {
      std::vector<std::string> results = lookup(msg.data(), ctx);
      // The resolver never succeeds with nothing, but an empty answer must not crash.
      msg.set_data(results.empty() ? std::string() : std::move(results.front()));
      return;
    }
    const Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    std::vector<std::string> results;
    try {
      results = lookup(v.to_string(), ctx);
    } catch (const Error& e) {
      throw Error("object.source_key \"" + obj_.source_key + "\": " + e.what());
    }
    std::string raw = "[";
    for (size_t i = 0; i < results.size(); ++i) {
      if (i > 0) raw.push_back(',');
      json::append_go_string(raw, results[i]);
    }
    raw.push_back(']');
    msg.set_raw(obj_.target_key, raw);
  }

  const config::ObjectSettings obj_;
  const DnsLookupKind kind_;
  const dns::Resolver resolver_;
};

}  // namespace

std::shared_ptr<Transform> new_enrich_dns_lookup(const config::Settings& s, DnsLookupKind kind,
                                                 dns::Resolver::Options options) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  options.timeout = s.child("request").duration("timeout", std::chrono::seconds(1));
  dns::Resolver resolver;
  try {
    resolver = dns::Resolver(std::move(options));
  } catch (const Error& e) {
    s.fail("request", e.what());
  }
  return std::make_shared<EnrichDnsLookup>(std::move(obj), kind, std::move(resolver));
}

}  // namespace sub::transform
