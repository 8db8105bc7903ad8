// The HTTP client of the AWS layer: signed requests go out as they are (no redirect followed,
// the path as signed). Each call is one exchange of services/http/transport.h, which keeps
// up to 16 idle handles (connections alive) and is safe to use from many threads. Every call
// is bounded by the connect timeout, the request timeout and the caller's deadline, whichever
// comes first.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "services/aws/request.h"

namespace sub::http {
class Transport;
}

namespace sub::aws {

struct Response {
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names as received
  std::string body;

  // The first header named `name` (case-insensitive), or "".
  std::string header(std::string_view name) const;
};

class HttpClient {
 public:
  using Clock = std::chrono::steady_clock;
  struct Options {
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds request_timeout{60000};
  };

  HttpClient();
  explicit HttpClient(Options options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `req` (headers as given; no Expect, no automatic Accept-Encoding). Throws
  // TransportError when no response arrives (including a passed deadline). Any HTTP status
  // is a Response.
  Response send(const Request& req, Clock::time_point deadline = Clock::time_point::max());

 private:
  Options options_;
  std::unique_ptr<http::Transport> transport_;
};

}  // namespace sub::aws
