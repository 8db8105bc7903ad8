// BatchSend (transform/send/batch_send.h): batches are sent outside the lock that guards
// them, in the order they closed, and a failed batch stays queued until it is delivered.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/message.h"
#include "transform/send/batch_send.h"

namespace sub {
namespace {

using Strings = std::vector<std::string>;
using Batches = std::vector<Strings>;

config::BatchSettings count_limit(int64_t n) {
  config::BatchSettings s;
  s.count = n;
  return s;
}

// A sender whose send() runs a test-provided function and records delivered batches.
class ScriptedSend : public transform::BatchSend {
 public:
  using Script = std::function<void(const transform::Batcher::Items&)>;
  ScriptedSend(int64_t count, std::string batch_key = "")
      : transform::BatchSend(std::move(batch_key), count_limit(count), transform::Auxiliary()) {}

  void set_script(Script s) {
    std::lock_guard<std::mutex> lock(mu);
    script = std::move(s);
  }
  Batches sent() const {
    std::lock_guard<std::mutex> lock(mu);
    return delivered;
  }
  void run(const std::string& data, const Context& ctx = Context{}) const {
    std::vector<Message> out;
    transform(Message(data), out, ctx);
    ASSERT_EQ(out.size(), 1u);
  }
  void control() const {
    std::vector<Message> out;
    transform(Message::control(), out, Context{});
  }

 private:
  void send(const std::string&, const transform::Batcher::Items& items,
            const Context&) const override {
    Script s;
    {
      std::lock_guard<std::mutex> lock(mu);
      s = script;
    }
    if (s) s(items);
    std::lock_guard<std::mutex> lock(mu);
    delivered.push_back(items.to_strings());
  }

  mutable std::mutex mu;
  Script script;
  mutable Batches delivered;
};

TEST(BatchSendTest, FullBatchesAndControlSendInOrder) {
  ScriptedSend s(2);
  for (const char* d : {"1", "2", "3", "4", "5"}) s.run(d);
  EXPECT_EQ(s.sent(), (Batches{{"1", "2"}, {"3", "4"}}));
  s.control();
  EXPECT_EQ(s.sent(), (Batches{{"1", "2"}, {"3", "4"}, {"5"}}));
  s.control();  // nothing left: nothing sent
  EXPECT_EQ(s.sent().size(), 3u);
}

// A failed send keeps its batch; the message that was sending fails and its item is not
// buffered (meta_retry runs it again); the retry sends the failed batch first, once.
TEST(BatchSendTest, FailedBatchIsSentFirstByTheRetry) {
  ScriptedSend s(2);
  s.run("1");
  s.run("2");
  s.set_script([](const transform::Batcher::Items&) { throw Error("network down"); });
  EXPECT_THROW(s.run("3"), Error);
  // While the batch has not gone, later adds try it first and fail the same way.
  EXPECT_THROW(s.run("3"), Error);
  s.set_script(nullptr);
  s.run("3");
  EXPECT_EQ(s.sent(), (Batches{{"1", "2"}}));
  s.control();
  EXPECT_EQ(s.sent(), (Batches{{"1", "2"}, {"3"}}));
}

// A send that delivered part of its batch keeps only the rest: nothing is sent twice.
TEST(BatchSendTest, PartialFailureKeepsOnlyTheUndelivered) {
  ScriptedSend s(3);
  for (const char* d : {"1", "22", "333"}) s.run(d);
  int calls = 0;
  s.set_script([&](const transform::Batcher::Items& items) {
    if (++calls == 1) {
      EXPECT_EQ(items.to_strings(), (Strings{"1", "22", "333"}));
      throw transform::PartialFlushError("second call failed", {1, 2});
    }
  });
  EXPECT_THROW(s.run("4444"), transform::PartialFlushError);
  s.run("4444");
  s.control();
  EXPECT_EQ(s.sent(), (Batches{{"22", "333"}, {"4444"}}));
}

// A control message fails while any batch is undelivered, and the next one sends them all.
TEST(BatchSendTest, ControlPassesOnlyWhenEverythingWasDelivered) {
  ScriptedSend s(100, "k");
  s.run(R"({"k":"a"})");
  s.run(R"({"k":"b"})");
  s.run(R"({"k":"c"})");
  s.set_script([](const transform::Batcher::Items& items) {
    if (items[0] == R"({"k":"b"})") throw Error("refused");
  });
  EXPECT_THROW(s.control(), Error);
  EXPECT_EQ(s.sent(), (Batches{{R"({"k":"a"})"}}));
  s.set_script(nullptr);
  s.control();
  EXPECT_EQ(s.sent(), (Batches{{R"({"k":"a"})"}, {R"({"k":"b"})"}, {R"({"k":"c"})"}}));
}

// The point of the two locks: while one thread waits on a slow send, others keep buffering.
TEST(BatchSendTest, AddsDoNotWaitForASendInFlight) {
  ScriptedSend s(2);
  std::promise<void> entered, release;
  std::shared_future<void> released = release.get_future().share();
  s.set_script([&, released](const transform::Batcher::Items&) {
    entered.set_value();
    released.wait_for(std::chrono::seconds(30));
  });
  s.run("1");
  s.run("2");
  std::thread sender([&] { s.run("3"); });  // closes {1,2} and blocks in its send
  ASSERT_EQ(entered.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
  s.set_script(nullptr);
  // Buffered while the send is still in flight: this returns without waiting for it.
  auto other = std::async(std::launch::async, [&] { s.run("x"); });
  const bool buffered_meanwhile =
      other.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  release.set_value();
  sender.join();
  other.get();
  EXPECT_TRUE(buffered_meanwhile);
  s.control();
  const Batches sent = s.sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0], (Strings{"1", "2"}));
  Strings rest = sent[1];
  std::sort(rest.begin(), rest.end());
  EXPECT_EQ(rest, (Strings{"3", "x"}));
}

}  // namespace
}  // namespace sub
