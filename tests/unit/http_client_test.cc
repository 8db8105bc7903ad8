// services/http RetryingClient against an HTTP server the test runs on 127.0.0.1.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "services/http/retrying_client.h"
#include "tests/unit/http_test_server.h"

namespace sub::http {
namespace {

using Clock = std::chrono::steady_clock;
using sub::testing::closed_port;
using sub::testing::HttpTestServer;
using Reply = HttpTestServer::Reply;

RetryingClient::Policy fast_policy(int attempts = 5) {
  RetryingClient::Policy p;
  p.max_attempts = attempts;
  p.wait_min = std::chrono::milliseconds(1);
  p.wait_max = std::chrono::milliseconds(5);
  return p;
}

Request get(const std::string& url) {
  Request r;
  r.method = "GET";
  r.url = url;
  return r;
}

std::string error_of(const RetryingClient& c, const Request& r, const Context& ctx = {}) {
  try {
    c.send(r, ctx);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(RetryingClientTest, GetSendsCanonicalHeadersAndReturnsBody) {
  HttpTestServer server;
  server.script(Reply{200, R"({"a": 1})", {}, {}});
  RetryingClient client(fast_policy());
  Request r = get(server.url("/path?q=1"));
  r.headers = {{"x-api-key", "secret"}, {"Empty", ""}};
  const Response resp = client.send(r, Context{});
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.body, R"({"a": 1})");
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "GET");
  EXPECT_EQ(reqs[0].target, "/path?q=1");
  EXPECT_EQ(reqs[0].header("x-api-key"), "secret");
  EXPECT_TRUE(reqs[0].has("empty"));
  EXPECT_FALSE(reqs[0].has("accept"));
  EXPECT_FALSE(reqs[0].has("content-type"));
}

TEST(RetryingClientTest, PostSendsBodyWithoutAddedHeaders) {
  HttpTestServer server;
  RetryingClient client(fast_policy());
  Request r;
  r.method = "POST";
  r.url = server.url("/in");
  r.body = R"({"x":"y"})";
  EXPECT_EQ(client.send(r, Context{}).status, 200);
  r.headers = {{"content-type", "text/plain"}};
  client.send(r, Context{});
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].body, R"({"x":"y"})");
  EXPECT_FALSE(reqs[0].has("content-type"));
  EXPECT_FALSE(reqs[0].has("expect"));
  EXPECT_EQ(reqs[1].header("content-type"), "text/plain");
}

TEST(RetryingClientTest, RetriesServerErrorThenSucceeds) {
  HttpTestServer server;
  server.script(Reply{500, "boom", {}, {}});
  server.script(Reply{503, "busy", {}, {}});
  server.script(Reply{200, "fine", {}, {}});
  RetryingClient client(fast_policy());
  const Response resp = client.send(get(server.url()), Context{});
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.body, "fine");
  EXPECT_EQ(server.count(), 3u);
}

TEST(RetryingClientTest, RetriesTooManyRequests) {
  HttpTestServer server;
  server.script(Reply{429, "slow down", {}, {}});
  RetryingClient client(fast_policy());
  EXPECT_EQ(client.send(get(server.url()), Context{}).status, 200);
  EXPECT_EQ(server.count(), 2u);
}

TEST(RetryingClientTest, NotImplementedAndClientErrorsAreReturnedWithoutRetry) {
  HttpTestServer server;
  server.script(Reply{501, "nope", {}, {}});
  server.script(Reply{404, "missing", {}, {}});
  RetryingClient client(fast_policy());
  Response resp = client.send(get(server.url()), Context{});
  EXPECT_EQ(resp.status, 501);
  EXPECT_EQ(resp.body, "nope");
  resp = client.send(get(server.url()), Context{});
  EXPECT_EQ(resp.status, 404);
  EXPECT_EQ(server.count(), 2u);
}

TEST(RetryingClientTest, GivesUpAfterMaxAttempts) {
  HttpTestServer server;
  server.set_default(Reply{500, "boom", {}, {}});
  RetryingClient client(fast_policy());
  EXPECT_EQ(error_of(client, get(server.url("/x"))),
            "GET " + server.url("/x") + " giving up after 5 attempt(s)");
  EXPECT_EQ(server.count(), 5u);
}

TEST(RetryingClientTest, ConnectionRefusedIsRetriedThenFails) {
  RetryingClient client(fast_policy(3));
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
  const auto start = Clock::now();
  const std::string err = error_of(client, get(url));
  EXPECT_EQ(err.rfind("GET " + url + " giving up after 3 attempt(s): ", 0), 0u) << err;
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
}

TEST(RetryingClientTest, BackoffWaitsBetweenAttempts) {
  HttpTestServer server;
  server.script(Reply{500, "", {}, {}});
  server.script(Reply{500, "", {}, {}});
  RetryingClient::Policy p;
  p.wait_min = std::chrono::milliseconds(40);
  p.wait_max = std::chrono::milliseconds(1000);
  RetryingClient client(p);
  const auto start = Clock::now();
  EXPECT_EQ(client.send(get(server.url()), Context{}).status, 200);
  // 40ms then 80ms.
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(120));
}

TEST(RetryingClientTest, RetryAfterIsHonouredUpToWaitMax) {
  HttpTestServer server;
  server.script(Reply{429, "", {{"Retry-After", "3600"}}, {}});
  RetryingClient::Policy p;
  p.wait_min = std::chrono::milliseconds(1);
  p.wait_max = std::chrono::milliseconds(150);
  RetryingClient client(p);
  const auto start = Clock::now();
  EXPECT_EQ(client.send(get(server.url()), Context{}).status, 200);
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(140));
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
}

TEST(RetryingClientTest, SlowAttemptTimesOutAndIsRetried) {
  HttpTestServer server;
  server.script(Reply{200, "late", {}, std::chrono::milliseconds(1500)});
  server.script(Reply{200, "quick", {}, {}});
  RetryingClient client(fast_policy());
  Request r = get(server.url());
  r.timeout = std::chrono::milliseconds(200);
  const auto start = Clock::now();
  EXPECT_EQ(client.send(r, Context{}).body, "quick");
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1400));
}

TEST(RetryingClientTest, ContextDeadlineBoundsTheCall) {
  HttpTestServer server;
  server.set_default(Reply{200, "late", {}, std::chrono::milliseconds(1500)});
  RetryingClient client(fast_policy());
  Context ctx;
  ctx.deadline = Clock::now() + std::chrono::milliseconds(200);
  const auto start = Clock::now();
  EXPECT_EQ(error_of(client, get(server.url()), ctx),
            "GET " + server.url() + ": context deadline exceeded");
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000));
}

TEST(RetryingClientTest, DeadlineBeforeBackoffEndsFailsAtOnce) {
  HttpTestServer server;
  server.set_default(Reply{500, "", {}, {}});
  RetryingClient client;  // default policy: 1s first wait
  Context ctx;
  ctx.deadline = Clock::now() + std::chrono::milliseconds(300);
  const auto start = Clock::now();
  EXPECT_EQ(error_of(client, get(server.url()), ctx),
            "GET " + server.url() + ": context deadline exceeded");
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(300));
  EXPECT_EQ(server.count(), 1u);
}

TEST(RetryingClientTest, CancellationStopsTransferAndWaits) {
  HttpTestServer server;
  server.set_default(Reply{200, "late", {}, std::chrono::milliseconds(4000)});
  RetryingClient client(fast_policy());
  std::atomic<bool> cancel{false};
  Context ctx;
  ctx.cancelled = &cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    cancel = true;
  });
  const auto start = Clock::now();
  EXPECT_EQ(error_of(client, get(server.url()), ctx), "GET " + server.url() + ": context canceled");
  canceller.join();
  // curl looks at the flag about once a second while it waits.
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(2500));
}

TEST(RetryingClientTest, UnsupportedSchemeIsNotRetried) {
  RetryingClient client(fast_policy());
  const std::string err = error_of(client, get("file:///etc/hostname"));
  EXPECT_EQ(err.rfind("GET file:///etc/hostname: ", 0), 0u) << err;
  EXPECT_EQ(err.find("giving up"), std::string::npos) << err;
}

TEST(RetryingClientTest, ErrorsRedactPasswords) {
  RetryingClient client(fast_policy(1));
  const int port = closed_port();
  const std::string err =
      error_of(client, get("http://user:hunter2@127.0.0.1:" + std::to_string(port) + "/"));
  EXPECT_EQ(err.find("hunter2"), std::string::npos) << err;
  EXPECT_NE(err.find("user:xxxxx@127.0.0.1"), std::string::npos) << err;
}

TEST(RetryingClientTest, ConcurrentRequestsShareTheClient) {
  HttpTestServer server;
  RetryingClient client(fast_policy());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 5; ++j) {
        if (client.send(get(server.url()), Context{}).status == 200) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 20);
  EXPECT_EQ(server.count(), 20u);
}

TEST(HttpHelpersTest, CanonicalHeaderKey) {
  EXPECT_EQ(canonical_header_key("x-api-key"), "X-Api-Key");
  EXPECT_EQ(canonical_header_key("CONTENT-TYPE"), "Content-Type");
  EXPECT_EQ(canonical_header_key("dd-api-key"), "Dd-Api-Key");
  EXPECT_EQ(canonical_header_key("bad key"), "bad key");
  EXPECT_EQ(canonical_header_key(""), "");
}

TEST(HttpHelpersTest, RedactUrl) {
  EXPECT_EQ(redact_url("https://u:p@host/x"), "https://u:xxxxx@host/x");
  EXPECT_EQ(redact_url("https://u@host/x"), "https://u@host/x");
  EXPECT_EQ(redact_url("https://host/x?a=b@c"), "https://host/x?a=b@c");
  EXPECT_EQ(redact_url("not a url"), "not a url");
}

}  // namespace
}  // namespace sub::http
