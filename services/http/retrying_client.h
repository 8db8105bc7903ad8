// An HTTP client with the retry policy of the reference's internal/http, which wraps
// hashicorp go-retryablehttp with its defaults:
//   - up to 5 attempts; before attempt n+1 it waits min(wait_min * 2^(n-1), wait_max)
//     (1s, 2s, 4s, 8s), or the Retry-After seconds of a 429/503 answer (capped at wait_max);
//   - retried: transport errors (refused, reset, attempt timeout, TLS handshake failures),
//     status 429 and 5xx except 501;
//   - not retried: malformed URL, unsupported scheme, too many redirects (10), a server
//     certificate that fails verification; any other answer, whatever its status, is
//     returned as is;
//   - exhausted: `<METHOD> <url> giving up after 5 attempt(s)[: <last transport error>]`.
// Each attempt is bounded by Request::timeout (zero: none) and by the Context's deadline;
// the Context's deadline and cancellation also end the waits between attempts
// (`<METHOD> <url>: context deadline exceeded` / `context canceled`).
//
// Requests look like Go's: header names are canonicalised (`x-api-key` -> `X-Api-Key`),
// no Content-Type, Accept or Expect header is added, gzip answers are decoded. Only http
// and https URLs (and redirects) are followed. URL passwords are redacted in errors.
//
// Thread-safe; connections are kept alive between requests in a small pool of handles. Each
// attempt is one exchange of services/http/transport.h, which decides timeouts, redirects,
// protocols, TLS and proxy; this class adds the retry policy.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/context.h"
#include "services/http/client.h"
#include "services/http/url_text.h"  // redact_url, once declared here

namespace sub::http {

class Transport;

class RetryingClient {
 public:
  struct Policy {
    int max_attempts = 5;
    std::chrono::nanoseconds wait_min = std::chrono::seconds(1);
    std::chrono::nanoseconds wait_max = std::chrono::seconds(30);
  };

  RetryingClient();
  explicit RetryingClient(Policy policy);
  ~RetryingClient();
  RetryingClient(const RetryingClient&) = delete;
  RetryingClient& operator=(const RetryingClient&) = delete;

  const Policy& policy() const { return policy_; }

  // Performs `req` (method GET or POST; the body is sent for POST) with retries. Throws
  // sub::Error as described above; otherwise returns the final answer.
  Response send(const Request& req, const Context& ctx) const;

 private:
  Policy policy_;
  std::unique_ptr<Transport> transport_;
};

// Go's http.CanonicalHeaderKey: the first letter and every letter after a hyphen upper
// case, the rest lower case; keys with a space or other invalid byte are left as they are.
std::string canonical_header_key(std::string_view key);

}  // namespace sub::http
