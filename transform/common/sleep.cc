#include "transform/common/sleep.h"

#include <algorithm>
#include <thread>

namespace sub::transform {

namespace {
// How often a sleeper looks at the cancellation flag.
constexpr std::chrono::milliseconds kPollInterval(10);
}  // namespace

bool sleep_for(const Context& ctx, std::chrono::nanoseconds d) {
  using Clock = Context::Clock;
  if (ctx.expired()) return false;
  const Clock::time_point start = Clock::now();
  const Clock::time_point end =
      d >= ctx.deadline - start ? ctx.deadline : start + std::max(d, std::chrono::nanoseconds(0));
  for (;;) {
    const Clock::time_point now = Clock::now();
    if (now >= end) break;
    auto step = end - now;
    if (ctx.cancelled != nullptr) step = std::min<Clock::duration>(step, kPollInterval);
    std::this_thread::sleep_for(step);
    if (ctx.expired()) return false;
  }
  return !ctx.expired();
}

const char* context_error(const Context& ctx) {
  if (ctx.cancelled != nullptr && ctx.cancelled->load(std::memory_order_relaxed)) {
    return "context canceled";
  }
  return "context deadline exceeded";
}

}  // namespace sub::transform
