// A small libcurl HTTP client for the AWS layer. Easy handles are pooled and reused (keeping
// connections alive); the client is safe to use from many threads. Every call is bounded by
// the connect timeout, the request timeout and the caller's deadline, whichever comes first.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "services/aws/request.h"

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
  void* acquire();
  void release(void* handle);

  Options options_;
  std::mutex mu_;
  std::vector<void*> idle_;  // CURL* handles
};

}  // namespace sub::aws
