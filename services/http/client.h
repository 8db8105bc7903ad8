// A small blocking HTTP client: one request, redirects followed, bounded by a timeout. Used
// to load KV store files from http(s) URLs. Request and Response are also the types of
// RetryingClient (enrich_http_*, send_http_post). Both are layers over
// services/http/transport.h, which decides timeouts, redirects, protocols, TLS and proxy.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace sub::http {

struct Request {
  std::string method = "GET";
  std::string url;
  // What errors show instead of `url` when it was built from a template holding secrets or
  // data (`${SECRET:id}`, `${DATA}`): the template, so no secret reaches a log or an answer.
  std::string display_url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent when non-empty or when method is POST
  // Whole-transfer limit (connect included); zero means no limit.
  std::chrono::milliseconds timeout{30'000};
};

struct Response {
  long status = 0;
  std::string body;

  bool ok() const { return status >= 200 && status < 300; }
};

// Performs `req` on a fresh connection. A transport failure (DNS, connection refused,
// timeout, TLS) throws sub::Error `http: <METHOD> <url>: <reason>` (the URL as shown_url in
// url_text.h gives it); any HTTP answer, whatever its status, is returned.
Response perform(const Request& req);

// A GET of `url` with `timeout`.
Response get(const std::string& url, std::chrono::milliseconds timeout);

}  // namespace sub::http
