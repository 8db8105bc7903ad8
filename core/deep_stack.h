// Runs a function on a thread with a large stack, for the few walks that recurse once per
// nesting level (@pretty, @dig, @flatten:deep, config parsing). Inputs nested up to Go's
// 10,000-level limit must give the reference's result, and 10,000 frames do not fit the
// 2 MiB that new threads get (nor 8 MiB under AddressSanitizer). Shallow input, nearly all
// of it, runs in place: the caller decides with `needs_deep_stack`.
#pragma once

#include <cstddef>
#include <functional>

namespace sub {

// Nesting deeper than this runs on the large stack.
inline constexpr size_t kShallowNesting = 200;

// Runs `fn` on a new thread whose stack is 1 GiB of reserved address space (only the pages
// used are ever backed), waits for it and rethrows what it threw.
void with_deep_stack(const std::function<void()>& fn);

}  // namespace sub
