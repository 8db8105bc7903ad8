#include "apps/cli/ordered_lines.h"

#include <chrono>
#include <deque>
#include <exception>
#include <future>
#include <optional>
#include <vector>

#include "core/error.h"
#include "core/worker_pool.h"

namespace sub::cli {
namespace {

// Lines per chunk, and bytes: a chunk is a few milliseconds of work, large enough that
// starting a thread for it costs little and small enough to keep memory low.
constexpr size_t kChunkLines = 1024;
constexpr size_t kChunkBytes = size_t{4} << 20;
// Chunks timed to decide whether threads pay (after one untimed chunk).
constexpr size_t kTimedChunks = 4;

struct Chunk {
  uint64_t first_line = 0;
  // The lines, end to end in one buffer (the reading thread copies bytes, the worker makes
  // the messages): `ends[i]` is where line i stops.
  std::string text;
  std::vector<size_t> ends;
  std::vector<std::vector<Message>> out;           // per line: what the prefix emitted
  std::vector<std::optional<std::string>> errors;  // per line: its error, if any
};

Chunk run_prefix(Chunk c, const transform::Chain& prefix, const Context& ctx) {
  c.out.resize(c.ends.size());
  c.errors.resize(c.ends.size());
  size_t begin = 0;
  for (size_t i = 0; i < c.ends.size(); ++i) {
    Message msg(c.text.substr(begin, c.ends[i] - begin));
    begin = c.ends[i];
    try {
      c.out[i] = prefix.apply(std::move(msg), ctx);
    } catch (const Error& e) {
      c.errors[i] = e.what();
    }
  }
  std::string().swap(c.text);
  return c;
}

}  // namespace

std::pair<transform::Chain, transform::Chain> split_order_free_prefix(
    const transform::Chain& chain) {
  const std::vector<transform::Step>& steps = chain.steps();
  size_t n = 0;
  while (n < steps.size() && steps[n].order_free) ++n;
  return {transform::Chain({steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(n)}),
          transform::Chain({steps.begin() + static_cast<std::ptrdiff_t>(n), steps.end()})};
}

bool run_lines_ordered(file::LineScanner& lines, const transform::Chain& prefix,
                       const transform::Chain& suffix, const Context& ctx, size_t threads,
                       bool adaptive, const LineHooks& hooks, uint64_t& line_no) {
  // Chunks being worked on, oldest first, on pool threads that stay for the whole input (a
  // thread started per chunk cost its creation, and its allocator state, a thousand times
  // per million lines). A worker's exception reaches this thread through the chunk's future.
  const size_t window = threads + 1;
  WorkerPool pool(threads, window);
  std::deque<std::future<Chunk>> running;
  // Every chunk handed out is finished before this function returns, however it returns:
  // the workers read `prefix` and `ctx`.
  struct WaitAll {
    std::deque<std::future<Chunk>>& running;
    ~WaitAll() {
      for (std::future<Chunk>& f : running) {
        if (f.valid()) f.wait();  // a get() that threw leaves its future empty
      }
    }
  } wait_all{running};
  std::exception_ptr read_error;
  bool more = true;

  const auto read_chunk = [&] {
    Chunk c;
    c.first_line = line_no + 1;
    c.ends.reserve(kChunkLines);
    try {
      std::string_view line;
      while (c.ends.size() < kChunkLines && c.text.size() < kChunkBytes) {
        if (!lines.next(line)) {
          more = false;
          break;
        }
        ++line_no;
        c.text.append(line);
        c.ends.push_back(c.text.size());
        hooks.counted();
        if (hooks.stop()) {
          more = false;
          break;
        }
      }
    } catch (...) {
      read_error = std::current_exception();
      more = false;
    }
    return c;
  };
  const auto finish = [&](Chunk& done) {
    for (size_t i = 0; i < done.out.size(); ++i) {
      const uint64_t line = done.first_line + i;
      if (done.errors[i]) {
        hooks.fail(line, *done.errors[i]);
        continue;
      }
      if (done.out[i].empty()) continue;
      try {
        (void)suffix.apply(std::move(done.out[i]), ctx);
      } catch (const Error& e) {
        hooks.fail(line, e.what());
      }
    }
  };

  // The first chunks run here, all but the first timed (it pays for cold caches, and for the
  // first reads and writes): threads pay only when the order-free steps weigh at least 1.5
  // times what reading and the rest of the chain do, which stay on this thread. W2's steps
  // weigh 1.7-2.2 times and run 1.4 times faster on two cores (for 20% more CPU); W4's
  // weigh 1.2-1.4 times and gain 10% for 40% more CPU, so it goes on line by line, as does
  // anything lighter. Reading is timed over several chunks because it comes in blocks.
  using Clock = std::chrono::steady_clock;
  Clock::duration outside{}, inside{};
  // With --threads N the threads are asked for: one chunk here, then threads.
  const size_t timed = adaptive ? kTimedChunks : 0;
  for (size_t k = 0; k <= timed; ++k) {
    const Clock::time_point t0 = Clock::now();
    Chunk c = read_chunk();
    const Clock::time_point t1 = Clock::now();
    c = run_prefix(std::move(c), prefix, ctx);
    const Clock::time_point t2 = Clock::now();
    finish(c);
    const Clock::time_point t3 = Clock::now();
    if (read_error) std::rethrow_exception(read_error);
    if (!more) return true;
    if (k == 0) continue;
    outside += (t1 - t0) + (t3 - t2);
    inside += t2 - t1;
  }
  if (adaptive && 2 * inside < 3 * outside) return false;

  while (more || !running.empty()) {
    while (more && running.size() < window) {
      Chunk c = read_chunk();
      if (c.ends.empty()) break;
      auto job = std::make_shared<std::packaged_task<Chunk()>>(
          [c = std::move(c), &prefix, &ctx]() mutable {
            return run_prefix(std::move(c), prefix, ctx);
          });
      running.push_back(job->get_future());
      if (!pool.try_submit([job] { (*job)(); })) (*job)();  // no thread: run it here
    }
    if (running.empty()) break;
    Chunk done = running.front().get();
    running.pop_front();
    finish(done);
  }
  if (read_error) std::rethrow_exception(read_error);
  return true;
}

}  // namespace sub::cli
