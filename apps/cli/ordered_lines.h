// `read` on several cores: the leading order-free steps of a chain (transform::Step::
// order_free: object_*, string_*, time_*, meta_switch over such steps, ...) run on worker
// threads a chunk of lines at a time; the rest of the chain (sends, aggregates, anything with
// state or effects) runs on the calling thread, line by line in input order. Every message
// reaches the rest of the chain in the order a sequential loop would send it, so the output
// is the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "core/context.h"
#include "services/file/line_scanner.h"
#include "transform/transform.h"

namespace sub::cli {

// The leading order-free steps of `chain` and the steps after them (either may be empty).
std::pair<transform::Chain, transform::Chain> split_order_free_prefix(
    const transform::Chain& chain);

struct LineHooks {
  std::function<void()> counted;  // a line was read
  std::function<bool()> stop;     // asked after each line read: stop reading?
  // A line's error (`line` is 1-based), called in input order from the calling thread.
  std::function<void(uint64_t line, const std::string& error)> fail;
};

// Runs every line of `lines` through `prefix` on up to `threads` worker threads and then
// through `suffix` here, in input order. A read error (the scanner throws) is rethrown once
// every line read before it has run, as a sequential loop would have run them.
// The first chunks of lines run on this thread; with `adaptive` they are timed, and when
// `prefix` does not weigh at least 1.5 times the rest, threads would not pay: the function then
// returns false, having run the lines it read, and the caller goes on line by line. Worker
// threads come from a pool that lasts the call. `line_no` counts the lines read.
bool run_lines_ordered(file::LineScanner& lines, const transform::Chain& prefix,
                       const transform::Chain& suffix, const Context& ctx, size_t threads,
                       bool adaptive, const LineHooks& hooks, uint64_t& line_no);

}  // namespace sub::cli
