#include "services/http/retrying_client.h"
#include "services/http/ca_bundle.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.h"

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

size_t collect_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Aborts a transfer when the Context is cancelled.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return cancelled(*static_cast<const Context*>(user)) ? 1 : 0;
}

struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using HeaderList = std::unique_ptr<curl_slist, ListDeleter>;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

// One attempt's result.
struct Attempt {
  enum class Kind { kAnswer, kRetryableError, kFatalError, kDeadline, kCancelled };
  Kind kind = Kind::kAnswer;
  Response response;
  std::string error;
  long retry_after_seconds = -1;  // from a Retry-After header, -1 when absent
};

bool retryable_status(long status) {
  return status == 429 || (status >= 500 && status != 501) || status == 0;
}

}  // namespace

// Idle curl handles: each request takes one (or makes one) and gives it back, so keep-alive
// connections survive between requests without sharing a handle between threads.
class RetryingClient::HandlePool {
 public:
  ~HandlePool() {
    for (CURL* c : idle_) curl_easy_cleanup(c);
  }
  CURL* take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        CURL* c = idle_.back();
        idle_.pop_back();
        return c;
      }
    }
    return curl_easy_init();
  }
  void give_back(CURL* c) {
    curl_easy_reset(c);
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_.size() < kMaxIdleHandles) {
      idle_.push_back(c);
      return;
    }
    curl_easy_cleanup(c);
  }

 private:
  std::mutex mu_;
  std::vector<CURL*> idle_;
};

namespace {

// A handle borrowed from the pool for one attempt.
template <typename Pool>
class Borrowed {
 public:
  explicit Borrowed(Pool& pool) : pool_(pool), handle_(pool.take()) {}
  ~Borrowed() {
    if (handle_ != nullptr) pool_.give_back(handle_);
  }
  Borrowed(const Borrowed&) = delete;
  Borrowed& operator=(const Borrowed&) = delete;
  CURL* get() const { return handle_; }

 private:
  Pool& pool_;
  CURL* handle_;
};

template <typename Pool>
Attempt attempt_once(Pool& pool, const Request& req, const Context& ctx) {
  Attempt out;
  Borrowed<Pool> handle(pool);
  CURL* c = handle.get();
  if (c == nullptr) {
    out.kind = Attempt::Kind::kFatalError;
    out.error = "cannot create a transfer";
    return out;
  }

  const bool post = req.method == "POST";
  bool user_content_type = false;
  bool user_accept = false;
  bool user_accept_encoding = false;
  HeaderList headers;
  auto add = [&](const std::string& line) {
    curl_slist* next = curl_slist_append(headers.get(), line.c_str());
    if (next == nullptr) throw Error("out of memory");
    headers.release();
    headers.reset(next);
  };
  for (const auto& [name, value] : req.headers) {
    const std::string key = canonical_header_key(name);
    user_content_type |= iequals(key, "Content-Type");
    user_accept |= iequals(key, "Accept");
    user_accept_encoding |= iequals(key, "Accept-Encoding");
    // curl drops `Name:` with an empty value; `Name;` sends it empty.
    add(value.empty() ? key + ";" : key + ": " + value);
  }
  // Go adds none of these; curl would.
  if (!user_accept) add("Accept:");
  if (post && !user_content_type) add("Content-Type:");
  if (post) add("Expect:");

  // Each attempt ends by the Context's deadline at the latest.
  long timeout_ms = static_cast<long>(req.timeout.count());
  if (has_deadline(ctx)) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(ctx.deadline - Clock::now());
    if (left.count() <= 0) {
      out.kind = Attempt::Kind::kDeadline;
      return out;
    }
    const long left_ms = static_cast<long>(std::min<int64_t>(left.count(), 1L << 30));
    timeout_ms = timeout_ms > 0 ? std::min(timeout_ms, left_ms) : left_ms;
  }

  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
  http::apply_ca_bundle(c);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.response.body);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "substation-cpp");
  if (!user_accept_encoding) curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
  if (timeout_ms > 0) curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  if (ctx.cancelled != nullptr) {
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &ctx);
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  if (post) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, req.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
  } else if (req.method != "GET") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  }

  const CURLcode rc = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
  if (rc != CURLE_OK) {
    out.error = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
    switch (rc) {
      case CURLE_ABORTED_BY_CALLBACK:
        out.kind = Attempt::Kind::kCancelled;
        break;
      case CURLE_OPERATION_TIMEDOUT:
        out.kind = has_deadline(ctx) && Clock::now() >= ctx.deadline
                       ? Attempt::Kind::kDeadline
                       : Attempt::Kind::kRetryableError;
        break;
      case CURLE_URL_MALFORMAT:
      case CURLE_UNSUPPORTED_PROTOCOL:
      case CURLE_TOO_MANY_REDIRECTS:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_OUT_OF_MEMORY:
        out.kind = Attempt::Kind::kFatalError;
        break;
      default:
        out.kind = Attempt::Kind::kRetryableError;
        break;
    }
    return out;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.response.status);
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
    out.retry_after_seconds = static_cast<long>(std::min<curl_off_t>(retry_after, 1L << 30));
  }
  return out;
}

}  // namespace

RetryingClient::RetryingClient() : RetryingClient(Policy{}) {}

RetryingClient::RetryingClient(Policy policy)
    : policy_(policy), pool_(std::make_unique<HandlePool>()) {
  if (policy_.max_attempts < 1) policy_.max_attempts = 1;
}

RetryingClient::~RetryingClient() = default;

namespace {

// The host of a URL (between "://" and the next '/', '?' or '#', without user info).
std::string_view url_host(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  const size_t at = rest.rfind('@');
  return at == std::string_view::npos ? rest : rest.substr(at + 1);
}

// libcurl's messages name the host it tried ("Could not resolve host: ..."): with a display
// URL, the real URL and host are replaced by the template's.
std::string scrub(std::string text, const Request& req) {
  if (req.display_url.empty()) return text;
  const auto replace = [&](std::string_view from, std::string_view to) {
    if (from.empty() || from == to) return;
    for (size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  replace(req.url, req.display_url);
  std::string_view host = url_host(req.url);
  const size_t colon = host.rfind(':');
  if (colon != std::string_view::npos) host = host.substr(0, colon);
  replace(host, "<host>");
  return text;
}

}  // namespace

Response RetryingClient::send(const Request& req, const Context& ctx) const {
  const std::string what =
      req.method + " " + redact_url(req.display_url.empty() ? req.url : req.display_url);
  auto stop = [&](bool deadline) {
    return Error(what + (deadline ? ": context deadline exceeded" : ": context canceled"));
  };
  std::string last_error;
  for (int attempt = 0;; ++attempt) {
    if (cancelled(ctx)) throw stop(false);
    if (ctx.expired()) throw stop(true);

    Attempt a = attempt_once(*pool_, req, ctx);
    switch (a.kind) {
      case Attempt::Kind::kAnswer:
        if (!retryable_status(a.response.status)) return std::move(a.response);
        last_error.clear();
        break;
      case Attempt::Kind::kRetryableError:
        last_error = scrub(a.error, req);
        break;
      case Attempt::Kind::kFatalError:
        throw Error(what + ": " + scrub(a.error, req));
      case Attempt::Kind::kDeadline:
        throw stop(true);
      case Attempt::Kind::kCancelled:
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
    if (a.kind == Attempt::Kind::kAnswer && a.retry_after_seconds >= 0 &&
        (a.response.status == 429 || a.response.status == 503)) {
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

std::string redact_url(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const size_t start = scheme + 3;
  const size_t end = url.find_first_of("/?#", start);
  const std::string_view authority =
      url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  const size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  const size_t colon = authority.find(':');
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  std::string out(url.substr(0, start + colon + 1));
  out += "xxxxx";
  out += url.substr(start + at);
  return out;
}

}  // namespace sub::http
