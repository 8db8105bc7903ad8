#include "apps/cli/ordered_lines.h"

#include <deque>
#include <exception>
#include <future>
#include <optional>
#include <vector>

#include "core/error.h"

namespace sub::cli {
namespace {

// Lines per chunk, and bytes: a chunk is a few milliseconds of work, large enough that
// starting a thread for it costs little and small enough to keep memory low.
constexpr size_t kChunkLines = 1024;
constexpr size_t kChunkBytes = size_t{4} << 20;

struct Chunk {
  uint64_t first_line = 0;
  std::vector<Message> in;
  std::vector<std::vector<Message>> out;           // per line: what the prefix emitted
  std::vector<std::optional<std::string>> errors;  // per line: its error, if any
};

Chunk run_prefix(Chunk c, const transform::Chain& prefix, const Context& ctx) {
  c.out.resize(c.in.size());
  c.errors.resize(c.in.size());
  for (size_t i = 0; i < c.in.size(); ++i) {
    try {
      c.out[i] = prefix.apply(std::move(c.in[i]), ctx);
    } catch (const Error& e) {
      c.errors[i] = e.what();
    }
  }
  c.in.clear();
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

void run_lines_ordered(file::LineScanner& lines, const transform::Chain& prefix,
                       const transform::Chain& suffix, const Context& ctx, size_t threads,
                       const LineHooks& hooks) {
  // Chunks being worked on, oldest first. Each runs on a thread of its own (std::async), so
  // a worker's exception reaches this thread through its future.
  std::deque<std::future<Chunk>> running;
  const size_t window = threads + 1;
  std::exception_ptr read_error;
  bool more = true;
  uint64_t line_no = 0;

  const auto read_chunk = [&] {
    Chunk c;
    c.first_line = line_no + 1;
    size_t bytes = 0;
    try {
      std::string_view line;
      while (c.in.size() < kChunkLines && bytes < kChunkBytes) {
        if (!lines.next(line)) {
          more = false;
          break;
        }
        ++line_no;
        bytes += line.size();
        c.in.emplace_back(std::string(line));
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

  while (more || !running.empty()) {
    while (more && running.size() < window) {
      Chunk c = read_chunk();
      if (c.in.empty()) break;
      running.push_back(std::async(std::launch::async, run_prefix, std::move(c), std::cref(prefix),
                                   std::cref(ctx)));
    }
    if (running.empty()) break;
    Chunk done = running.front().get();
    running.pop_front();
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
  }
  if (read_error) std::rethrow_exception(read_error);
}

}  // namespace sub::cli
