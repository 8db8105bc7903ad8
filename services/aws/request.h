// An HTTP request as the AWS clients build it: what the signer signs and what the HTTP
// client sends. Paths and queries are held in their wire (percent-encoded) form.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sub::aws {

struct Request {
  std::string method = "GET";
  std::string scheme = "https";
  std::string host;                                          // host[:port], also the Host header
  std::string path = "/";                                    // wire path, percent-encoded
  std::string query;                                         // wire query without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // in send order
  std::string body;

  // scheme://host/path?query
  std::string url() const;
  // Replaces every header named `name` (case-insensitive) by one with `value`, keeping the
  // position of the first; appends when absent.
  void set_header(std::string_view name, std::string_view value);
  // The first header named `name` (case-insensitive), or null.
  const std::string* header(std::string_view name) const;
  void remove_header(std::string_view name);
};

// AWS URI encoding: every byte outside A-Z a-z 0-9 - _ . ~ as %XX (upper case hex); '/'
// kept when keep_slash.
std::string uri_encode(std::string_view s, bool keep_slash);
// Decodes %XX escapes (a malformed escape is kept as is); '+' is not a space.
std::string uri_decode(std::string_view s);
// Appends `key=value` (both encoded) to a URL query string, with '&' when needed.
void append_query(std::string& query, std::string_view key, std::string_view value);
// Appends key=value to an application/x-www-form-urlencoded body (the query protocol of
// STS, SNS and CloudWatch): as append_query, but a space is '+', as the SDKs send it.
void append_form(std::string& body, std::string_view key, std::string_view value);

bool iequals(std::string_view a, std::string_view b);

}  // namespace sub::aws
