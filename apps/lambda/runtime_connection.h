// One HTTP/1.1 connection to the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API, "host:port"),
// kept alive from one invocation to the next.
//
// Why not libcurl, which every other HTTP client here uses: the Runtime API is a plain-HTTP
// endpoint on the sandbox's loopback, asked the same two questions every invocation (the
// next event, then its response). Through libcurl's multi interface those two exchanges
// cost about a third of a warm Kinesis invocation's CPU (poll before every send and
// receive, 16 KiB reads, header callbacks); here each is one write and a few reads
// straight into the body (bench/RESULTS.md).
//
// What it speaks: a request with a body sent by Content-Length; answers framed by
// Content-Length, chunked transfer coding or the end of the connection; 1xx answers
// skipped; `Connection: close` honoured. A request on a kept connection that the server
// had closed meanwhile (reset, or closed before any byte of the answer) is sent once more on
// a new connection. Every limit is checked: status line and headers at most 64 KiB, a body
// at most kMaxBody, chunk sizes and lengths without overflow. Errors are sub::Error with
// what failed ("connect 127.0.0.1:9001: Connection refused", "answer: bad chunk size").
// Used from one thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sub::lambda {

class RuntimeConnection {
 public:
  // The largest answer body read (Lambda's own limit on an event is 6 MB).
  static constexpr size_t kMaxBody = size_t{256} << 20;
  static constexpr size_t kMaxHead = size_t{64} << 10;
  // Informational (1xx) answers skipped before the real one.
  static constexpr int kMaxInformational = 8;

  using Headers = std::vector<std::pair<std::string, std::string>>;

  struct Response {
    int status = 0;
    Headers headers;
    std::string body;
    // The first header of that name (case-insensitive), or "".
    std::string_view header(std::string_view name) const;
  };

  // `host_port` as AWS_LAMBDA_RUNTIME_API gives it: "127.0.0.1:9001", "localhost:9001" or
  // "[::1]:9001". Nothing is connected before the first exchange.
  explicit RuntimeConnection(std::string host_port);
  // A connection made elsewhere (a connected stream socket, which it then owns), for the
  // tests and the fuzz target, which talk over a socket pair. It is never made again: once
  // it has closed, every exchange fails with an error.
  explicit RuntimeConnection(int connected_fd);
  ~RuntimeConnection();
  RuntimeConnection(const RuntimeConnection&) = delete;
  RuntimeConnection& operator=(const RuntimeConnection&) = delete;

  // Sends `method path` with `headers` (and the body with its Content-Length when the
  // method is not GET) and reads the answer. `timeout` bounds the whole exchange after the
  // connection is made; zero waits as long as the answer takes (the next-invocation long
  // poll, during which the sandbox is frozen). Throws sub::Error; the connection is then
  // closed and the next exchange opens a new one.
  Response exchange(std::string_view method, std::string_view path, const Headers& headers,
                    std::string_view body, std::chrono::milliseconds timeout,
                    std::chrono::milliseconds connect_timeout);

 private:
  using Clock = std::chrono::steady_clock;

  void open(std::chrono::milliseconds connect_timeout);
  void close();
  void send_all(std::string_view head, std::string_view body);
  // Reads more bytes into the buffer; false at the end of the connection.
  bool fill();
  // Waits, when the exchange has a deadline, until the socket is ready for `events`
  // (POLLIN or POLLOUT); throws when the deadline passes first.
  void await(short events) const;
  // Reads what has arrived (at most `room` bytes, waiting for some) into `into`; 0 at the
  // end of the connection.
  size_t receive(char* into, size_t room);
  std::string_view line();  // one CRLF- (or LF-) ended line, without its ending
  bool read_head(Response& r, bool& close_after);
  void read_body(Response& r, std::string_view method, bool& close_after);
  void read_chunked(std::string& body);
  void read_counted(std::string& body, size_t length);

  std::string host_;
  std::string port_;
  std::string host_header_;
  int fd_ = -1;
  bool adopted_ = false;          // made by the caller: nothing to connect to again
  bool reused_ = false;           // the connection has served an exchange before this one
  bool awaiting_answer_ = false;  // reading the first bytes of an answer
  Clock::time_point deadline_{};
  bool has_deadline_ = false;
  std::string rbuf_;
  size_t rpos_ = 0;
  size_t rend_ = 0;
};

}  // namespace sub::lambda
