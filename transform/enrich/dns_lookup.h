// The enrich_dns_* transforms share one implementation: a lookup of the data (data mode)
// or of the value at object.source_key (object mode) with a time limit.
//
// Settings (all three):
//   object.source_key  gjson path of the name/address to look up (requires target_key)
//   object.target_key  where the array of results is written (requires source_key)
//   request.timeout    limit of one lookup, a Go duration (default "1s")
// Data mode (neither key): the data is looked up and replaced by the first result.
// Object mode: a missing source value leaves the message unchanged; otherwise every result
// is written at target_key as an array of strings. A failed lookup is an error.
#pragma once

#include <memory>

#include "config/settings.h"
#include "services/dns/resolver.h"
#include "transform/transform.h"

namespace sub::transform {

enum class DnsLookupKind {
  kDomain,  // enrich_dns_domain_lookup: name -> addresses (Go net.LookupHost)
  kIp,      // enrich_dns_ip_lookup: address -> names (Go net.LookupAddr)
  kText,    // enrich_dns_text_lookup: name -> TXT records (Go net.LookupTXT)
};

// Builds one enrich_dns_* transform. `options.timeout` is replaced by request.timeout; the
// nameservers are kept (the default, none, uses the system's configuration).
std::shared_ptr<Transform> new_enrich_dns_lookup(const config::Settings& s, DnsLookupKind kind,
                                                 dns::Resolver::Options options = {});

}  // namespace sub::transform
