#include "transform/network/domain.h"

#include <libpsl.h>

#include "core/error.h"

namespace sub::transform::network {
namespace {

// The list is loaded once and never modified: safe to share between threads.
const psl_ctx_t* psl() {
  static const psl_ctx_t* ctx = [] {
    const psl_ctx_t* c = psl_latest(nullptr);
    return c != nullptr ? c : psl_builtin();
  }();
  return ctx;
}

// Go's %q for the error messages.
std::string go_quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\x";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xf]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
  return out;
}

std::string last_label(std::string_view domain) {
  size_t dot = domain.rfind('.');
  return std::string(dot == std::string_view::npos ? domain : domain.substr(dot + 1));
}

}  // namespace

std::string public_suffix(std::string_view domain) {
  // Go's PublicSuffix starts from the last label: after a trailing dot that label is empty,
  // no rule matches it, and the default rule makes it the suffix (""); libpsl would strip
  // the dot.
  if (domain.ends_with('.')) return std::string();
  const psl_ctx_t* ctx = psl();
  if (ctx == nullptr || domain.empty()) return last_label(domain);
  std::string d(domain);
  const char* suffix = psl_unregistrable_domain(ctx, d.c_str());
  if (suffix == nullptr) return last_label(domain);
  // An empty label before the suffix ("a..com") ends Go's walk there; libpsl keeps the dot.
  std::string_view out(suffix);
  while (out.starts_with('.')) out.remove_prefix(1);
  return std::string(out);
}

std::string registered_domain(std::string_view domain) {
  if (domain.starts_with('.') || domain.ends_with('.') ||
      domain.find("..") != std::string_view::npos) {
    throw Error("publicsuffix: empty label in domain " + go_quote(domain));
  }
  const std::string suffix = public_suffix(domain);
  if (domain.size() <= suffix.size()) {
    throw Error("publicsuffix: cannot derive eTLD+1 for domain " + go_quote(domain));
  }
  const size_t i = domain.size() - suffix.size() - 1;
  if (domain[i] != '.') {
    throw Error("publicsuffix: invalid public suffix " + go_quote(suffix) + " for domain " +
                go_quote(domain));
  }
  const size_t start = domain.substr(0, i).rfind('.');
  return std::string(domain.substr(start == std::string_view::npos ? 0 : start + 1));
}

std::string subdomain(std::string_view domain) {
  const std::string registered = registered_domain(domain);
  std::string out(domain);
  const size_t at = out.find("." + registered);
  if (at != std::string::npos) out.erase(at, registered.size() + 1);
  if (out == registered) throw Error("no subdomain");
  return out;
}

}  // namespace sub::transform::network
