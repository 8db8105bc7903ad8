#include "apps/lambda/runtime_connection.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace sub::lambda {
namespace {

constexpr size_t kReadBuffer = size_t{256} << 10;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Whether the comma-separated header value holds `token` (case-insensitive).
bool has_token(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const size_t comma = value.find(',');
    std::string_view item = value.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (same_name(item, token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

std::string errno_text(int err) { return std::strerror(err); }

// A decimal length with nothing else in it, at most `limit`.
bool parse_length(std::string_view s, size_t limit, size_t& out) {
  if (s.empty() || s.size() > 20) return false;
  size_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const auto d = static_cast<size_t>(c - '0');
    if (v > (limit - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

// The server closed a kept connection before this exchange reached it: send it again.
struct Stale {};

// Whether `s` can go into a request line or a header as it is: no control byte (a CR or LF
// there would end the line early and let the rest pass for headers of its own) and, for a
// path, no space.
bool fits_request(std::string_view s, bool path) {
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < ' ' || b == 0x7f || (path && b == ' ')) return false;
  }
  return true;
}

}  // namespace

std::string_view RuntimeConnection::Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (same_name(k, name)) return v;
  }
  return {};
}

RuntimeConnection::RuntimeConnection(std::string host_port) : host_header_(host_port) {
  std::string_view hp = host_port;
  if (!hp.empty() && hp.front() == '[') {
    const size_t close = hp.find(']');
    host_ = std::string(hp.substr(1, close == std::string_view::npos ? hp.npos : close - 1));
    hp.remove_prefix(close == std::string_view::npos ? hp.size() : close + 1);
    port_ = hp.starts_with(":") ? std::string(hp.substr(1)) : "80";
  } else {
    const size_t colon = hp.rfind(':');
    host_ = std::string(hp.substr(0, colon));
    port_ = colon == std::string_view::npos ? "80" : std::string(hp.substr(colon + 1));
  }
  rbuf_.resize(kReadBuffer);
}

RuntimeConnection::RuntimeConnection(int connected_fd)
    : host_header_("localhost"), fd_(connected_fd), adopted_(true) {
  const int flags = ::fcntl(fd_, F_GETFL);
  if (flags >= 0) ::fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
  rbuf_.resize(kReadBuffer);
}

RuntimeConnection::~RuntimeConnection() { close(); }

void RuntimeConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  reused_ = false;
  awaiting_answer_ = false;
  rpos_ = rend_ = 0;
}

void RuntimeConnection::open(std::chrono::milliseconds connect_timeout) {
  if (adopted_) {
    throw Error("the connection handed over has closed; there is nothing to reconnect to");
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int rc = ::getaddrinfo(host_.c_str(), port_.c_str(), &hints, &found);
  if (rc != 0) throw Error("resolve " + host_header_ + ": " + ::gai_strerror(rc));
  std::string why = "no address";
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd =
        ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) {
      why = errno_text(errno);
      continue;
    }
    int err = 0;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      err = errno;
      if (err == EINPROGRESS) {
        pollfd p{fd, POLLOUT, 0};
        int n;
        do {
          n = ::poll(&p, 1, static_cast<int>(connect_timeout.count()));
        } while (n < 0 && errno == EINTR);
        socklen_t len = sizeof(err);
        if (n == 0) {
          err = ETIMEDOUT;
        } else if (n < 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
          err = errno;
        }
      }
    }
    if (err != 0) {
      why = errno_text(err);
      ::close(fd);
      continue;
    }
    // Blocking from here on: waits with a limit go through poll() first.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    fd_ = fd;
    break;
  }
  ::freeaddrinfo(found);
  if (fd_ < 0) throw Error("connect " + host_header_ + ": " + why);
}

void RuntimeConnection::send_all(std::string_view head, std::string_view body) {
  iovec iov[2] = {{const_cast<char*>(head.data()), head.size()},
                  {const_cast<char*>(body.data()), body.size()}};
  iovec* v = iov;
  int count = body.empty() ? 1 : 2;
  while (count > 0) {
    await(POLLOUT);
    msghdr msg{};
    msg.msg_iov = v;
    msg.msg_iovlen = static_cast<size_t>(count);
    // With a limit, never block in the send itself: a server that stops reading a large
    // response shows as EAGAIN, and await() then keeps to the deadline.
    const ssize_t sent = ::sendmsg(fd_, &msg, MSG_NOSIGNAL | (has_deadline_ ? MSG_DONTWAIT : 0));
    if (sent < 0) {
      const int err = errno;
      if (err == EINTR || (has_deadline_ && (err == EAGAIN || err == EWOULDBLOCK))) continue;
      if (reused_ && (err == EPIPE || err == ECONNRESET)) throw Stale{};
      throw Error("send: " + errno_text(err));
    }
    auto left = static_cast<size_t>(sent);
    while (count > 0 && left >= v->iov_len) {
      left -= v->iov_len;
      ++v;
      --count;
    }
    if (count > 0) {
      v->iov_base = static_cast<char*>(v->iov_base) + left;
      v->iov_len -= left;
    }
  }
}

bool RuntimeConnection::fill() {
  if (rpos_ == rend_) rpos_ = rend_ = 0;
  if (rend_ == rbuf_.size()) {
    if (rpos_ == 0)
      throw Error("answer: a header line is over " + std::to_string(kMaxHead) + " bytes");
    std::memmove(rbuf_.data(), rbuf_.data() + rpos_, rend_ - rpos_);
    rend_ -= rpos_;
    rpos_ = 0;
  }
  const size_t got = receive(rbuf_.data() + rend_, rbuf_.size() - rend_);
  rend_ += got;
  return got > 0;
}

void RuntimeConnection::await(short events) const {
  if (!has_deadline_) return;
  for (;;) {
    // Rounded up, and polled even when no time is left: bytes already there are read
    // rather than reported late.
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - Clock::now());
    pollfd p{fd_, events, 0};
    const int n = ::poll(&p, 1, left.count() > 0 ? static_cast<int>(left.count()) : 0);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) {
      throw Error(events == POLLOUT ? "timed out sending the request"
                                    : "timed out waiting for the answer");
    }
    return;
  }
}

size_t RuntimeConnection::receive(char* into, size_t room) {
  for (;;) {
    await(POLLIN);
    const ssize_t got = ::recv(fd_, into, room, 0);
    if (got >= 0) return static_cast<size_t>(got);
    const int err = errno;
    if (err == EINTR) continue;
    // A kept connection the server reset before answering: the request goes again.
    if (err == ECONNRESET && reused_ && awaiting_answer_) throw Stale{};
    throw Error("receive: " + errno_text(err));
  }
}

std::string_view RuntimeConnection::line() {
  size_t scanned = rpos_;
  for (;;) {
    const char* nl =
        static_cast<const char*>(std::memchr(rbuf_.data() + scanned, '\n', rend_ - scanned));
    if (nl != nullptr) {
      const auto end = static_cast<size_t>(nl - rbuf_.data());
      std::string_view out(rbuf_.data() + rpos_, end - rpos_);
      if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
      rpos_ = end + 1;
      return out;
    }
    if (rend_ - rpos_ >= kMaxHead) {
      throw Error("answer: a header line is over " + std::to_string(kMaxHead) + " bytes");
    }
    const size_t before = rend_ - rpos_;
    if (!fill()) throw Error("answer: the connection closed in the middle of it");
    scanned = rpos_ + before;  // fill() may have moved the unread bytes to the front
  }
}

bool RuntimeConnection::read_head(Response& r, bool& close_after) {
  const std::string_view status = line();
  // "HTTP/1.1 200 OK"
  if (status.size() < 12 || !status.starts_with("HTTP/1.") || status[8] != ' ') {
    throw Error("answer: not an HTTP/1.x status line");
  }
  const bool http10 = status[7] == '0';
  int code = 0;
  for (size_t i = 9; i < 12; ++i) {
    if (status[i] < '0' || status[i] > '9') throw Error("answer: not an HTTP/1.x status line");
    code = code * 10 + (status[i] - '0');
  }
  if (status.size() > 12 && status[12] != ' ') throw Error("answer: not an HTTP/1.x status line");
  if (code < 100) {
    throw Error("answer: status " + std::string(status.substr(9, 3)) + " is not an HTTP status");
  }
  r.status = code;
  r.headers.clear();
  size_t head_bytes = status.size();
  for (;;) {
    const std::string_view h = line();
    if (h.empty()) break;
    head_bytes += h.size() + 2;
    if (head_bytes > kMaxHead) {
      throw Error("answer: headers over " + std::to_string(kMaxHead) + " bytes");
    }
    const size_t colon = h.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      throw Error("answer: a header line without a name");
    }
    std::string_view v = h.substr(colon + 1);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    r.headers.emplace_back(std::string(h.substr(0, colon)), std::string(v));
  }
  const std::string_view connection = r.header("Connection");
  close_after = http10 ? !has_token(connection, "keep-alive") : has_token(connection, "close");
  return code >= 100 && code < 200;
}

void RuntimeConnection::read_counted(std::string& body, size_t length) {
  if (length > kMaxBody - body.size()) {
    throw Error("answer: a body over " + std::to_string(kMaxBody) + " bytes");
  }
  size_t at = body.size();
  body.resize(at + length);
  const size_t buffered = std::min(length, rend_ - rpos_);
  std::memcpy(body.data() + at, rbuf_.data() + rpos_, buffered);
  rpos_ += buffered;
  at += buffered;
  // The rest straight into the body.
  while (at < body.size()) {
    const size_t got = receive(body.data() + at, body.size() - at);
    if (got == 0) throw Error("answer: the connection closed in the middle of the body");
    at += got;
  }
}

void RuntimeConnection::read_chunked(std::string& body) {
  for (;;) {
    const std::string_view size_line = line();
    size_t size = 0;
    size_t i = 0;
    for (; i < size_line.size(); ++i) {
      const char c = lower(size_line[i]);
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else {
        break;
      }
      if (size > (kMaxBody >> 4))
        throw Error("answer: a body over " + std::to_string(kMaxBody) + " bytes");
      size = size * 16 + static_cast<size_t>(d);
    }
    if (i == 0 || (i < size_line.size() && size_line[i] != ';' && size_line[i] != ' ' &&
                   size_line[i] != '\t')) {
      throw Error("answer: bad chunk size");
    }
    if (size == 0) {
      size_t trailer_bytes = 0;
      for (std::string_view t = line(); !t.empty(); t = line()) {
        trailer_bytes += t.size() + 2;
        if (trailer_bytes > kMaxHead) {
          throw Error("answer: trailers over " + std::to_string(kMaxHead) + " bytes");
        }
      }
      return;
    }
    read_counted(body, size);
    if (!line().empty()) throw Error("answer: a chunk longer than its size");
  }
}

void RuntimeConnection::read_body(Response& r, std::string_view method, bool& close_after) {
  r.body.clear();
  if (method == "HEAD" || r.status == 204 || r.status == 304) return;
  const std::string_view te = r.header("Transfer-Encoding");
  if (!te.empty()) {
    if (!has_token(te, "chunked"))
      throw Error("answer: unsupported transfer coding " + std::string(te));
    read_chunked(r.body);
    return;
  }
  const std::string_view cl = r.header("Content-Length");
  if (!cl.empty()) {
    size_t length;
    if (!parse_length(cl, kMaxBody, length)) {
      throw Error("answer: bad or too large Content-Length " + std::string(cl.substr(0, 32)));
    }
    read_counted(r.body, length);
    return;
  }
  // Framed by the end of the connection.
  close_after = true;
  for (;;) {
    if (rend_ - rpos_ > kMaxBody - r.body.size()) {
      throw Error("answer: a body over " + std::to_string(kMaxBody) + " bytes");
    }
    r.body.append(rbuf_.data() + rpos_, rend_ - rpos_);
    rpos_ = rend_;
    if (!fill()) return;
  }
}

RuntimeConnection::Response RuntimeConnection::exchange(
    std::string_view method, std::string_view path, const Headers& headers, std::string_view body,
    std::chrono::milliseconds timeout, std::chrono::milliseconds connect_timeout) {
  // The path carries the request id the Runtime API handed out: never trusted to be clean.
  if (!fits_request(method, true) || !fits_request(path, true)) {
    throw Error("request: a control character or space in the request line");
  }
  for (const auto& [k, v] : headers) {
    if (k.empty() || !fits_request(k, true) || !fits_request(v, false)) {
      throw Error("request: a control character in header " + k);
    }
  }
  std::string head;
  head.reserve(256);
  head.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: ");
  head.append(host_header_).append("\r\n");
  for (const auto& [k, v] : headers) head.append(k).append(": ").append(v).append("\r\n");
  if (method != "GET" && method != "HEAD") {
    head.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  }
  head.append("\r\n");
  for (int attempt = 0;; ++attempt) {
    has_deadline_ = timeout.count() > 0;
    deadline_ = Clock::now() + timeout;
    rpos_ = rend_ = 0;
    try {
      if (fd_ < 0) open(connect_timeout);
      send_all(head, method == "GET" || method == "HEAD" ? std::string_view() : body);
      awaiting_answer_ = true;
      const bool answered = fill();
      awaiting_answer_ = false;
      if (!answered) {
        if (reused_) throw Stale{};
        throw Error("the server closed the connection without an answer");
      }
      Response r;
      bool close_after = false;
      for (int informational = 0; read_head(r, close_after); ++informational) {
        if (informational == kMaxInformational) throw Error("answer: too many 1xx answers");
      }
      read_body(r, method, close_after);
      reused_ = true;
      if (close_after) close();
      return r;
    } catch (const Stale&) {
      close();
      if (attempt > 0) throw Error("the server closed the connection without an answer");
    } catch (...) {
      close();
      throw;
    }
  }
}

}  // namespace sub::lambda
