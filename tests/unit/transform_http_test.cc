// enrich_http_get, enrich_http_post and send_http_post against an HTTP server the test runs
// on 127.0.0.1. Retries wait milliseconds here (the registered factories are replaced by
// ones with a fast policy); nothing outside 127.0.0.0/8 is contacted.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "services/http/retrying_client.h"
#include "tests/unit/http_test_server.h"
#include "transform/enrich/http_request.h"

namespace sub::transform {
std::shared_ptr<Transform> new_send_http_post(const config::Settings& s, Builder& b,
                                              const http::RetryingClient::Policy& policy);
}  // namespace sub::transform

namespace sub {

namespace {

using Clock = std::chrono::steady_clock;
using Strings = std::vector<std::string>;
using testing::closed_port;
using testing::HttpTestServer;
using Reply = HttpTestServer::Reply;

http::RetryingClient::Policy fast_policy() {
  http::RetryingClient::Policy p;
  p.wait_min = std::chrono::milliseconds(1);
  p.wait_max = std::chrono::milliseconds(5);
  return p;
}

std::shared_ptr<transform::Transform> fast_get(const config::Settings& s, transform::Builder& b) {
  return transform::new_enrich_http_get(s, b, fast_policy());
}
std::shared_ptr<transform::Transform> fast_post(const config::Settings& s, transform::Builder& b) {
  return transform::new_enrich_http_post(s, b, fast_policy());
}
std::shared_ptr<transform::Transform> fast_send(const config::Settings& s, transform::Builder& b) {
  return transform::new_send_http_post(s, b, fast_policy());
}

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "<no error>";
}

// Replaces every `PORT` in `s` with the server's port.
std::string with_port(std::string s, int port) {
  const std::string p = std::to_string(port);
  for (size_t pos = s.find("PORT"); pos != std::string::npos; pos = s.find("PORT", pos)) {
    s.replace(pos, 4, p);
  }
  return s;
}

struct Harness {
  explicit Harness(const std::string& transforms_json, bool registered_factories = false) {
    catalogue::Registry registry = catalogue::Registry::builtin();
    if (!registered_factories) {
      registry.add_transform("enrich_http_get", &fast_get);
      registry.add_transform("enrich_http_post", &fast_post);
      registry.add_transform("send_http_post", &fast_send);
    }
    pipeline = catalogue::build_pipeline(
        config::Node::parse(R"({"transforms":)" + transforms_json + "}"), services, registry);
  }
  std::vector<Message> run(std::vector<Message> in) {
    return pipeline.chain.apply(std::move(in), Context{});
  }
  std::vector<Message> run(Message m) { return pipeline.chain.apply(std::move(m), Context{}); }
  services::Services services;
  catalogue::Pipeline pipeline;
};

std::string build_error(const std::string& transforms_json) {
  return error_of([&] { Harness h(transforms_json); });
}

std::string secret_step(const std::string& id, const std::string& env) {
  return R"({"type":"utility_secret","settings":{"secret":{"type":"environment_variable","settings":{"id":")" +
         id + R"(","name":")" + env + R"("}}}})";
}

// ---- enrich_http_get ----

TEST(EnrichHttpGetTest, DataModeInterpolatesDataAndCompactsJson) {
  HttpTestServer server;
  server.script(Reply{200, "{\n  \"ip\": \"1.2.3.4\",\n  \"ok\": true\n}\n", {}, {}});
  Harness h(with_port(
      R"([{"type":"enrich_http_get","settings":{"url":"http://127.0.0.1:PORT/lookup/${DATA}"}}])",
      server.port()));
  const auto out = h.run(Message("abc", R"({"m":1})"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data(), R"({"ip":"1.2.3.4","ok":true})");
  EXPECT_EQ(out[0].metadata(), R"({"m":1})");
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "GET");
  EXPECT_EQ(reqs[0].target, "/lookup/abc");
}

TEST(EnrichHttpGetTest, ObjectModeWritesBodyAtTarget) {
  HttpTestServer server;
  server.script(Reply{200, R"({"country": "NZ"})", {}, {}});
  server.script(Reply{404, "not found", {}, {}});
  Harness h(with_port(
      R"([{"type":"enrich_http_get","settings":{"url":"http://127.0.0.1:PORT/ip/${DATA}","headers":{"x-api-key":"k1"},"object":{"source_key":"ip","target_key":"geo"}}}])",
      server.port()));
  EXPECT_EQ(h.run(Message(R"({"ip":"8.8.8.8"})"))[0].data(),
            R"({"ip":"8.8.8.8","geo":{"country":"NZ"}})");
  // No status check: the 404 body is written as a string.
  EXPECT_EQ(h.run(Message(R"({"ip":"9.9.9.9"})"))[0].data(),
            R"({"ip":"9.9.9.9","geo":"not found"})");
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].target, "/ip/8.8.8.8");
  EXPECT_EQ(reqs[0].header("x-api-key"), "k1");
}

TEST(EnrichHttpGetTest, MissingSourceOrNonJsonDataMakesNoRequest) {
  HttpTestServer server;
  Harness h(with_port(
      R"([{"type":"enrich_http_get","settings":{"url":"http://127.0.0.1:PORT/${DATA}","object":{"source_key":"ip","target_key":"geo"}}}])",
      server.port()));
  EXPECT_EQ(h.run(Message(R"({"other":1})"))[0].data(), R"({"other":1})");
  EXPECT_EQ(h.run(Message("not json"))[0].data(), "not json");
  EXPECT_EQ(server.count(), 0u);
  const auto ctrl = h.run(Message::control());
  ASSERT_EQ(ctrl.size(), 1u);
  EXPECT_TRUE(ctrl[0].is_control());
}

TEST(EnrichHttpGetTest, SecretsInHeadersAtBuildAndInUrlPerMessage) {
  HttpTestServer server;
  ::setenv("SUBSTATION_HTTP_TEST_TOKEN", "t0ken", 1);
  ::setenv("SUBSTATION_HTTP_TEST_PATH", "secret-path", 1);
  Harness h(with_port(
      "[" + secret_step("tok", "SUBSTATION_HTTP_TEST_TOKEN") + "," +
          secret_step("path", "SUBSTATION_HTTP_TEST_PATH") + "," +
          R"({"type":"enrich_http_get","settings":{"url":"http://127.0.0.1:PORT/${SECRET:path}","headers":{"Authorization":"Bearer ${SECRET:tok}"}}}])",
      server.port()));
  h.run(Message("x"));
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].target, "/secret-path");
  EXPECT_EQ(reqs[0].header("authorization"), "Bearer t0ken");
}

TEST(EnrichHttpGetTest, RetriesServerErrorThenSucceeds) {
  HttpTestServer server;
  server.script(Reply{500, "boom", {}, {}});
  server.script(Reply{200, "fine", {}, {}});
  Harness h(with_port(R"([{"type":"enrich_http_get","settings":{"url":"http://127.0.0.1:PORT/"}}])",
                      server.port()));
  EXPECT_EQ(h.run(Message("x"))[0].data(), "fine");
  EXPECT_EQ(server.count(), 2u);
}

TEST(EnrichHttpGetTest, RegisteredFactoryRetriesWithDefaultPolicy) {
  HttpTestServer server;
  server.script(Reply{503, "busy", {{"Retry-After", "0"}}, {}});
  server.script(Reply{200, "fine", {}, {}});
  Harness h(with_port(R"([{"type":"enrich_http_get","settings":{"url":"http://127.0.0.1:PORT/"}}])",
                      server.port()),
            /*registered_factories=*/true);
  const auto start = Clock::now();
  EXPECT_EQ(h.run(Message("x"))[0].data(), "fine");
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(900));  // the 1s first wait
}

TEST(EnrichHttpGetTest, UnreachableServerFailsInBoundedTime) {
  Harness h("[" +
            with_port(R"({"type":"enrich_http_get","settings":{"url":"http://127.0.0.1:PORT/"}})",
                      closed_port()) +
            "]");
  const auto start = Clock::now();
  const std::string err = error_of([&] { h.run(Message("x")); });
  EXPECT_EQ(err.rfind("transform enrich_http_get (transforms:1): GET http://127.0.0.1:", 0), 0u)
      << err;
  EXPECT_NE(err.find("giving up after 5 attempt(s): "), std::string::npos) << err;
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
}

TEST(EnrichHttpGetTest, ConfigErrors) {
  EXPECT_NE(build_error(R"([{"type":"enrich_http_get","settings":{}}])")
                .find("enrich_http_get (transforms:1): url: missing required option"),
            std::string::npos)
      << build_error(R"([{"type":"enrich_http_get","settings":{}}])");
  const std::string bad_headers = build_error(
      R"([{"type":"enrich_http_get","settings":{"url":"http://127.0.0.1:1/","headers":[{"key":"a","value":"b"}]}}])");
  EXPECT_NE(bad_headers.find("enrich_http_get (transforms:1): headers:"), std::string::npos)
      << bad_headers;
  const std::string missing_secret = build_error(
      R"([{"type":"enrich_http_get","settings":{"url":"http://127.0.0.1:1/","headers":{"X-Key":"${SECRET:nope}"}}}])");
  EXPECT_NE(missing_secret.find("headers.X-Key: secrets: no secret found"), std::string::npos)
      << missing_secret;
}

TEST(EnrichHttpGetTest, MissingSecretInUrlIsAMessageError) {
  Harness h(
      R"([{"type":"enrich_http_get","settings":{"url":"http://127.0.0.1:1/${SECRET:nope}"}}])");
  EXPECT_EQ(error_of([&] { h.run(Message("x")); }),
            "transform enrich_http_get (transforms:1): url: secrets: no secret found");
}

// ---- enrich_http_post ----

TEST(EnrichHttpPostTest, PostsBodyValueAndWritesTarget) {
  HttpTestServer server;
  server.script(Reply{200, "[1, 2]", {}, {}});
  Harness h(with_port(
      R"([{"type":"enrich_http_post","settings":{"url":"http://127.0.0.1:PORT/api","headers":{"Content-Type":"application/json"},"object":{"body_key":"req","target_key":"resp"}}}])",
      server.port()));
  EXPECT_EQ(h.run(Message(R"({"req":{"q":"x"}})"))[0].data(), R"({"req":{"q":"x"},"resp":[1,2]})");
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].target, "/api");
  EXPECT_EQ(reqs[0].body, R"({"q":"x"})");
  EXPECT_EQ(reqs[0].header("content-type"), "application/json");
}

TEST(EnrichHttpPostTest, WithoutTargetTheAnswerIsDiscarded) {
  HttpTestServer server;
  Harness h(with_port(
      R"([{"type":"enrich_http_post","settings":{"url":"http://127.0.0.1:PORT/${DATA}","object":{"body_key":"b","source_key":"id"}}}])",
      server.port()));
  EXPECT_EQ(h.run(Message(R"({"id":"7","b":"text"})"))[0].data(), R"({"id":"7","b":"text"})");
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].target, "/7");
  EXPECT_EQ(reqs[0].body, "text");
}

TEST(EnrichHttpPostTest, MissingBodyOrNonJsonDataMakesNoRequest) {
  HttpTestServer server;
  Harness h(with_port(
      R"([{"type":"enrich_http_post","settings":{"url":"http://127.0.0.1:PORT/","object":{"body_key":"b","target_key":"r"}}}])",
      server.port()));
  EXPECT_EQ(h.run(Message(R"({"a":1})"))[0].data(), R"({"a":1})");
  EXPECT_EQ(h.run(Message("not json"))[0].data(), "not json");
  EXPECT_EQ(server.count(), 0u);
}

TEST(EnrichHttpPostTest, NotImplementedIsNotRetried) {
  HttpTestServer server;
  server.script(Reply{501, "no", {}, {}});
  Harness h(with_port(
      R"([{"type":"enrich_http_post","settings":{"url":"http://127.0.0.1:PORT/","object":{"body_key":"b","target_key":"r"}}}])",
      server.port()));
  EXPECT_EQ(h.run(Message(R"({"b":1})"))[0].data(), R"({"b":1,"r":"no"})");
  EXPECT_EQ(server.count(), 1u);
}

TEST(EnrichHttpPostTest, ConfigErrors) {
  const std::string no_body =
      build_error(R"([{"type":"enrich_http_post","settings":{"url":"http://127.0.0.1:1/"}}])");
  EXPECT_NE(
      no_body.find("enrich_http_post (transforms:1): object.body_key: missing required option"),
      std::string::npos)
      << no_body;
  const std::string no_url =
      build_error(R"([{"type":"enrich_http_post","settings":{"object":{"body_key":"b"}}}])");
  EXPECT_NE(no_url.find("url: missing required option"), std::string::npos) << no_url;
}

// ---- send_http_post ----

TEST(SendHttpPostTest, OnePostPerItemOnFullBatchAndControl) {
  HttpTestServer server;
  Harness h(with_port(
      R"([{"type":"send_http_post","settings":{"url":"http://127.0.0.1:PORT/ingest","headers":{"x-source":"sub"},"batch":{"count":2}}}])",
      server.port()));
  std::vector<Message> in;
  in.emplace_back(R"({"n":1})");
  in.emplace_back(R"({"n":2})");
  in.emplace_back(R"({"n":3})");
  const auto out = h.run(std::move(in));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[2].data(), R"({"n":3})");  // passed through unchanged
  EXPECT_EQ(server.count(), 2u);           // the first batch, sent when the third came
  h.run(Message::control());
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 3u);
  Strings bodies;
  for (const auto& r : reqs) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/ingest");
    EXPECT_EQ(r.header("x-source"), "sub");
    EXPECT_FALSE(r.has("content-type"));
    bodies.push_back(r.body);
  }
  EXPECT_EQ(bodies, (Strings{R"({"n":1})", R"({"n":2})", R"({"n":3})"}));
}

TEST(SendHttpPostTest, AuxiliaryTransformsShapeWhatIsSent) {
  HttpTestServer server;
  Harness h(with_port(
      R"([{"type":"send_http_post","settings":{"url":"http://127.0.0.1:PORT/","auxiliary_transforms":[{"type":"aggregate_to_string","settings":{"separator":"\n"}}]}}])",
      server.port()));
  h.run(std::vector<Message>{Message("a"), Message("b")});
  h.run(Message::control());
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].body, "a\nb");
}

TEST(SendHttpPostTest, SecretsAreInterpolatedAtSendTime) {
  HttpTestServer server;
  ::unsetenv("SUBSTATION_HTTP_TEST_LATE");
  // Built before the secret has a value (it is fetched again on every message): only
  // sending needs it.
  Harness h(with_port(
      R"([{"type":"utility_secret","settings":{"secret":{"type":"environment_variable","settings":{"id":"late","name":"SUBSTATION_HTTP_TEST_LATE","ttl_offset":"1ns"}}}},
          {"type":"send_http_post","settings":{"url":"http://127.0.0.1:PORT/${SECRET:late}","headers":{"Authorization":"${SECRET:late}"}}}])",
      server.port()));
  h.run(Message("x"));
  EXPECT_EQ(
      error_of([&] { h.run(Message::control()); }),
      "transform send_http_post (transforms:2): headers.Authorization: secrets: no secret found");
  ::setenv("SUBSTATION_HTTP_TEST_LATE", "v4lue", 1);
  h.run(Message("y"));
  h.run(Message::control());
  // The batch that failed was kept: "x" goes out now, with "y".
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].target, "/v4lue");
  EXPECT_EQ(reqs[0].header("authorization"), "v4lue");
  EXPECT_EQ(reqs[0].body, "x");
  EXPECT_EQ(reqs[1].body, "y");
}

TEST(SendHttpPostTest, RetriesAndFailsWhenServerStaysDown) {
  HttpTestServer server;
  server.script(Reply{429, "", {}, {}});
  server.script(Reply{500, "", {}, {}});
  Harness h(with_port(R"([{"type":"send_http_post","settings":{"url":"http://127.0.0.1:PORT/"}}])",
                      server.port()));
  h.run(Message("payload"));
  h.run(Message::control());
  EXPECT_EQ(server.count(), 3u);

  Harness down("[" +
               with_port(R"({"type":"send_http_post","settings":{"url":"http://127.0.0.1:PORT/"}})",
                         closed_port()) +
               "]");
  down.run(Message("payload"));
  const auto start = Clock::now();
  const std::string err = error_of([&] { down.run(Message::control()); });
  EXPECT_EQ(err.rfind("transform send_http_post (transforms:1): POST http://127.0.0.1:", 0), 0u)
      << err;
  EXPECT_NE(err.find("giving up after 5 attempt(s)"), std::string::npos) << err;
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
}

// A flush that fails keeps its batches: the next control message delivers every item.
TEST(SendHttpPostTest, FailedFlushKeepsEveryBatchForTheNextOne) {
  HttpTestServer server;
  for (int i = 0; i < 5; ++i) server.script(Reply{503, "", {}, {}});  // one attempt's retries
  Harness h(with_port(
      R"([{"type":"send_http_post","settings":{"url":"http://127.0.0.1:PORT/","object":{"batch_key":"k"}}}])",
      server.port()));
  h.run(std::vector<Message>{Message(R"({"k":"a"})"), Message(R"({"k":"b"})")});
  EXPECT_NE(error_of([&] { h.run(Message::control()); }).find("giving up"), std::string::npos);
  EXPECT_EQ(server.count(), 5u);
  h.run(Message::control());
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 7u);
  EXPECT_EQ(reqs[5].body, R"({"k":"a"})");
  EXPECT_EQ(reqs[6].body, R"({"k":"b"})");
}

// One POST per item: when the third of four fails, the two posted are not posted again by
// the retry (no duplicates), and nothing is lost.
TEST(SendHttpPostTest, FailurePartWayKeepsOnlyTheItemsNotPosted) {
  HttpTestServer server;
  server.script(Reply{200, "", {}, {}});
  server.script(Reply{200, "", {}, {}});
  server.script(Reply{400, "", {}, {}});  // a 4xx is not retried: the send fails at once
  Harness h(with_port(R"([{"type":"send_http_post","settings":{"url":"http://127.0.0.1:PORT/"}}])",
                      server.port()));
  h.run(std::vector<Message>{Message("1"), Message("2"), Message("3"), Message("4")});
  EXPECT_NE(error_of([&] { h.run(Message::control()); }).find("HTTP status 400"),
            std::string::npos);
  h.run(Message::control());
  std::vector<std::string> bodies;
  for (const auto& r : server.requests()) bodies.push_back(r.body);
  EXPECT_EQ(bodies, (std::vector<std::string>{"1", "2", "3", "3", "4"}));
}

// A secret interpolated into a URL (a webhook token in the path or query, a private host)
// never appears in an error: errors are built from the template. Every failing path of
// every HTTP transform is tried: retries exhausted (5xx), a refused connection, a 4xx.
TEST(HttpSecretsTest, NoErrorTextHoldsTheSecret) {
  HttpTestServer server;
  server.set_default(Reply{503, "", {}, {}});
  HttpTestServer refusing;
  refusing.set_default(Reply{403, "forbidden", {}, {}});
  const std::string secret = "t0k3n-s3cr3t-value";
  ::setenv("SUBSTATION_HTTP_TEST_SECRET", secret.c_str(), 1);
  ::setenv("SUBSTATION_HTTP_TEST_HOST", ("localhost:" + std::to_string(closed_port())).c_str(), 1);
  const std::string step = secret_step("s", "SUBSTATION_HTTP_TEST_SECRET") + "," +
                           secret_step("h", "SUBSTATION_HTTP_TEST_HOST") + ",";
  const std::vector<std::string> urls = {
      "http://127.0.0.1:" + std::to_string(server.port()) + "/hooks/${SECRET:s}",
      "http://127.0.0.1:" + std::to_string(server.port()) + "/hooks?token=${SECRET:s}",
      "http://127.0.0.1:" + std::to_string(refusing.port()) + "/hooks/${SECRET:s}",
      "http://${SECRET:h}/hooks/${SECRET:s}",
  };
  const std::vector<std::string> transforms = {
      R"({"type":"send_http_post","settings":{"url":"URL"}})",
      R"({"type":"enrich_http_get","settings":{"url":"URL","object":{"target_key":"r"}}})",
      R"({"type":"enrich_http_post","settings":{"url":"URL","object":{"body_key":"a","target_key":"r"}}})",
  };
  int failures_seen = 0;
  for (const std::string& url : urls) {
    for (std::string tf : transforms) {
      tf.replace(tf.find("URL"), 3, url);
      Harness h("[" + step + tf + "]");
      const std::string err = error_of([&] {
        h.run(Message(R"({"a":"x"})"));
        h.run(Message::control());
      });
      if (err != "<no error>") ++failures_seen;
      EXPECT_EQ(err.find(secret), std::string::npos) << err;
      EXPECT_EQ(err.find("localhost:"), std::string::npos) << err;
    }
  }
  // Every combination failed (the 403 ones too, for send_http_post at least).
  EXPECT_GE(failures_seen, 10);
  ::unsetenv("SUBSTATION_HTTP_TEST_SECRET");
  ::unsetenv("SUBSTATION_HTTP_TEST_HOST");
}

// A 4xx answer means the receiver refused the data: send_http_post fails (the reference
// counts it as delivered) and keeps the batch.
TEST(SendHttpPostTest, ClientErrorAnswerIsAFailure) {
  HttpTestServer server;
  server.script(Reply{400, "bad payload", {}, {}});
  Harness h(with_port(R"([{"type":"send_http_post","settings":{"url":"http://127.0.0.1:PORT/x"}}])",
                      server.port()));
  h.run(Message("payload"));
  EXPECT_EQ(error_of([&] { h.run(Message::control()); }),
            "transform send_http_post (transforms:1): POST http://127.0.0.1:" +
                std::to_string(server.port()) +
                "/x: HTTP status 400: the receiver refused the data");
  h.run(Message::control());  // the server accepts it now: delivered, once
  ASSERT_EQ(server.count(), 2u);
  EXPECT_EQ(server.requests()[1].body, "payload");
}

TEST(SendHttpPostTest, ConfigErrors) {
  EXPECT_NE(build_error(R"([{"type":"send_http_post","settings":{}}])")
                .find("send_http_post (transforms:1): url: missing required option"),
            std::string::npos);
  EXPECT_NE(
      build_error(
          R"([{"type":"send_http_post","settings":{"url":"http://127.0.0.1:1/","headers":"x"}}])")
          .find("send_http_post (transforms:1): headers:"),
      std::string::npos);
}

}  // namespace
}  // namespace sub
