#include "apps/cli/http_server.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <thread>

#include "core/error.h"

namespace sub::cli {
namespace {

using Clock = std::chrono::steady_clock;

// What the client may still send after a 413 that is read and dropped, so that it gets to
// read the answer instead of a reset connection (most clients send the whole body before
// they read anything).
constexpr size_t kMaxDrain = size_t{64} << 20;

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

bool icontains_token(std::string_view list, std::string_view token) {
  size_t at = 0;
  while (at <= list.size()) {
    size_t end = list.find(',', at);
    if (end == std::string_view::npos) end = list.size();
    std::string_view item = list.substr(at, end - at);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (iequals(item, token)) return true;
    at = end + 1;
  }
  return false;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoding (and `+` as a space when `plus`); false for a bad escape or a NUL.
bool percent_decode(std::string_view in, bool plus, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_digit(in[i + 1]);
      const int lo = hex_digit(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (plus && c == '+') {
      c = ' ';
    }
    if (c == '\0') return false;
    out.push_back(c);
  }
  return true;
}

bool is_token_char(char c) {
  if (c >= 'a' && c <= 'z') return true;
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= '0' && c <= '9') return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return status < 400 ? "OK" : status < 500 ? "Bad Request" : "Internal Server Error";
  }
}

// Waits until `fd` is readable (or writable), at most until `deadline`; false on timeout.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1 << 30)));
    if (rc > 0) return true;
    if (rc < 0 && errno != EINTR) return false;
  }
}

// Sends all of `data` before `deadline`; false when the peer went away or was too slow.
bool send_all(int fd, std::string_view data, Clock::time_point deadline) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (!wait_for(fd, POLLOUT, deadline)) return false;
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return false;
    }
  }
  return true;
}

// Reads what is there (waiting until `deadline`) onto `in`: >0 bytes read, 0 the peer
// closed, -1 timeout or error.
ssize_t read_some(int fd, std::string& in, Clock::time_point deadline) {
  char buf[16384];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n > 0) {
      in.append(buf, static_cast<size_t>(n));
      return n;
    }
    if (n == 0) return 0;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
    if (!wait_for(fd, POLLIN, deadline)) return -1;
  }
}

// Ends a connection after its last answer without resetting it (a reset can reach the
// client before it read the answer): no more writes, then what the client still sends is
// read and dropped, at most `limit` bytes and `time`, until it closes or pauses for 1 s.
void finish(int fd, size_t limit, std::chrono::milliseconds time) {
  ::shutdown(fd, SHUT_WR);
  const Clock::time_point end = Clock::now() + time;
  std::string sink;
  size_t dropped = 0;
  while (dropped < limit) {
    sink.clear();
    const Clock::time_point pause = std::min(end, Clock::now() + std::chrono::seconds(1));
    const ssize_t n = read_some(fd, sink, pause);
    if (n <= 0) return;
    dropped += static_cast<size_t>(n);
  }
}

// A request's parse outcome: status 0 when well-formed, else the status and reason.
struct ParseError {
  int status = 0;
  std::string reason;
};

ParseError parse_head(std::string_view head, const HttpServer::Limits& limits, HttpRequest& req,
                      bool& http10) {
  const size_t line_end = head.find("\r\n");
  const std::string_view line = head.substr(0, line_end);
  if (line.size() > limits.request_line) {
    return {414, "request line longer than " + std::to_string(limits.request_line) + " bytes"};
  }
  const size_t sp1 = line.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) {
    return {400, "bad request: malformed request line"};
  }
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (method.empty() || !std::all_of(method.begin(), method.end(), is_token_char)) {
    return {400, "bad request: malformed method"};
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    return {400, "bad request: unsupported version " + std::string(version.substr(0, 16))};
  }
  http10 = version == "HTTP/1.0";
  if (target.empty() || target.front() != '/') {
    return {400, "bad request: the target must be a path"};
  }
  req.method = std::string(method);
  const size_t q = target.find('?');
  if (!percent_decode(target.substr(0, q), false, req.path)) {
    return {400, "bad request: malformed path"};
  }
  if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));

  size_t at = line_end == std::string_view::npos ? head.size() : line_end + 2;
  if (head.size() - at > limits.header_block) {
    return {431, "request headers larger than " + std::to_string(limits.header_block) + " bytes"};
  }
  while (at < head.size()) {
    size_t end = head.find("\r\n", at);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view h = head.substr(at, end - at);
    at = end + 2;
    const size_t colon = h.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        !std::all_of(h.begin(), h.begin() + static_cast<long>(colon), is_token_char)) {
      return {400, "bad request: malformed header line"};
    }
    std::string_view value = h.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (value.find_first_of(std::string_view("\0\r\n", 3)) != std::string_view::npos) {
      return {400, "bad request: malformed header value"};
    }
    req.headers.emplace_back(std::string(h.substr(0, colon)), std::string(value));
  }
  return {};
}

}  // namespace

std::string HttpRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return "";
}

bool HttpRequest::param(std::string_view name, std::string& value) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    const size_t eq = pair.find('=');
    std::string key;
    if (!percent_decode(pair.substr(0, eq), true, key) || key != name) continue;
    if (eq == std::string_view::npos) {
      value.clear();
      return true;
    }
    if (percent_decode(pair.substr(eq + 1), true, value)) return true;
  }
  return false;
}

struct HttpServer::Connection {
  int fd = -1;
  std::atomic<bool> done{false};
  std::thread thread;
};

HttpServer::HttpServer(Limits limits, Handler handler, ErrorHandler error_handler)
    : limits_(limits), handler_(std::move(handler)), error_handler_(std::move(error_handler)) {
  if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
    throw Error(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
}

HttpServer::~HttpServer() {
  stop();
  reap(true);
  if (listen_fd_ >= 0) ::close(listen_fd_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

int HttpServer::listen(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const int gai = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (gai != 0) throw Error(::gai_strerror(gai));
  std::string why = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      why = std::strerror(errno);
      continue;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 128) == 0) {
      listen_fd_ = fd;
      break;
    }
    why = std::strerror(errno);
    ::close(fd);
  }
  ::freeaddrinfo(found);
  if (listen_fd_ < 0) throw Error(why);
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &len);
  if (bound.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&bound)->sin6_port);
  }
  return ntohs(reinterpret_cast<const sockaddr_in*>(&bound)->sin_port);
}

bool HttpServer::serve() {
  bool ok = true;
  while (!stopping_.load()) {
    pollfd p[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    const int rc = ::poll(p, 2, 1000);
    reap(false);
    if (rc < 0 && errno != EINTR) {
      ok = false;
      break;
    }
    if (rc <= 0 || stopping_.load() || (p[0].revents & POLLIN) == 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN || errno == EPROTO) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      ok = false;
      break;
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (connections_.size() >= limits_.connections) {
      HttpResponse res;
      HttpRequest none;
      error_handler_(none, 503, "too many connections", res);
      const std::string head =
          "HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + res.content_type +
          "\r\nContent-Length: " + std::to_string(res.body.size()) +
          "\r\nConnection: close\r\n\r\n";
      send_all(fd, head + res.body, Clock::now() + std::chrono::milliseconds(200));
      ::close(fd);
      continue;
    }
    auto c = std::make_unique<Connection>();
    c->fd = fd;
    Connection* raw = c.get();
    try {
      c->thread = std::thread([this, raw] {
        run(*raw);
        raw->done.store(true);
      });
    } catch (const std::system_error&) {
      ::close(fd);
      continue;
    }
    connections_.push_back(std::move(c));
  }
  reap(true);
  return ok;
}

void HttpServer::stop() {
  stopping_.store(true);
  const char byte = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_[1], &byte, 1);
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& c : connections_) ::shutdown(c->fd, SHUT_RDWR);
}

void HttpServer::reap(bool all) {
  std::vector<std::unique_ptr<Connection>> ended;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto keep = std::partition(connections_.begin(), connections_.end(),
                               [all](const auto& c) { return !all && !c->done.load(); });
    for (auto it = keep; it != connections_.end(); ++it) {
      if (all) ::shutdown((*it)->fd, SHUT_RDWR);
      ended.push_back(std::move(*it));
    }
    connections_.erase(keep, connections_.end());
  }
  for (auto& c : ended) {
    if (c->thread.joinable()) c->thread.join();
    ::close(c->fd);
  }
}

void HttpServer::run(Connection& c) const {
  const int fd = c.fd;
  std::string in;
  size_t served = 0;
  for (;;) {
    // Wait for a request to start: the first one within request_time, later ones within
    // the keep-alive time; then the whole request within request_time of its start.
    const Clock::time_point idle_end =
        Clock::now() + (served == 0 ? limits_.request_time : limits_.keep_alive);
    if (in.empty() && read_some(fd, in, idle_end) <= 0) return;
    const Clock::time_point deadline = Clock::now() + limits_.request_time;

    HttpRequest req;
    HttpResponse res;
    ParseError error;
    bool close_after = false;
    bool http10 = false;
    size_t head_end = std::string::npos;
    const size_t max_head = limits_.request_line + limits_.header_block + 4;
    while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
      if (in.size() > max_head) break;
      if (read_some(fd, in, deadline) <= 0) {
        if (in.empty() || stopping_.load()) return;
        error = {408, "request not received within " +
                          std::to_string(limits_.request_time.count() / 1000) + " s"};
        break;
      }
    }
    if (error.status == 0 && head_end == std::string::npos) {
      const size_t eol = in.find("\r\n");
      error = eol == std::string::npos || eol > limits_.request_line
                  ? ParseError{414, "request line longer than " +
                                        std::to_string(limits_.request_line) + " bytes"}
                  : ParseError{431, "request headers larger than " +
                                        std::to_string(limits_.header_block) + " bytes"};
    }
    if (error.status == 0) {
      error = parse_head(std::string_view(in).substr(0, head_end), limits_, req, http10);
    }
    size_t body_size = 0;
    if (error.status == 0) {
      if (!req.header("Transfer-Encoding").empty()) {
        error = {411,
                 "a request body needs a Content-Length (Transfer-Encoding is not "
                 "supported)"};
      } else {
        const std::string length = req.header("Content-Length");
        if (!length.empty()) {
          if (length.size() > 19 || length.find_first_not_of("0123456789") != std::string::npos) {
            error = {400, "bad request: malformed Content-Length"};
          } else {
            body_size = std::stoull(length);
            if (body_size > limits_.body) {
              error = {413, "request body larger than " + std::to_string(limits_.body) + " bytes"};
            }
          }
        }
      }
    }
    if (error.status == 0) {
      const size_t want = head_end + 4 + body_size;
      while (in.size() < want) {
        if (read_some(fd, in, deadline) <= 0) {
          if (stopping_.load()) return;
          error = {408, "request not received within " +
                            std::to_string(limits_.request_time.count() / 1000) + " s"};
          break;
        }
      }
      if (error.status == 0) {
        req.body.assign(in, head_end + 4, body_size);
        in.erase(0, want);
      }
    }

    size_t drain = size_t{1} << 20;  // what is read and dropped after a last answer
    if (error.status != 0) {
      close_after = true;
      res = HttpResponse{};
      res.status = error.status;
      error_handler_(req, error.status, error.reason, res);
      if (error.status == 413) drain = std::min(body_size, kMaxDrain);
    } else {
      ++served;
      const std::string connection = req.header("Connection");
      close_after = http10 ? !icontains_token(connection, "keep-alive")
                           : icontains_token(connection, "close");
      if (served >= limits_.requests_per_connection || stopping_.load()) close_after = true;
      try {
        handler_(req, res);
      } catch (const std::exception& e) {
        res = HttpResponse{};
        res.status = 500;
        error_handler_(req, 500, e.what(), res);
      } catch (...) {
        res = HttpResponse{};
        res.status = 500;
        error_handler_(req, 500, "unknown error", res);
      }
    }

    std::string out = "HTTP/1.1 " + std::to_string(res.status) + " " +
                      std::string(reason_phrase(res.status)) + "\r\n";
    if (!res.content_type.empty()) out += "Content-Type: " + res.content_type + "\r\n";
    out += "Content-Length: " + std::to_string(res.body.size()) + "\r\n";
    for (const auto& [k, v] : res.headers) out += k + ": " + v + "\r\n";
    out += close_after ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    if (req.method != "HEAD") out += res.body;
    if (!send_all(fd, out, Clock::now() + limits_.request_time)) return;
    if (close_after) return finish(fd, drain, limits_.request_time);
  }
}

}  // namespace sub::cli
