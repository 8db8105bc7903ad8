#include "services/http/retrying_client.h"

#include <algorithm>
#include <cctype>
#include <thread>

#include "core/error.h"
#include "services/http/transport.h"
#include "services/http/url_text.h"

namespace sub::http {
namespace {

using Clock = std::chrono::steady_clock;

// How often a wait between attempts looks at the Context's cancellation flag.
constexpr std::chrono::milliseconds kCancelPoll{50};
// Idle handles kept for reuse (each keeps its own live connections).
constexpr size_t kMaxIdleHandles = 8;

bool cancelled(const Context& ctx) {
  return ctx.cancelled != nullptr && ctx.cancelled->load(std::memory_order_relaxed);
}

bool has_deadline(const Context& ctx) { return ctx.deadline != Clock::time_point::max(); }

bool retryable_status(long status) {
  return status == 429 || (status >= 500 && status != 501) || status == 0;
}

// One attempt as the transport sees it: Go's header spelling, no header libcurl would add on
// its own, gzip asked for, redirects followed, bounded by the request's timeout and by the
// Context.
Transport::Result attempt_once(const Transport& transport, const Request& req, const Context& ctx) {
  Transport::Request exchange;
  exchange.method = req.method;
  exchange.url = req.url;
  exchange.display_url = req.display_url;
  exchange.headers.reserve(req.headers.size());
  for (const auto& [name, value] : req.headers) {
    exchange.headers.emplace_back(canonical_header_key(name), value);
  }
  // Only POST carries a body (the transport sends one for every method but GET and HEAD).
  if (req.method == "POST") exchange.body = req.body;

  Transport::Options options;
  options.timeout = req.timeout;
  options.deadline = ctx.deadline;
  options.cancelled = ctx.cancelled;
  options.follow_redirects = true;
  options.only_given_headers = true;
  options.accept_gzip = true;
  return transport.exchange(exchange, options);
}

}  // namespace

RetryingClient::RetryingClient() : RetryingClient(Policy{}) {}

RetryingClient::RetryingClient(Policy policy)
    : policy_(policy), transport_(std::make_unique<Transport>(kMaxIdleHandles)) {
  if (policy_.max_attempts < 1) policy_.max_attempts = 1;
}

RetryingClient::~RetryingClient() = default;

Response RetryingClient::send(const Request& req, const Context& ctx) const {
  const std::string what = req.method + " " + shown_url(req.url, req.display_url);
  auto stop = [&](bool deadline) {
    return Error(what + (deadline ? ": context deadline exceeded" : ": context canceled"));
  };
  std::string last_error;
  for (int attempt = 0;; ++attempt) {
    if (cancelled(ctx)) throw stop(false);
    if (ctx.expired()) throw stop(true);

    Transport::Result a = attempt_once(*transport_, req, ctx);
    switch (a.failure) {
      case Transport::Failure::kNone:
        if (!retryable_status(a.status)) {
          Response resp;
          resp.status = a.status;
          resp.body = std::move(a.body);
          return resp;
        }
        last_error.clear();
        break;
      case Transport::Failure::kTimedOut:
      case Transport::Failure::kTransient:
        last_error = a.error;
        break;
      case Transport::Failure::kPermanent:
        throw Error(what + ": " + a.error);
      case Transport::Failure::kDeadline:
        throw stop(true);
      case Transport::Failure::kCancelled:
        throw stop(false);
    }
    if (attempt + 1 >= policy_.max_attempts) {
      std::string msg = what + " giving up after " + std::to_string(attempt + 1) + " attempt(s)";
      if (!last_error.empty()) msg += ": " + last_error;
      throw Error(msg);
    }

    // Exponential backoff (go-retryablehttp's DefaultBackoff), or the server's Retry-After.
    std::chrono::nanoseconds wait = policy_.wait_max;
    if (attempt < 62) {
      const auto scaled = policy_.wait_min.count() > (policy_.wait_max.count() >> attempt)
                              ? policy_.wait_max
                              : policy_.wait_min * (int64_t{1} << attempt);
      wait = std::min(scaled, policy_.wait_max);
    }
    if (a.answered() && a.retry_after_seconds >= 0 && (a.status == 429 || a.status == 503)) {
      wait = std::min<std::chrono::nanoseconds>(std::chrono::seconds(a.retry_after_seconds),
                                                policy_.wait_max);
    }
    const Clock::time_point until = Clock::now() + wait;
    if (has_deadline(ctx) && until >= ctx.deadline) throw stop(true);
    for (Clock::time_point now = Clock::now(); now < until; now = Clock::now()) {
      if (cancelled(ctx)) throw stop(false);
      std::this_thread::sleep_for(std::min<Clock::duration>(until - now, kCancelPoll));
    }
  }
}

std::string canonical_header_key(std::string_view key) {
  for (unsigned char ch : key) {
    // Go's validHeaderFieldByte: tokens only; anything else leaves the key as it is.
    const bool token =
        std::isalnum(ch) ||
        std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(ch)) != std::string_view::npos;
    if (!token) return std::string(key);
  }
  std::string out(key);
  bool upper = true;
  for (char& ch : out) {
    const unsigned char u = static_cast<unsigned char>(ch);
    if (upper && u >= 'a' && u <= 'z') ch = static_cast<char>(u - 'a' + 'A');
    if (!upper && u >= 'A' && u <= 'Z') ch = static_cast<char>(u - 'A' + 'a');
    upper = ch == '-';
  }
  return out;
}

}  // namespace sub::http
