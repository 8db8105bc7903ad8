#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "config/node.h"
#include "config/settings.h"
#include "core/error.h"
#include "services/secrets/registry.h"

namespace sub::secrets {
namespace {

using config::Node;

std::shared_ptr<Retriever> build(Secrets& secrets, const Node& cfg) {
  return secrets.retriever(config::Settings(&cfg, "transform t (transforms:1)"), "secret");
}

TEST(SecretsTest, EnvironmentVariableAndInterpolation) {
  ::setenv("SUBSTATION_TEST_SECRET_A", "alpha", 1);
  ::setenv("SUBSTATION_TEST_SECRET_B", "beta", 1);
  Secrets secrets;
  const Node a = Node::parse(
      R"({"secret":{"type":"environment_variable","settings":{"id":"a","name":"SUBSTATION_TEST_SECRET_A"}}})");
  const Node b = Node::parse(
      R"({"secret":{"type":"environment_variable","settings":{"id":"b","name":"SUBSTATION_TEST_SECRET_B"}}})");
  auto ra = build(secrets, a);
  auto rb = build(secrets, b);
  EXPECT_FALSE(secrets.get("a").has_value());  // nothing is fetched before retrieve()
  ra->retrieve();
  rb->retrieve();
  EXPECT_EQ(secrets.get("a").value(), "alpha");
  EXPECT_EQ(secrets.interpolate("https://x/${SECRET:a}/${SECRET:b}?k=${SECRET:a}"),
            "https://x/alpha/beta?k=alpha");
  EXPECT_EQ(secrets.interpolate("no secrets here"), "no secrets here");
  EXPECT_EQ(secrets.interpolate("${SECRET:}"), "${SECRET:}");
  EXPECT_EQ(secrets.interpolate("${SECRET:a"), "${SECRET:a");
  try {
    secrets.interpolate("${SECRET:a}${SECRET:unknown}");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "secrets: no secret found");
  }
}

TEST(SecretsTest, UnsetVariableCachesNothing) {
  ::unsetenv("SUBSTATION_TEST_SECRET_UNSET");
  Secrets secrets;
  const Node cfg = Node::parse(
      R"({"secret":{"type":"environment_variable","settings":{"id":"u","name":"SUBSTATION_TEST_SECRET_UNSET"}}})");
  auto r = build(secrets, cfg);
  r->retrieve();
  EXPECT_FALSE(secrets.get("u").has_value());
  EXPECT_THROW(secrets.interpolate("${SECRET:u}"), Error);
}

TEST(SecretsTest, RefreshesOncePerTtl) {
  ::setenv("SUBSTATION_TEST_SECRET_T", "one", 1);
  Secrets secrets;
  const Node short_ttl = Node::parse(
      R"({"secret":{"type":"environment_variable","settings":{"id":"t","name":"SUBSTATION_TEST_SECRET_T","ttl_offset":"50ms"}}})");
  auto r = build(secrets, short_ttl);
  EXPECT_TRUE(r->expired());  // never fetched
  r->retrieve();
  EXPECT_FALSE(r->expired());
  ::setenv("SUBSTATION_TEST_SECRET_T", "two", 1);
  r->refresh_if_expired();  // not due yet
  EXPECT_EQ(secrets.get("t").value(), "one");
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  EXPECT_TRUE(r->expired());
  r->refresh_if_expired();
  EXPECT_EQ(secrets.get("t").value(), "two");
  // The deadline moved forward: the secret is not due again right away.
  EXPECT_FALSE(r->expired());

  const Node default_ttl = Node::parse(
      R"({"secret":{"type":"environment_variable","settings":{"id":"d","name":"SUBSTATION_TEST_SECRET_T"}}})");
  auto d = build(secrets, default_ttl);
  d->retrieve();
  EXPECT_FALSE(d->expired());  // 15 minutes
}

std::string config_error(const char* json) {
  Secrets secrets;
  const Node n = Node::parse(json);
  try {
    build(secrets, n);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SecretsTest, BadSettings) {
  EXPECT_EQ(config_error("{}"), "transform t (transforms:1): secret: missing required option");
  EXPECT_EQ(config_error(R"({"secret":{"settings":{"id":"a"}}})"),
            "transform t (transforms:1): secret.type: missing required option");
  EXPECT_EQ(config_error(R"({"secret":{"type":"vault","settings":{"id":"a"}}})"),
            "transform t (transforms:1): secret.type: invalid factory input: unknown secret type "
            "\"vault\"");
  EXPECT_EQ(config_error(R"({"secret":{"type":"environment_variable","settings":{"name":"X"}}})"),
            "transform t (transforms:1): secret.settings.id: missing required option");
  EXPECT_EQ(config_error(R"({"secret":{"type":"environment_variable","settings":{"id":"a"}}})"),
            "transform t (transforms:1): secret.settings.name: missing required option");
  const std::string bad_ttl = config_error(
      R"({"secret":{"type":"environment_variable","settings":{"id":"a","name":"X","ttl_offset":"1d"}}})");
  EXPECT_EQ(
      bad_ttl.rfind("transform t (transforms:1): secret.settings.ttl_offset: invalid option", 0),
      0u)
      << bad_ttl;
}

}  // namespace
}  // namespace sub::secrets
