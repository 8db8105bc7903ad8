#include "services/dns/resolver.h"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>

#include "core/error.h"
#include "core/worker_pool.h"

namespace sub::dns {
namespace {

using Clock = std::chrono::steady_clock;
using Names = std::vector<std::string>;

constexpr std::string_view kNoSuchHost = "no such host";
constexpr std::string_view kTimeout = "i/o timeout";
constexpr std::string_view kCanceled = "operation was canceled";
constexpr std::string_view kMisbehaving = "server misbehaving";
// How often a waiting caller looks at the Context's cancellation flag.
constexpr std::chrono::milliseconds kCancelPoll{50};

// What a lookup worker produced: names, or the reason it failed.
struct Outcome {
  Names names;
  std::string error;
};

// The rendezvous between a caller and its lookup task; owned by both, so a task whose caller
// gave up writes into memory that is still alive.
struct Rendezvous {
  std::mutex mu;
  std::condition_variable cv;
  bool started = false;
  bool done = false;
  bool abandoned = false;  // the caller gave up: a task not yet started does nothing
  Outcome outcome;
};

bool cancelled(const Context& ctx) {
  return ctx.cancelled != nullptr && ctx.cancelled->load(std::memory_order_relaxed);
}

// Runs `work` on one of the pool's threads and waits for it at most `timeout` (and never
// past the Context's deadline or cancellation). Throws `lookup <name>: <reason>`; a lookup
// that never got a thread says so.
Names run_bounded(std::string_view name, std::chrono::nanoseconds timeout, const Context& ctx,
                  WorkerPool& pool, std::function<Outcome()> work) {
  const std::string label = "lookup " + std::string(name) + ": ";
  if (cancelled(ctx)) throw Error(label + std::string(kCanceled));
  const Clock::time_point now = Clock::now();
  if (timeout.count() <= 0 || ctx.expired()) throw Error(label + std::string(kTimeout));
  // Clamp before adding so a huge timeout cannot overflow the clock.
  const auto room = Clock::time_point::max() - now;
  Clock::time_point deadline = timeout >= room
                                   ? Clock::time_point::max()
                                   : now + std::chrono::duration_cast<Clock::duration>(timeout);
  deadline = std::min(deadline, ctx.deadline);

  const std::string busy =
      " (all " + std::to_string(Resolver::kMaxLookupThreads) + " lookup threads are busy)";
  auto shared = std::make_shared<Rendezvous>();
  const bool queued = pool.try_submit([shared, work = std::move(work)] {
    {
      std::lock_guard<std::mutex> lock(shared->mu);
      if (shared->abandoned) return;
      shared->started = true;
    }
    Outcome outcome;
    try {
      outcome = work();
    } catch (const std::exception& e) {
      outcome.error = e.what();
    }
    std::lock_guard<std::mutex> lock(shared->mu);
    shared->outcome = std::move(outcome);
    shared->done = true;
    shared->cv.notify_all();
  });
  if (!queued) throw Error(label + std::string(kTimeout) + busy);

  std::unique_lock<std::mutex> lock(shared->mu);
  while (!shared->done) {
    const bool gave_up_cancelled = cancelled(ctx);
    const Clock::time_point t = Clock::now();
    if (gave_up_cancelled || t >= deadline) {
      shared->abandoned = true;
      std::string reason = gave_up_cancelled ? std::string(kCanceled) : std::string(kTimeout);
      if (!shared->started) reason += busy;
      throw Error(label + reason);
    }
    const Clock::time_point until =
        ctx.cancelled != nullptr && deadline - t > kCancelPoll ? t + kCancelPoll : deadline;
    shared->cv.wait_until(lock, until);
  }
  if (!shared->outcome.error.empty()) throw Error(label + shared->outcome.error);
  return std::move(shared->outcome.names);
}

void add_unique(Names& names, std::string s) {
  if (std::find(names.begin(), names.end(), s) == names.end()) names.push_back(std::move(s));
}

std::string address_text(int family, const void* addr) {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (inet_ntop(family, addr, buf, sizeof(buf)) == nullptr) return {};
  return buf;
}

std::string fqdn(std::string name) {
  if (name.empty() || name.back() != '.') name.push_back('.');
  return name;
}

// Go's treatment of names it refuses before asking anyone.
bool plausible_name(std::string_view name) {
  return !name.empty() && name.size() <= 254 && name.find('\0') == std::string_view::npos;
}

std::string gai_reason(int rc, int saved_errno) {
  switch (rc) {
    case EAI_NONAME:
#ifdef EAI_NODATA
    case EAI_NODATA:
#endif
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY:
#endif
      return std::string(kNoSuchHost);
    case EAI_AGAIN:
      return std::string(kMisbehaving);
    case EAI_SYSTEM:
      return std::strerror(saved_errno);
    default:
      return gai_strerror(rc);
  }
}

// ---- System lookups ----

Outcome system_lookup_host(const std::string& name) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  const int rc = getaddrinfo(name.c_str(), nullptr, &hints, &res);
  Outcome out;
  if (rc != 0) {
    out.error = gai_reason(rc, errno);
    return out;
  }
  for (const addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
    std::string text;
    if (ai->ai_family == AF_INET) {
      text = address_text(AF_INET, &reinterpret_cast<const sockaddr_in*>(ai->ai_addr)->sin_addr);
    } else if (ai->ai_family == AF_INET6) {
      text = address_text(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(ai->ai_addr)->sin6_addr);
    }
    if (!text.empty()) add_unique(out.names, std::move(text));
  }
  freeaddrinfo(res);
  if (out.names.empty()) out.error = std::string(kNoSuchHost);
  return out;
}

// A parsed IP address as a socket address (port 0).
struct ParsedAddress {
  sockaddr_storage storage{};
  socklen_t len = 0;
  int family = AF_UNSPEC;
  unsigned char bytes[16] = {0};
};

bool parse_address(const std::string& text, ParsedAddress& out) {
  if (text.find('\0') != std::string::npos) return false;
  sockaddr_in v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    std::memcpy(&out.storage, &v4, sizeof(v4));
    out.len = sizeof(v4);
    out.family = AF_INET;
    std::memcpy(out.bytes, &v4.sin_addr, 4);
    return true;
  }
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    std::memcpy(&out.storage, &v6, sizeof(v6));
    out.len = sizeof(v6);
    out.family = AF_INET6;
    std::memcpy(out.bytes, &v6.sin6_addr, 16);
    return true;
  }
  return false;
}

Outcome system_lookup_addr(const ParsedAddress& addr) {
  char host[NI_MAXHOST] = {0};
  const int rc = getnameinfo(reinterpret_cast<const sockaddr*>(&addr.storage), addr.len, host,
                             sizeof(host), nullptr, 0, NI_NAMEREQD);
  Outcome out;
  if (rc != 0) {
    out.error = gai_reason(rc, errno);
    return out;
  }
  out.names.push_back(fqdn(host));
  return out;
}

// ---- DNS queries through libresolv ----

// A private resolver state, closed on scope exit.
class ResolverState {
 public:
  ResolverState() { std::memset(&state_, 0, sizeof(state_)); }
  ~ResolverState() {
    if (open_) res_nclose(&state_);
  }
  ResolverState(const ResolverState&) = delete;
  ResolverState& operator=(const ResolverState&) = delete;

  bool init() {
    open_ = res_ninit(&state_) == 0;
    return open_;
  }
  res_state get() { return &state_; }

 private:
  struct ::__res_state state_;
  bool open_ = false;
};

bool parse_nameserver(const std::string& text, sockaddr_in& out) {
  std::string host = text;
  uint16_t port = NS_DEFAULTPORT;
  const size_t colon = text.rfind(':');
  if (colon != std::string::npos) {
    host = text.substr(0, colon);
    const std::string p = text.substr(colon + 1);
    if (p.empty() || p.size() > 5 || !std::all_of(p.begin(), p.end(), ::isdigit)) return false;
    const unsigned long v = std::stoul(p);
    if (v == 0 || v > 65535) return false;
    port = static_cast<uint16_t>(v);
  }
  out = sockaddr_in{};
  out.sin_family = AF_INET;
  out.sin_port = htons(port);
  return inet_pton(AF_INET, host.c_str(), &out.sin_addr) == 1;
}

struct QuerySetup {
  std::vector<sockaddr_in> servers;  // empty: the system's
  std::chrono::nanoseconds timeout;
};

// The answer records of type `type` for `name`, as raw rdata with the message they came from.
struct Answer {
  std::vector<unsigned char> message;
  std::vector<std::pair<const unsigned char*, size_t>> rdata;
};

uint16_t read16(const unsigned char* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }

// Collects the rdata of the answer records of `type` (class IN) in `a.message`. False when
// the message is malformed.
bool parse_answers(Answer& a, int type) {
  const unsigned char* som = a.message.data();
  const unsigned char* eom = som + a.message.size();
  if (a.message.size() < NS_HFIXEDSZ) return false;
  const int questions = read16(som + 4);
  const int answers = read16(som + 6);
  const unsigned char* p = som + NS_HFIXEDSZ;
  for (int i = 0; i < questions; ++i) {
    const int n = dn_skipname(p, eom);
    if (n < 0 || eom - (p + n) < NS_QFIXEDSZ) return false;
    p += n + NS_QFIXEDSZ;
  }
  for (int i = 0; i < answers; ++i) {
    const int n = dn_skipname(p, eom);
    if (n < 0 || eom - (p + n) < NS_RRFIXEDSZ) return false;
    p += n;
    const int rr_type = read16(p);
    const int rr_class = read16(p + 2);
    const size_t rdlen = read16(p + 8);
    p += NS_RRFIXEDSZ;
    if (static_cast<size_t>(eom - p) < rdlen) return false;
    if (rr_type == type && rr_class == ns_c_in) a.rdata.emplace_back(p, rdlen);
    p += rdlen;
  }
  return true;
}

// Sends one query. On failure `error` is set (Go's texts); no records is `no such host`.
Answer query(const QuerySetup& setup, const std::string& name, int type, std::string& error) {
  Answer answer;
  ResolverState st;
  if (!st.init()) {
    error = "cannot initialise the resolver";
    return answer;
  }
  res_state rs = st.get();
  // Each try waits `retrans` seconds: keep the worker's life close to the caller's limit.
  const auto secs = std::chrono::ceil<std::chrono::seconds>(setup.timeout).count();
  rs->retrans = static_cast<int>(std::clamp<int64_t>(secs, 1, 30));
  rs->retry = 1;
  if (!setup.servers.empty()) {
    const size_t n = std::min<size_t>(setup.servers.size(), MAXNS);
    for (size_t i = 0; i < n; ++i) rs->nsaddr_list[i] = setup.servers[i];
    rs->nscount = static_cast<int>(n);
  }
  answer.message.resize(65536);
  errno = 0;
  const int len = setup.servers.empty()
                      ? res_nsearch(rs, name.c_str(), ns_c_in, type, answer.message.data(),
                                    static_cast<int>(answer.message.size()))
                      : res_nquery(rs, name.c_str(), ns_c_in, type, answer.message.data(),
                                   static_cast<int>(answer.message.size()));
  if (len < 0) {
    const int saved_errno = errno;
    switch (rs->res_h_errno) {
      case HOST_NOT_FOUND:
      case NO_DATA:
        error = std::string(kNoSuchHost);
        break;
      case TRY_AGAIN:
        error = std::string(saved_errno == ETIMEDOUT ? kTimeout : kMisbehaving);
        break;
      default:
        error = std::string(kMisbehaving);
        break;
    }
    return answer;
  }
  answer.message.resize(static_cast<size_t>(std::min<int>(len, 65536)));
  if (!parse_answers(answer, type)) error = "cannot unmarshal DNS message";
  if (!error.empty()) return answer;
  if (answer.rdata.empty()) error = std::string(kNoSuchHost);
  return answer;
}

Outcome dns_lookup_txt(const QuerySetup& setup, const std::string& name) {
  Outcome out;
  const Answer a = query(setup, name, ns_t_txt, out.error);
  if (!out.error.empty()) return out;
  for (const auto& [data, len] : a.rdata) {
    std::string record;
    size_t i = 0;
    while (i < len) {
      const size_t n = data[i];
      if (i + 1 + n > len) {
        out.error = "cannot unmarshal DNS message";
        out.names.clear();
        return out;
      }
      record.append(reinterpret_cast<const char*>(data + i + 1), n);
      i += 1 + n;
    }
    out.names.push_back(std::move(record));
  }
  return out;
}

Outcome dns_lookup_host(const QuerySetup& setup, const std::string& name) {
  Outcome out;
  std::string err4;
  std::string err6;
  const Answer a4 = query(setup, name, ns_t_a, err4);
  for (const auto& [data, len] : a4.rdata) {
    if (len == 4) add_unique(out.names, address_text(AF_INET, data));
  }
  const Answer a6 = query(setup, name, ns_t_aaaa, err6);
  for (const auto& [data, len] : a6.rdata) {
    if (len == 16) add_unique(out.names, address_text(AF_INET6, data));
  }
  if (out.names.empty()) out.error = err4.empty() ? (err6.empty() ? "no such host" : err6) : err4;
  return out;
}

std::string reverse_name(const ParsedAddress& addr) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  if (addr.family == AF_INET) {
    for (int i = 3; i >= 0; --i) out += std::to_string(addr.bytes[i]) + ".";
    return out + "in-addr.arpa.";
  }
  for (int i = 15; i >= 0; --i) {
    out.push_back(kHex[addr.bytes[i] & 0xf]);
    out.push_back('.');
    out.push_back(kHex[addr.bytes[i] >> 4]);
    out.push_back('.');
  }
  return out + "ip6.arpa.";
}

Outcome dns_lookup_addr(const QuerySetup& setup, const ParsedAddress& addr) {
  Outcome out;
  const Answer a = query(setup, reverse_name(addr), ns_t_ptr, out.error);
  if (!out.error.empty()) return out;
  const unsigned char* som = a.message.data();
  const unsigned char* eom = som + a.message.size();
  for (const auto& [data, len] : a.rdata) {
    char buf[NS_MAXDNAME] = {0};
    if (dn_expand(som, eom, data, buf, sizeof(buf)) < 0) {
      out.error = "cannot unmarshal DNS message";
      out.names.clear();
      return out;
    }
    out.names.push_back(fqdn(buf));
  }
  return out;
}

QuerySetup make_setup(const Resolver::Options& options) {
  QuerySetup setup{{}, options.timeout};
  for (const std::string& ns : options.nameservers) {
    sockaddr_in sa{};
    if (!parse_nameserver(ns, sa)) throw Error("dns: invalid nameserver \"" + ns + "\"");
    setup.servers.push_back(sa);
  }
  return setup;
}

}  // namespace

Resolver::Resolver() : pool_(std::make_shared<WorkerPool>(kMaxLookupThreads, kMaxQueuedLookups)) {}

Resolver::Resolver(Options options)
    : options_(std::move(options)),
      pool_(std::make_shared<WorkerPool>(kMaxLookupThreads, kMaxQueuedLookups)) {
  make_setup(options_);  // validates the nameservers
}

std::vector<std::string> Resolver::lookup_host(std::string_view name, const Context& ctx) const {
  if (!plausible_name(name)) throw Error("lookup " + std::string(name) + ": no such host");
  QuerySetup setup = make_setup(options_);
  std::string n(name);
  if (setup.servers.empty()) {
    return run_bounded(name, options_.timeout, ctx, *pool_, [n] { return system_lookup_host(n); });
  }
  return run_bounded(name, options_.timeout, ctx, *pool_,
                     [n, setup = std::move(setup)] { return dns_lookup_host(setup, n); });
}

std::vector<std::string> Resolver::lookup_addr(std::string_view addr, const Context& ctx) const {
  ParsedAddress parsed;
  if (!parse_address(std::string(addr), parsed)) {
    throw Error("lookup " + std::string(addr) + ": unrecognized address");
  }
  QuerySetup setup = make_setup(options_);
  if (setup.servers.empty()) {
    return run_bounded(addr, options_.timeout, ctx, *pool_,
                       [parsed] { return system_lookup_addr(parsed); });
  }
  return run_bounded(addr, options_.timeout, ctx, *pool_,
                     [parsed, setup = std::move(setup)] { return dns_lookup_addr(setup, parsed); });
}

std::vector<std::string> Resolver::lookup_txt(std::string_view name, const Context& ctx) const {
  if (!plausible_name(name)) throw Error("lookup " + std::string(name) + ": no such host");
  QuerySetup setup = make_setup(options_);
  std::string n(name);
  return run_bounded(name, options_.timeout, ctx, *pool_,
                     [n, setup = std::move(setup)] { return dns_lookup_txt(setup, n); });
}

}  // namespace sub::dns
