// A scripted HTTP/1.1 server on 127.0.0.1 that stands in for an AWS endpoint in the
// partial-failure tests: throttling, 5xx, partial batch failures, dropped connections and
// slow answers. A handler decides each reply from the request (and may count calls). Each
// connection is served by its own thread; every wait is bounded and the destructor stops and
// joins all threads.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace sub::itest {

class FaultServer {
 public:
  struct Request {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::string header(const std::string& lower_name) const;
  };
  struct Reply {
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::chrono::milliseconds delay{0};  // before answering (bounded by the server's stop)
    bool drop = false;                   // close the connection without answering
  };
  using Handler = std::function<Reply(const Request&)>;

  explicit FaultServer(Handler handler);
  ~FaultServer();
  FaultServer(const FaultServer&) = delete;
  FaultServer& operator=(const FaultServer&) = delete;

  std::string endpoint() const;  // http://127.0.0.1:PORT
  std::vector<Request> requests() const;
  size_t request_count() const;

 private:
  void accept_loop();
  void serve(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::vector<Request> requests_;
  std::vector<std::thread> connections_;
  std::thread acceptor_;
};

}  // namespace sub::itest
