// Registers the enrich_dns_* and enrich_http_* transforms (called from Registry::builtin()).
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_enrich_dns_domain_lookup(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_enrich_dns_ip_lookup(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_enrich_dns_text_lookup(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_enrich_http_get(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_enrich_http_post(const config::Settings& s, Builder& b);

void register_enrich_dns_http_transforms(Registry& r);

void register_enrich_dns_http_transforms(Registry& r) {
  r.add_transform("enrich_dns_domain_lookup", &new_enrich_dns_domain_lookup);
  r.add_transform("enrich_dns_ip_lookup", &new_enrich_dns_ip_lookup);
  r.add_transform("enrich_dns_text_lookup", &new_enrich_dns_text_lookup);
  r.add_transform("enrich_http_get", &new_enrich_http_get);
  r.add_transform("enrich_http_post", &new_enrich_http_post);
}

}  // namespace sub
