// meta_switch, meta_for_each, meta_err and meta_retry.
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

// Counts the messages it sees, then fails with "flaky" while the count is at most
// `settings.fail_first` (the settings object is read by the factory below).
std::atomic<int> g_attempts{0};

class Flaky final : public transform::Transform {
 public:
  explicit Flaky(int fail_first) : fail_first_(fail_first) {}
  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control() && ++g_attempts <= fail_first_) throw Error("flaky");
    out.push_back(std::move(msg));
  }

 private:
  const int fail_first_;
};

std::shared_ptr<transform::Transform> new_flaky(const config::Settings& s, transform::Builder&) {
  return std::make_shared<Flaky>(static_cast<int>(s.integer("fail_first")));
}

const catalogue::Registry& test_registry() {
  static const catalogue::Registry r = [] {
    catalogue::Registry copy = catalogue::Registry::builtin();
    copy.add_transform("test_flaky", &new_flaky);
    return copy;
  }();
  return r;
}

struct Harness {
  explicit Harness(const std::string& transforms_json) {
    services.stdout_sink = std::make_shared<services::CaptureSink>();
    pipeline =
        catalogue::build_pipeline(config::Node::parse(R"({"transforms":)" + transforms_json + "}"),
                                  services, test_registry());
  }
  std::vector<Message> run(std::vector<Message> in, const Context& ctx = Context{}) {
    std::vector<Message> out;
    for (Message& m : in) {
      for (Message& o : pipeline.chain.apply(std::move(m), ctx)) out.push_back(std::move(o));
    }
    return out;
  }
  std::string error(std::vector<Message> in, const Context& ctx = Context{}) {
    try {
      run(std::move(in), ctx);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
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

const char* kCopyToC =
    R"({"type":"object_copy","settings":{"object":{"source_key":"a","target_key":"c"}}})";
const char* kCopyToZ =
    R"({"type":"object_copy","settings":{"object":{"source_key":"a","target_key":"z"}}})";

std::string contains(const std::string& value) {
  return R"({"type":"string_contains","settings":{"object":{"source_key":"a"},"value":")" + value +
         R"("}})";
}

TEST(MetaSwitchTest, FirstMatchingCaseWins) {
  Harness h(R"([{"type":"meta_switch","settings":{"cases":[
      {"condition":)" +
            contains("x") + R"(,"transforms":[)" + kCopyToC + R"(]},
      {"condition":)" +
            contains("b") + R"(,"transforms":[)" + kCopyToZ + R"(]},
      {"transforms":[)" +
            kCopyToC + R"(]}]}}])");
  EXPECT_EQ(datas(h.run({Message(R"({"a":"b"})")})), (Strings{R"({"a":"b","z":"b"})"}));
  // Falls through to the case without a condition.
  EXPECT_EQ(datas(h.run({Message(R"({"a":"q"})")})), (Strings{R"({"a":"q","c":"q"})"}));
}

TEST(MetaSwitchTest, NoMatchPassesThrough) {
  Harness h(R"([{"type":"meta_switch","settings":{"cases":[
      {"condition":)" +
            contains("x") + R"(,"transforms":[)" + kCopyToC + R"(]}]}}])");
  EXPECT_EQ(datas(h.run({Message(R"({"a":"b"})")})), (Strings{R"({"a":"b"})"}));
}

TEST(MetaSwitchTest, ControlGoesToEveryCaseOnce) {
  Harness h(R"([{"type":"meta_switch","settings":{"cases":[
      {"condition":)" +
            contains("1") +
            R"(,"transforms":[{"type":"aggregate_to_string","settings":{"separator":","}}]},
      {"transforms":[{"type":"aggregate_to_string","settings":{"separator":";"}}]}]}}])");
  auto out = h.run({Message(R"({"a":"1"})"), Message(R"({"a":"2"})"), Message(R"({"a":"1x"})"),
                    Message::control()});
  EXPECT_EQ(datas(out), (Strings{R"({"a":"1"},{"a":"1x"})", R"({"a":"2"})", "<ctrl>"}));
}

TEST(MetaSwitchTest, ConfigErrors) {
  EXPECT_EQ(config_error(R"([{"type":"meta_switch"}])"),
            "transform meta_switch (transforms:1): cases: missing required option");
  EXPECT_EQ(config_error(R"([{"type":"meta_switch","settings":{"cases":[{"transforms":[]}]}}])"),
            "transform meta_switch (transforms:1): cases[0].transforms: missing required option");
  const std::string err = config_error(
      R"([{"type":"meta_switch","settings":{"cases":[{"transforms":[{"type":"nope"}]}]}}])");
  EXPECT_NE(err.find("unknown transform type \"nope\""), std::string::npos) << err;
}

TEST(MetaSwitchTest, InnerErrorsAreWrapped) {
  Harness h(R"([{"type":"meta_switch","settings":{"cases":[
      {"transforms":[{"type":"utility_err","settings":{"message":"boom"}}]}]}}])");
  EXPECT_EQ(h.error({Message("x")}), "transform meta_switch (transforms:1): boom");
}

// The second step, and the second transform of the second case: each position as the config
// errors spell it, one line from the top down.
TEST(MetaSwitchTest, InnerErrorsNameBothStepsAndTheirPositions) {
  Harness h(R"([{"type":"object_insert","settings":{"object":{"target_key":"y"},"value":1}},
      {"type":"meta_switch","settings":{"cases":[
      {"condition":{"type":"string_equal_to","settings":{"value":"never"}},
       "transforms":[{"type":"test_flaky","settings":{"fail_first":1000000}}]},
      {"transforms":[{"type":"object_insert","settings":{"object":{"target_key":"x"},"value":1}},
                     {"type":"test_flaky","settings":{"id":"f","fail_first":1000000}}]}]}}])");
  EXPECT_EQ(h.error({Message("{}")}),
            "transform meta_switch (transforms:2): transform f (cases[1].transforms[1]): flaky");
}

TEST(MetaForEachTest, AppliesToEachElement) {
  Harness h(R"([{"type":"meta_for_each","settings":{"object":{"source_key":"a","target_key":"b"},
      "transforms":[{"type":"object_insert","settings":{"object":{"target_key":"z"},"value":1}}]}}])");
  EXPECT_EQ(datas(h.run({Message(R"({"a":[{"y":2},{"x":1}]})")})),
            (Strings{R"({"a":[{"y":2},{"x":1}],"b":[{"y":2,"z":1},{"x":1,"z":1}]})"}));
}

TEST(MetaForEachTest, NonArraysPassAndEmptyResultsAreNull) {
  Harness h(R"([{"type":"meta_for_each","settings":{"object":{"source_key":"a","target_key":"b"},
      "transforms":[{"type":"utility_drop"}]}}])");
  EXPECT_EQ(datas(h.run({Message(R"({"a":"s"})")})), (Strings{R"({"a":"s"})"}));
  EXPECT_EQ(datas(h.run({Message(R"({"q":1})")})), (Strings{R"({"q":1})"}));
  EXPECT_EQ(datas(h.run({Message(R"({"a":[1,2]})")})), (Strings{R"({"a":[1,2],"b":null})"}));
}

TEST(MetaForEachTest, ConfigErrors) {
  EXPECT_EQ(
      config_error(
          R"([{"type":"meta_for_each","settings":{"transforms":[{"type":"utility_drop"}]}}])"),
      "transform meta_for_each (transforms:1): object.source_key: missing required option");
  EXPECT_EQ(
      config_error(
          R"([{"type":"meta_for_each","settings":{"object":{"source_key":"a","target_key":"b"}}}])"),
      "transform meta_for_each (transforms:1): transforms: missing required option");
}

TEST(MetaErrTest, MatchingErrorReturnsTheOriginalMessage) {
  Harness h(R"([{"type":"meta_err","settings":{"error_messages":["^bo"],"transforms":[
      {"type":"object_insert","settings":{"object":{"target_key":"x"},"value":1}},
      {"type":"utility_err","settings":{"message":"boom"}}]}}])");
  EXPECT_EQ(datas(h.run({Message(R"({"a":1})")})), (Strings{R"({"a":1})"}));
}

TEST(MetaErrTest, NonMatchingErrorFails) {
  Harness h(R"([{"type":"meta_err","settings":{"error_messages":["^x"],"transforms":[
      {"type":"utility_err","settings":{"message":"boom"}}]}}])");
  EXPECT_EQ(h.error({Message("m")}), "transform meta_err (transforms:1): boom");
}

TEST(MetaErrTest, NoPatternsCatchNothing) {
  Harness h(R"([{"type":"meta_err","settings":{"transforms":[
      {"type":"utility_err","settings":{"message":"boom"}}]}}])");
  EXPECT_EQ(h.error({Message("m")}), "transform meta_err (transforms:1): boom");
}

// Patterns see the error as v2.8 words it, without the step positions our texts add, so a
// pattern written for the reference still matches (and catches) it.
TEST(MetaErrTest, PrefixedInnerErrorsAreMatchedWithTheirPrefix) {
  Harness h(R"([{"type":"meta_err","settings":{"error_messages":["^transform test_flaky: flaky$"],
      "transforms":[{"type":"test_flaky","settings":{"fail_first":1000000}}]}}])");
  EXPECT_EQ(datas(h.run({Message("m")})), (Strings{"m"}));
  Harness nested(R"([{"type":"meta_err","settings":{
      "error_messages":["^transform meta_switch: transform test_flaky: flaky$"],
      "transforms":[{"type":"meta_switch","settings":{"cases":[
          {"transforms":[{"type":"test_flaky","settings":{"fail_first":1000000}}]}]}}]}}])");
  EXPECT_EQ(datas(nested.run({Message("m")})), (Strings{"m"}));
  // What is not caught is reported with the positions.
  Harness uncaught(R"([{"type":"meta_err","settings":{"error_messages":["\\(transforms"],
      "transforms":[{"type":"meta_switch","settings":{"cases":[
          {"transforms":[{"type":"test_flaky","settings":{"fail_first":1000000}}]}]}}]}}])");
  EXPECT_EQ(uncaught.error({Message("m")}),
            "transform meta_err (transforms:1): transform meta_switch (transforms[0]): "
            "transform test_flaky (cases[0].transforms[0]): flaky");
}

TEST(MetaErrTest, SuccessReturnsChainOutputs) {
  Harness h(R"([{"type":"meta_err","settings":{"error_messages":[".*"],"transforms":[
      {"type":"aggregate_from_string","settings":{"separator":","}}]}}])");
  EXPECT_EQ(datas(h.run({Message("a,b"), Message::control()})), (Strings{"a", "b", "<ctrl>"}));
}

TEST(MetaErrTest, BadRegexIsAConfigError) {
  const std::string err =
      config_error(R"([{"type":"meta_err","settings":{"error_messages":["ok","(unclosed"]}}])");
  EXPECT_EQ(err.rfind("transform meta_err (transforms:1): error_messages[1]: invalid option: ", 0),
            0u)
      << err;
}

TEST(MetaRetryTest, RetriesMatchingErrorsUntilSuccess) {
  g_attempts = 0;
  Harness h(R"([{"type":"meta_retry","settings":{"retry":{"count":3,"delay":"1ms"},
      "error_messages":["flaky"],"transforms":[{"type":"test_flaky","settings":{"fail_first":2}}]}}])");
  EXPECT_EQ(datas(h.run({Message("m")})), (Strings{"m"}));
  EXPECT_EQ(g_attempts.load(), 3);
  // As v2.8, patterns under `retry` are not read: the error matches nothing and fails.
  g_attempts = 0;
  Harness nested(R"([{"type":"meta_retry","settings":{"retry":{"count":3,"delay":"1ms",
      "error_messages":["flaky"]},"transforms":[{"type":"test_flaky","settings":{"fail_first":2}}]}}])");
  EXPECT_EQ(nested.error({Message("m")}),
            "transform meta_retry (transforms:1): transform test_flaky (transforms[0]): flaky");
  EXPECT_EQ(g_attempts.load(), 1);
}

// As meta_err's, the patterns see the error without positions: written for v2.8, they retry.
TEST(MetaRetryTest, PatternsSeeTheErrorAsTheReferenceWordsIt) {
  g_attempts = 0;
  Harness h(R"([{"type":"meta_retry","settings":{"retry":{"count":3,"delay":"1ms"},
      "error_messages":["^transform test_flaky: flaky$"],
      "transforms":[{"type":"test_flaky","settings":{"fail_first":2}}]}}])");
  EXPECT_EQ(datas(h.run({Message("m")})), (Strings{"m"}));
  EXPECT_EQ(g_attempts.load(), 3);
}

TEST(MetaRetryTest, LimitReachedAfterCountPlusOneAttempts) {
  g_attempts = 0;
  Harness h(R"([{"type":"meta_retry","settings":{"retry":{"count":2,"delay":"1ms"},
      "error_messages":["flaky"],"transforms":[{"type":"test_flaky","settings":{"fail_first":100}}]}}])");
  EXPECT_EQ(h.error({Message("m")}), "transform meta_retry (transforms:1): retry limit reached");
  EXPECT_EQ(g_attempts.load(), 3);
}

TEST(MetaRetryTest, NonMatchingErrorFailsAtOnce) {
  g_attempts = 0;
  Harness h(R"([{"type":"meta_retry","settings":{"retry":{"count":5,"delay":"1ms",
      "error_messages":["other"]},"transforms":[{"type":"test_flaky","settings":{"fail_first":100}}]}}])");
  EXPECT_EQ(h.error({Message("m")}),
            "transform meta_retry (transforms:1): transform test_flaky (transforms[0]): flaky");
  EXPECT_EQ(g_attempts.load(), 1);
}

TEST(MetaRetryTest, ConditionFailureRetriesOnACopy) {
  Harness h(R"([{"type":"meta_retry","settings":{"retry":{"count":2,"delay":"0s"},
      "condition":{"type":"string_contains","settings":{"object":{"source_key":"a"},"value":"zz"}},
      "transforms":[{"type":"object_insert","settings":{"object":{"target_key":"a.-1"},"value":"z"}}]}}])");
  EXPECT_EQ(h.error({Message(R"({"a":[]})")}),
            "transform meta_retry (transforms:1): retry limit reached");
  Harness ok(R"([{"type":"meta_retry","settings":{"retry":{"count":2,"delay":"0s"},
      "condition":{"type":"string_contains","settings":{"object":{"source_key":"a"},"value":"z"}},
      "transforms":[{"type":"object_insert","settings":{"object":{"target_key":"a.-1"},"value":"z"}}]}}])");
  EXPECT_EQ(datas(ok.run({Message(R"({"a":[]})")})), (Strings{R"({"a":["z"]})"}));
}

TEST(MetaRetryTest, NeverOutlivesTheDeadline) {
  Harness h(R"([{"type":"meta_retry","settings":{"retry":{"count":0,"delay":"10s"},
      "error_messages":[".*"],"transforms":[{"type":"test_flaky","settings":{"fail_first":1000000}}]}}])");
  Context ctx;
  ctx.deadline = Context::Clock::now() + std::chrono::milliseconds(50);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(h.error({Message("m")}, ctx),
            "transform meta_retry (transforms:1): context deadline exceeded");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(MetaRetryTest, CancellationStopsTheLoop) {
  Harness h(R"([{"type":"meta_retry","settings":{"retry":{"delay":"1ms"},
      "error_messages":[".*"],"transforms":[{"type":"test_flaky","settings":{"fail_first":1000000}}]}}])");
  std::atomic<bool> cancelled{true};
  Context ctx;
  ctx.cancelled = &cancelled;
  EXPECT_EQ(h.error({Message("m")}, ctx), "transform meta_retry (transforms:1): context canceled");
}

TEST(MetaRetryTest, ConfigErrors) {
  EXPECT_EQ(config_error(R"([{"type":"meta_retry","settings":{"transforms":[]}}])"),
            "transform meta_retry (transforms:1): retry.delay: missing required option");
  const std::string err =
      config_error(R"([{"type":"meta_retry","settings":{"retry":{"delay":"soon"}}}])");
  EXPECT_EQ(err.rfind("transform meta_retry (transforms:1): retry.delay: invalid option", 0), 0u)
      << err;
  const std::string re = config_error(
      R"([{"type":"meta_retry","settings":{"retry":{"delay":"1s"},"error_messages":["["]}}])");
  EXPECT_EQ(re.rfind("transform meta_retry (transforms:1): error_messages[0]: invalid option", 0),
            0u)
      << re;
}

}  // namespace
}  // namespace sub
