// A sleep that respects the work's Context: it never runs past the deadline and notices
// cancellation within a few milliseconds. Used by utility_delay and meta_retry.
#pragma once

#include <chrono>

#include "core/context.h"

namespace sub::transform {

// Sleeps for `d` or until `ctx` expires, whichever comes first. Returns false when the
// context has expired (the sleep may then have been cut short).
[[nodiscard]] bool sleep_for(const Context& ctx, std::chrono::nanoseconds d);

// The Go text of an expired context's error: "context canceled" or
// "context deadline exceeded".
const char* context_error(const Context& ctx);

}  // namespace sub::transform
