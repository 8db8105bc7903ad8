#include "services/http/proxy_choice.h"

#include <cstdlib>

#include "services/http/url_text.h"

namespace sub::http {
namespace {

// The first of `upper` and `lower` that is set and not empty, or "".
std::string env(const char* upper, const char* lower) {
  for (const char* name : {upper, lower}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return value;
  }
  return "";
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
    if (c != prefix[i]) return false;
  }
  return true;
}

// The host of `url` without its port or IPv6 brackets, lower-cased.
std::string bare_host(std::string_view url) {
  std::string_view host = url_host(url);
  if (host.starts_with('[')) {
    host =
        host.substr(1, host.find(']') == std::string_view::npos ? host.npos : host.find(']') - 1);
  } else {
    host = host.substr(0, host.rfind(':'));
  }
  std::string out(host);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host.ends_with(".localhost") || host == "::1" ||
         host.starts_with("127.");
}

// The loopback names libcurl should never proxy, whatever the first URL was (a redirect
// may lead there).
constexpr std::string_view kLoopback = "localhost,127.0.0.0/8,127.0.0.1,::1";

}  // namespace

ProxyChoice ProxyChoice::for_url(std::string_view url) {
  ProxyChoice out;
  std::string proxy;
  if (starts_with_ci(url, "https://")) {
    proxy = env("HTTPS_PROXY", "https_proxy");
  } else if (starts_with_ci(url, "http://")) {
    proxy = env("HTTP_PROXY", "http_proxy");
  }
  const std::string no_proxy = env("NO_PROXY", "no_proxy");
  if (proxy.empty() || no_proxy == "*" || is_loopback(bare_host(url))) return out;
  out.proxy = std::move(proxy);
  out.no_proxy =
      no_proxy.empty() ? std::string(kLoopback) : no_proxy + "," + std::string(kLoopback);
  return out;
}

}  // namespace sub::http
