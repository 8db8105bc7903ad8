// The Lambda Runtime API client's reading of answers (apps/lambda/runtime_connection.cc):
// status lines, headers, Content-Length, chunked and close-framed bodies, 1xx answers.
//
// Input: <first> 0x00 <second>, what the server sends on one connection. The client asks
// twice over a socket pair (no network): <first> is there before a GET for the next event,
// <second> is added before the POST of a response and then the server stops sending. So a
// kept connection, a second answer and a connection that went stale between the two are
// read too. An answer still incomplete when its bytes run out waits 5 ms for the rest and
// fails. No body read can be longer than the input.
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "apps/lambda/runtime_connection.h"
#include "fuzz/support/fuzz_support.h"

namespace {

constexpr size_t kMaxInput = size_t{64} << 10;  // well within a socket pair's buffer

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  const auto parts = sub::fuzz::split(sub::fuzz::bytes_of(data, size), '\0', 2);
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    sub::fuzz::fail("socketpair");
  }
  const auto send = [&](std::string_view bytes) {
    for (size_t done = 0; done < bytes.size();) {
      const ssize_t n = ::send(sv[1], bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n < 0 && errno == EPIPE) return;  // the client has closed its end after an error
      if (n <= 0) sub::fuzz::fail("write to the socket pair");
      done += static_cast<size_t>(n);
    }
  };
  {
    sub::lambda::RuntimeConnection c(sv[0]);
    using std::chrono::milliseconds;
    const auto ask = [&](std::string_view method, std::string_view path, std::string_view body) {
      sub::fuzz::run_expecting_only_sub_errors([&] {
        const auto r = c.exchange(method, path, {{"Content-Type", "application/json"}}, body,
                                  milliseconds(5), milliseconds(5));
        sub::fuzz::check(r.body.size() <= size, "a body longer than all the bytes sent");
        sub::fuzz::check(r.status >= 100 && r.status <= 999, "a status outside 100-999");
      });
    };
    send(parts[0]);
    ask("GET", "/2018-06-01/runtime/invocation/next", {});
    if (parts.size() > 1) send(parts[1]);
    ::shutdown(sv[1], SHUT_WR);
    ask("POST", "/2018-06-01/runtime/invocation/id/response", R"({"ok":true})");
  }
  ::close(sv[1]);
  return 0;
}
