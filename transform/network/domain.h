// Public Suffix List lookups with the semantics of golang.org/x/net/publicsuffix (ICANN
// and private sections both apply; a name no rule covers has its last label as suffix),
// backed by libpsl's newest list (the system list or the one built into libpsl).
#pragma once

#include <string>
#include <string_view>

namespace sub::transform::network {

// publicsuffix.PublicSuffix: never fails.
std::string public_suffix(std::string_view domain);

// publicsuffix.EffectiveTLDPlusOne. Throws sub::Error with x/net's message, e.g.
//   publicsuffix: cannot derive eTLD+1 for domain "com"
std::string registered_domain(std::string_view domain);

// The domain minus "." + registered domain (first occurrence, as the reference's
// strings.Replace); throws "no subdomain" when nothing remains.
std::string subdomain(std::string_view domain);

}  // namespace sub::transform::network
