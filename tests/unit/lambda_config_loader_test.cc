// The Lambda's config loader when its endpoint (the AppConfig extension) misbehaves: it keeps
// the last good config, says so in its log, and never makes an invocation wait long.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "apps/lambda/config_loader.h"
#include "tests/unit/http_test_server.h"
#include "tests/unit/kv_test_support.h"

namespace sub::lambda {
namespace {

using Clock = std::chrono::steady_clock;
using testing::HttpTestServer;
using Reply = HttpTestServer::Reply;

constexpr const char* kGood =
    R"({"transforms":[{"type":"object_insert","settings":{"object":{"target_key":"v"},"value":1}}]})";
constexpr const char* kNext =
    R"({"transforms":[{"type":"object_insert","settings":{"object":{"target_key":"v"},"value":2}}]})";

// The log lines the loader writes, read back from a temporary file.
class CapturedLog {
 public:
  CapturedLog() : file_(std::tmpfile()), log_(false, fileno(file_)) {}
  ~CapturedLog() { std::fclose(file_); }
  const services::Logger& log() const { return log_; }
  std::string text() const {
    std::string out;
    std::rewind(file_);
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), file_)) > 0) out.append(buf, n);
    return out;
  }

 private:
  FILE* file_;
  services::Logger log_;
};

// The value the current pipeline inserts: which config is in use.
std::string applied(ConfigLoader& loader) {
  const catalogue::Pipeline& p = loader.get();
  auto out = p.chain.apply(Message("{}"), Context{});
  return out.at(0).data();
}

struct LoaderTest : ::testing::Test {
  HttpTestServer server;
  CapturedLog log;
  services::Services services;
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(server.port()) +
           "/applications/a/environments/prod/configurations/f";
  }
  // Refreshes at every get().
  ConfigLoader loader() {
    return ConfigLoader(url(), true, std::chrono::seconds(0), services, log.log());
  }
};

TEST_F(LoaderTest, KeepsTheLastGoodConfigWhenTheEndpointFails) {
  server.script(Reply{200, kGood, {}, {}});
  ConfigLoader l = loader();
  EXPECT_EQ(applied(l), R"({"v":1})");
  for (int status : {404, 400, 500}) {
    server.script(Reply{status, "{\"message\":\"no such configuration\"}", {}, {}});
    EXPECT_EQ(applied(l), R"({"v":1})") << status;
  }
  EXPECT_NE(log.text().find("configuration refresh failed, keeping the last good one"),
            std::string::npos)
      << log.text();
  EXPECT_NE(log.text().find("HTTP status 404"), std::string::npos) << log.text();
  // A new good version replaces it.
  server.script(Reply{200, kNext, {}, {}});
  EXPECT_EQ(applied(l), R"({"v":2})");
}

TEST_F(LoaderTest, RejectsAConfigThatDoesNotBuild) {
  server.script(Reply{200, kGood, {}, {}});
  ConfigLoader l = loader();
  EXPECT_EQ(applied(l), R"({"v":1})");
  server.script(Reply{200, "garbage {{{", {}, {}});
  EXPECT_EQ(applied(l), R"({"v":1})");
  server.script(Reply{200, R"({"transforms":[{"type":"no_such_type"}]})", {}, {}});
  EXPECT_EQ(applied(l), R"({"v":1})");
  EXPECT_NE(log.text().find("new configuration rejected, keeping the last good one"),
            std::string::npos)
      << log.text();
  EXPECT_NE(log.text().find("no_such_type"), std::string::npos) << log.text();
}

TEST_F(LoaderTest, FirstLoadFailureIsAnError) {
  server.set_default(Reply{404, "not found", {}, {}});
  ConfigLoader l = loader();
  try {
    l.get();
    FAIL() << "expected an error";
  } catch (const ConfigLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("HTTP status 404"), std::string::npos) << e.what();
  }
}

// A refresh against a server that stops answering gives up after its short limit (about 2 s)
// instead of holding the invocation for the retries and backoff of a first fetch.
TEST_F(LoaderTest, ASilentEndpointDoesNotHoldTheInvocation) {
  server.script(Reply{200, kGood, {}, {}});
  ConfigLoader l = loader();
  EXPECT_EQ(applied(l), R"({"v":1})");
  server.set_default(Reply{200, kNext, {}, std::chrono::milliseconds(8000)});
  const auto start = Clock::now();
  EXPECT_EQ(applied(l), R"({"v":1})");
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(6));
}

TEST_F(LoaderTest, AnEndpointThatIsDownKeepsTheLastGoodConfig) {
  std::optional<HttpTestServer> gone(std::in_place);
  gone->script(Reply{200, kGood, {}, {}});
  const std::string url = "http://127.0.0.1:" + std::to_string(gone->port()) + "/c";
  ConfigLoader l(url, true, std::chrono::seconds(0), services, log.log());
  EXPECT_EQ(applied(l), R"({"v":1})");
  gone.reset();  // the endpoint stops: the next refresh cannot connect
  EXPECT_EQ(applied(l), R"({"v":1})");
  EXPECT_NE(log.text().find("configuration refresh failed"), std::string::npos) << log.text();
}

// A config file in the package, stat'ed at every invocation and read only when it changed;
// it starts as kGood.
struct LocalLoaderTest : LoaderTest {
  testing::TempDir dir;
  std::string path;
  void SetUp() override { write(kGood); }
  void write(const std::string& text) { path = dir.write("config.json", text); }
  ConfigLoader loader(std::chrono::seconds refresh, std::chrono::nanoseconds settle) {
    return ConfigLoader(path, true, refresh, services, log.log(), settle);
  }
};

TEST_F(LocalLoaderTest, ALocalFileIsReadAgainOnlyWhenItChanges) {
  // Trusted at once (no settle time): an unchanged stamp means an unchanged file.
  ConfigLoader l = loader(std::chrono::seconds(45), std::chrono::nanoseconds(0));
  EXPECT_EQ(applied(l), R"({"v":1})");
  EXPECT_EQ(applied(l), R"({"v":1})");
  EXPECT_EQ(applied(l), R"({"v":1})");
  EXPECT_EQ(l.fetches(), 1U);
  // A new version of another size: the stamp differs, the file is read and rebuilt.
  write(std::string(kNext) + "\n");
  EXPECT_EQ(applied(l), R"({"v":2})");
  EXPECT_EQ(l.fetches(), 2U);
  EXPECT_EQ(applied(l), R"({"v":2})");
  EXPECT_EQ(l.fetches(), 2U);
}

// File times tick coarsely: a same-size edit right after a read may leave the stamp as it
// was. So a file read within the settle time of its last change is not trusted and is read
// again at the next invocation, until a read comes late enough.
TEST_F(LocalLoaderTest, AFileReadRightAfterItChangedIsReadAgain) {
  ConfigLoader l = loader(std::chrono::seconds(45), std::chrono::hours(1));
  EXPECT_EQ(applied(l), R"({"v":1})");
  EXPECT_EQ(applied(l), R"({"v":1})");
  EXPECT_EQ(l.fetches(), 2U);
  write(kNext);  // the same size as kGood
  EXPECT_EQ(applied(l), R"({"v":2})");
  EXPECT_EQ(l.fetches(), 3U);
}

TEST_F(LocalLoaderTest, ALocalFileThatGoesAwayKeepsTheLastGoodConfig) {
  ConfigLoader l = loader(std::chrono::seconds(0), std::chrono::nanoseconds(0));
  EXPECT_EQ(applied(l), R"({"v":1})");
  std::remove(path.c_str());
  EXPECT_EQ(applied(l), R"({"v":1})");
  EXPECT_NE(log.text().find("configuration refresh failed"), std::string::npos) << log.text();
  // Back, with another version: read at once.
  write(std::string(kNext) + "\n");
  EXPECT_EQ(applied(l), R"({"v":2})");
}

}  // namespace
}  // namespace sub::lambda
