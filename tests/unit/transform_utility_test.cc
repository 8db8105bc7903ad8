// utility_drop, utility_err, utility_control, utility_delay and test_message.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"

namespace sub {
namespace {

using Strings = std::vector<std::string>;

struct Harness {
  explicit Harness(const std::string& transforms_json) {
    services.stdout_sink = std::make_shared<services::CaptureSink>();
    pipeline = catalogue::build_pipeline(
        config::Node::parse(R"({"transforms":)" + transforms_json + "}"), services);
  }
  std::vector<Message> run(std::vector<Message> in, const Context& ctx = Context{}) {
    std::vector<Message> out;
    for (Message& m : in) {
      for (Message& o : pipeline.chain.apply(std::move(m), ctx)) out.push_back(std::move(o));
    }
    return out;
  }
  services::Services services;
  catalogue::Pipeline pipeline;
};

Strings datas(const std::vector<Message>& msgs) {
  Strings out;
  for (const Message& m : msgs) out.push_back(m.is_control() ? "<ctrl>" : m.data());
  return out;
}

std::string config_error(const std::string& transforms_json) {
  try {
    Harness h(transforms_json);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(UtilityDropTest, DropsDataKeepsControl) {
  Harness h(R"([{"type":"utility_drop"}])");
  EXPECT_EQ(datas(h.run({Message("a"), Message::control(), Message("b")})), (Strings{"<ctrl>"}));
}

TEST(UtilityErrTest, MessageWithoutPrefix) {
  Harness h(R"([{"type":"utility_err","settings":{"message":"custom failure"}}])");
  try {
    h.run({Message("a")});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "custom failure");
  }
  EXPECT_EQ(datas(h.run({Message::control()})), (Strings{"<ctrl>"}));
}

TEST(UtilityControlTest, EmitsControlBeforeTheMessageThatStartsANewBatch) {
  Harness h(R"([{"type":"utility_control","settings":{"batch":{"count":2}}}])");
  auto out = h.run({Message("1"), Message("2"), Message("3"), Message("4"), Message("5")});
  EXPECT_EQ(datas(out), (Strings{"1", "2", "<ctrl>", "3", "4", "<ctrl>", "5"}));
}

TEST(UtilityControlTest, IncomingControlResetsTheCount) {
  Harness h(R"([{"type":"utility_control","settings":{"batch":{"count":2}}}])");
  auto out = h.run({Message("1"), Message::control(), Message("2"), Message("3"), Message("4")});
  EXPECT_EQ(datas(out), (Strings{"1", "<ctrl>", "2", "3", "<ctrl>", "4"}));
}

TEST(UtilityControlTest, SizeLimitAndOversizedItem) {
  Harness h(R"([{"type":"utility_control","settings":{"batch":{"size":4}}}])");
  EXPECT_EQ(datas(h.run({Message("ab"), Message("cd"), Message("e")})),
            (Strings{"ab", "cd", "<ctrl>", "e"}));
  try {
    h.run({Message("toolong")});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "transform utility_control (transforms:1): data could not be added to batch");
  }
}

TEST(UtilityControlTest, FeedsDownstreamAggregates) {
  Harness h(R"([{"type":"utility_control","settings":{"batch":{"count":2}}},
                {"type":"aggregate_to_string","settings":{"separator":"+"}}])");
  auto out = h.run({Message("a"), Message("b"), Message("c"), Message::control()});
  EXPECT_EQ(datas(out), (Strings{"a+b", "<ctrl>", "c", "<ctrl>"}));
}

TEST(UtilityDelayTest, SleepsPerDataMessage) {
  Harness h(R"([{"type":"utility_delay","settings":{"duration":"30ms"}}])");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(datas(h.run({Message("a"), Message("b"), Message::control()})),
            (Strings{"a", "b", "<ctrl>"}));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(60));
}

TEST(UtilityDelayTest, WakesWhenTheContextExpires) {
  Harness h(R"([{"type":"utility_delay","settings":{"duration":"1h"}}])");
  Context ctx;
  ctx.deadline = Context::Clock::now() + std::chrono::milliseconds(30);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(datas(h.run({Message("a")}, ctx)), (Strings{"a"}));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));

  std::atomic<bool> cancelled{false};
  Context cctx;
  cctx.cancelled = &cancelled;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    cancelled = true;
  });
  const auto start2 = std::chrono::steady_clock::now();
  EXPECT_EQ(datas(h.run({Message("b")}, cctx)), (Strings{"b"}));
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start2, std::chrono::seconds(2));
}

TEST(UtilityDelayTest, ConfigErrors) {
  EXPECT_EQ(config_error(R"([{"type":"utility_delay"}])"),
            "transform utility_delay (transforms:1): duration: missing required option");
  const std::string err =
      config_error(R"([{"type":"utility_delay","settings":{"duration":"1d"}}])");
  EXPECT_EQ(err.rfind("transform utility_delay (transforms:1): duration: invalid option", 0), 0u)
      << err;
}

TEST(TestMessageTest, InjectsValueBeforeControl) {
  Harness h(R"([{"type":"test_message","settings":{"value":{"b":1,"a":"x"}}}])");
  auto out = h.run({Message("d"), Message::control()});
  EXPECT_EQ(datas(out), (Strings{"d", R"({"a":"x","b":1})", "<ctrl>"}));
  EXPECT_EQ(out[1].metadata(), "");
}

TEST(TestMessageTest, ScalarValues) {
  EXPECT_EQ(datas(Harness(R"([{"type":"test_message","settings":{"value":"hi"}}])")
                      .run({Message::control()})),
            (Strings{"hi", "<ctrl>"}));
  EXPECT_EQ(datas(Harness(R"([{"type":"test_message","settings":{"value":1.5}}])")
                      .run({Message::control()})),
            (Strings{"1.5", "<ctrl>"}));
  EXPECT_EQ(datas(Harness(R"([{"type":"test_message","settings":{"value":true}}])")
                      .run({Message::control()})),
            (Strings{"true", "<ctrl>"}));
  EXPECT_EQ(datas(Harness(R"([{"type":"test_message"}])").run({Message::control()})),
            (Strings{"", "<ctrl>"}));
}

}  // namespace
}  // namespace sub
