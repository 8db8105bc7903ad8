#include "apps/cli/play_guard.h"

#include <arpa/inet.h>
#include <sys/random.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace sub::cli::play {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The host part of a Host header value (`name`, `name:port`, `[v6]` or `[v6]:port`).
std::string_view host_name(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const size_t close = host.find(']');
    return close == std::string_view::npos ? std::string_view() : host.substr(1, close - 1);
  }
  return host.substr(0, host.find(':'));
}

// An IP literal or localhost: names no other site can point at this server.
bool local_name(std::string_view name) {
  const std::string n = lower(name);
  if (n == "localhost" || n == "localhost.") return true;
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, n.c_str(), buf) == 1 || inet_pton(AF_INET6, n.c_str(), buf) == 1;
}

// Compares in constant time, so the token cannot be guessed a byte at a time.
bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::string Guard::new_token() {
  unsigned char bytes[16];
  size_t got = 0;
  while (got < sizeof(bytes)) {
    const ssize_t n = getrandom(bytes + got, sizeof(bytes) - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(std::string("cannot make the playground token: ") + std::strerror(errno));
    }
    got += static_cast<size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char b : bytes) {
    token.push_back(kHex[b >> 4]);
    token.push_back(kHex[b & 15]);
  }
  return token;
}

Guard::Verdict Guard::check(std::string_view method, std::string_view host, std::string_view origin,
                            std::string_view fetch_site, std::string_view content_type,
                            std::string_view token) const {
  if (host.empty()) return {403, "the request has no Host header"};
  if (!local_name(host_name(host))) {
    return {403, "Host \"" + std::string(host) +
                     "\" is not an address of this playground (use http://127.0.0.1 or "
                     "http://localhost)"};
  }
  if (!origin.empty() && lower(origin) != "http://" + lower(host)) {
    return {403, "cross-origin request from \"" + std::string(origin) + "\" refused"};
  }
  const std::string site = lower(fetch_site);
  if (!site.empty() && site != "same-origin" && site != "none") {
    return {403, "cross-site request refused (Sec-Fetch-Site: " + site + ")"};
  }
  if (method == "OPTIONS") return {405, "CORS preflight refused: no other origin may call"};
  if (method != "POST") return {};
  const std::string_view media = trim(content_type.substr(0, content_type.find(';')));
  if (lower(media) != "application/json") {
    return {415, "Content-Type must be application/json"};
  }
  if (!same_secret(token, token_)) {
    return {403, std::string(token.empty() ? "missing " : "wrong ") + kTokenHeader +
                     " header: reload the playground's page"};
  }
  return {};
}

}  // namespace sub::cli::play
