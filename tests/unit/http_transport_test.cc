// services/http/transport.h, the one HTTP exchange every caller goes through, against a
// server the test runs on 127.0.0.1 (tests/unit/http_test_server.h).
#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>

#include "services/http/proxy_choice.h"
#include "services/http/transport.h"
#include "tests/unit/http_test_server.h"

namespace sub::http {
namespace {

using Clock = std::chrono::steady_clock;
using Failure = Transport::Failure;
using sub::testing::closed_port;
using sub::testing::HttpTestServer;
using Reply = HttpTestServer::Reply;

Transport::Request get(const std::string& url) {
  Transport::Request r;
  r.url = url;
  return r;
}

// `text` as a gzip stream.
std::string gzip(const std::string& text) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(text.size() + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// Sets (or, with nullopt, unsets) an environment variable for the test's lifetime.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// No proxy variable set, whatever the machine running the tests has.
struct NoProxyEnv {
  ScopedEnv a{"HTTP_PROXY", std::nullopt}, b{"http_proxy", std::nullopt};
  ScopedEnv c{"HTTPS_PROXY", std::nullopt}, d{"https_proxy", std::nullopt};
  ScopedEnv e{"NO_PROXY", std::nullopt}, f{"no_proxy", std::nullopt};
  ScopedEnv g{"ALL_PROXY", std::nullopt}, h{"all_proxy", std::nullopt};
};

TEST(TransportTest, ReturnsStatusBodyAndCapturedHeaders) {
  HttpTestServer server;
  server.script(Reply{404, "missing", {{"X-Answer", "42"}}, {}});
  Transport::Options o;
  o.capture_headers = true;
  const Transport::Result r = Transport().exchange(get(server.url("/a?b=c")), o);
  ASSERT_TRUE(r.answered()) << r.error;
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "missing");
  EXPECT_EQ(r.header("x-answer"), "42");
  EXPECT_EQ(r.header("content-length"), "7");
  EXPECT_EQ(r.header("absent"), "");
  ASSERT_EQ(server.count(), 1u);
  EXPECT_EQ(server.requests()[0].target, "/a?b=c");
  EXPECT_EQ(server.requests()[0].header("user-agent"), "substation-cpp");
}

TEST(TransportTest, HeadersAreNotCapturedUnlessAsked) {
  HttpTestServer server;
  const Transport::Result r = Transport().exchange(get(server.url()), {});
  ASSERT_TRUE(r.answered()) << r.error;
  EXPECT_TRUE(r.headers.empty());
}

TEST(TransportTest, OnlyGivenHeadersAddsNoneOfLibcurls) {
  HttpTestServer server;
  Transport::Request req = get(server.url());
  req.method = "POST";
  req.body = "payload";
  req.headers = {{"X-Key", "k"}, {"X-Empty", ""}};
  Transport::Options o;
  o.only_given_headers = true;
  o.user_agent = false;
  ASSERT_TRUE(Transport().exchange(req, o).answered());
  o.only_given_headers = false;
  ASSERT_TRUE(Transport().exchange(req, o).answered());
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].body, "payload");
  EXPECT_EQ(seen[0].header("x-key"), "k");
  EXPECT_TRUE(seen[0].has("x-empty"));
  EXPECT_FALSE(seen[0].has("accept"));
  EXPECT_FALSE(seen[0].has("content-type"));
  EXPECT_FALSE(seen[0].has("expect"));
  EXPECT_FALSE(seen[0].has("user-agent"));
  EXPECT_EQ(seen[1].header("accept"), "*/*");
  EXPECT_EQ(seen[1].header("content-type"), "application/x-www-form-urlencoded");
}

TEST(TransportTest, OtherMethodsSendTheirBody) {
  HttpTestServer server;
  Transport::Request req = get(server.url());
  req.method = "PUT";
  req.body = "x=1";
  ASSERT_TRUE(Transport().exchange(req, {}).answered());
  ASSERT_EQ(server.count(), 1u);
  EXPECT_EQ(server.requests()[0].method, "PUT");
  EXPECT_EQ(server.requests()[0].body, "x=1");
}

TEST(TransportTest, GzipIsAskedForAndDecoded) {
  HttpTestServer server;
  const std::string text = "hello hello hello hello";
  server.script(Reply{200, gzip(text), {{"Content-Encoding", "gzip"}}, {}});
  Transport::Options o;
  o.accept_gzip = true;
  const Transport::Result r = Transport().exchange(get(server.url()), o);
  ASSERT_TRUE(r.answered()) << r.error;
  EXPECT_EQ(r.body, text);
  EXPECT_EQ(server.requests()[0].header("accept-encoding"), "gzip");
}

TEST(TransportTest, CallersAcceptEncodingIsSentAsGiven) {
  HttpTestServer server;
  Transport::Request req = get(server.url());
  req.headers = {{"Accept-Encoding", "identity"}};
  Transport::Options o;
  o.accept_gzip = true;
  ASSERT_TRUE(Transport().exchange(req, o).answered());
  EXPECT_EQ(server.requests()[0].header("accept-encoding"), "identity");
}

TEST(TransportTest, RedirectsAreNotFollowedUnlessAsked) {
  HttpTestServer server;
  server.script(Reply{302, "", {{"Location", "/there"}}, {}});
  server.script(Reply{302, "", {{"Location", "/there"}}, {}});
  server.script(Reply{200, "arrived", {}, {}});
  Transport::Result r = Transport().exchange(get(server.url("/here")), {});
  ASSERT_TRUE(r.answered()) << r.error;
  EXPECT_EQ(r.status, 302);
  Transport::Options o;
  o.follow_redirects = true;
  r = Transport().exchange(get(server.url("/here")), o);
  ASSERT_TRUE(r.answered()) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "arrived");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[2].target, "/there");
}

TEST(TransportTest, RedirectToAFileUrlIsRefused) {
  HttpTestServer server;
  server.script(Reply{302, "", {{"Location", "file:///etc/passwd"}}, {}});
  Transport::Options o;
  o.follow_redirects = true;
  const Transport::Result r = Transport().exchange(get(server.url()), o);
  EXPECT_EQ(r.failure, Failure::kPermanent) << r.error;
  EXPECT_EQ(r.body.find("root:"), std::string::npos);
}

TEST(TransportTest, TooManyRedirectsFail) {
  HttpTestServer server;
  server.set_default(Reply{302, "", {{"Location", "/again"}}, {}});
  Transport::Options o;
  o.follow_redirects = true;
  const Transport::Result r = Transport().exchange(get(server.url()), o);
  EXPECT_EQ(r.failure, Failure::kPermanent) << r.error;
  EXPECT_EQ(server.count(), static_cast<size_t>(Transport::kMaxRedirects + 1));
}

TEST(TransportTest, OtherSchemesAreRefused) {
  const Transport::Result r = Transport().exchange(get("file:///etc/passwd"), {});
  EXPECT_EQ(r.failure, Failure::kPermanent);
  EXPECT_TRUE(r.body.empty());
}

TEST(TransportTest, TimeoutEndsASlowExchange) {
  HttpTestServer server;
  server.script(Reply{200, "late", {}, std::chrono::milliseconds(1500)});
  Transport::Options o;
  o.timeout = std::chrono::milliseconds(200);
  const auto start = Clock::now();
  const Transport::Result r = Transport().exchange(get(server.url()), o);
  EXPECT_EQ(r.failure, Failure::kTimedOut) << r.error;
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1200));
}

TEST(TransportTest, DeadlineEndsTheExchangeAndIsToldApart) {
  HttpTestServer server;
  server.set_default(Reply{200, "late", {}, std::chrono::milliseconds(1500)});
  Transport::Options o;
  o.timeout = std::chrono::seconds(30);
  o.deadline = Clock::now() + std::chrono::milliseconds(200);
  const auto start = Clock::now();
  Transport::Result r = Transport().exchange(get(server.url()), o);
  EXPECT_EQ(r.failure, Failure::kDeadline) << r.error;
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1200));

  // A deadline already passed: nothing is sent.
  const size_t before = server.count();
  o.deadline = Clock::now() - std::chrono::milliseconds(1);
  r = Transport().exchange(get(server.url()), o);
  EXPECT_EQ(r.failure, Failure::kDeadline);
  EXPECT_EQ(server.count(), before);
}

TEST(TransportTest, StallLimitEndsASilentServer) {
  HttpTestServer server;
  server.script(Reply{200, "late", {}, std::chrono::milliseconds(4000)});
  Transport::Options o;
  o.stall = std::chrono::seconds(1);
  const auto start = Clock::now();
  const Transport::Result r = Transport().exchange(get(server.url()), o);
  EXPECT_EQ(r.failure, Failure::kTimedOut) << r.error;
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(3500));
}

TEST(TransportTest, CancellationAbortsTheExchange) {
  HttpTestServer server;
  server.set_default(Reply{200, "late", {}, std::chrono::milliseconds(4000)});
  std::atomic<bool> cancel{false};
  Transport::Options o;
  o.cancelled = &cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    cancel = true;
  });
  const auto start = Clock::now();
  const Transport::Result r = Transport().exchange(get(server.url()), o);
  canceller.join();
  EXPECT_EQ(r.failure, Failure::kCancelled) << r.error;
  // libcurl calls the progress callback about once a second while it waits.
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(2500));
}

TEST(TransportTest, RefusedConnectionIsTransientWithBothTexts) {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
  const Transport::Result r = Transport().exchange(get(url), {});
  EXPECT_EQ(r.failure, Failure::kTransient);
  EXPECT_EQ(r.summary, "Couldn't connect to server");
  EXPECT_NE(r.error.find("127.0.0.1"), std::string::npos) << r.error;
}

TEST(TransportTest, ErrorsShowTheDisplayUrlInsteadOfTheRealOne) {
  Transport::Request req = get("http://127.0.0.1:" + std::to_string(closed_port()) + "/secret");
  req.display_url = "http://${SECRET:host}/x";
  const Transport::Result r = Transport().exchange(req, {});
  ASSERT_FALSE(r.answered());
  EXPECT_EQ(r.error.find("127.0.0.1"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("<host>"), std::string::npos) << r.error;
}

TEST(TransportTest, RetryAfterIsReported) {
  HttpTestServer server;
  server.script(Reply{429, "", {{"Retry-After", "7"}}, {}});
  server.script(Reply{200, "", {}, {}});
  Transport transport(2);  // the same transport again: its kept handle is reused
  EXPECT_EQ(transport.exchange(get(server.url()), {}).retry_after_seconds, 7);
  EXPECT_EQ(transport.exchange(get(server.url()), {}).retry_after_seconds, -1);
}

TEST(TransportTest, HttpProxyFromTheEnvironmentIsUsed) {
  // The proxy is the test server; the target host is never resolved or reached.
  HttpTestServer proxy;
  proxy.script(Reply{200, "via proxy", {}, {}});
  NoProxyEnv clean;
  ScopedEnv set("HTTP_PROXY", proxy.url());
  const Transport::Result r = Transport().exchange(get("http://example.invalid/path"), {});
  ASSERT_TRUE(r.answered()) << r.error;
  EXPECT_EQ(r.body, "via proxy");
  ASSERT_EQ(proxy.count(), 1u);
  EXPECT_EQ(proxy.requests()[0].target, "http://example.invalid/path");
}

TEST(TransportTest, LoopbackIsNeverProxied) {
  HttpTestServer server;
  NoProxyEnv clean;
  ScopedEnv set("HTTP_PROXY", "http://127.0.0.1:" + std::to_string(closed_port()));
  ScopedEnv lower("http_proxy", "http://127.0.0.1:" + std::to_string(closed_port()));
  const Transport::Result r = Transport().exchange(get(server.url()), {});
  ASSERT_TRUE(r.answered()) << r.error;
  EXPECT_EQ(server.count(), 1u);
}

TEST(ProxyChoiceTest, FollowsGosEnvironmentRules) {
  NoProxyEnv clean;
  EXPECT_EQ(ProxyChoice::for_url("https://example.com/").proxy, "");
  {
    ScopedEnv all("ALL_PROXY", "http://all:1");  // not used, as in Go
    EXPECT_EQ(ProxyChoice::for_url("https://example.com/").proxy, "");
  }
  ScopedEnv http_upper("HTTP_PROXY", "http://upper:1");
  ScopedEnv http_lower("http_proxy", "http://lower:1");
  ScopedEnv https_lower("https_proxy", "http://secure:1");
  EXPECT_EQ(ProxyChoice::for_url("http://example.com/").proxy, "http://upper:1");
  EXPECT_EQ(ProxyChoice::for_url("https://example.com/").proxy, "http://secure:1");
  EXPECT_EQ(ProxyChoice::for_url("http://localhost:8080/").proxy, "");
  EXPECT_EQ(ProxyChoice::for_url("http://127.0.0.1:9001/").proxy, "");
  EXPECT_EQ(ProxyChoice::for_url("http://[::1]:9001/").proxy, "");
  EXPECT_NE(ProxyChoice::for_url("http://example.com/").no_proxy.find("127.0.0.0/8"),
            std::string::npos);
  {
    ScopedEnv none("no_proxy", "*");
    EXPECT_EQ(ProxyChoice::for_url("http://example.com/").proxy, "");
  }
  ScopedEnv listed("NO_PROXY", "internal.example");
  EXPECT_EQ(ProxyChoice::for_url("http://example.com/").no_proxy.rfind("internal.example,", 0), 0u);
}

}  // namespace
}  // namespace sub::http
