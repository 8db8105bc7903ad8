// Which proxy a request goes through. Every HTTP caller decides it here, from the
// environment, the way Go's http.ProxyFromEnvironment does (the reference is a Go program):
//   - http:// URLs use HTTP_PROXY (or http_proxy), https:// URLs HTTPS_PROXY (or
//     https_proxy); the upper-case name wins when both are set. ALL_PROXY is not used.
//   - NO_PROXY (or no_proxy) lists hosts reached directly: "*" alone means every host; an
//     entry names a host and its subdomains, or an address range such as 10.0.0.0/8.
//   - localhost and loopback addresses (127.0.0.0/8, ::1) are always reached directly, so a
//     proxy set for the outside world never captures the Lambda Runtime API or a test server.
// libcurl left to itself reads a different set (it ignores upper-case HTTP_PROXY and honours
// ALL_PROXY), which is why the choice is made here and handed to libcurl explicitly.
#pragma once

#include <string>
#include <string_view>

namespace sub::http {

struct ProxyChoice {
  // The proxy URL for the request's scheme; empty for a direct connection.
  std::string proxy;
  // The hosts libcurl reaches directly even when `proxy` is set (CURLOPT_NOPROXY): NO_PROXY
  // plus the loopback names. libcurl applies it to every host of the exchange, redirects
  // included. (A redirect to another scheme keeps the first URL's proxy.)
  std::string no_proxy;

  // The choice for `url` under the current environment.
  static ProxyChoice for_url(std::string_view url);
};

}  // namespace sub::http
