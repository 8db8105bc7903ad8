// enrich_dns_text_lookup: TXT lookup: a name becomes its TXT records, the strings of each record
// concatenated (Go net.LookupTXT); data mode keeps the first record, object mode writes all.
//
// Settings:
//   object.source_key  gjson path of the value to look up (requires target_key)
//   object.target_key  where the array of results is written (requires source_key)
//   request.timeout    limit of one lookup, a Go duration (default "1s")
// See transform/enrich/dns_lookup.h for the shared rules.
#include "transform/builder.h"
#include "transform/enrich/dns_lookup.h"

namespace sub::transform {

std::shared_ptr<Transform> new_enrich_dns_text_lookup(const config::Settings& s, Builder&) {
  return new_enrich_dns_lookup(s, DnsLookupKind::kText);
}

}  // namespace sub::transform
