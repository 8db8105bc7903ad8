#include "condition/network/ip.h"

#include <algorithm>

#include "condition/common/text.h"

namespace sub::condition::ip {
namespace {

// Dotted-quad IPv4 into out[0..3]: four decimal fields 0-255, no leading zeros, no empty
// fields.
bool parse_v4(std::string_view s, uint8_t* out) {
  int field = 0;
  int value = 0;
  int digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (digits == 1 && value == 0) return false;  // leading zero
      value = value * 10 + (c - '0');
      ++digits;
      if (value > 255) return false;
    } else if (c == '.') {
      if (i == 0 || i == s.size() - 1 || s[i - 1] == '.') return false;
      if (field == 3) return false;
      out[field++] = static_cast<uint8_t>(value);
      value = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  if (field < 3 || digits == 0) return false;
  out[3] = static_cast<uint8_t>(value);
  return true;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool parse_v6(std::string_view s, Addr& ip) {
  if (s.find('%') != std::string_view::npos) return false;  // zones are rejected
  ip.fill(0);
  int ellipsis = -1;  // byte index where "::" expands
  if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
    ellipsis = 0;
    s.remove_prefix(2);
    if (s.empty()) return true;  // "::"
  }
  int i = 0;
  while (i < 16) {
    size_t off = 0;
    uint32_t acc = 0;
    for (; off < s.size(); ++off) {
      const int d = hex_digit(s[off]);
      if (d < 0) break;
      if (off > 3) return false;  // more than four hex digits
      acc = (acc << 4) | static_cast<uint32_t>(d);
    }
    if (off == 0) return false;
    if (off < s.size() && s[off] == '.') {
      // A trailing dotted quad fills the last four bytes.
      if (ellipsis < 0 && i != 12) return false;
      if (i + 4 > 16) return false;
      if (!parse_v4(s, &ip[i])) return false;
      s = {};
      i += 4;
      break;
    }
    ip[i] = static_cast<uint8_t>(acc >> 8);
    ip[i + 1] = static_cast<uint8_t>(acc);
    i += 2;
    s.remove_prefix(off);
    if (s.empty()) break;
    if (s[0] != ':' || s.size() == 1) return false;
    s.remove_prefix(1);
    if (s[0] == ':') {
      if (ellipsis >= 0) return false;  // a second "::"
      ellipsis = i;
      s.remove_prefix(1);
      if (s.empty()) break;
    }
  }
  if (!s.empty()) return false;
  if (i < 16) {
    if (ellipsis < 0) return false;
    const int n = 16 - i;
    for (int j = i - 1; j >= ellipsis; --j) ip[j + n] = ip[j];
    std::fill(ip.begin() + ellipsis, ip.begin() + ellipsis + n, 0);
  } else if (ellipsis >= 0) {
    return false;  // "::" must stand for at least one zero group
  }
  return true;
}

bool all_zero(const Addr& a, size_t from, size_t to) {
  return std::all_of(a.begin() + from, a.begin() + to, [](uint8_t b) { return b == 0; });
}

}  // namespace

bool parse(std::string_view s, Addr& out) {
  for (char c : s) {
    if (c == '.') {
      out.fill(0);
      out[10] = 0xff;
      out[11] = 0xff;
      return parse_v4(s, &out[12]);
    }
    if (c == ':') return parse_v6(s, out);
    if (c == '%') return false;
  }
  return false;
}

bool is_v4(const Addr& a) { return all_zero(a, 0, 10) && a[10] == 0xff && a[11] == 0xff; }

bool is_unspecified(const Addr& a) {
  return all_zero(a, 0, 16) || (is_v4(a) && all_zero(a, 12, 16));
}

bool is_loopback(const Addr& a) {
  if (is_v4(a)) return a[12] == 127;
  return all_zero(a, 0, 15) && a[15] == 1;
}

bool is_private(const Addr& a) {
  if (is_v4(a)) {
    return a[12] == 10 || (a[12] == 172 && (a[13] & 0xf0) == 16) || (a[12] == 192 && a[13] == 168);
  }
  return (a[0] & 0xfe) == 0xfc;
}

bool is_multicast(const Addr& a) {
  if (is_v4(a)) return (a[12] & 0xf0) == 0xe0;
  return a[0] == 0xff;
}

bool is_link_local_multicast(const Addr& a) {
  if (is_v4(a)) return a[12] == 224 && a[13] == 0 && a[14] == 0;
  return a[0] == 0xff && (a[1] & 0x0f) == 0x02;
}

bool is_link_local_unicast(const Addr& a) {
  if (is_v4(a)) return a[12] == 169 && a[13] == 254;
  return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

bool is_global_unicast(const Addr& a) {
  const bool broadcast =
      is_v4(a) && a[12] == 0xff && a[13] == 0xff && a[14] == 0xff && a[15] == 0xff;
  return !broadcast && !is_unspecified(a) && !is_loopback(a) && !is_multicast(a) &&
         !is_link_local_unicast(a);
}

bool IpCondition::test(const Message& msg, const Context&) const {
  if (msg.is_control()) return false;
  Addr addr;
  if (source_key_.empty()) return parse(msg.data(), addr) && predicate_(addr);
  std::string scratch;
  const Value v = msg.get(source_key_);
  return parse(value_text(v, scratch), addr) && predicate_(addr);
}

}  // namespace sub::condition::ip
