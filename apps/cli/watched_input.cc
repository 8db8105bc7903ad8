#include "apps/cli/watched_input.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "apps/cli/stop_signals.h"
#include "core/error.h"

namespace sub::cli {

size_t WatchedInput::read(char* buf, size_t n) {
  for (;;) {
    if (StopSignals::raised()) return 0;  // the end of the input, as far as `read` goes
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(kPoll.count()));
    if (ready < 0) {
      if (errno == EINTR) continue;
      throw Error("poll " + name_ + ": " + std::strerror(errno));
    }
    if (ready == 0) {
      if (!idle_ran_ && on_idle_) on_idle_();
      idle_ran_ = true;
      continue;
    }
    const ssize_t got = ::read(fd_, buf, n);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      throw Error("read " + name_ + ": " + std::strerror(errno));
    }
    idle_ran_ = false;
    return static_cast<size_t>(got);
  }
}

}  // namespace sub::cli
