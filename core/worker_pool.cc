#include "core/worker_pool.h"

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>

namespace sub {

struct WorkerPool::State {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::function<void()>> queue;
  size_t started = 0;  // threads alive
  size_t idle = 0;     // of which waiting for a task
  bool stopping = false;
};

namespace {

void worker(std::shared_ptr<WorkerPool::State> st) {
  std::unique_lock<std::mutex> lock(st->mu);
  for (;;) {
    ++st->idle;
    st->cv.wait(lock, [&] { return st->stopping || !st->queue.empty(); });
    --st->idle;
    if (st->stopping) break;
    std::function<void()> task = std::move(st->queue.front());
    st->queue.pop_front();
    lock.unlock();
    try {
      task();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "worker pool: a task failed: %s\n", e.what());
    } catch (...) {
      std::fprintf(stderr, "worker pool: a task failed\n");
    }
    task = nullptr;  // release what it holds before waiting again
    lock.lock();
  }
  --st->started;
}

}  // namespace

WorkerPool::WorkerPool(size_t threads, size_t max_queued)
    : threads_(threads == 0 ? 1 : threads),
      max_queued_(max_queued),
      state_(std::make_shared<State>()) {}

WorkerPool::~WorkerPool() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->stopping = true;
    dropped.swap(state_->queue);
  }
  state_->cv.notify_all();
  // `dropped` is destroyed here, outside the lock: what its tasks hold is released.
}

bool WorkerPool::try_submit(std::function<void()> task) {
  std::unique_lock<std::mutex> lock(state_->mu);
  if (state_->queue.size() >= max_queued_) return false;
  // A thread is started when every running one is busy with the tasks already queued.
  if (state_->idle <= state_->queue.size() && state_->started < threads_) {
    try {
      std::thread(worker, state_).detach();
      ++state_->started;
    } catch (const std::system_error&) {
      if (state_->started == 0) return false;  // nothing would ever run it
    }
  }
  state_->queue.push_back(std::move(task));
  lock.unlock();
  state_->cv.notify_one();
  return true;
}

namespace {

// What the calls of one fan_out share; a call's ticket reports its end when it is destroyed,
// whether the call ran or was dropped with the pool.
struct Join {
  std::mutex mu;
  std::condition_variable cv;
  size_t pending = 0;
  std::exception_ptr error;

  void record(std::exception_ptr e) {
    std::lock_guard<std::mutex> lock(mu);
    if (!error) error = std::move(e);
  }
};

struct Ticket {
  explicit Ticket(std::shared_ptr<Join> j) : join(std::move(j)) {}
  Ticket(const Ticket&) = delete;
  Ticket& operator=(const Ticket&) = delete;
  ~Ticket() {
    std::lock_guard<std::mutex> lock(join->mu);
    if (--join->pending == 0) join->cv.notify_all();
  }
  std::shared_ptr<Join> join;
};

}  // namespace

void WorkerPool::fan_out(size_t n, const std::function<void()>& body) {
  auto join = std::make_shared<Join>();
  for (size_t i = 1; i < n; ++i) {
    {
      std::lock_guard<std::mutex> lock(join->mu);
      ++join->pending;
    }
    auto ticket = std::make_shared<Ticket>(join);
    if (!try_submit([ticket, &body] {
          try {
            body();
          } catch (...) {
            ticket->join->record(std::current_exception());
          }
        })) {
      break;  // the ticket is released with the refused task
    }
  }
  try {
    body();
  } catch (...) {
    join->record(std::current_exception());
  }
  std::unique_lock<std::mutex> lock(join->mu);
  join->cv.wait(lock, [&] { return join->pending == 0; });
  if (join->error) std::rethrow_exception(join->error);
}

}  // namespace sub
