// A tiny HTTP/1.1 server for tests: listens on 127.0.0.1 (ephemeral port) in its own
// thread, serves one connection at a time, records every request and answers with scripted
// responses (then with the default response). Every wait is bounded; the destructor stops
// the thread.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace sub::testing {

class HttpTestServer {
 public:
  struct Reply {
    int status = 200;
    std::string body = "ok";
    std::vector<std::pair<std::string, std::string>> headers;
    std::chrono::milliseconds delay{0};  // before answering
  };
  struct Received {
    std::string method;
    std::string target;                          // path and query
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
    bool has(const std::string& lower_name) const { return headers.count(lower_name) > 0; }
    std::string header(const std::string& lower_name) const {
      auto it = headers.find(lower_name);
      return it == headers.end() ? std::string() : it->second;
    }
  };

  HttpTestServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("socket");
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        ::listen(fd_, 16) != 0) {
      ::close(fd_);
      throw std::runtime_error("bind/listen");
    }
    socklen_t len = sizeof(addr);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { loop(); });
  }
  ~HttpTestServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path = "/") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  void script(Reply r) {
    std::lock_guard<std::mutex> lock(mu_);
    script_.push_back(std::move(r));
  }
  void set_default(Reply r) {
    std::lock_guard<std::mutex> lock(mu_);
    default_ = std::move(r);
  }
  std::vector<Received> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return received_;
  }
  size_t count() const { return requests().size(); }

 private:
  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  static std::string trim(const std::string& s) {
    size_t a = s.find_first_not_of(" \t");
    size_t b = s.find_last_not_of(" \t\r");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
  }
  static const char* reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 404:
        return "Not Found";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 501:
        return "Not Implemented";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }

  // Reads until `pred` holds on `buf`, for at most 2s. False on EOF/timeout.
  template <typename Pred>
  bool read_until(int c, std::string& buf, Pred pred) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!pred(buf)) {
      if (stop_ || std::chrono::steady_clock::now() >= until) return false;
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      char tmp[4096];
      const ssize_t n = ::recv(c, tmp, sizeof(tmp), 0);
      if (n <= 0) return false;
      buf.append(tmp, static_cast<size_t>(n));
    }
    return true;
  }

  void serve(int c) {
    std::string buf;
    if (!read_until(c, buf, [](const std::string& b) { return b.find("\r\n\r\n") != b.npos; })) {
      return;
    }
    const size_t head_end = buf.find("\r\n\r\n");
    Received req;
    size_t line_end = buf.find("\r\n");
    const std::string request_line = buf.substr(0, line_end);
    const size_t sp1 = request_line.find(' ');
    const size_t sp2 = request_line.rfind(' ');
    req.method = request_line.substr(0, sp1);
    req.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    size_t pos = line_end + 2;
    while (pos < head_end) {
      const size_t e = buf.find("\r\n", pos);
      const std::string line = buf.substr(pos, e - pos);
      const size_t colon = line.find(':');
      if (colon != std::string::npos) {
        req.headers[lower(line.substr(0, colon))] = trim(line.substr(colon + 1));
      }
      pos = e + 2;
    }
    size_t length = 0;
    if (req.has("content-length")) length = std::stoul(req.header("content-length"));
    const size_t body_start = head_end + 4;
    if (!read_until(c, buf,
                    [&](const std::string& b) { return b.size() >= body_start + length; })) {
      return;
    }
    req.body = buf.substr(body_start, length);

    Reply reply;
    {
      std::lock_guard<std::mutex> lock(mu_);
      received_.push_back(req);
      if (!script_.empty()) {
        reply = std::move(script_.front());
        script_.pop_front();
      } else {
        reply = default_;
      }
    }
    const auto until = std::chrono::steady_clock::now() + reply.delay;
    while (!stop_ && std::chrono::steady_clock::now() < until) {
      // Give up on a client that went away (an attempt that timed out).
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 10) > 0) {
        char probe;
        if (::recv(c, &probe, 1, MSG_PEEK | MSG_DONTWAIT) <= 0) return;
      }
    }
    std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) +
                      "\r\nContent-Length: " + std::to_string(reply.body.size()) +
                      "\r\nConnection: close\r\n";
    for (const auto& [k, v] : reply.headers) out += k + ": " + v + "\r\n";
    out += "\r\n" + reply.body;
    size_t off = 0;
    while (off < out.size()) {
      const ssize_t n = ::send(c, out.data() + off, out.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return;
      off += static_cast<size_t>(n);
    }
  }

  void loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      serve(c);
      ::shutdown(c, SHUT_RDWR);
      ::close(c);
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::deque<Reply> script_;
  Reply default_;
  std::vector<Received> received_;
  std::thread thread_;
};

// A loopback port with nothing listening (bound then closed).
inline int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace sub::testing
