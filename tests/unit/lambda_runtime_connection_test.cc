// RuntimeConnection (apps/lambda/runtime_connection.h) against a scripted server on
// 127.0.0.1 that writes raw bytes: framings, kept and dropped connections, 1xx answers,
// and every malformed or oversized answer it must refuse with an error.
#ifdef SUBSTATION_HAVE_LAMBDA

#include "apps/lambda/runtime_connection.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"

namespace sub::lambda {
namespace {

using namespace std::chrono_literals;

// Serves each accepted connection with the next handler, in order, on its own thread.
// Every wait is bounded (2 s per accept or read); the destructor stops the thread.
class RawServer {
 public:
  using Handler = std::function<void(int fd)>;

  explicit RawServer(std::vector<Handler> handlers) : handlers_(std::move(handlers)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(::listen(fd_, 8), 0);
    socklen_t len = sizeof(addr);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { loop(); });
  }
  ~RawServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;

  std::string host_port() const { return "127.0.0.1:" + std::to_string(port_); }
  int accepted() const { return accepted_; }
  std::string request(size_t k) const {
    std::lock_guard<std::mutex> lock(mu_);
    return k < requests_.size() ? requests_[k] : "";
  }

  // Reads one request (head and Content-Length body) from `fd`; "" at the end.
  std::string read_request(int fd) {
    std::string in;
    for (int waits = 0; waits < 200 && !stop_;) {
      const size_t head_end = in.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        size_t body = 0;
        const size_t cl = in.find("Content-Length: ");
        if (cl != std::string::npos && cl < head_end) body = std::stoul(in.substr(cl + 16));
        if (in.size() >= head_end + 4 + body) {
          in.resize(head_end + 4 + body);
          std::lock_guard<std::mutex> lock(mu_);
          requests_.push_back(in);
          return in;
        }
      }
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 10) <= 0) {
        ++waits;
        continue;
      }
      char buf[65536];
      const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
      if (n <= 0) return "";
      in.append(buf, static_cast<size_t>(n));
    }
    return "";
  }
  // Waits (at most 3 s) for the client to close its end.
  static void await_close(int fd) {
    char buf[4096];
    for (int waits = 0; waits < 300; ++waits) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 10) <= 0) continue;
      if (::recv(fd, buf, sizeof(buf), 0) <= 0) return;
    }
  }
  static void send_text(int fd, const std::string& s) {
    size_t at = 0;
    while (at < s.size()) {
      const ssize_t n = ::send(fd, s.data() + at, s.size() - at, MSG_NOSIGNAL);
      if (n <= 0) return;
      at += static_cast<size_t>(n);
    }
  }

 private:
  void loop() {
    for (size_t next = 0; next < handlers_.size() && !stop_;) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 10) <= 0) continue;
      const int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      ++accepted_;
      handlers_[next++](c);
      ::close(c);
    }
  }

  std::vector<Handler> handlers_;
  mutable std::mutex mu_;
  std::vector<std::string> requests_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

RuntimeConnection::Response get(RuntimeConnection& c, std::chrono::milliseconds timeout = 2s) {
  return c.exchange("GET", "/2018-06-01/runtime/invocation/next", {}, {}, timeout, 2s);
}

std::string ok(const std::string& body, const std::string& extra = "") {
  return "HTTP/1.1 200 OK\r\n" + extra + "Content-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

TEST(RuntimeConnection, KeepsOneConnectionForContentLengthAnswers) {
  RawServer* self = nullptr;
  RawServer server({[&](int fd) {
    for (int k = 0; k < 3; ++k) {
      if (self->read_request(fd).empty()) return;
      RawServer::send_text(fd, ok("event " + std::to_string(k),
                                  "Lambda-Runtime-Aws-Request-Id: req-" + std::to_string(k) +
                                      "\r\nlambda-runtime-trace-id:   Root=1  \r\n"));
    }
  }});
  self = &server;
  RuntimeConnection c(server.host_port());
  for (int k = 0; k < 3; ++k) {
    const RuntimeConnection::Response r = get(c);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "event " + std::to_string(k));
    EXPECT_EQ(r.header("lambda-runtime-aws-request-id"), "req-" + std::to_string(k));
    EXPECT_EQ(r.header("Lambda-Runtime-Trace-Id"), "Root=1");
    EXPECT_EQ(r.header("absent"), "");
  }
  EXPECT_EQ(server.accepted(), 1);
  EXPECT_EQ(server.request(0).substr(0, 57),
            "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: 1");
}

TEST(RuntimeConnection, PostSendsBodyAndHeaders) {
  RawServer* self = nullptr;
  RawServer server({[&](int fd) {
    self->read_request(fd);
    RawServer::send_text(fd,
                         "HTTP/1.1 202 Accepted\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}");
  }});
  self = &server;
  RuntimeConnection c(server.host_port());
  const std::string payload(100000, 'x');
  const RuntimeConnection::Response r = c.exchange(
      "POST", "/2018-06-01/runtime/invocation/req-1/response",
      {{"Content-Type", "application/json"}, {"Lambda-Runtime-Function-Error-Type", "E"}}, payload,
      2s, 2s);
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(r.body, "{\"status\":\"OK\"}");
  const std::string req = server.request(0);
  EXPECT_NE(req.find("POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\n"),
            std::string::npos);
  EXPECT_NE(req.find("\r\nContent-Type: application/json\r\n"), std::string::npos);
  EXPECT_NE(req.find("\r\nLambda-Runtime-Function-Error-Type: E\r\n"), std::string::npos);
  EXPECT_NE(req.find("\r\nContent-Length: 100000\r\n"), std::string::npos);
  EXPECT_EQ(req.substr(req.size() - payload.size()), payload);
}

TEST(RuntimeConnection, ReadsChunkedAnswersWithExtensionsAndTrailers) {
  RawServer* self = nullptr;
  const std::string big(300000, 'b');  // longer than the read buffer
  char size_hex[32];
  std::snprintf(size_hex, sizeof(size_hex), "%zx", big.size());
  RawServer server({[&](int fd) {
    self->read_request(fd);
    RawServer::send_text(
        fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n" +
                std::string(size_hex) + "\r\n" + big + "\r\n0\r\nX-Trailer: t\r\n\r\n");
    self->read_request(fd);
    RawServer::send_text(fd, ok("after"));
  }});
  self = &server;
  RuntimeConnection c(server.host_port());
  EXPECT_EQ(get(c).body, "hello" + big);
  EXPECT_EQ(get(c).body, "after");  // the chunked answer was read exactly to its end
  EXPECT_EQ(server.accepted(), 1);
}

TEST(RuntimeConnection, SkipsInformationalAnswers) {
  RawServer* self = nullptr;
  RawServer server({[&](int fd) {
    self->read_request(fd);
    RawServer::send_text(fd, "HTTP/1.1 100 Continue\r\n\r\n" + ok("real"));
  }});
  self = &server;
  RuntimeConnection c(server.host_port());
  const RuntimeConnection::Response r = get(c);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "real");
}

TEST(RuntimeConnection, ReconnectsAfterConnectionCloseAndDroppedConnections) {
  RawServer* self = nullptr;
  RawServer server({
      [&](int fd) {  // says it closes
        self->read_request(fd);
        RawServer::send_text(fd, ok("one", "Connection: close\r\n"));
      },
      [&](int fd) {  // closes without saying so, after one answer
        self->read_request(fd);
        RawServer::send_text(fd, ok("two"));
      },
      [&](int fd) {
        self->read_request(fd);
        RawServer::send_text(fd, ok("three"));
      },
  });
  self = &server;
  RuntimeConnection c(server.host_port());
  EXPECT_EQ(get(c).body, "one");
  EXPECT_EQ(get(c).body, "two");
  // The kept connection is gone: the request goes again on a new one.
  for (int waits = 0; server.accepted() < 2 && waits < 200; ++waits)
    std::this_thread::sleep_for(5ms);
  std::this_thread::sleep_for(20ms);  // the server has closed its end
  EXPECT_EQ(get(c).body, "three");
  EXPECT_EQ(server.accepted(), 3);
}

TEST(RuntimeConnection, ReadsAnAnswerFramedByTheEndOfTheConnection) {
  RawServer* self = nullptr;
  RawServer server({
      [&](int fd) {
        self->read_request(fd);
        RawServer::send_text(fd, "HTTP/1.0 200 OK\r\n\r\nuntil the end");
      },
      [&](int fd) {
        self->read_request(fd);
        RawServer::send_text(fd, ok("next"));
      },
  });
  self = &server;
  RuntimeConnection c(server.host_port());
  EXPECT_EQ(get(c).body, "until the end");
  EXPECT_EQ(get(c).body, "next");
  EXPECT_EQ(server.accepted(), 2);
}

// The message of the error an exchange against `answer` throws ("" if none).
std::string error_for(const std::string& answer, std::chrono::milliseconds timeout = 2s) {
  RawServer* self = nullptr;
  RawServer server({[&](int fd) {
    self->read_request(fd);
    RawServer::send_text(fd, answer);
    RawServer::await_close(fd);  // the connection stays open until the client gives up
  }});
  self = &server;
  RuntimeConnection c(server.host_port());
  try {
    get(c, timeout);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(RuntimeConnection, RefusesMalformedAnswers) {
  EXPECT_EQ(error_for("HTTX/1.1 200 OK\r\n\r\n"), "answer: not an HTTP/1.x status line");
  EXPECT_EQ(error_for("HTTP/1.1 2x0 OK\r\n\r\n"), "answer: not an HTTP/1.x status line");
  EXPECT_EQ(error_for("HTTP/1.1 099 Low\r\n\r\n"), "answer: status 099 is not an HTTP status");
  EXPECT_EQ(error_for("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n"),
            "answer: a header line without a name");
  EXPECT_EQ(error_for("HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n"),
            "answer: bad or too large Content-Length 12x");
  EXPECT_EQ(error_for("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n"),
            "answer: bad or too large Content-Length 99999999999999999999");
  EXPECT_EQ(error_for("HTTP/1.1 200 OK\r\nContent-Length: 300000000\r\n\r\n"),
            "answer: bad or too large Content-Length 300000000");
  EXPECT_EQ(error_for("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
            "answer: bad chunk size");
  EXPECT_EQ(
      error_for("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n"),
      "answer: a chunk longer than its size");
  EXPECT_EQ(
      error_for("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n"),
      "answer: a body over 268435456 bytes");
  EXPECT_EQ(error_for("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"),
            "answer: unsupported transfer coding gzip");
  std::string many = "HTTP/1.1 200 OK\r\n";
  for (int k = 0; k < 3000; ++k) many += "X-Filler: " + std::string(20, 'f') + "\r\n";
  EXPECT_EQ(error_for(many + "\r\n"), "answer: headers over 65536 bytes");
  EXPECT_EQ(error_for("HTTP/1.1 200 OK\r\nX: " + std::string(70000, 'a')),
            "answer: a header line is over 65536 bytes");
  std::string informational;
  for (int k = 0; k < 10; ++k) informational += "HTTP/1.1 100 Continue\r\n\r\n";
  EXPECT_EQ(error_for(informational), "answer: too many 1xx answers");
}

TEST(RuntimeConnection, ReportsTruncatedAnswersAndTimeouts) {
  // The server closes after the half answer (its handler returns at once).
  RawServer* self = nullptr;
  RawServer server({[&](int fd) {
    self->read_request(fd);
    RawServer::send_text(fd, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
  }});
  self = &server;
  RuntimeConnection c(server.host_port());
  try {
    get(c);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "answer: the connection closed in the middle of the body");
  }
  EXPECT_EQ(error_for("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 200ms),
            "timed out waiting for the answer");
  EXPECT_EQ(error_for("", 200ms), "timed out waiting for the answer");
}

TEST(RuntimeConnection, AServerThatStopsReadingTimesOutTheSend) {
  std::atomic<bool> done{false};
  RawServer server({[&](int) {
    // Accepts and never reads: the socket buffers fill, and the send must not block past
    // its deadline.
    for (int waits = 0; waits < 500 && !done; ++waits) std::this_thread::sleep_for(10ms);
  }});
  RuntimeConnection c(server.host_port());
  const std::string big(size_t{32} << 20, 'x');
  try {
    c.exchange("POST", "/big", {}, big, 300ms, 2s);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "timed out sending the request");
  }
  done = true;
}

TEST(RuntimeConnection, RefusesRequestsThatWouldSplitTheirLines) {
  // Checked before anything is sent: nothing listens on this address.
  RuntimeConnection c("127.0.0.1:1");
  const auto error = [&](std::string_view path, const RuntimeConnection::Headers& headers) {
    try {
      c.exchange("POST", path, headers, "{}", 1s, 1s);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(error("/2018-06-01/runtime/invocation/id\r\nX-Injected: 1/response", {}),
            "request: a control character or space in the request line");
  EXPECT_EQ(error("/a b", {}), "request: a control character or space in the request line");
  EXPECT_EQ(error("/ok", {{"Lambda-Runtime-Function-Error-Type", "E\r\nX: 1"}}),
            "request: a control character in header Lambda-Runtime-Function-Error-Type");
}

TEST(RuntimeConnection, ReportsARefusedConnection) {
  int port;
  {
    RawServer gone({});
    port = std::stoi(gone.host_port().substr(10));
  }
  RuntimeConnection c("127.0.0.1:" + std::to_string(port));
  try {
    get(c);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "connect 127.0.0.1:" + std::to_string(port) + ": Connection refused");
  }
}

TEST(RuntimeConnection, AdoptsAConnectedSocketAndNeverReconnects) {
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
  const std::string answer = ok("first");
  ASSERT_EQ(::write(sv[1], answer.data(), answer.size()), static_cast<ssize_t>(answer.size()));
  ASSERT_EQ(::shutdown(sv[1], SHUT_WR), 0);
  RuntimeConnection c(sv[0]);
  EXPECT_EQ(get(c).body, "first");
  // The peer has closed: a kept connection that went stale is made again, but this one
  // has nowhere to go.
  try {
    get(c);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "the connection handed over has closed; there is nothing to reconnect to");
  }
  ::close(sv[1]);
}

}  // namespace
}  // namespace sub::lambda

#endif
