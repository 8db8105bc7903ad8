// time_from_unix_milli: Unix milliseconds to Unix nanoseconds (Go's time.UnixMilli(ms).UnixNano()).
//
// Settings:
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the result to, as a JSON number
// Modes:
//   data    the data (read as a value, Int()) becomes the result's decimal digits
//   object  target := result; a missing source leaves the message unchanged
#include "transform/time/unix_convert.h"

namespace sub::transform {
namespace {

// Milliseconds to nanoseconds, wrapping on overflow as Go does.
int64_t convert(int64_t v) { return static_cast<int64_t>(static_cast<uint64_t>(v) * 1000000u); }

}  // namespace

std::shared_ptr<Transform> new_time_from_unix_milli(const config::Settings& s, Builder&) {
  return time::make_unix_convert(s, &convert);
}

}  // namespace sub::transform
