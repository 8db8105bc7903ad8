// The HTTP/1.1 server under `substation play`: small, for a page on the same machine, and
// written here so that the command line loads no HTTP library at start (the one it used,
// cpp-httplib, initialised OpenSSL in a constructor: ~0.8 ms of every `substation` run).
//
// What it does:
//   - listens on one address (an IPv4 or IPv6 literal, or a name resolved once), port 0
//     for any free port;
//   - a thread per connection, at most Limits::connections at once (beyond that, 503);
//   - requests with a Content-Length body (or none); `Transfer-Encoding` is answered 411,
//     as no browser sends a chunked body for fetch();
//   - keep-alive for HTTP/1.1 (and 1.0 asking for it), ended after Limits::keep_alive idle
//     or Limits::requests_per_connection requests;
//   - bounds on everything a client controls: the request line (414), the header block
//     (431), the body (413; what the client still sends is read and dropped, up to a bound,
//     so that it sees the answer), the time to send one request (408);
//   - HEAD is answered as GET without the body;
//   - the path is percent-decoded; the query is kept as sent (HttpRequest::param decodes).
// The handler sees every well-formed request and must not throw (what it throws is
// answered 500). The errors the server finds itself go to the error handler, which writes
// the body for the status and reason given.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sub::cli {

struct HttpRequest {
  std::string method;
  std::string path;   // percent-decoded, without the query
  std::string query;  // as sent, after `?`
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The value of header `name` (any case), "" when absent.
  std::string header(std::string_view name) const;
  // Whether the query has parameter `name`; its value, decoded (%XX, `+` as a space), in
  // `value`.
  bool param(std::string_view name, std::string& value) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the ones made here
};

class HttpServer {
 public:
  using Handler = std::function<void(const HttpRequest&, HttpResponse&)>;
  // Writes the answer for a status the server chose (`reason`: why, one line).
  using ErrorHandler =
      std::function<void(const HttpRequest&, int status, const std::string& reason, HttpResponse&)>;

  struct Limits {
    size_t body = size_t{10} << 20;
    size_t request_line = 8192;
    size_t header_block = 16384;
    size_t connections = 32;
    size_t requests_per_connection = 1000;
    std::chrono::milliseconds request_time{10000};  // to send one whole request
    std::chrono::milliseconds keep_alive{1000};     // idle between requests
  };

  HttpServer(Limits limits, Handler handler, ErrorHandler error_handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens on host:port; returns the port (the one picked for 0). Throws
  // sub::Error with the reason alone (`Address already in use`).
  int listen(const std::string& host, int port);
  // Accepts and serves connections until stop(), then closes them and waits for their
  // threads. False when accepting failed for another reason.
  bool serve();
  // Makes serve() return. Thread-safe; may come before serve() starts.
  void stop();

 private:
  struct Connection;
  void run(Connection& c) const;
  void reap(bool all);

  const Limits limits_;
  const Handler handler_;
  const ErrorHandler error_handler_;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};  // a pipe: stop() writes, serve() wakes
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> connections_;  // guarded by mu_
};

}  // namespace sub::cli
