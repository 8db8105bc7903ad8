// Batching (transform/common/batch.h) and the aggregate_* transforms.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/batch_settings.h"
#include "config/node.h"
#include "transform/common/batch.h"

namespace sub {
namespace {

// A pipeline of one transform config; run() feeds messages one at a time and collects
// every output, as the conformance vectors do.
struct Harness {
  explicit Harness(const std::string& transforms_json) {
    services.stdout_sink = std::make_shared<services::CaptureSink>();
    pipeline = catalogue::build_pipeline(
        config::Node::parse(R"({"transforms":)" + transforms_json + "}"), services);
  }
  std::vector<Message> run(std::vector<Message> in) {
    std::vector<Message> out;
    for (Message& m : in) {
      for (Message& o : pipeline.chain.apply(std::move(m), Context{})) out.push_back(std::move(o));
    }
    return out;
  }
  services::Services services;
  catalogue::Pipeline pipeline;
};

std::vector<std::string> datas(const std::vector<Message>& msgs) {
  std::vector<std::string> out;
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

using Strings = std::vector<std::string>;

// A clock the test moves by hand.
struct FakeClock {
  transform::Batcher::Clock::time_point t{};
  std::function<transform::Batcher::Clock::time_point()> fn() {
    return [this] { return t; };
  }
};

config::BatchSettings limits(int64_t count, int64_t size, std::chrono::nanoseconds d) {
  config::BatchSettings s;
  s.count = count;
  s.size = size;
  s.duration = d;
  return s;
}

TEST(BatcherTest, CountLimitFlushesThenReAdds) {
  FakeClock clock;
  transform::Batcher b(limits(2, 100, std::chrono::minutes(1)), clock.fn());
  std::vector<Strings> flushed;
  auto flush = [&](const std::string&, const transform::Batcher::Items& items) {
    flushed.push_back(items.to_strings());
  };
  EXPECT_FALSE(b.add("", "a", flush));
  EXPECT_FALSE(b.add("", "b", flush));
  EXPECT_TRUE(b.add("", "c", flush));
  ASSERT_EQ(flushed.size(), 1u);
  EXPECT_EQ(flushed[0], (Strings{"a", "b"}));
  EXPECT_EQ(b.items("").to_strings(), (Strings{"c"}));
}

TEST(BatcherTest, SizeLimitCountsBytes) {
  FakeClock clock;
  transform::Batcher b(limits(1000, 5, std::chrono::minutes(1)), clock.fn());
  std::vector<Strings> flushed;
  auto flush = [&](const std::string&, const transform::Batcher::Items& items) {
    flushed.push_back(items.to_strings());
  };
  b.add("", "abc", flush);
  b.add("", "de", flush);  // exactly 5 bytes: fits
  EXPECT_TRUE(flushed.empty());
  b.add("", "f", flush);
  ASSERT_EQ(flushed.size(), 1u);
  EXPECT_EQ(flushed[0], (Strings{"abc", "de"}));
}

TEST(BatcherTest, ItemLargerThanAnEmptyBatchIsAnError) {
  FakeClock clock;
  transform::Batcher b(limits(1000, 3, std::chrono::minutes(1)), clock.fn());
  std::vector<Strings> flushed;
  auto flush = [&](const std::string&, const transform::Batcher::Items& items) {
    flushed.push_back(items.to_strings());
  };
  b.add("", "ab", flush);
  try {
    b.add("", "abcd", flush);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "data could not be added to batch");
  }
  // The old batch was flushed before the failure, as the reference does.
  ASSERT_EQ(flushed.size(), 1u);
  EXPECT_EQ(flushed[0], (Strings{"ab"}));
}

TEST(BatcherTest, IdleTimeSinceLastAddRotates) {
  FakeClock clock;
  transform::Batcher b(limits(1000, 1000, std::chrono::seconds(10)), clock.fn());
  std::vector<Strings> flushed;
  auto flush = [&](const std::string&, const transform::Batcher::Items& items) {
    flushed.push_back(items.to_strings());
  };
  b.add("", "a", flush);
  clock.t += std::chrono::seconds(8);
  b.add("", "b", flush);  // 8s idle: fits, and refreshes the timestamp
  clock.t += std::chrono::seconds(8);
  b.add("", "c", flush);  // 16s since the batch started, but only 8s idle
  EXPECT_TRUE(flushed.empty());
  clock.t += std::chrono::seconds(11);
  b.add("", "d", flush);
  ASSERT_EQ(flushed.size(), 1u);
  EXPECT_EQ(flushed[0], (Strings{"a", "b", "c"}));
  EXPECT_EQ(b.items("").to_strings(), (Strings{"d"}));
}

TEST(BatcherTest, TakeAllKeepsFirstSeenOrderAndSkipsEmpty) {
  FakeClock clock;
  transform::Batcher b(limits(1000, 1000, std::chrono::minutes(1)), clock.fn());
  auto flush = [](const std::string&, const transform::Batcher::Items&) {};
  b.add("z", "1", flush);
  b.add("a", "2", flush);
  b.add("m", "3", flush);
  b.add("a", "4", flush);
  auto all = b.take_all();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].first, "z");
  EXPECT_EQ(all[1].first, "a");
  EXPECT_EQ(all[1].second.to_strings(), (Strings{"2", "4"}));
  EXPECT_EQ(all[2].first, "m");
  // Everything was reset; known keys with no items are not returned.
  b.add("m", "5", flush);
  all = b.take_all();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].first, "m");
  EXPECT_TRUE(b.take_all().empty());
}

TEST(BatcherTest, TryAddNeverFlushes) {
  FakeClock clock;
  transform::Batcher b(limits(2, 5, std::chrono::minutes(1)), clock.fn());
  std::string one = "1", two = "22", three = "3";
  EXPECT_EQ(b.try_add("k", one), transform::Batcher::Added::kAdded);
  EXPECT_EQ(b.try_add("k", two), transform::Batcher::Added::kAdded);
  // Full by count: the item stays with the caller, the buffer as it was.
  EXPECT_EQ(b.try_add("k", three), transform::Batcher::Added::kFull);
  EXPECT_EQ(three, "3");
  EXPECT_EQ(b.items("k").to_strings(), (Strings{"1", "22"}));
  EXPECT_EQ(b.close("k").to_strings(), (Strings{"1", "22"}));
  EXPECT_TRUE(b.items("k").empty());
  EXPECT_EQ(b.try_add("k", three), transform::Batcher::Added::kAdded);
  std::string big = "123456";
  EXPECT_EQ(b.try_add("other", big), transform::Batcher::Added::kTooBig);
  // An idle empty buffer starts again rather than reporting itself full.
  EXPECT_TRUE(b.close("k").to_strings() == Strings{"3"});
  clock.t += std::chrono::minutes(5);
  std::string late = "4";
  EXPECT_EQ(b.try_add("k", late), transform::Batcher::Added::kAdded);
}

TEST(BatcherTest, IdleEmptyBatchIsNotFlushed) {
  FakeClock clock;
  transform::Batcher b(limits(1000, 1000, std::chrono::seconds(1)), clock.fn());
  int flushes = 0;
  auto flush = [&](const std::string&, const transform::Batcher::Items&) { ++flushes; };
  b.add("", "a", flush);
  b.take_all();
  clock.t += std::chrono::seconds(5);
  EXPECT_TRUE(b.add("", "b", flush));  // rotated, but there was nothing to flush
  EXPECT_EQ(flushes, 0);
}

TEST(BatcherTest, MeasuredItemsCountWithoutBeingKept) {
  FakeClock clock;
  transform::Batcher b(limits(2, 1000, std::chrono::minutes(1)), clock.fn());
  int flushes = 0;
  auto flush = [&](const std::string&, const transform::Batcher::Items& items) {
    EXPECT_TRUE(items.empty());
    ++flushes;
  };
  EXPECT_FALSE(b.add_measured("", 10, flush));
  EXPECT_FALSE(b.add_measured("", 10, flush));
  EXPECT_TRUE(b.add_measured("", 10, flush));
  EXPECT_EQ(flushes, 1);
}

TEST(AggregateToArrayTest, CountLimitAndControlFlush) {
  Harness h(R"([{"type":"aggregate_to_array","settings":{"batch":{"count":2}}}])");
  auto out = h.run({Message("1"), Message("2"), Message("3"), Message::control()});
  EXPECT_EQ(datas(out), (Strings{"[1,2]", "[3]", "<ctrl>"}));
  // A second control message has nothing left to flush.
  EXPECT_EQ(datas(h.run({Message::control()})), (Strings{"<ctrl>"}));
}

TEST(AggregateToArrayTest, BatchKeysFlushInFirstSeenOrder) {
  Harness h(R"([{"type":"aggregate_to_array","settings":{"object":{"batch_key":"k"}}}])");
  auto out = h.run({Message(R"({"k":"b","v":1})"), Message(R"({"k":"a","v":2})"),
                    Message(R"({"k":"b","v":3})"), Message(R"({"v":4})"), Message::control()});
  EXPECT_EQ(datas(out), (Strings{R"([{"k":"b","v":1},{"k":"b","v":3}])", R"([{"k":"a","v":2}])",
                                 R"([{"v":4}])", "<ctrl>"}));
}

TEST(AggregateToArrayTest, TargetKeyAndNoMetadata) {
  Harness h(R"([{"type":"aggregate_to_array","settings":{"object":{"target_key":"x"}}}])");
  auto out = h.run({Message(R"({"a":1})", R"({"m":1})"), Message("  "), Message::control()});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].data(), R"({"x":[{"a":1}]})");
  EXPECT_EQ(out[0].metadata(), "");
}

TEST(AggregateToArrayTest, OversizedItemFailsNamingTheTransform) {
  Harness h(R"([{"type":"aggregate_to_array","settings":{"batch":{"size":4}}}])");
  try {
    h.run({Message("12345")});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "transform aggregate_to_array (transforms:1): data could not be added to batch");
  }
}

TEST(AggregateToArrayTest, ConcurrentCallersLoseNothing) {
  Harness h(R"([{"type":"aggregate_to_array","settings":{"batch":{"count":7}}}])");
  std::mutex mu;
  size_t items = 0;
  auto count = [&](const std::vector<Message>& out) {
    std::lock_guard<std::mutex> lock(mu);
    for (const Message& m : out) {
      if (!m.is_control()) items += std::count(m.data().begin(), m.data().end(), ',') + 1;
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 250; ++i) count(h.run({Message(std::to_string(i))}));
    });
  }
  for (auto& th : threads) th.join();
  count(h.run({Message::control()}));
  EXPECT_EQ(items, 1000u);
}

TEST(AggregateToStringTest, JoinsWithSeparator) {
  Harness h(R"([{"type":"aggregate_to_string","settings":{"separator":"\n","batch":{"size":7}}}])");
  auto out =
      h.run({Message("abc", R"({"m":1})"), Message("def"), Message("gh"), Message::control()});
  EXPECT_EQ(datas(out), (Strings{"abc\ndef", "gh", "<ctrl>"}));
  EXPECT_EQ(out[0].metadata(), "");
}

TEST(AggregateToStringTest, SeparatorIsRequired) {
  EXPECT_EQ(config_error(R"([{"type":"aggregate_to_string"}])"),
            "transform aggregate_to_string (transforms:1): separator: missing required option");
}

TEST(AggregateToStringTest, BadBatchDurationIsAConfigError) {
  const std::string err = config_error(
      R"([{"type":"aggregate_to_string","settings":{"separator":",","batch":{"duration":"5d"}}}])");
  EXPECT_NE(
      err.find("transform aggregate_to_string (transforms:1): batch.duration: invalid option"),
      std::string::npos)
      << err;
}

TEST(AggregateFromStringTest, SplitsKeepingMetadata) {
  Harness h(R"([{"type":"aggregate_from_string","settings":{"separator":"||"}}])");
  auto out = h.run({Message("a||b||", R"({"m":1})"), Message::control()});
  EXPECT_EQ(datas(out), (Strings{"a", "b", "", "<ctrl>"}));
  EXPECT_EQ(out[1].metadata(), R"({"m":1})");
  EXPECT_EQ(config_error(R"([{"type":"aggregate_from_string","settings":{"separator":""}}])"),
            "transform aggregate_from_string (transforms:1): separator: missing required option");
}

TEST(AggregateFromArrayTest, DataMode) {
  Harness h(R"([{"type":"aggregate_from_array"}])");
  auto out = h.run({Message(R"([{"a":1},"s",2])", R"({"m":1})"), Message(R"({"b":1})")});
  EXPECT_EQ(datas(out), (Strings{R"({"a":1})", "s", "2", R"({"b":1})"}));
  EXPECT_EQ(out[0].metadata(), R"({"m":1})");
}

TEST(AggregateFromArrayTest, SourceMergesRemainingFields) {
  Harness h(R"([{"type":"aggregate_from_array","settings":{"object":{"source_key":"x"}}}])");
  auto out = h.run({Message(R"({"x":[{"a":1},{"b":2}],"y":"z","n":1.5})")});
  EXPECT_EQ(datas(out), (Strings{R"({"y":"z","n":1.5,"a":1})", R"({"y":"z","n":1.5,"b":2})"}));
}

TEST(AggregateFromArrayTest, SourceAndTarget) {
  Harness h(
      R"([{"type":"aggregate_from_array","settings":{"object":{"source_key":"x","target_key":"e"}}}])");
  auto out = h.run({Message(R"({"x":[1,2],"y":{"b":1,"a":2}})")});
  EXPECT_EQ(datas(out), (Strings{R"({"y":{"a":2,"b":1},"e":1})", R"({"y":{"a":2,"b":1},"e":2})"}));
}

TEST(AggregateFromArrayTest, MissingSourcePassesThrough) {
  Harness h(R"([{"type":"aggregate_from_array","settings":{"object":{"source_key":"x"}}}])");
  EXPECT_EQ(datas(h.run({Message(R"({"y":1})")})), (Strings{R"({"y":1})"}));
}

}  // namespace
}  // namespace sub
