// SIGINT and SIGTERM for the commands that stream (`read`, `tap`): the first one asks the
// command to stop reading, send its control message (flushing every batch) and exit; a
// second one kills the process as usual (SA_RESETHAND).
#pragma once

#include <signal.h>

namespace sub::cli {

class StopSignals {
 public:
  // Installs the handler; the previous ones come back when this is destroyed.
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // True once a stop signal arrived (async-signal-safe flag, read from any thread).
  static bool raised();

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace sub::cli
