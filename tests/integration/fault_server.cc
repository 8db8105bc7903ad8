#include "tests/integration/fault_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace sub::itest {

namespace {

constexpr int kPollMs = 50;
constexpr auto kIdleLimit = std::chrono::seconds(10);
constexpr size_t kMaxRequestBytes = 64 * 1024 * 1024;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 202:
      return "Accepted";
    case 400:
      return "Bad Request";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

bool send_all(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::string FaultServer::Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

FaultServer::FaultServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("fault server: socket");
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listen_fd_, 16) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("fault server: bind/listen");
  }
  socklen_t len = sizeof(addr);
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultServer::~FaultServer() {
  stop_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<std::thread> conns;
  {
    std::lock_guard<std::mutex> lock(mu_);
    conns.swap(connections_);
  }
  for (std::thread& t : conns) t.join();
  ::close(listen_fd_);
}

std::string FaultServer::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<FaultServer::Request> FaultServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

size_t FaultServer::request_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_.size();
}

void FaultServer::accept_loop() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, kPollMs) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard<std::mutex> lock(mu_);
    connections_.emplace_back([this, fd] { serve(fd); });
  }
}

void FaultServer::serve(int fd) {
  std::string buf;
  auto last = std::chrono::steady_clock::now();
  while (!stop_ && std::chrono::steady_clock::now() - last < kIdleLimit) {
    // Parse one request when the header and body are complete.
    const size_t head_end = buf.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      Request req;
      const std::string head = buf.substr(0, head_end);
      size_t line_end = head.find("\r\n");
      const std::string start = head.substr(0, line_end);
      const size_t sp1 = start.find(' ');
      const size_t sp2 = start.find(' ', sp1 + 1);
      req.method = start.substr(0, sp1);
      req.target = start.substr(sp1 + 1, sp2 - sp1 - 1);
      size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
      while (pos < head.size()) {
        size_t e = head.find("\r\n", pos);
        if (e == std::string::npos) e = head.size();
        const std::string line = head.substr(pos, e - pos);
        const size_t colon = line.find(':');
        if (colon != std::string::npos) {
          std::string value = line.substr(colon + 1);
          value.erase(0, value.find_first_not_of(' '));
          req.headers[lower(line.substr(0, colon))] = value;
        }
        pos = e + 2;
      }
      const size_t length = std::strtoul(req.header("content-length").c_str(), nullptr, 10);
      if (length > kMaxRequestBytes) break;
      if (buf.size() >= head_end + 4 + length) {
        req.body = buf.substr(head_end + 4, length);
        buf.erase(0, head_end + 4 + length);
        {
          std::lock_guard<std::mutex> lock(mu_);
          requests_.push_back(req);
        }
        const Reply reply = handler_(req);
        const auto until = std::chrono::steady_clock::now() + reply.delay;
        while (!stop_ && std::chrono::steady_clock::now() < until) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (reply.drop) break;
        std::string out =
            "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) + "\r\n";
        for (const auto& [k, v] : reply.headers) out += k + ": " + v + "\r\n";
        out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n";
        out += reply.body;
        if (!send_all(fd, out)) break;
        last = std::chrono::steady_clock::now();
        continue;
      }
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, kPollMs) <= 0) continue;
    char chunk[65536];
    const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
    if (n <= 0) break;
    buf.append(chunk, static_cast<size_t>(n));
    last = std::chrono::steady_clock::now();
  }
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

}  // namespace sub::itest
