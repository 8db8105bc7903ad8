#include "services/http/url_text.h"

namespace sub::http {

std::string redact_url(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const size_t start = scheme + 3;
  const size_t end = url.find_first_of("/?#", start);
  const std::string_view authority =
      url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  const size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  const size_t colon = authority.find(':');
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  std::string out(url.substr(0, start + colon + 1));
  out += "xxxxx";
  out += url.substr(start + at);
  return out;
}

std::string_view url_host(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  const size_t at = rest.rfind('@');
  return at == std::string_view::npos ? rest : rest.substr(at + 1);
}

std::string shown_url(std::string_view url, std::string_view display_url) {
  return redact_url(display_url.empty() ? url : display_url);
}

std::string scrub_error(std::string text, std::string_view url, std::string_view display_url) {
  if (display_url.empty()) return text;
  const auto replace = [&](std::string_view from, std::string_view to) {
    if (from.empty() || from == to) return;
    for (size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  replace(url, display_url);
  std::string_view host = url_host(url);
  const size_t colon = host.rfind(':');
  if (colon != std::string_view::npos) host = host.substr(0, colon);
  replace(host, "<host>");
  return text;
}

}  // namespace sub::http
