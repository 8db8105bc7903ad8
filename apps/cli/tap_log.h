// Debug logs of `substation tap`: with SUBSTATION_DEBUG set (to anything), one JSON object
// per line on stderr, {"time","level":"debug","msg", fields...} as the Lambda runtime writes
// them (apps/lambda/log.h), each line with a single write(2) so threads never interleave.
// Without SUBSTATION_DEBUG nothing is written.
#pragma once

#include <initializer_list>
#include <string_view>
#include <utility>

namespace sub::cli {

class DebugLog {
 public:
  using Fields = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  DebugLog();
  bool enabled() const { return enabled_; }
  void operator()(std::string_view msg, Fields fields = {}) const;

 private:
  bool enabled_;
};

}  // namespace sub::cli
