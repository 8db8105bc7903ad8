// A DNS resolver with a per-lookup time limit: the equivalent of Go's net.LookupHost,
// net.LookupAddr and net.LookupTXT under a context with a timeout.
//
// By default the system's configuration is used: forward lookups go through getaddrinfo
// and reverse lookups through getnameinfo (so /etc/hosts and nsswitch apply), TXT lookups
// through libresolv (res_nsearch with /etc/resolv.conf, a private resolver state per call).
// When Options::nameservers is set, every lookup is a DNS query (A+AAAA, PTR, TXT) sent to
// those servers only, and /etc/hosts is not consulted.
//
// Each lookup runs on one of the Resolver's pool threads (core/worker_pool.h) and the caller
// waits at most the timeout (or until the Context's deadline or cancellation, whichever comes
// first); a lookup that overruns is abandoned and its thread finishes on its own. A Resolver
// is immutable and thread-safe; copies share the pool.
//
// Errors are sub::Error with Go's texts: `lookup <name>: no such host`,
// `lookup <name>: i/o timeout`, `lookup <name>: server misbehaving`,
// `lookup <addr>: unrecognized address`.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/context.h"
#include "core/worker_pool.h"

namespace sub::dns {

class Resolver {
 public:
  struct Options {
    // Limit of one lookup; zero or negative fails every lookup with `i/o timeout`, as a Go
    // context with that timeout does.
    std::chrono::nanoseconds timeout = std::chrono::seconds(1);
    // "ip" or "ip:port" (IPv4) / "[ip6]:port"; empty uses the system configuration.
    std::vector<std::string> nameservers;
  };

  // At most this many lookup threads run at once per Resolver; a lookup past it waits for a
  // free one (within its time limit). A thread whose caller gave up (a hung getaddrinfo)
  // keeps its place until it ends, so hung lookups cannot pile up without bound.
  static constexpr int kMaxLookupThreads = 16;
  // Lookups waiting for a thread past this many fail at once (`... threads are busy`).
  static constexpr int kMaxQueuedLookups = 1024;

  Resolver();
  explicit Resolver(Options options);

  const Options& options() const { return options_; }

  // The addresses of `name` (IPv4 and IPv6, as text). An IP literal gives itself.
  std::vector<std::string> lookup_host(std::string_view name, const Context& ctx) const;
  // The names of address `addr`, each fully qualified with a trailing dot (Go's form).
  std::vector<std::string> lookup_addr(std::string_view addr, const Context& ctx) const;
  // The TXT records of `name`; the character-strings of one record are concatenated.
  std::vector<std::string> lookup_txt(std::string_view name, const Context& ctx) const;

 private:
  Options options_;
  std::shared_ptr<WorkerPool> pool_;
};

}  // namespace sub::dns
