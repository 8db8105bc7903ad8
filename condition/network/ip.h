// IP address parsing and classification with Go's net.IP semantics, and the condition
// shared by the network_ip_* types.
//
// Addresses are parsed as Go's net.ParseIP does (netip rules: dotted-quad IPv4 without
// leading zeros, RFC 4291 IPv6 text with an optional trailing dotted quad, no zone) into 16
// bytes; IPv4 addresses become IPv4-mapped IPv6 (::ffff:a.b.c.d), so "::ffff:127.0.0.1" is
// classified as the IPv4 loopback it maps.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "condition/condition.h"

namespace sub::condition::ip {

using Addr = std::array<uint8_t, 16>;

// False when `s` is not an IP address.
[[nodiscard]] bool parse(std::string_view s, Addr& out);

bool is_v4(const Addr& a);  // an IPv4-mapped address
bool is_unspecified(const Addr& a);
bool is_loopback(const Addr& a);
bool is_private(const Addr& a);
bool is_multicast(const Addr& a);
bool is_link_local_multicast(const Addr& a);
bool is_link_local_unicast(const Addr& a);
bool is_global_unicast(const Addr& a);

using Predicate = bool (*)(const Addr&);

// Settings:
//   object.source_key  read the address from this key (its text); unset: the whole data
// Text that is not an address, or a missing value, answers false.
class IpCondition final : public Condition {
 public:
  IpCondition(std::string source_key, Predicate predicate)
      : source_key_(std::move(source_key)), predicate_(predicate) {}

  bool test(const Message& msg, const Context& ctx) const override;

 private:
  const std::string source_key_;
  const Predicate predicate_;
};

}  // namespace sub::condition::ip
