// Which requests the playground answers. A server on loopback is reachable from every page
// the user has open: a page can POST to it without a preflight (text/plain), and a DNS name
// that the page's site controls can be pointed at 127.0.0.1 (DNS rebinding). A request is
// answered only when:
//   - its Host names the server by address (an IPv4 or IPv6 literal) or as `localhost`, so
//     no other site's name can reach it;
//   - an Origin, when the browser sends one, is this server's own (http://<Host>), and
//     Sec-Fetch-Site, when sent, says same-origin or none (typed by the user);
//   - it is not a CORS preflight (OPTIONS is refused: no other origin is ever allowed);
//   - a POST says `Content-Type: application/json` and carries the token of this start
//     (header X-Play-Token), which only the page served by this server knows.
#pragma once

#include <string>
#include <string_view>

namespace sub::cli::play {

class Guard {
 public:
  static constexpr const char* kTokenHeader = "X-Play-Token";

  // 128 random bits as 32 hex digits (getrandom).
  static std::string new_token();

  explicit Guard(std::string token) : token_(std::move(token)) {}

  const std::string& token() const { return token_; }

  // status 0: answer it; otherwise the status (403, 405 or 415) and why, naming the header.
  struct Verdict {
    int status = 0;
    std::string reason;
  };
  // Empty strings stand for absent headers.
  Verdict check(std::string_view method, std::string_view host, std::string_view origin,
                std::string_view fetch_site, std::string_view content_type,
                std::string_view token) const;

 private:
  std::string token_;
};

}  // namespace sub::cli::play
