// services/dns Resolver and the enrich_dns_* transforms. Forward/reverse lookups of
// localhost / 127.0.0.1 go through /etc/hosts; everything else is asked of a DNS server the
// test runs on 127.0.0.1. Nothing outside 127.0.0.0/8 is contacted.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "config/settings.h"
#include "services/dns/resolver.h"
#include "tests/unit/dns_test_server.h"
#include "transform/enrich/dns_lookup.h"

namespace sub {

namespace {

using Clock = std::chrono::steady_clock;
using Strings = std::vector<std::string>;
using testing::DnsTestServer;

dns::Resolver local_resolver(const DnsTestServer& server,
                             std::chrono::milliseconds timeout = std::chrono::seconds(1)) {
  dns::Resolver::Options o;
  o.timeout = timeout;
  o.nameservers = {server.address()};
  return dns::Resolver(o);
}

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "<no error>";
}

// ---- Resolver ----

TEST(DnsResolverTest, ForwardLookupUsesHostsFile) {
  dns::Resolver r;
  const Strings addrs = r.lookup_host("localhost", Context{});
  EXPECT_NE(std::find(addrs.begin(), addrs.end(), "127.0.0.1"), addrs.end());
}

TEST(DnsResolverTest, ForwardLookupOfLiteralGivesItself) {
  dns::Resolver r;
  EXPECT_EQ(r.lookup_host("127.0.0.1", Context{}), Strings{"127.0.0.1"});
  EXPECT_EQ(r.lookup_host("::1", Context{}), Strings{"::1"});
}

TEST(DnsResolverTest, ReverseLookupUsesHostsFileAndQualifiesNames) {
  dns::Resolver r;
  const Strings names = r.lookup_addr("127.0.0.1", Context{});
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "localhost.");
}

TEST(DnsResolverTest, BadInputFailsWithoutAsking) {
  dns::Resolver r;
  EXPECT_EQ(error_of([&] { r.lookup_addr("not-an-ip", Context{}); }),
            "lookup not-an-ip: unrecognized address");
  EXPECT_EQ(error_of([&] { r.lookup_host("", Context{}); }), "lookup : no such host");
  EXPECT_EQ(error_of([&] { r.lookup_txt("", Context{}); }), "lookup : no such host");
}

TEST(DnsResolverTest, ZeroTimeoutFailsImmediately) {
  dns::Resolver::Options o;
  o.timeout = std::chrono::nanoseconds(0);
  dns::Resolver r(o);
  EXPECT_EQ(error_of([&] { r.lookup_host("localhost", Context{}); }),
            "lookup localhost: i/o timeout");
}

TEST(DnsResolverTest, InvalidNameserverIsRejected) {
  dns::Resolver::Options o;
  o.nameservers = {"nowhere:53"};
  EXPECT_EQ(error_of([&] { dns::Resolver r(o); }), "dns: invalid nameserver \"nowhere:53\"");
}

TEST(DnsResolverTest, TxtRecordsFromServerJoinStrings) {
  DnsTestServer server;
  server.add_txt("example.test", {"v=spf1 ", "-all"});
  server.add_txt("example.test", {"second"});
  const dns::Resolver r = local_resolver(server);
  EXPECT_EQ(r.lookup_txt("example.test", Context{}), (Strings{"v=spf1 -all", "second"}));
}

TEST(DnsResolverTest, UnknownNameIsNoSuchHost) {
  DnsTestServer server;
  const dns::Resolver r = local_resolver(server);
  EXPECT_EQ(error_of([&] { r.lookup_txt("missing.test", Context{}); }),
            "lookup missing.test: no such host");
  EXPECT_EQ(error_of([&] { r.lookup_host("missing.test", Context{}); }),
            "lookup missing.test: no such host");
}

TEST(DnsResolverTest, NameWithoutTxtRecordsIsNoSuchHost) {
  DnsTestServer server;
  server.add_a("host.test", "127.0.0.9");
  const dns::Resolver r = local_resolver(server);
  EXPECT_EQ(error_of([&] { r.lookup_txt("host.test", Context{}); }),
            "lookup host.test: no such host");
}

TEST(DnsResolverTest, ForwardAndReverseThroughServer) {
  DnsTestServer server;
  server.add_a("host.test", "127.0.0.9");
  server.add_ptr("9.0.0.127.in-addr.arpa", "host.test");
  const dns::Resolver r = local_resolver(server);
  EXPECT_EQ(r.lookup_host("host.test", Context{}), Strings{"127.0.0.9"});
  EXPECT_EQ(r.lookup_addr("127.0.0.9", Context{}), Strings{"host.test."});
}

TEST(DnsResolverTest, SilentServerTimesOutInBoundedTime) {
  DnsTestServer server;
  server.add_silent("slow.test");
  const dns::Resolver r = local_resolver(server, std::chrono::milliseconds(200));
  const auto start = Clock::now();
  EXPECT_EQ(error_of([&] { r.lookup_txt("slow.test", Context{}); }),
            "lookup slow.test: i/o timeout");
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(900));
}

// Lookups whose callers gave up keep their threads until the lookup ends; past the bound a
// new lookup waits for a free thread and fails at its deadline instead of starting one more.
TEST(DnsResolverTest, HungLookupsAreBoundedInThreads) {
  DnsTestServer server;
  server.add_silent("slow.test");
  const dns::Resolver r = local_resolver(server, std::chrono::seconds(3));
  for (int i = 0; i < dns::Resolver::kMaxLookupThreads; ++i) {
    Context ctx;
    ctx.deadline = Clock::now() + std::chrono::milliseconds(20);
    EXPECT_EQ(error_of([&] { r.lookup_txt("slow.test", ctx); }), "lookup slow.test: i/o timeout");
  }
  Context ctx;
  ctx.deadline = Clock::now() + std::chrono::milliseconds(20);
  EXPECT_EQ(error_of([&] { r.lookup_txt("slow.test", ctx); }),
            "lookup slow.test: i/o timeout (all 16 lookup threads are busy)");
}

TEST(DnsResolverTest, ContextDeadlineAndCancellationEndTheWait) {
  DnsTestServer server;
  server.add_silent("slow.test");
  const dns::Resolver r = local_resolver(server, std::chrono::seconds(5));
  Context ctx;
  ctx.deadline = Clock::now() + std::chrono::milliseconds(150);
  auto start = Clock::now();
  EXPECT_EQ(error_of([&] { r.lookup_txt("slow.test", ctx); }), "lookup slow.test: i/o timeout");
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(900));

  std::atomic<bool> cancel{false};
  Context cctx;
  cctx.cancelled = &cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel = true;
  });
  start = Clock::now();
  EXPECT_EQ(error_of([&] { r.lookup_txt("slow.test", cctx); }),
            "lookup slow.test: operation was canceled");
  canceller.join();
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(900));
}

TEST(DnsResolverTest, ConcurrentLookups) {
  DnsTestServer server;
  server.add_txt("example.test", {"hello"});
  const dns::Resolver r = local_resolver(server);
  const dns::Resolver system;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 5; ++j) {
        try {
          if (r.lookup_txt("example.test", Context{}) == Strings{"hello"}) ++ok;
          if (system.lookup_host("localhost", Context{}).size() >= 1) ++ok;
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 80);
}

// ---- Transforms ----

struct Harness {
  explicit Harness(const std::string& transforms_json) {
    catalogue::Registry registry = catalogue::Registry::builtin();
    pipeline = catalogue::build_pipeline(
        config::Node::parse(R"({"transforms":)" + transforms_json + "}"), services, registry);
  }
  std::vector<Message> run(Message m) { return pipeline.chain.apply(std::move(m), Context{}); }
  services::Services services;
  catalogue::Pipeline pipeline;
};

std::string build_error(const std::string& transforms_json) {
  return error_of([&] { Harness h(transforms_json); });
}

TEST(EnrichDnsTest, DomainLookupDataMode) {
  Harness h(R"([{"type":"enrich_dns_domain_lookup"}])");
  const auto out = h.run(Message("localhost"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data(), "127.0.0.1");
}

TEST(EnrichDnsTest, DomainLookupObjectMode) {
  Harness h(
      R"([{"type":"enrich_dns_domain_lookup","settings":{"object":{"source_key":"host","target_key":"addrs"},"request":{"timeout":"2s"}}}])");
  const auto out = h.run(Message(R"({"host":"localhost"})"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].data().find(R"("addrs":[)"), std::string::npos) << out[0].data();
  EXPECT_NE(out[0].data().find(R"("127.0.0.1")"), std::string::npos) << out[0].data();
}

TEST(EnrichDnsTest, IpLookupDataAndObjectMode) {
  Harness data(R"([{"type":"enrich_dns_ip_lookup"}])");
  EXPECT_EQ(data.run(Message("127.0.0.1"))[0].data(), "localhost.");
  Harness obj(
      R"([{"type":"enrich_dns_ip_lookup","settings":{"object":{"source_key":"ip","target_key":"names"}}}])");
  EXPECT_EQ(obj.run(Message(R"({"ip":"127.0.0.1"})"))[0].data(),
            R"({"ip":"127.0.0.1","names":["localhost."]})");
}

TEST(EnrichDnsTest, MissingSourceOrNonJsonDataLeavesMessageUnchanged) {
  Harness h(
      R"([{"type":"enrich_dns_ip_lookup","settings":{"object":{"source_key":"ip","target_key":"names"}}}])");
  EXPECT_EQ(h.run(Message(R"({"other":1})"))[0].data(), R"({"other":1})");
  EXPECT_EQ(h.run(Message("not json"))[0].data(), "not json");
}

TEST(EnrichDnsTest, ControlMessagesPassThrough) {
  Harness h(R"([{"type":"enrich_dns_text_lookup"}])");
  const auto out = h.run(Message::control());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].is_control());
}

TEST(EnrichDnsTest, LookupErrorsNameTransformAndField) {
  Harness data(R"([{"type":"enrich_dns_ip_lookup"}])");
  EXPECT_EQ(error_of([&] { data.run(Message("bogus")); }),
            "transform enrich_dns_ip_lookup (transforms:1): lookup bogus: unrecognized address");
  Harness obj(
      R"([{"type":"enrich_dns_ip_lookup","settings":{"object":{"source_key":"ip","target_key":"names"}}}])");
  EXPECT_EQ(
      error_of([&] { obj.run(Message(R"({"ip":"bogus"})")); }),
      "transform enrich_dns_ip_lookup (transforms:1): object.source_key \"ip\": lookup bogus: "
      "unrecognized address");
}

TEST(EnrichDnsTest, ConfigErrors) {
  EXPECT_NE(build_error(
                R"([{"type":"enrich_dns_domain_lookup","settings":{"object":{"source_key":"a"}}}])")
                .find("object.target_key: missing required option"),
            std::string::npos);
  EXPECT_NE(
      build_error(
          R"([{"type":"enrich_dns_domain_lookup","settings":{"request":{"timeout":"soon"}}}])")
          .find("request.timeout"),
      std::string::npos);
}

TEST(EnrichDnsTest, TextLookupThroughLoopbackServer) {
  DnsTestServer server;
  server.add_txt("example.test", {"one"});
  server.add_txt("example.test", {"two"});
  dns::Resolver::Options options;
  options.nameservers = {server.address()};

  const config::Node obj = config::Node::parse(
      R"({"object":{"source_key":"name","target_key":"txt"},"request":{"timeout":"500ms"}})");
  auto t =
      transform::new_enrich_dns_lookup(config::Settings(&obj, "transform enrich_dns_text_lookup"),
                                       transform::DnsLookupKind::kText, options);
  std::vector<Message> out;
  t->transform(Message(R"({"name":"example.test"})"), out, Context{});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data(), R"({"name":"example.test","txt":["one","two"]})");

  const config::Node none = config::Node::parse("{}");
  auto d =
      transform::new_enrich_dns_lookup(config::Settings(&none, "transform enrich_dns_text_lookup"),
                                       transform::DnsLookupKind::kText, options);
  out.clear();
  d->transform(Message("example.test"), out, Context{});
  EXPECT_EQ(out[0].data(), "one");
  EXPECT_EQ(error_of([&] { d->transform(Message("missing.test"), out, Context{}); }),
            "lookup missing.test: no such host");
}

}  // namespace
}  // namespace sub
