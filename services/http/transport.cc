#include "services/http/transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

#include "services/http/ca_bundle.h"
#include "services/http/curl_library.h"
#include "services/http/handle_pool.h"
#include "services/http/proxy_choice.h"
#include "services/http/url_text.h"

namespace sub::http {
namespace {

using Clock = Transport::Clock;

// How early libcurl may end a transfer limited to the time left before a deadline.
constexpr std::chrono::milliseconds kClockSlack{5};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

bool has_header(const Transport::Headers& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return iequals(h.first, name); });
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Called once per header line; a status line starts a new answer (after a redirect or a
// 100 Continue), so only the final answer's headers are kept.
size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<Transport::Headers*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers->clear();
    return size * count;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;  // the blank line ending them
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  headers->emplace_back(std::string(line.substr(0, colon)), std::string(value));
  return size * count;
}

// libcurl calls this about once a second (and more often while data flows); a non-zero
// return aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(user)->load(std::memory_order_relaxed) ? 1 : 0;
}

struct ListDeleter {
  void operator()(curl_slist* l) const { curl_library().slist_free_all(l); }
};
using HeaderList = std::unique_ptr<curl_slist, ListDeleter>;

// The header lines of `req` for libcurl: `Name: value`, or `Name;` to send one empty. With
// `only_given`, `Name:` lines remove the headers libcurl would add on its own.
HeaderList header_lines(const Transport::Request& req, bool only_given) {
  HeaderList list;
  auto add = [&](const std::string& line) {
    curl_slist* next = curl_library().slist_append(list.get(), line.c_str());
    if (next == nullptr) throw std::bad_alloc();
    list.release();
    list.reset(next);
  };
  for (const auto& [name, value] : req.headers)
    add(value.empty() ? name + ";" : name + ": " + value);
  if (only_given) {
    for (const char* name : {"Accept", "Content-Type", "Expect"}) {
      if (!has_header(req.headers, name)) add(std::string(name) + ":");
    }
  }
  return list;
}

// `deadline_bound`: the time limit given to libcurl was what was left before the deadline.
// libcurl counts in milliseconds and may then end a little before the deadline, so a
// timeout that close to it is the deadline's (a stall or connect limit ends earlier).
Transport::Failure classify(CURLcode rc, Clock::time_point deadline, bool deadline_bound) {
  switch (rc) {
    case CURLE_ABORTED_BY_CALLBACK:
      return Transport::Failure::kCancelled;
    case CURLE_OPERATION_TIMEDOUT:
      return deadline != Clock::time_point::max() &&
                     Clock::now() + (deadline_bound ? kClockSlack : Clock::duration(0)) >= deadline
                 ? Transport::Failure::kDeadline
                 : Transport::Failure::kTimedOut;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_OUT_OF_MEMORY:
      return Transport::Failure::kPermanent;
    default:
      return Transport::Failure::kTransient;
  }
}

Transport::Result failed(Transport::Failure why, std::string text) {
  Transport::Result out;
  out.failure = why;
  out.summary = text;
  out.error = std::move(text);
  return out;
}

}  // namespace

std::string Transport::Result::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return "";
}

Transport::Transport(size_t max_idle_handles)
    : pool_(std::make_unique<HandlePool>(max_idle_handles)) {
  curl_library();  // a missing libcurl is an error here, where the transform is built
}

Transport::~Transport() = default;

Transport::Result Transport::exchange(const Request& req, const Options& o) const {
  if (o.cancelled != nullptr && o.cancelled->load(std::memory_order_relaxed)) {
    return failed(Failure::kCancelled, "canceled");
  }
  // The whole-exchange limit: the timeout, or what is left before the deadline if sooner.
  long total_ms = static_cast<long>(o.timeout.count());
  bool deadline_bound = false;
  if (o.deadline != Clock::time_point::max()) {
    const Clock::time_point now = Clock::now();
    if (o.deadline <= now) return failed(Failure::kDeadline, "deadline passed");
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(o.deadline - now);
    const long left_ms = static_cast<long>(std::clamp<int64_t>(left.count(), 1, 1L << 30));
    deadline_bound = total_ms <= 0 || left_ms < total_ms;
    total_ms = deadline_bound ? left_ms : total_ms;
  }
  long connect_ms = static_cast<long>(o.connect_timeout.count());
  if (connect_ms > 0 && total_ms > 0) connect_ms = std::min(connect_ms, total_ms);

  const CurlLibrary& curl = curl_library();
  CURL* c = pool_->take();
  if (c == nullptr) return failed(Failure::kPermanent, "cannot create a transfer");

  Result out;
  const std::string url(req.url);
  const ProxyChoice proxy = ProxyChoice::for_url(url);
  HeaderList headers;
  try {
    headers = header_lines(req, o.only_given_headers);
  } catch (const std::bad_alloc&) {
    HandlePool::discard(c);
    return failed(Failure::kPermanent, "out of memory");
  }

  char errbuf[CURL_ERROR_SIZE] = {0};
  curl.easy_setopt(c, CURLOPT_URL, url.c_str());
  curl.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl.easy_setopt(c, CURLOPT_FOLLOWLOCATION, o.follow_redirects ? 1L : 0L);
  curl.easy_setopt(c, CURLOPT_MAXREDIRS, kMaxRedirects);
  apply_ca_bundle(curl, c);
  curl.easy_setopt(c, CURLOPT_PROXY, proxy.proxy.c_str());  // "": direct, whatever the env
  if (!proxy.no_proxy.empty()) curl.easy_setopt(c, CURLOPT_NOPROXY, proxy.no_proxy.c_str());
  curl.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  if (o.user_agent) curl.easy_setopt(c, CURLOPT_USERAGENT, kUserAgent);
  if (o.path_as_is) curl.easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
  if (o.accept_gzip && !has_header(req.headers, "Accept-Encoding")) {
    curl.easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
  }
  if (total_ms > 0) curl.easy_setopt(c, CURLOPT_TIMEOUT_MS, total_ms);
  if (connect_ms > 0) curl.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
  if (o.stall.count() > 0) {
    curl.easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl.easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.stall.count()));
  }
  if (o.cancelled != nullptr) {
    curl.easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl.easy_setopt(c, CURLOPT_XFERINFODATA, o.cancelled);
  }
  curl.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl.easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
  if (o.capture_headers) {
    curl.easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl.easy_setopt(c, CURLOPT_HEADERDATA, &out.headers);
  }
  if (headers) curl.easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  if (req.method == "GET") {
    curl.easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else if (req.method == "HEAD") {
    curl.easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else {
    // A null POSTFIELDS would make libcurl read the body from a callback instead.
    curl.easy_setopt(c, CURLOPT_POSTFIELDS, req.body.empty() ? "" : req.body.data());
    curl.easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
    if (req.method != "POST") curl.easy_setopt(c, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  }

  const CURLcode rc = curl.easy_perform(c);
  if (rc != CURLE_OK) {
    HandlePool::discard(c);  // its connection may be half-used: never reuse it
    Result bad = failed(classify(rc, o.deadline, deadline_bound), "");
    bad.summary = curl.easy_strerror(rc);
    bad.error = scrub_error(errbuf[0] != '\0' ? errbuf : bad.summary, req.url, req.display_url);
    return bad;
  }
  curl.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  curl_off_t retry_after = 0;
  if (curl.easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
    out.retry_after_seconds = static_cast<long>(std::min<curl_off_t>(retry_after, 1L << 30));
  }
  pool_->give_back(c);
  return out;
}

}  // namespace sub::http
