// The one place this program speaks HTTP: a single request and its answer on a libcurl easy
// handle. Every HTTP caller (KV store files, enrich_http_*/send_http_post, the AWS API
// client, `read --http`, the Lambda Runtime API loop) is a thin layer over it, so these
// decisions are made here and nowhere else:
//   - only http and https, for the request and for any redirect it follows;
//   - redirects: not followed unless asked, then at most kMaxRedirects;
//   - TLS peers verified, against SSL_CERT_FILE when set (services/http/ca_bundle.h);
//   - the proxy from the environment, as Go decides it (services/http/proxy_choice.h);
//   - no signals (NOSIGNAL: safe in threads), the same User-Agent for everyone;
//   - the timeouts (connect, whole exchange, stall), capped by the caller's deadline, and
//     cancellation through a flag looked at by libcurl's progress callback;
//   - the text of a failure: libcurl's message with the display-URL rule of client.h.
// What a caller adds on top (retries, signing, what an answer means) stays with the caller.
//
// A transport may keep idle handles to reuse their connections (keep-alive); it is
// thread-safe. A handle whose transfer failed is closed rather than kept.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sub::http {

class HandlePool;

class Transport {
 public:
  using Clock = std::chrono::steady_clock;
  using Headers = std::vector<std::pair<std::string, std::string>>;

  static constexpr long kMaxRedirects = 10;
  static constexpr const char* kUserAgent = "substation-cpp";

  struct Request {
    // GET, HEAD, POST or any other method; every method but GET and HEAD sends `body`
    // (possibly empty, then with Content-Length: 0).
    std::string method = "GET";
    std::string url;
    // Shown in errors instead of `url` when set (see Request::display_url in client.h).
    std::string display_url;
    // Sent as given, in order; an empty value sends the header empty (`Name;` to libcurl).
    Headers headers;
    // Not copied: must outlive the call.
    std::string_view body;
  };

  struct Options {
    // Connecting (DNS, TCP, TLS); zero: libcurl's default (300 s), within `timeout` anyway.
    std::chrono::milliseconds connect_timeout{0};
    // The whole exchange, connecting included; zero: no limit (a long poll).
    std::chrono::milliseconds timeout{0};
    // Also ends the exchange; an exchange asked for after it does not start.
    Clock::time_point deadline = Clock::time_point::max();
    // Fails when less than one byte a second arrives for this long; zero: never.
    std::chrono::seconds stall{0};
    // Follow 3xx answers (at most kMaxRedirects, http and https only).
    bool follow_redirects = false;
    // Send only the caller's headers: libcurl adds no Accept, Content-Type or Expect (as Go's
    // client); otherwise libcurl's defaults apply (Accept: */*, a form Content-Type on POST).
    bool only_given_headers = false;
    // Ask for gzip and decode it, unless the caller sent its own Accept-Encoding.
    bool accept_gzip = false;
    // Send `User-Agent: substation-cpp`.
    bool user_agent = true;
    // Keep the answer's headers in Result::headers.
    bool capture_headers = false;
    // Send the URL's path exactly as given (no "/./" or "/../" folding): signed requests.
    bool path_as_is = false;
    // Raised by another thread to abort the exchange (seen within about a second).
    const std::atomic<bool>* cancelled = nullptr;
  };

  // Why an exchange gave no answer.
  enum class Failure {
    kNone,
    kDeadline,   // Options::deadline passed, before or during the exchange
    kCancelled,  // Options::cancelled was raised
    kTimedOut,   // the timeout, connect timeout or stall limit (not the deadline)
    kPermanent,  // repeating cannot help: malformed URL, scheme not http(s), too many
                 // redirects, a certificate failing verification, out of memory
    kTransient,  // anything else: refused, reset, DNS, TLS handshake...
  };

  struct Result {
    Failure failure = Failure::kNone;
    // On failure: libcurl's detailed message ("Failed to connect to ... : Connection
    // refused"), with the display-URL rule applied.
    std::string error;
    // On failure: libcurl's short text for the error code ("Couldn't connect to server").
    std::string summary;
    long status = 0;
    Headers headers;  // when captured: names as received, of the final answer only
    std::string body;
    long retry_after_seconds = -1;  // a Retry-After header in seconds; -1 when absent

    bool answered() const { return failure == Failure::kNone; }
    // The first captured header named `name` (case-insensitive), or "".
    std::string header(std::string_view name) const;
  };

  // Keeps up to `max_idle_handles` handles between exchanges; zero keeps none.
  explicit Transport(size_t max_idle_handles = 0);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // One exchange. Never throws for a transfer failure: the Result says what happened.
  Result exchange(const Request& request, const Options& options) const;

 private:
  std::unique_ptr<HandlePool> pool_;
};

}  // namespace sub::http
