// core/worker_pool.h: bounded threads and queue, reused threads, fan_out's join and errors.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "core/worker_pool.h"

namespace sub {
namespace {

TEST(WorkerPoolTest, FanOutFinishesEveryItemOnBoundedReusedThreads) {
  WorkerPool pool(3, 16);
  std::mutex mu;
  std::set<std::thread::id> seen;
  for (int round = 0; round < 5; ++round) {
    std::atomic<int> next{0}, done{0};
    pool.fan_out(4, [&] {
      {
        std::lock_guard<std::mutex> lock(mu);
        seen.insert(std::this_thread::get_id());
      }
      while (next.fetch_add(1) < 1000) done.fetch_add(1);
    });
    EXPECT_EQ(done.load(), 1000);
  }
  // This thread and at most three pool threads, the same ones every round.
  EXPECT_LE(seen.size(), 4u);
  EXPECT_TRUE(seen.count(std::this_thread::get_id()));
}

TEST(WorkerPoolTest, FanOutThrowsTheFirstErrorAfterEveryCallReturned) {
  WorkerPool pool(2, 4);
  std::atomic<int> returned{0};
  EXPECT_THROW(pool.fan_out(3,
                            [&] {
                              returned.fetch_add(1);
                              throw std::runtime_error("bad message");
                            }),
               std::runtime_error);
  EXPECT_EQ(returned.load(), 3);
}

TEST(WorkerPoolTest, QueueIsBoundedAndRefusalsAreReported) {
  WorkerPool pool(1, 1);
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  ASSERT_TRUE(pool.try_submit([&, released] {
    started.set_value();
    released.wait_for(std::chrono::seconds(30));
  }));
  ASSERT_EQ(started.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
  std::atomic<bool> ran{false};
  EXPECT_TRUE(pool.try_submit([&] { ran = true; }));  // waits for the one thread
  EXPECT_FALSE(pool.try_submit([] {}));               // the queue is full
  // fan_out still works: its own call runs here when no pool thread can take the others.
  std::atomic<int> calls{0};
  pool.fan_out(3, [&] { calls.fetch_add(1); });
  EXPECT_GE(calls.load(), 1);
  release.set_value();
  // The queued task runs once the thread is free (bounded wait: it touches this frame).
  for (int i = 0; i < 3000 && !ran; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace sub
