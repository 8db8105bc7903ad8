// enrich_dns_ip_lookup: reverse DNS lookup: an IP address becomes its names, fully qualified with a
// trailing dot (Go net.LookupAddr); data mode keeps the first name, object mode writes all.
//
// Settings:
//   object.source_key  gjson path of the value to look up (requires target_key)
//   object.target_key  where the array of results is written (requires source_key)
//   request.timeout    limit of one lookup, a Go duration (default "1s")
// See transform/enrich/dns_lookup.h for the shared rules.
#include "transform/builder.h"
#include "transform/enrich/dns_lookup.h"

namespace sub::transform {

std::shared_ptr<Transform> new_enrich_dns_ip_lookup(const config::Settings& s, Builder&) {
  return new_enrich_dns_lookup(s, DnsLookupKind::kIp);
}

}  // namespace sub::transform
